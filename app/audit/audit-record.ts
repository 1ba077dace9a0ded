/**
 * One line of the audit log, closed by construction: every field is a literal from a fixed set, a bounded
 * number, a boolean, a UTC instant or the terminal's random id. There is no free-text field, so a date of
 * birth, a name, number B, a security code or an image has nowhere to go; {@link validateAuditRecord} enforces
 * the same at run time before anything is written.
 */
import type { MethodId } from '../methods/method-id';
import {
  isValidMinimumAge,
  type Assurance,
  type ReasonCode,
  type ThresholdPresetId,
  type Verdict,
  type VerdictOutcome,
} from '../policy';
import { isTerminalId } from './terminal-id';

export interface AuditRecord {
  /** When the verdict was given: UTC, `YYYY-MM-DDTHH:mm:ss.sssZ`. */
  readonly at: string;
  /** The terminal's random id (see `terminal-id.ts`). */
  readonly terminalId: string;
  readonly method: MethodId;
  readonly threshold: ThresholdPresetId;
  /** The minimum age applied; null when the custom value was invalid (the verdict then failed closed). */
  readonly minimumAge: number | null;
  readonly verdict: VerdictOutcome;
  readonly assurance: Assurance | null;
  readonly reasons: readonly ReasonCode[];
  /** Decided on the simulator's card: never a real sale. */
  readonly demo: boolean;
}

/** Why a kiosk called staff: asked by the customer, a verdict that needs a person, or trouble running the check. */
export type StaffCallReason = 'requested' | 'verdict' | 'trouble';

/**
 * A kiosk's call for staff, made or cleared: when, why, and whether the terminal ran the demo. Told apart from
 * a verdict record by its `event` field.
 */
export interface StaffCallRecord {
  readonly at: string;
  readonly terminalId: string;
  readonly event: 'staff-call' | 'staff-call-cleared';
  readonly reason: StaffCallReason;
  readonly demo: boolean;
}

/** Any line of the audit log. */
export type AuditEntry = AuditRecord | StaffCallRecord;

/** What the session store reports when a kiosk calls staff or staff clear the call. */
export interface StaffCallEvent {
  readonly at: Date;
  readonly kind: 'called' | 'cleared';
  readonly reason: StaffCallReason;
}

/** What the session store reports when it gives a verdict. */
export interface VerdictEvent {
  readonly at: Date;
  readonly method: MethodId;
  readonly threshold: ThresholdPresetId;
  readonly verdict: Verdict;
}

// Each set is a Record over its type, so a literal added to or removed from the type fails to compile here.
const METHODS: Readonly<Record<MethodId, true>> = {
  'jpki-signature': true,
  'number-b': true,
  'age-record': true,
  'card-face-ocr': true,
};
const THRESHOLDS: Readonly<Record<ThresholdPresetId, true>> = {
  alcohol: true,
  tobacco: true,
  'public-racing': true,
  toto: true,
  adulthood: true,
  custom: true,
};
const VERDICTS: Readonly<Record<VerdictOutcome, true>> = {
  'of-age': true,
  'under-age': true,
  'staff-check': true,
  'cannot-verify': true,
};
const ASSURANCES: Readonly<Record<Assurance, true>> = {
  'chip-signature-with-password': true,
  'chip-read-with-number-b': true,
  'chip-signed-birth-date': true,
  'card-face': true,
};
const CALL_REASONS: Readonly<Record<StaffCallReason, true>> = { requested: true, verdict: true, trouble: true };
const CALL_EVENTS: Readonly<Record<StaffCallRecord['event'], true>> = {
  'staff-call': true,
  'staff-call-cleared': true,
};
const REASONS: Readonly<Record<ReasonCode, true>> = {
  'check-failed': true,
  'invalid-threshold': true,
  'invalid-clock': true,
  'invalid-birth-date': true,
  'birth-date-in-future': true,
  'invalid-card-expiry': true,
  'card-expired': true,
  'certificate-revoked': true,
  'revocation-not-checked': true,
  'revocation-check-required': true,
  'below-minimum-age': true,
  'meets-minimum-age': true,
  'holder-proven-by-password': true,
  'chip-proven-genuine': true,
  'chip-not-genuine': true,
  'holder-not-proven': true,
  'staff-must-compare-photo': true,
  'staff-must-compare-chip-photo': true,
  'staff-must-check-card': true,
  'kiosk-needs-staff': true,
  'demo-card': true,
};

