import { describe, expect, it } from 'vitest';
import { spaceGlyphs } from './glyph-spacing';
import type { RgbaImage } from './card-rectify';

/** A white strip 20 px high with black vertical strokes at the given column ranges. */
function strokes(width: number, ranges: readonly (readonly [number, number])[]): RgbaImage {
  const data = new Uint8ClampedArray(width * 20 * 4).fill(255);
  for (const [from, to] of ranges) {
    for (let y = 2; y < 18; y += 1) {
      for (let x = from; x < to; x += 1) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width, height: 20 };
}

const inkedColumns = (image: RgbaImage) =>
  Array.from({ length: image.width }, (_, x) => (image.data[(10 * image.width + x) * 4] ?? 255) < 128);

describe('spacing glyphs apart', () => {
  it('widens each gap between strokes by a share of the line height, keeping every stroke whole', () => {
    // `11` set tight: two 2-px strokes 2 px apart.
    const spaced = spaceGlyphs(
      strokes(12, [
        [3, 5],
        [7, 9],
      ]),
    );
    expect(spaced.width).toBe(12 + 3);
    const ink = inkedColumns(spaced);
    expect(ink.filter(Boolean)).toHaveLength(4);
    // The second stroke now starts 2 + 3 columns after the first ends.
    expect(ink.indexOf(true, 5)).toBe(10);
  });

  it('leaves a strip without ink, or with one stroke, as wide as it was', () => {
    expect(spaceGlyphs(strokes(10, [])).width).toBe(10);
    expect(spaceGlyphs(strokes(10, [[2, 6]])).width).toBe(10);
  });
});
