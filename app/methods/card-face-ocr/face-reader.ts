/**
 * The card-face method as the store uses it: a still image or the live camera in, the fields an age check may
 * use out — the date of birth always; the expiry always for a verdict on the face, when it was read for a hand-over
 * to the chip (whose age record needs only the birth date); the security code when it was read — or a
 * {@link CardFaceError} saying why not. Loaded lazily with the OCR engine.
 */
import { readFront, warmUp } from './browser-ocr';
import { readFromCamera } from './camera';
import { CardFaceError } from './face-errors';
import type { BirthField, FaceFields } from './face-fields';

/** Fields good enough to decide on or hand to the chip. */
export interface ReadFace {
  readonly birth: BirthField;
  /** ISO date; null only when `birth` was all that was asked for. */
  readonly expiry: string | null;
  readonly securityCode: string | null;
}

/**
 * What a read must give: both dates for a verdict on the face (the card's expiry is part of it), the birth date
 * alone for a hand-over to the chip, which decides.
 */
export type FaceNeeds = 'both-dates' | 'birth';

export interface FaceReader {
  /** Starts the OCR engine ahead of the first read. */
  warmUp(): void;
  /** @throws {CardFaceError} the back, or not what `needs` asks for */
  readImage(image: Blob, signal: AbortSignal, needs: FaceNeeds): Promise<ReadFace>;
  /** @throws {CardFaceError} the back, or no two frames agreeing on what `needs` asks for; `transport.aborted` */
  readCamera(
    stream: MediaStream,
    signal: AbortSignal,
    needs: FaceNeeds,
    onFrame?: (frames: number) => void,
  ): Promise<ReadFace>;
}

/** The fields when they hold what `needs` asks for. */
export function usable(fields: FaceFields, needs: FaceNeeds): ReadFace {
  const { birth, expiry, securityCode } = fields;
  if (!birth) throw new CardFaceError('card-face.unreadable', 'birth date not read');
  if (needs === 'both-dates' && !expiry) throw new CardFaceError('card-face.unreadable', 'expiry not read');
  return { birth, expiry, securityCode };
}

export const browserFaceReader: FaceReader = {
  warmUp,
  readImage: async (image, signal, needs) => {
    const reading = await readFront(image, signal);
    if (reading.kind === 'back') throw new CardFaceError('card-face.back-shown', 'the back of the card');
    return usable(reading.fields, needs);
  },
  readCamera: async (stream, signal, needs, onFrame) =>
    usable(
      await readFromCamera(stream, {
        signal,
        read: (frame) => readFront(frame, signal),
        needsExpiry: needs === 'both-dates',
        ...(onFrame ? { onFrame } : {}),
      }),
      needs,
    ),
};
