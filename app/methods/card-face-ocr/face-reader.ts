/**
 * The card-face method as the store uses it: a still image or the live camera in, the fields an age check may
 * use out — the date of birth and the expiry always, the security code when it was read — or a
 * {@link CardFaceError} saying why not. Loaded lazily with the OCR engine.
 */
import { readFront, warmUp } from './browser-ocr';
import { readFromCamera } from './camera';
import { CardFaceError } from './face-errors';
import type { BirthField, FaceFields } from './face-fields';

/** Fields good enough to decide on or hand to the chip. */
export interface ReadFace {
  readonly birth: BirthField;
  /** ISO date. */
  readonly expiry: string;
  readonly securityCode: string | null;
}

export interface FaceReader {
  /** Starts the OCR engine ahead of the first read. */
  warmUp(): void;
  /** @throws {CardFaceError} the back, or no usable birth date and expiry */
  readImage(image: Blob, signal: AbortSignal): Promise<ReadFace>;
  /** @throws {CardFaceError} the back, or no two agreeing frames; `transport.aborted` when cancelled */
  readCamera(stream: MediaStream, signal: AbortSignal, onFrame?: (frames: number) => void): Promise<ReadFace>;
}

function usable(fields: FaceFields): ReadFace {
  const { birth, expiry, securityCode } = fields;
  if (!birth || !expiry) throw new CardFaceError('card-face.unreadable', 'birth date or expiry not read');
  return { birth, expiry, securityCode };
}

export const browserFaceReader: FaceReader = {
  warmUp,
  readImage: async (image) => {
    const reading = await readFront(image);
    if (reading.kind === 'back') throw new CardFaceError('card-face.back-shown', 'the back of the card');
    return usable(reading.fields);
  },
  readCamera: async (stream, signal, onFrame) =>
    usable(await readFromCamera(stream, { signal, read: readFront, ...(onFrame ? { onFrame } : {}) })),
};
