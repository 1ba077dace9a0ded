/**
 * A second, independent read of each field the first read found: only the field's own box, cut out and
 * enlarged (`CROP_SCALE`), recognised as a single text line with a whitelist of the characters the field
 * contains. Different pixels, a different scale and a different segmentation make its slips unlike the first
 * read's: the same image at the same scale repeated the first read's mistakes (2001年11月 read twice as
 * 2001年1月 in the tuning set). A field is accepted only when both reads give the same value, so a misread
 * digit costs a retry instead of a wrong age, and a misread security code never reaches the chip, where it
 * would cost one of the card's tries.
 */
import {
  birthFromText,
  expiryFromText,
  sameBirth,
  securityCodeFromText,
  type BirthField,
  type FaceCandidates,
  type FaceFields,
  type Located,
} from './face-fields';

const DIGITS = '0123456789';
const ERAS = '明治大正昭和平成令和元';
/** Characters of each field; the whitelists keep the recogniser from inventing look-alikes. */
const WHITELIST = {
  birth: `${ERAS}${DIGITS}年月日生`,
  expiry: `${DIGITS}年月日まで有効`,
  securityCode: DIGITS,
} as const;
/** Margin around the box, px, so that the first character is not cut (more takes in the next line's tops). */
const MARGIN = 3;
/** tesseract page segmentation modes: 7 = a single text line; 6 = a single block, tesseract.js's default. */
const PSM_SINGLE_LINE = '7';
const PSM_DEFAULT = '6';

/** Enlargement of the cut-out field for the second read (the first read sees the date about 28 px high). */
export const CROP_SCALE = 2;
/**
 * A birth date the first read could not make out is read at these scales, and all must agree: cut-outs of the
 * same pixels are less independent than the whole-card read and a cut-out, and two of them agreed on a wrong
 * month in the tuning set (Noto Serif `11月` read as `1月` at 1× and 2×; 1.5× read it as nothing).
 */
export const GUESS_SCALES = [1, 1.5, CROP_SCALE] as const;

/** A rectangle of the card image, px. */
export interface Rectangle {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Cuts a rectangle out of the card image and scales it: a canvas in the browser, an encoded image in Node. */
export type CropImage<I> = (rectangle: Rectangle, scale: number) => Promise<I>;

/** What this needs of a tesseract.js worker (browser or Node). */
export interface LineRecogniser<I> {
  setParameters(params: Record<string, string>): Promise<unknown>;
  recognize(image: I): Promise<{ data: { text: string } }>;
}

/** Recognises a box again, cut out and scaled, with `whitelist`; null without a box. */
async function reread<I>(
  worker: LineRecogniser<I>,
  crop: CropImage<I>,
  box: Located<unknown>['box'],
  whitelist: string,
  scale = CROP_SCALE,
): Promise<string | null> {
  if (!box) return null;
  const { x0, y0, x1, y1 } = box;
  const rectangle = {
    left: Math.max(0, x0 - MARGIN),
    top: Math.max(0, y0 - MARGIN),
    width: x1 - x0 + 2 * MARGIN,
    height: y1 - y0 + 2 * MARGIN,
  };
  const image = await crop(rectangle, scale);
  await worker.setParameters({ tessedit_char_whitelist: whitelist, tessedit_pageseg_mode: PSM_SINGLE_LINE });
  try {
    const { data } = await worker.recognize(image);
    return data.text;
  } finally {
    await worker.setParameters({ tessedit_char_whitelist: '', tessedit_pageseg_mode: PSM_DEFAULT });
  }
}

/**
 * Reads each candidate again on its own box, and keeps it only if both reads agree. One read at a time.
 * @param crop cuts a box out of the image the first read used
 */
export async function confirmFields<I>(
  worker: LineRecogniser<I>,
  crop: CropImage<I>,
  candidates: FaceCandidates,
): Promise<FaceFields> {
  const confirm = async <T>(
    found: Located<T> | null,
    whitelist: string,
    parse: (text: string) => T | null,
    same: (a: T, b: T) => boolean = (a, b) => a === b,
  ): Promise<T | null> => {
    if (found === null) return null;
    const text = await reread(worker, crop, found.box, whitelist);
    const second = text === null ? null : parse(text);
    return second !== null && same(found.value, second) ? found.value : null;
  };
  /** A birth date only guessed at: reads of the box at each of `GUESS_SCALES`, which must all agree. */
  const readGuess = async (): Promise<BirthField | null> => {
    const box = candidates.birthGuess;
    if (box === null) return null;
    let agreed: BirthField | null = null;
    for (const scale of GUESS_SCALES) {
      const value = birthFromText((await reread(worker, crop, box, WHITELIST.birth, scale)) ?? '');
      if (value === null || (agreed !== null && !sameBirth(agreed, value))) return null;
      agreed = value;
    }
    return agreed;
  };
  return {
    birth: candidates.birth
      ? await confirm(candidates.birth, WHITELIST.birth, birthFromText, sameBirth)
      : await readGuess(),
    expiry: await confirm(candidates.expiry, WHITELIST.expiry, expiryFromText),
    securityCode: await confirm(candidates.securityCode, WHITELIST.securityCode, securityCodeFromText),
  };
}
