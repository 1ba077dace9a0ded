/**
 * A second, independent read of each field's line: only that line's rectangle, recognised as a single text
 * line with a whitelist of the characters the field contains. A field is accepted only when both reads give
 * the same value, so one misread digit (平成18 → 平成1 was seen in the benchmark at line confidence 88) costs
 * a retry instead of a wrong age, and a misread security code never reaches the chip, where it would cost one
 * of the card's tries.
 */
import {
  birthFromText,
  birthLine,
  expiryFromText,
  expiryLine,
  securityCodeFromText,
  securityCodeLine,
  type FaceFields,
  type OcrLine,
} from './face-fields';

const DIGITS = '0123456789';
const ERAS = '明治大正昭和平成令和元';
/** Characters of each field's line; the whitelists keep the recogniser from inventing look-alikes. */
const WHITELIST = {
  birth: `${ERAS}${DIGITS}年月日生`,
  expiry: `${ERAS}${DIGITS}年月日まで有効`,
  securityCode: `セキュリティコード${DIGITS}`,
} as const;
/** Margin around the line box, px, so that the first character and descenders are not cut. */
const MARGIN = 6;
/** tesseract page segmentation modes: 7 = a single text line; 6 = a single block, tesseract.js's default. */
const PSM_SINGLE_LINE = '7';
const PSM_DEFAULT = '6';

/** What this needs of a tesseract.js worker (browser or Node). */
export interface LineRecogniser<I> {
  setParameters(params: Record<string, string>): Promise<unknown>;
  recognize(
    image: I,
    options: { rectangle: { left: number; top: number; width: number; height: number } },
  ): Promise<{ data: { text: string } }>;
}

/** Recognises the rectangle of `line` again with `whitelist`; null without a box. */
async function rereadLine<I>(
  worker: LineRecogniser<I>,
  image: I,
  line: OcrLine | null,
  whitelist: string,
): Promise<string | null> {
  if (!line?.box) return null;
  const { x0, y0, x1, y1 } = line.box;
  const rectangle = {
    left: Math.max(0, x0 - MARGIN),
    top: Math.max(0, y0 - MARGIN),
    width: x1 - x0 + 2 * MARGIN,
    height: y1 - y0 + 2 * MARGIN,
  };
  await worker.setParameters({ tessedit_char_whitelist: whitelist, tessedit_pageseg_mode: PSM_SINGLE_LINE });
  try {
    const { data } = await worker.recognize(image, { rectangle });
    return data.text;
  } finally {
    await worker.setParameters({ tessedit_char_whitelist: '', tessedit_pageseg_mode: PSM_DEFAULT });
  }
}

/**
 * Reads each field the first read found again on its own line, and keeps it only if both reads agree.
 * @param image the same image the first read used
 * @param lines the first read's lines
 */
export async function confirmFields<I>(
  worker: LineRecogniser<I>,
  image: I,
  lines: readonly OcrLine[],
  first: FaceFields,
): Promise<FaceFields> {
  /** `value` again if its line, read on its own, gives the same; otherwise null. One read at a time. */
  const confirm = async <T>(
    value: T | null,
    line: OcrLine | null,
    whitelist: string,
    parse: (text: string) => T | null,
    same: (a: T, b: T) => boolean = (a, b) => a === b,
  ): Promise<T | null> => {
    if (value === null) return null;
    const text = await rereadLine(worker, image, line, whitelist);
    const second = text === null ? null : parse(text);
    return second !== null && same(value, second) ? value : null;
  };
  return {
    birth: await confirm(
      first.birth,
      birthLine(lines),
      WHITELIST.birth,
      birthFromText,
      (a, b) => a.iso === b.iso && a.era === b.era,
    ),
    expiry: await confirm(first.expiry, expiryLine(lines), WHITELIST.expiry, expiryFromText),
    securityCode: await confirm(
      first.securityCode,
      securityCodeLine(lines),
      WHITELIST.securityCode,
      securityCodeFromText,
    ),
  };
}
