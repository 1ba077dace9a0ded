/**
 * The card-face pipeline after the image is normalised (`card-rectify.ts`): one read of the whole card, the
 * strict field reader, then a second, whitelisted read of each field's line that must agree. Generic over the
 * image type so the browser (a canvas) and the benchmark (an encoded image in Node) run the same steps.
 */
import { readFaceFields, type FaceReading } from './face-fields';
import { linesOf, type RecognisedPage } from './recognised-lines';
import { confirmFields, type LineRecogniser } from './second-read';

/** What the pipeline needs of a tesseract.js worker. */
export interface FaceRecogniser<I> extends LineRecogniser<I> {
  recognize(
    image: I,
    options?: { rectangle?: { left: number; top: number; width: number; height: number } },
    output?: { blocks: boolean },
  ): Promise<{ data: RecognisedPage & { text: string } }>;
}

/** Reads the front's fields; the back is reported and nothing of it is kept. */
export async function readFrontWith<I>(recogniser: FaceRecogniser<I>, image: I): Promise<FaceReading> {
  const { data } = await recogniser.recognize(image, {}, { blocks: true });
  const lines = linesOf(data);
  const reading = readFaceFields(lines);
  if (reading.kind === 'back') return reading;
  return { kind: 'front', fields: await confirmFields(recogniser, image, lines, reading.fields) };
}