/** The record's fields, in the order of the CSV columns. */
export const AUDIT_FIELDS = [
  'at',
  'terminalId',
  'method',
  'threshold',
  'minimumAge',
  'verdict',
  'assurance',
  'reasons',
  'demo',
] as const satisfies readonly (keyof AuditRecord)[];

const member =
  <T extends string>(set: Readonly<Record<T, true>>) =>
  (value: unknown): value is T =>
    typeof value === 'string' && Object.hasOwn(set, value);

const isMethod = member(METHODS);
const isThreshold = member(THRESHOLDS);
const isVerdict = member(VERDICTS);
const isAssurance = member(ASSURANCES);
const isReason = member(REASONS);
const isCallReason = member(CALL_REASONS);
const isCallEvent = member(CALL_EVENTS);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && new Date(value).toISOString() === value;
}

/**
 * The record, rebuilt from its known fields, when `value` is exactly an audit record: the same keys and
 * nothing else, each value from its closed set. Anything else — an extra field, a string outside a set — gives
 * `null`, and nothing is written.
 */
export function validateAuditRecord(value: unknown): AuditRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== AUDIT_FIELDS.length || !AUDIT_FIELDS.every((k) => keys.includes(k))) return null;
  const v = value as Record<(typeof AUDIT_FIELDS)[number], unknown>;
  if (!isInstant(v.at) || !isTerminalId(v.terminalId)) return null;
  if (!isMethod(v.method) || !isThreshold(v.threshold) || !isVerdict(v.verdict)) return null;
  if (v.minimumAge !== null && !(typeof v.minimumAge === 'number' && isValidMinimumAge(v.minimumAge))) return null;
  if (v.assurance !== null && !isAssurance(v.assurance)) return null;
  if (!Array.isArray(v.reasons) || v.reasons.length > Object.keys(REASONS).length) return null;
  const reasons: unknown[] = v.reasons;
  if (!reasons.every(isReason)) return null;
  if (typeof v.demo !== 'boolean') return null;
  return Object.freeze({
    at: v.at,
    terminalId: v.terminalId,
    method: v.method,
    threshold: v.threshold,
    minimumAge: v.minimumAge,
    verdict: v.verdict,
    assurance: v.assurance,
    reasons: Object.freeze([...reasons]),
    demo: v.demo,
  });
}

/** The fields of a staff-call record. */
export const STAFF_CALL_FIELDS = [
  'at',
  'terminalId',
  'event',
  'reason',
  'demo',
] as const satisfies readonly (keyof StaffCallRecord)[];

/** The staff-call record, rebuilt from its known fields, when `value` is exactly one; else `null`. */
export function validateStaffCallRecord(value: unknown): StaffCallRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== STAFF_CALL_FIELDS.length || !STAFF_CALL_FIELDS.every((k) => keys.includes(k))) return null;
  const v = value as Record<(typeof STAFF_CALL_FIELDS)[number], unknown>;
  if (!isInstant(v.at) || !isTerminalId(v.terminalId)) return null;
  if (!isCallEvent(v.event) || !isCallReason(v.reason) || typeof v.demo !== 'boolean') return null;
  return Object.freeze({ at: v.at, terminalId: v.terminalId, event: v.event, reason: v.reason, demo: v.demo });
}

/** Any audit line: a staff call (it has an `event`) or a verdict record. */
export function validateAuditEntry(value: unknown): AuditEntry | null {
  const isCall = typeof value === 'object' && value !== null && Object.hasOwn(value, 'event');
  return isCall ? validateStaffCallRecord(value) : validateAuditRecord(value);
}

/** The record of a staff call made or cleared. */
export function staffCallRecordOf(event: StaffCallEvent, terminalId: string, demo: boolean): StaffCallRecord | null {
  return validateStaffCallRecord({
    at: event.at.toISOString(),
    terminalId,
    event: event.kind === 'called' ? 'staff-call' : 'staff-call-cleared',
    reason: event.reason,
    demo,
  });
}

/** The audit record of a verdict: only the closed fields are copied (never the age or the dates). */
export function auditRecordOf(event: VerdictEvent, terminalId: string): AuditRecord | null {
  const { verdict } = event;
  return validateAuditRecord({
    at: event.at.toISOString(),
    terminalId,
    method: event.method,
    threshold: event.threshold,
    minimumAge: isValidMinimumAge(verdict.minimumAge) ? verdict.minimumAge : null,
    verdict: verdict.outcome,
    assurance: verdict.assurance,
    reasons: verdict.reasons.map((r) => r.code),
    demo: verdict.demo,
  });
}
