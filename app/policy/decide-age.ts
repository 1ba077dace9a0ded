/**
 * The one decision every age check ends in. It fails closed: any error, doubt or unverifiable input gives
 * `cannot-verify`, and a kiosk never says `of-age` on evidence that does not prove the holder
 * (../shared/docs/architecture.md, "Honest assurance").
 */
import { ageOn } from './age';
import { daysInMonth, parseIsoDate } from './iso-date';
import { isValidMinimumAge } from './thresholds';
import { reason, type ReasonCode, type VerdictReason } from './verdict-reasons';

/** What the date of birth rests on, strongest first. */
export type Assurance =
  /** JPKI signature with the signature password: genuine card and the holder proven. */
  | 'chip-signature-with-password'
  /** Support AP read with 照合番号B, the chip proven genuine: staff must compare the photo. */
  | 'chip-read-with-number-b'
  /** Surface AP age record opened by the 6-digit birth-date key, J-LIS-signed, chip proven genuine: holder not proven. */
  | 'chip-signed-birth-date'
  /** Printed face read by the camera: visual only; staff must check the card. */
  | 'card-face';

/** Counter tablet operated by a clerk, or self-service kiosk. */
export type OperatingMode = 'clerk' | 'kiosk';

/** The card's expiry: the printed date, or only the year (from 照合番号B). */
export type CardExpiry = { readonly date: string } | { readonly year: number };

/** Result of the certificate revocation check, where a method has one. */
export type RevocationStatus = 'good' | 'revoked' | 'not-checked';

/**
 * A genuine-chip check a chip method ran and passed (card-protocol.md §4): the application's CV certificate
 * under a pinned CA key, the J-LIS signature over the record that names the chip's key, and the chip's answer
 * to a fresh challenge under that key.
 */
export type ChipCheck = 'cv-certificate' | 'signed-record' | 'fresh-challenge';

/** Every check a chip read needs before anything may rest on it. */
export const CHIP_CHECKS: readonly ChipCheck[] = Object.freeze(['cv-certificate', 'signed-record', 'fresh-challenge']);

/** A date of birth obtained by one of the methods. */
export interface BirthDateEvidence {
  readonly kind: 'date-of-birth';
  /** ISO `YYYY-MM-DD`, produced by one of the policy's parsers. */
  readonly dateOfBirth: string;
  readonly assurance: Assurance;
  readonly cardExpiry?: CardExpiry;
  readonly revocation?: RevocationStatus;
  /** For chip reads: the genuine-chip checks that passed. A chip read without all of them is not accepted. */
  readonly chipChecks?: readonly ChipCheck[];
  /** The chip's own J-LIS-signed face photo was read for the clerk to compare (number B, clerk mode). */
  readonly chipPhoto?: boolean;
  /** True when the card is the simulator's: the verdict is then marked as a demo. */
  readonly demo?: boolean;
}

/** A method that ended without a date of birth. */
export interface FailedEvidence {
  readonly kind: 'failed';
  /** The error code that stopped the method (e.g. `policy.invalid-date`, a card or transport code). */
  readonly errorCode: string;
}

/** Everything the decision needs. */
export interface DecisionInput {
  readonly evidence: BirthDateEvidence | FailedEvidence;
  /** The Japanese calendar date, from {@link japanDate}. */
  readonly today: string;
  readonly minimumAge: number;
  readonly mode: OperatingMode;
  /** When true, evidence with `revocation: 'not-checked'` cannot be accepted as of age. */
  readonly requireRevocationCheck?: boolean;
}

export type VerdictOutcome = 'of-age' | 'under-age' | 'staff-check' | 'cannot-verify';

/** The decision, with what it rests on. */
export interface Verdict {
  readonly outcome: VerdictOutcome;
  readonly minimumAge: number;
  /** Completed years, when the date of birth was usable. */
  readonly age: number | null;
  readonly assurance: Assurance | null;
  /** The Japanese date the decision was made for. */
  readonly decidedOn: string;
  readonly demo: boolean;
  /** The error code behind a `cannot-verify`, when a method failed. */
  readonly errorCode: string | null;
  readonly reasons: readonly VerdictReason[];
}

/** Assurances that prove the person presenting the card is its holder. */
const HOLDER_PROVING: ReadonlySet<Assurance> = new Set(['chip-signature-with-password']);

/** Assurances resting on a chip read that must first prove the chip genuine. */
const CHIP_READS: ReadonlySet<Assurance> = new Set(['chip-read-with-number-b', 'chip-signed-birth-date']);

const KNOWN_ASSURANCES: ReadonlySet<Assurance> = new Set([
  'chip-signature-with-password',
  'chip-read-with-number-b',
  'chip-signed-birth-date',
  'card-face',
]);

/** What the verdict may say the evidence proves, and what staff must still do in clerk mode. */
function clerkNotes(evidence: BirthDateEvidence): ReasonCode[] {
  switch (evidence.assurance) {
    case 'chip-signature-with-password':
      return ['holder-proven-by-password'];
    case 'chip-read-with-number-b':
      return [
        'chip-proven-genuine',
        evidence.chipPhoto === true ? 'staff-must-compare-chip-photo' : 'staff-must-compare-photo',
      ];
    case 'chip-signed-birth-date':
      return ['chip-proven-genuine', 'holder-not-proven', 'staff-must-compare-photo'];
    case 'card-face':
      return ['staff-must-check-card'];
  }
}

