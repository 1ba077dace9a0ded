/**
 * How reading the card face can end without usable fields: the camera, the picture, or what it showed.
 */
import { AppError } from '../../errors/app-error';

export type CardFaceErrorCode =
  /** The camera (or still image) gave no date of birth and expiry that could be trusted. */
  | 'card-face.unreadable'
  /** The text reader (the OCR engine) did not answer in time: not the picture's fault; a fresh one answers the next try. */
  | 'card-face.engine-stalled'
  /** The back of the card (which prints the My Number) was shown: nothing of it is read. */
  | 'card-face.back-shown'
  /** The printed expiry contradicts the printed birthday on an era-printed card. */
  | 'card-face.expiry-mismatch'
  /** The person or a policy refused the camera. */
  | 'camera.denied'
  /** No camera, or it could not be started. */
  | 'camera.unavailable';

declare module '../../errors/app-error' {
  interface ErrorCodeRegistry extends Record<CardFaceErrorCode, true> {}
}

/** Only an unreadable picture, a stalled engine or the back shown may go better on another try. */
const RETRIABLE: ReadonlySet<CardFaceErrorCode> = new Set([
  'card-face.unreadable',
  'card-face.engine-stalled',
  'card-face.back-shown',
]);

export class CardFaceError extends AppError<CardFaceErrorCode> {
  override readonly name = 'CardFaceError';
  readonly retriable: boolean;

  constructor(code: CardFaceErrorCode, message: string = code) {
    super(code, message);
    this.retriable = RETRIABLE.has(code);
  }
}
