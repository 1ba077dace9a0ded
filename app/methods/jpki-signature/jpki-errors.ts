/**
 * The JPKI check's own refusals, beside the card's: the terminal lacks its trust anchors.
 */
import { AppError } from '../../errors/app-error';

export type JpkiErrorCode =
  /** No J-LIS roots are configured: the signature cannot be verified here, so the check is not offered. */
  'jpki.not-configured';

declare module '../../errors/app-error' {
  interface ErrorCodeRegistry extends Record<JpkiErrorCode, true> {}
}

export class JpkiError extends AppError<JpkiErrorCode> {
  override readonly name = 'JpkiError';
  readonly retriable = false;
}
