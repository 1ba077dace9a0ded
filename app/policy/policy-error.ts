/**
 * Errors raised by the date-of-birth policy: its own family on the app's one error base (`app/errors`, which
 * imports nothing); the UI maps each `code` to words (see `app/ui/error-messages.ts`).
 */
import { AppError } from '../errors/app-error';

/** Every way a date or a decision input can be refused. */
export type PolicyErrorCode =
  /** Not a real calendar date (2月30日, month 13, wrong shape). */
  | 'policy.invalid-date'
  /** A real date written in an era that did not cover it (昭和64年1月8日, 平成31年5月1日). */
  | 'policy.date-outside-era'
  /** Text that is not a date in any format the card uses. */
  | 'policy.unrecognised-date'
  /** The certificate says the date of birth is unknown (era code 0). */
  | 'policy.unknown-birth-date'
  /** The certificate's era code contradicts its Gregorian date. */
  | 'policy.era-code-mismatch'
  /** A date of birth after "today". */
  | 'policy.birth-date-in-future'
  /** A minimum age that is not a whole number in the accepted range. */
  | 'policy.invalid-threshold'
  /** Two sources of the same date of birth disagree (the chip and number B, the face and the chip). */
  | 'policy.birth-date-mismatch';

declare module '../errors/app-error' {
  interface ErrorCodeRegistry extends Record<PolicyErrorCode, true> {}
}

/** A refused date or decision input. Never retriable: the same input gives the same answer. */
export class PolicyError extends AppError<PolicyErrorCode> {
  override readonly name = 'PolicyError';
  readonly retriable = false;
}

/** True when `value` is a {@link PolicyError}, whatever realm it came from. */
export function isPolicyError(value: unknown): value is PolicyError {
  return value instanceof PolicyError;
}
