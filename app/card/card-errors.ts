/**
 * Errors of the card layer: a status word that means failure, a credential refused or blocked, a file that
 * does not parse, or an attempt to touch what the law forbids. Raised by `checkSw` and the application
 * modules; the UI words them by `code`.
 */
import { AppError } from '../errors/app-error';
import { describeSw, SW, triesLeftOf } from './status-words';

export type CardErrorCode =
  /** A status word other than 90 00 that has no more specific meaning here. */
  | 'card.status'
  /** Wrong PIN, password or 照合番号B: `triesLeft` says how many remain. */
  | 'card.pin-rejected'
  /** The credential is locked (63 C0 or 69 84): only the municipal office can reset it. */
  | 'card.pin-blocked'
  /** Too few tries left to risk another attempt. */
  | 'card.pin-too-few-tries'
  /**
   * The card answered a VERIFY with neither success nor a tries count (6C xx, 61 xx…): nothing was resent;
   * `triesLeft` holds the count read again with an empty VERIFY, when it could be read.
   */
  | 'card.verify-odd-status'
  /**
   * The VERIFY went out and its answer was lost (card moved, reader unplugged, timeout): whether the card took
   * the secret, and a try with it, is unknown. The check ends — a "try again" would send the secret once more.
   */
  | 'card.verify-unanswered'
  /** The file's contents are not what the card should hold. */
  | 'card.parse'
  /** The code asked for a My-Number-bearing file or credential: refused before anything was sent. */
  | 'card.forbidden'
  /** The certificate does not chain to a configured trust anchor (or is from the simulator in production). */
  | 'card.certificate-untrusted'
  | 'card.certificate-expired'
  | 'card.certificate-not-yet-valid'
  /** Not a signature certificate: key usage lacks digitalSignature + nonRepudiation. */
  | 'card.certificate-key-usage'
  /** The JPKI signature policy OID is missing. */
  | 'card.certificate-policy'
  /** The certificate carries no date of birth. */
  | 'card.birth-date-missing'
  /** The card's signature over our challenge does not verify with the certificate's key. */
  | 'card.signature-invalid'
  /**
   * The chip did not prove itself genuine (card-protocol.md §4): its CV certificate names no configured CA key
   * or does not verify, a J-LIS signature over a record does not verify, the chip's answer to our challenge
   * does not verify, or two signed records disagree. `details.check` says which.
   */
  | 'card.chip-not-genuine'
  /** No CV CA key is configured for the chip check: nothing can prove the chip genuine. */
  | 'card.chip-keys-not-configured';

/** Which step of the genuine-chip proof failed (for tests and diagnostics; the clerk sees one message). */
export type ChipCheckFailure =
  | 'issuer-unknown'
  | 'cv-certificate'
  | 'signed-record'
  | 'challenge'
  | 'photo-record'
  | 'records-disagree'
  | 'simulated-chip';

declare module '../errors/app-error' {
  interface ErrorCodeRegistry extends Record<CardErrorCode, true> {}
}

export class CardError extends AppError<CardErrorCode> {
  override readonly name = 'CardError';
  readonly retriable: boolean;

  constructor(
    code: CardErrorCode,
    message: string,
    readonly details: { readonly sw?: number; readonly triesLeft?: number; readonly check?: ChipCheckFailure } = {},
  ) {
    super(code, message);
    this.retriable = code === 'card.status' || code === 'card.parse';
  }
}

/**
 * Splits a response and throws unless its status word is 90 00. 63 Cx becomes `card.pin-rejected` with the
 * tries left (x = 0: `card.pin-blocked`), 69 84 `card.pin-blocked`; anything else `card.status` with the SW.
 * @returns the response data
 */
export function checkSw(response: Uint8Array): Uint8Array {
  const sw = ((response[response.length - 2] ?? 0) << 8) | (response[response.length - 1] ?? 0);
  if (response.length >= 2 && sw === SW.ok) return response.subarray(0, -2);
  const tries = triesLeftOf(sw);
  if (tries === 0 || sw === SW.pinBlocked)
    throw new CardError('card.pin-blocked', 'the credential is blocked', { sw, triesLeft: 0 });
  if (tries !== null)
    throw new CardError('card.pin-rejected', `rejected, ${tries} tries left`, { sw, triesLeft: tries });
  throw new CardError('card.status', describeSw(sw).en, { sw });
}
