/**
 * A date's characters pulled apart: a run of white columns is inserted wherever the ink of the line stops.
 * tesseract's Japanese model reads a tightly set `11` in a serif face as one `1` (`1923年11月` as `1923年1月`),
 * at every scale and in every segmentation mode, so two reads of the same pixels agree on the wrong month; with
 * the two strokes apart it sees both. Only gaps between narrow strokes are widened, so that other characters
 * keep their shape; the read is used only for its digits. Plain pixel code, shared by the page and the
 * benchmark.
 */
import { greyAt, type RgbaImage } from './card-rectify';

/** A column with a pixel darker than this holds ink. */
const INK_LEVEL = 200;
/** Only a gap between two strokes narrower than this share of the height is widened (`1`, not 年's parts). */
const NARROW = 0.3;
/** White columns inserted at each gap, as a share of the image's height (the line's height). */
const GAP_SHARE = 0.15;

/** `image` (a cut-out of one text line) with white columns added in each gap between two narrow strokes. */
export function spaceGlyphs(image: RgbaImage): RgbaImage {
  const { width, height, data } = image;
  const inked = (x: number) => {
    for (let y = 0; y < height; y += 1) {
      const i = (y * width + x) * 4;
      if (greyAt(data, i) < INK_LEVEL) {
        return true;
      }
    }
    return false;
  };
  const gap = Math.max(2, Math.round(height * GAP_SHARE));
  // Runs of inked columns, [start, end).
  const runs: [number, number][] = [];
  for (let x = 0; x < width; x += 1) {
    if (!inked(x)) continue;
    const last = runs.at(-1);
    if (last && last[1] === x) last[1] = x + 1;
    else runs.push([x, x + 1]);
  }
  const narrow = (run: [number, number] | undefined) => run !== undefined && run[1] - run[0] < NARROW * height;
  /** Source column of each output column; -1 = inserted white. */
  const columns: number[] = [];
  let next = 1;
  for (let x = 0; x < width; x += 1) {
    const run = runs[next];
    if (run && x === run[0]) {
      if (narrow(runs[next - 1]) && narrow(run)) for (let k = 0; k < gap; k += 1) columns.push(-1);
      next += 1;
    }
    columns.push(x);
  }
  const out = new Uint8ClampedArray(columns.length * height * 4).fill(255);
  for (const [to, from] of columns.entries()) {
    if (from < 0) continue;
    for (let y = 0; y < height; y += 1) {
      const source = (y * width + from) * 4;
      const target = (y * columns.length + to) * 4;
      for (let k = 0; k < 4; k += 1) out[target + k] = data[source + k] ?? 255;
    }
  }
  return { data: out, width: columns.length, height };
}
