/**
 * The slant of a cut-out text line, and the line set upright. A card flattened from a slightly wrong outline
 * (a corner found a few pixels off, perspective) leaves its text sheared, and tesseract's Japanese model reads
 * sheared glyphs worse: a Gothic `昭和` leaning forward was read `和` (its 昭 lost) by five of its seven cut-outs,
 * and upright as `昭和` at 1×, 1.5× and 2× (tune5 card-037). The slant is the shear that makes the ink's vertical strokes
 * line up: the one whose column profile of ink is the most concentrated (the deslanting of handwriting
 * recognition). Plain pixel code, shared by the page and the benchmark.
 */
import { greyAt, type RgbaImage } from './card-rectify';

/** A pixel darker than this is ink. */
const INK_LEVEL = 128;
/** Largest slant looked for, as horizontal shift per pixel of height (about 11°). */
export const MAX_SLANT = 0.2;
/** Step between the slants tried. */
const SLANT_STEP = 0.025;
/**
 * A slant must concentrate the ink's columns by this much more than upright to be taken: a line without
 * enough vertical strokes to measure is left as it is.
 */
const MIN_GAIN = 1.03;

/**
 * The shear `k` (x' = x + k · (y − middle)) that sets the line's strokes upright: positive for text leaning
 * forward (top to the right). Zero for a line with no ink, or none that a shear sets more upright.
 */
export function slantOf(image: RgbaImage): number {
  const { width, height, data } = image;
  const ink: [number, number][] = [];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) if (greyAt(data, (y * width + x) * 4) < INK_LEVEL) ink.push([x, y]);
  }
  if (ink.length === 0) return 0;
  const middle = height / 2;
  const pad = Math.ceil(MAX_SLANT * height) + 1;
  const columns = new Float64Array(width + 2 * pad);
  const concentration = (k: number) => {
    columns.fill(0);
    for (const [x, y] of ink) {
      const c = Math.round(x + k * (y - middle)) + pad;
      columns[c] = (columns[c] ?? 0) + 1;
    }
    let sum = 0;
    for (const n of columns) sum += n * n;
    return sum;
  };
  const upright = concentration(0);
  let best = { k: 0, score: upright * MIN_GAIN };
  const steps = Math.round(MAX_SLANT / SLANT_STEP);
  for (let s = -steps; s <= steps; s += 1) {
    const k = s * SLANT_STEP;
    const score = concentration(k);
    if (score > best.score) best = { k, score };
  }
  return best.k;
}

/**
 * `image` sheared by `k` (as `slantOf` gives it), widened so that nothing leaves it, on white. Each row is moved
 * by a fraction of a pixel, interpolated between its two nearest columns.
 */
export function deslanted(image: RgbaImage, k: number): RgbaImage {
  if (k === 0) return image;
  const { width, height, data } = image;
  const pad = Math.ceil((Math.abs(k) * height) / 2);
  const outWidth = width + 2 * pad;
  const out = new Uint8ClampedArray(outWidth * height * 4).fill(255);
  const middle = height / 2;
  for (let y = 0; y < height; y += 1) {
    const shift = k * (y + 0.5 - middle) + pad;
    for (let x = 0; x < outWidth; x += 1) {
      const from = x - shift;
      const left = Math.floor(from);
      const t = from - left;
      for (let c = 0; c < 4; c += 1) {
        const a = left >= 0 && left < width ? (data[(y * width + left) * 4 + c] ?? 255) : 255;
        const b = left + 1 >= 0 && left + 1 < width ? (data[(y * width + left + 1) * 4 + c] ?? 255) : 255;
        out[(y * outWidth + x) * 4 + c] = a + (b - a) * t;
      }
    }
  }
  return { data: out, width: outWidth, height };
}
