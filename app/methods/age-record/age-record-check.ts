/**
 * The age-record check: the surface AP's EF 0001, made for age checks, opened by the 6-digit birth-date key
 * (era YYMMDD — typed by the clerk or read from the card face). It holds only the date of birth, the card key
 * and a J-LIS signature. Chain: pinned CA 5000023 → EF 0004 → DF13 over DF11 ‖ DF12 → the DF12 key answers a
 * fresh challenge. Needs neither the expiry year nor the security code. The evidence is a chip-signed date of
 * birth whose holder is not proven (a kiosk sends it to staff). The key's counter is read first; nothing is
 * sent below the floor, nothing is retried.
 */
import { BIRTH_DATE_KEY_FLOOR, SurfaceAp } from '../../card/apps/surface-ap';
import type { ReadProgress } from '../../card/apps/binary-file';
import { wipe } from '../../card/bytes';
import { CardError } from '../../card/card-errors';
import { verifySignedRecord } from '../../card/chip-proof';
import { CHIP_CHECKS, datesFromEraDigits, parseChipBirthDate, PolicyError, type BirthDateEvidence } from '../../policy';
import { certifiedSurfaceKey, chipAnchors, challengeSurfaceChip, type ChipProofPorts } from '../chip-proof/prove-chip';

export type AgeRecordStage = 'verifying-birth-date' | 'reading-record' | 'proving-chip';

export type AgeRecordErrorCode =
  /** The birth-date key has too few tries left: nothing was sent, so this check cannot lock it. */
  'age-record.too-few-tries';

declare module '../../errors/app-error' {
  interface ErrorCodeRegistry extends Record<AgeRecordErrorCode, true> {}
}

export interface AgeRecordPorts extends ChipProofPorts {
  /** The Japanese date (ISO), for validation. */
  readonly today: string;
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: AgeRecordStage) => void;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export interface AgeRecordInput {
  /** 6 digits: era year, month, day (the first six digits of 照合番号B). */
  readonly birth: string;
  /** The card's expiry as printed (ISO), when the card face was read: an expired card is refused. */
  readonly faceExpiry?: string;
}

export type AgeRecordResult =
  | { readonly kind: 'evidence'; readonly evidence: BirthDateEvidence }
  /** Not six digits of a date in some era up to today: nothing was sent. */
  | { readonly kind: 'invalid' }
  /** Too few tries left on the birth-date key: nothing was sent. */
  | { readonly kind: 'too-few-tries'; readonly triesLeft: number }
  /** The card refused the six digits: `triesLeft` remain. */
  | { readonly kind: 'rejected'; readonly triesLeft: number };

/** The six digits, half-width, or null when they cannot be a date of birth on or before `today`. */
export function birthDigits(text: string, today: string): string | null {
  const digits = text.normalize('NFKC').replace(/\s+/g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  return datesFromEraDigits(digits).some((date) => date <= today) ? digits : null;
}

/**
 * Runs the check once.
 * @throws {TransportError | CardError | PolicyError} anything that must end as "cannot verify": a chip that does
 *   not prove itself genuine (`card.chip-not-genuine`), no configured keys, a date the six digits cannot stand
 *   for (`policy.birth-date-mismatch`).
 */
export async function runAgeRecordCheck(ports: AgeRecordPorts, input: AgeRecordInput): Promise<AgeRecordResult> {
  const digits = birthDigits(input.birth, ports.today);
  if (digits === null) return { kind: 'invalid' };
  const options = ports.signal ? { signal: ports.signal } : {};
  // Before the card is touched: without keys to prove the chip, the six digits are not worth presenting.
  const anchors = await chipAnchors(ports);
  const surface = new SurfaceAp(ports.transport);
  await surface.select(options);
  const triesLeft = await surface.birthDateKeyTriesLeft(options);
  if (triesLeft < BIRTH_DATE_KEY_FLOOR) return { kind: 'too-few-tries', triesLeft };

  ports.onStage?.('verifying-birth-date');
  const secret = Uint8Array.from(digits, (c) => c.charCodeAt(0));
  try {
    await surface.verifyBirthDateKey(secret, options);
  } catch (error) {
    if (error instanceof CardError && error.code === 'card.pin-rejected') {
      return { kind: 'rejected', triesLeft: error.details.triesLeft ?? 0 };
    }
    throw error;
  } finally {
    wipe(secret);
  }

  ports.onStage?.('reading-record');
  const certifiedKey = await certifiedSurfaceKey(surface, anchors, options);
  const read = await surface.readAgeRecord({
    ...options,
    ...(ports.onProgress ? { onProgress: ports.onProgress } : {}),
  });
  try {
    ports.onStage?.('proving-chip');
    await verifySignedRecord(read.record, certifiedKey);
    await challengeSurfaceChip(surface, read.record.publicKey, ports, options);
    const dateOfBirth = parseChipBirthDate(read.record.birthDate);
    if (!datesFromEraDigits(digits).includes(dateOfBirth)) {
      throw new PolicyError('policy.birth-date-mismatch', 'the chip and the six digits disagree on the date of birth');
    }
    return {
      kind: 'evidence',
      evidence: {
        kind: 'date-of-birth',
        dateOfBirth,
        assurance: 'chip-signed-birth-date',
        chipChecks: CHIP_CHECKS,
        ...(input.faceExpiry ? { cardExpiry: { date: input.faceExpiry } } : {}),
        demo: ports.transport.info.simulated || anchors.mode === 'demo',
      },
    };
  } finally {
    read.wipe();
  }
}
