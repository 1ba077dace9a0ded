/**
 * Errors of the path to the card (readers, bridge, virtual card): one family, each with a code the UI words
 * (`app/ui/error-messages.ts`) and whether trying again can help. Drivers translate USB, RF and DOM failures
 * into these exactly once, where they happen.
 */
import { AppError } from '../errors/app-error';

export type TransportErrorCode =
  /** No card on the reader. */
  | 'transport.no-card'
  /** The card left the field during a check. */
  | 'transport.card-removed'
  /** The reader was unplugged or stopped answering on USB. */
  | 'transport.reader-unplugged'
  /** The reader did not answer in time. */
  | 'transport.timeout'
  /** The user or a policy refused access to the device. */
  | 'transport.permission-denied'
  /**
   * The browser lists the reader but the operating system will not let it open the device: on Windows the
   * reader runs another driver than WinUSB (e.g. Sony's NFC Port Software), on Linux no udev rule gives the
   * user access. Only an administrator can change that (README: getting a reader to the browser).
   */
  | 'transport.reader-access-denied'
  /** Another driver or program holds the reader's interface (Linux's port100 module, Sony's software, a tab). */
  | 'transport.reader-in-use'
  /** This browser or context cannot reach this reader at all. */
  | 'transport.not-supported'
  /** Another exchange is still running on this transport. */
  | 'transport.busy'
  /** Frames that do not follow the reader's or ISO-DEP's protocol (corruption, checksum, sequence). */
  | 'transport.protocol'
  /** The check was cancelled. */
  | 'transport.aborted';

const RETRIABLE: Readonly<Record<TransportErrorCode, boolean>> = {
  'transport.no-card': true,
  'transport.card-removed': true,
  'transport.reader-unplugged': true,
  'transport.timeout': true,
  'transport.permission-denied': false,
  'transport.reader-access-denied': false,
  'transport.reader-in-use': true,
  'transport.not-supported': false,
  'transport.busy': true,
  'transport.protocol': true,
  'transport.aborted': false,
};

declare module '../errors/app-error' {
  interface ErrorCodeRegistry extends Record<TransportErrorCode, true> {}
}

export class TransportError extends AppError<TransportErrorCode> {
  override readonly name = 'TransportError';
  readonly retriable: boolean;

  constructor(code: TransportErrorCode, message: string = code, options?: { cause?: unknown }) {
    super(code, message, options);
    this.retriable = RETRIABLE[code];
  }
}

/** Throws `transport.aborted` when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TransportError('transport.aborted', 'cancelled');
}
