/**
 * Where a first read saw the card's print too small to read well, and how much to enlarge it for a read of its
 * own. The card is rectified to put the data digits at about `READ_DIGIT_HEIGHT` px; when the outline took in
 * part of the table (a card small in the frame, or no outline found), the same digits come out at 14–18 px, where
 * tesseract loses most of the birth line (tuning sets: 6 of 43 degraded fronts without a birth date). Pure
 * geometry on the first read's words: the pixels are cut and scaled by the caller's `crop`.
 */
import { MIN_CHAR_HEIGHT } from './face-fields';
import { median, type OcrLine } from './recognised-lines';
import type { Rectangle } from './second-read';

/** Height of the data digits on a well-rectified card, px (measured on the tuning sets: 17–29, median 23). */
export const READ_DIGIT_HEIGHT = 24;
/** Digits below this height are enlarged; the rest were seen at the size the recogniser reads best. */
export const SMALL_DIGIT_HEIGHT = 19;
/** No more than this: an enlarged noisy image reads no better, and takes longer. */
const MAX_ENLARGE = 2;
/** The enlarged region holds at most this many pixels (twice the card), so a wide region stays quick. */
const MAX_PIXELS_SHARE = 2;

export interface SmallPrint {
  readonly region: Rectangle;
  readonly scale: number;
}

/**
 * The region of the image that holds the print and the scale that brings its digits to `READ_DIGIT_HEIGHT`; null
 * when the digits are not small, or smaller than `MIN_CHAR_HEIGHT` (too coarse to tell 31 from 3 however large
 * they are drawn).
 */
export function smallPrint(lines: readonly OcrLine[], size: { width: number; height: number }): SmallPrint | null {
  const words = lines.flatMap((line) => line.words ?? []);
  const digitHeight = median(
    words.flatMap((w) => (w.charHeight !== undefined && /\d/u.test(w.text) ? [w.charHeight] : [])),
  );
  if (digitHeight === undefined || digitHeight >= SMALL_DIGIT_HEIGHT || digitHeight < MIN_CHAR_HEIGHT) return null;
  // The words printed at about the digits' size: the data lines, not the photo's or the pattern's marks.
  const boxes = words.flatMap((w) =>
    w.box && w.charHeight !== undefined && w.charHeight >= 0.6 * digitHeight && w.charHeight <= 1.8 * digitHeight
      ? [w.box]
      : [],
  );
  if (boxes.length === 0) return null;
  const margin = 2 * digitHeight;
  const left = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x0)) - margin));
  const top = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y0)) - margin));
  const right = Math.min(size.width, Math.ceil(Math.max(...boxes.map((b) => b.x1)) + margin));
  const bottom = Math.min(size.height, Math.ceil(Math.max(...boxes.map((b) => b.y1)) + margin));
  const region = { left, top, width: right - left, height: bottom - top };
  const fits = Math.sqrt((MAX_PIXELS_SHARE * size.width * size.height) / Math.max(1, region.width * region.height));
  const scale = Math.min(MAX_ENLARGE, READ_DIGIT_HEIGHT / digitHeight, fits);
  return scale > 1.1 ? { region, scale } : null;
}
