/**
 * The card-face pipeline after the image is normalised (`card-rectify.ts`): one read of the whole card, the
 * field finder, a second, independent read of each field that must agree, then a check against the rest of
 * the card. Generic over the image type so the browser (a canvas) and the benchmark (an encoded image in Node)
 * run the same steps.
 */
import { expiryAgreesWithBirthday, scanFace, type FaceFields, type FaceReading } from './face-fields';
import { linesOf, type RecognisedPage } from './recognised-lines';
import { confirmFields, type CropImage, type LineRecogniser } from './second-read';

/** What the pipeline needs of a tesseract.js worker. */
export interface FaceRecogniser<I> extends LineRecogniser<I> {
  recognize(
    image: I,
    options?: object,
    output?: { blocks: boolean },
  ): Promise<{ data: RecognisedPage & { text: string } }>;
}

/** The normalised card: the image the recogniser takes, its size, and a way to cut boxes out of it. */
export interface CardImage<I> {
  readonly image: I;
  readonly width: number;
  readonly height: number;
  readonly crop: CropImage<I>;
}

const NOTHING: FaceFields = { birth: null, expiry: null, securityCode: null };

/**
 * Confirmed fields that contradict each other are dropped: on an era-printed card (a Japanese national's) the
 * card expires on the birthday, so a birth date whose month and day differ from the expiry's means one of the
 * two is misread. Where the expiry was not read, the birth date stands on its two reads alone. The expiry and
 * the security code serve only with a birth date (the card-face verdict needs both dates, 照合番号B all three),
 * so without one nothing is given: an expiry that lost a thin `1` (`7月13日` read twice as `7月3日`) then has
 * no birth date to be checked against, and would be a wrong value for nothing.
 */
export function consistentFields(fields: FaceFields): FaceFields {
  const { birth, expiry } = fields;
  if (birth === null) return NOTHING;
  if (expiry === null || expiryAgreesWithBirthday(birth, expiry)) return fields;
  return NOTHING;
}

/** Reads the front's fields; the back is reported and nothing of it is kept. */
export async function readFrontWith<I>(recogniser: FaceRecogniser<I>, card: CardImage<I>): Promise<FaceReading> {
  const { data } = await recogniser.recognize(card.image, {}, { blocks: true });
  const scan = scanFace(linesOf(data), card);
  if (scan.kind === 'back') return scan;
  return { kind: 'front', fields: consistentFields(await confirmFields(recogniser, card.crop, scan.candidates)) };
}
