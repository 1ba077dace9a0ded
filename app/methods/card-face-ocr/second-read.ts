/**
 * A second, independent read of the birth line: only that line's rectangle, recognised as a single text line
 * with a whitelist of the characters a birth date contains. The date of birth is accepted only when both reads
 * give the same date, so one misread digit (平成18 → 平成1 was seen in the benchmark at line confidence 88)
 * costs a retry instead of a wrong age.
 */
import { birthFromText, type BirthField, type OcrLine } from './face-fields';

/** Characters of a birth line: era names, 元, digits, 年月日生. */
const BIRTH_LINE_WHITELIST = '明治大正昭和平成令元0123456789年月日生';
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

/**
 * Reads the birth line again and returns the birth date only if it equals the first read.
 * @param image the same image the first read used
 */
export async function confirmBirth<I>(
  worker: LineRecogniser<I>,
  image: I,
  line: OcrLine,
  first: BirthField,
): Promise<BirthField | null> {
  if (!line.box) return null;
  const { x0, y0, x1, y1 } = line.box;
  const rectangle = {
    left: Math.max(0, x0 - MARGIN),
    top: Math.max(0, y0 - MARGIN),
    width: x1 - x0 + 2 * MARGIN,
    height: y1 - y0 + 2 * MARGIN,
  };
  await worker.setParameters({ tessedit_char_whitelist: BIRTH_LINE_WHITELIST, tessedit_pageseg_mode: PSM_SINGLE_LINE });
  try {
    const { data } = await worker.recognize(image, { rectangle });
    const second = birthFromText(data.text);
    return second && second.iso === first.iso && second.era === first.era ? first : null;
  } finally {
    await worker.setParameters({ tessedit_char_whitelist: '', tessedit_pageseg_mode: PSM_DEFAULT });
  }
}
