/**
 * Method 2, the number-B age check: 照合番号B opens the support AP's basic 4 information without a PIN; the
 * chip proves the card genuine, the clerk compares the photo. Only the date of birth is read and only after it
 * agrees with the era birth date typed in number B. Never retried: a refusal comes back with the tries left and
 * the group most likely mistyped.
 */
import { NUMBER_B_FLOOR, SupportAp } from '../../card/apps/support-ap';
import type { ReadProgress } from '../../card/apps/binary-file';
import { wipe } from '../../card/bytes';
import { CardError } from '../../card/card-errors';
import type { CardTransport } from '../../card/transport';
import { AppError } from '../../errors/app-error';
import { datesFromEraDigits, parseChipBirthDate, PolicyError, type BirthDateEvidence } from '../../policy';
import {
  birthDigitsText,
  expiryYearOf,
  likelyWrongGroup,
  numberBBytes,
  validateNumberB,
  type NumberBDigits,
  type NumberBProblem,
} from './number-b';

export type NumberBErrorCode =
  /** 照合番号B has 3 or fewer tries left: nothing was sent, so the card cannot be locked by this check. */
  'number-b.too-few-tries';

declare module '../../errors/app-error' {
  interface ErrorCodeRegistry extends Record<NumberBErrorCode, true> {}
}

/** The number-B check refused to send (the card's own refusals are {@link CardError}s). */
export class NumberBError extends AppError<NumberBErrorCode> {
  override readonly name = 'NumberBError';
  readonly retriable = false;
}

export interface NumberBPorts {
  readonly transport: CardTransport;
  /** The Japanese date (ISO), for validation. */
  readonly today: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export type NumberBResult =
  | { readonly kind: 'evidence'; readonly evidence: BirthDateEvidence }
  /** The groups do not form a possible number: nothing was sent. */
  | { readonly kind: 'invalid'; readonly problems: readonly NumberBProblem[] }
  /** 3 or fewer tries left: nothing was sent; the number must be checked against the card. */
  | { readonly kind: 'too-few-tries'; readonly triesLeft: number }
  /** The card refused the number: `triesLeft` remain; the wrong group when the number itself shows it. */
  | { readonly kind: 'rejected'; readonly triesLeft: number; readonly likelyWrong: 'birth' | 'expiry' | null };

/**
 * Runs the check once with the three groups (the caller owns and wipes `digits`; the 14-byte secret built
 * from them is wiped here once sent).
 * @throws {TransportError | CardError | PolicyError} anything that must end as "cannot verify", including a
 *   date of birth on the chip that disagrees with number B (`policy.birth-date-mismatch`).
 */
export async function runNumberBCheck(ports: NumberBPorts, digits: NumberBDigits): Promise<NumberBResult> {
  const problems = validateNumberB(digits, ports.today);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const options = ports.signal ? { signal: ports.signal } : {};
  const support = new SupportAp(ports.transport);
  await support.select(options);
  const triesLeft = await support.numberBTriesLeft(options);
  if (triesLeft < NUMBER_B_FLOOR) return { kind: 'too-few-tries', triesLeft };

  const secret = numberBBytes(digits);
  try {
    await support.verifyNumberB(secret, options);
  } catch (error) {
    if (error instanceof CardError && error.code === 'card.pin-rejected') {
      return {
        kind: 'rejected',
        triesLeft: error.details.triesLeft ?? 0,
        likelyWrong: likelyWrongGroup(digits, ports.today),
      };
    }
    throw error;
  } finally {
    wipe(secret);
  }

  const stored = await support.readBirthDate({
    ...options,
    ...(ports.onProgress ? { onProgress: ports.onProgress } : {}),
  });
  const dateOfBirth = parseChipBirthDate(stored);
  // The chip's date must be one the typed era digits can stand for; otherwise something is off: fail closed.
  if (!datesFromEraDigits(birthDigitsText(digits)).includes(dateOfBirth)) {
    throw new PolicyError('policy.birth-date-mismatch', 'the chip and number B disagree on the date of birth');
  }
  return {
    kind: 'evidence',
    evidence: {
      kind: 'date-of-birth',
      dateOfBirth,
      assurance: 'chip-read-with-number-b',
      cardExpiry: { year: expiryYearOf(digits) },
      demo: ports.transport.info.simulated,
    },
  };
}