/** True when a chip read carries every genuine-chip check (other evidence needs none). */
function chipProven(evidence: BirthDateEvidence): boolean {
  if (!CHIP_READS.has(evidence.assurance)) return true;
  const passed = evidence.chipChecks ?? [];
  return CHIP_CHECKS.every((check) => passed.includes(check));
}

function isValidIsoDate(iso: string): boolean {
  try {
    parseIsoDate(iso);
    return true;
  } catch {
    return false;
  }
}

/**
 * The last day the card is valid. With only the year (照合番号B), a card expires on the holder's birthday in
 * that year; 29 February counts as 28 February in a common year so that doubt falls on the safe side.
 * Returns `null` when the expiry is malformed.
 */
function lastValidDay(expiry: CardExpiry, dateOfBirth: string): string | null {
  if ('date' in expiry) return isValidIsoDate(expiry.date) ? expiry.date : null;
  const birth = parseIsoDate(dateOfBirth);
  const { year } = expiry;
  if (!Number.isInteger(year) || year < birth.year || year > 9999) return null;
  const day = Math.min(birth.day, daysInMonth(year, birth.month));
  return `${String(year).padStart(4, '0')}-${String(birth.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Decides whether the customer meets `minimumAge`, failing closed.
 *
 * Rules, in order: a failed method, an invalid threshold, clock or date of birth, an expired or unreadable
 * card expiry, or a revoked certificate → `cannot-verify`; below the minimum → `under-age`; otherwise
 * `of-age`, except that a kiosk answers `staff-check` for evidence that does not prove the holder.
 */
export function decideAge(input: DecisionInput): Verdict {
  try {
    return decide(input);
  } catch {
    // Inputs cross a typed boundary but may still be malformed at run time: doubt never becomes "of age".
    return {
      outcome: 'cannot-verify',
      minimumAge: input.minimumAge,
      age: null,
      assurance: null,
      decidedOn: input.today,
      demo: false,
      errorCode: null,
      reasons: [reason('check-failed')],
    };
  }
}

function decide(input: DecisionInput): Verdict {
  const { evidence, today, minimumAge, mode } = input;
  const base = {
    minimumAge,
    decidedOn: today,
    age: null,
    assurance: evidence.kind === 'date-of-birth' ? evidence.assurance : null,
    demo: evidence.kind === 'date-of-birth' && evidence.demo === true,
    errorCode: null,
  } satisfies Omit<Verdict, 'outcome' | 'reasons'>;
  const withDemo = (codes: ReasonCode[]) => (base.demo ? [...codes, 'demo-card' as const] : codes).map(reason);
  const cannotVerify = (code: ReasonCode, errorCode: string | null = null): Verdict => ({
    ...base,
    outcome: 'cannot-verify',
    errorCode,
    reasons: withDemo([code]),
  });

  if (evidence.kind === 'failed') return cannotVerify('check-failed', evidence.errorCode);
  if (!KNOWN_ASSURANCES.has(evidence.assurance)) return cannotVerify('check-failed');
  if (!chipProven(evidence)) return cannotVerify('chip-not-genuine');
  if (!isValidMinimumAge(minimumAge)) return cannotVerify('invalid-threshold');
  if (!isValidIsoDate(today)) return cannotVerify('invalid-clock');
  if (!isValidIsoDate(evidence.dateOfBirth)) return cannotVerify('invalid-birth-date');
  if (evidence.dateOfBirth > today) return cannotVerify('birth-date-in-future');

  // The printed face is only as good as the card it is on: a verdict on it needs the card's expiry.
  if (evidence.assurance === 'card-face' && evidence.cardExpiry === undefined) {
    return cannotVerify('invalid-card-expiry');
  }
  if (evidence.cardExpiry !== undefined) {
    const lastDay = lastValidDay(evidence.cardExpiry, evidence.dateOfBirth);
    if (lastDay === null) return cannotVerify('invalid-card-expiry');
    if (lastDay < today) return cannotVerify('card-expired');
  }
  if (evidence.revocation === 'revoked') return cannotVerify('certificate-revoked');

  const age = ageOn(evidence.dateOfBirth, today);
  const decided = (outcome: VerdictOutcome, codes: ReasonCode[]): Verdict => ({
    ...base,
    age,
    outcome,
    reasons: withDemo(codes),
  });
  if (age < minimumAge) return decided('under-age', ['below-minimum-age']);

  const revocationNotChecked = evidence.revocation === 'not-checked';
  if (revocationNotChecked && input.requireRevocationCheck === true) {
    return { ...cannotVerify('revocation-check-required'), age };
  }
  const notes: ReasonCode[] = revocationNotChecked ? ['revocation-not-checked'] : [];
  if (mode === 'kiosk' && !HOLDER_PROVING.has(evidence.assurance)) {
    return decided('staff-check', ['meets-minimum-age', 'kiosk-needs-staff', ...notes]);
  }
  return decided('of-age', ['meets-minimum-age', ...clerkNotes(evidence), ...notes]);
}
