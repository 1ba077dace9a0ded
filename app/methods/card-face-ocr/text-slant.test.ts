import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deslanted, MAX_SLANT, slantOf } from './text-slant';
import { cutPixels, onWhite } from './cut-plan';
import type { RgbaImage } from './card-rectify';

const HEIGHT = 40;

/**
 * A white strip with 2-px vertical strokes starting at the given columns, sheared by `lean` (top to the right
 * for a positive lean: each row y is drawn `lean · (middle − y)` further right), as a card flattened from a
 * slightly wrong outline draws them.
 */
function strokes(starts: readonly number[], lean: number, width = 200): RgbaImage {
  const data = new Uint8ClampedArray(width * HEIGHT * 4).fill(255);
  for (const start of starts) {
    for (let y = 4; y < HEIGHT - 4; y += 1) {
      const shift = Math.round(lean * (HEIGHT / 2 - y));
      for (let x = start + shift; x < start + shift + 2; x += 1)
        data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width, height: HEIGHT };
}

/** Columns holding ink anywhere in the strip. */
function inkedColumns(image: RgbaImage): number {
  let count = 0;
  for (let x = 0; x < image.width; x += 1) {
    for (let y = 0; y < image.height; y += 1) {
      if ((image.data[(y * image.width + x) * 4] ?? 255) < 128) {
        count += 1;
        break;
      }
    }
  }
  return count;
}

describe('the slant of a text line', () => {
  it('is the shear that sets strokes leaning either way upright', () => {
    expect(slantOf(strokes([30, 60, 90, 120], 0.1))).toBeCloseTo(0.1, 5);
    expect(slantOf(strokes([30, 60, 90, 120], -0.15))).toBeCloseTo(-0.15, 5);
  });

  it('is zero for upright strokes and for a strip without ink', () => {
    expect(slantOf(strokes([30, 60, 90], 0))).toBe(0);
    expect(slantOf(strokes([], 0.1))).toBe(0);
  });

  it('is found for any lean within the range looked at (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8, max: 8 }), fc.integer({ min: 20, max: 40 }), (step, first) => {
        const lean = step * 0.025;
        // Found to within one step: the strokes are drawn on whole pixels.
        expect(
          Math.abs(slantOf(strokes([first, first + 35, first + 70, first + 105], lean)) - lean),
        ).toBeLessThanOrEqual(0.025 + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('never looks beyond the range', () => {
    expect(Math.abs(slantOf(strokes([40, 80, 120], 0.5)))).toBeLessThanOrEqual(MAX_SLANT);
  });
});

describe('a line set upright', () => {
  it('draws sheared strokes in as few columns as upright ones, and keeps every stroke', () => {
    const leaning = strokes([30, 60, 90, 120], 0.1);
    const upright = deslanted(leaning, slantOf(leaning));
    // Leaning, each 2-px stroke spans 2 + 0.1 · 32 columns; upright, 2 or 3 (interpolated edges).
    expect(inkedColumns(leaning)).toBeGreaterThanOrEqual(4 * 5);
    expect(inkedColumns(upright)).toBeLessThanOrEqual(4 * 3);
    expect(inkedColumns(upright)).toBeGreaterThanOrEqual(4 * 2);
  });

  it('is widened so that nothing leaves it, and left as it is for no slant', () => {
    const leaning = strokes([2, 196], 0.2);
    const upright = deslanted(leaning, 0.2);
    expect(upright.width).toBe(200 + 2 * Math.ceil((0.2 * HEIGHT) / 2));
    expect(inkedColumns(upright)).toBeGreaterThanOrEqual(4);
    expect(deslanted(leaning, 0)).toBe(leaning);
  });
});

describe('the pixels a cut-out is drawn from', () => {
  const leaning = strokes([30, 34, 90, 120], 0.1);

  it('are the box set upright for every field style, and then spaced for a spaced one', () => {
    for (const style of ['plain', 'bare', 'wide', 'wider'] as const) {
      expect(inkedColumns(cutPixels(style, () => leaning) ?? leaning)).toBe(inkedColumns(deslanted(leaning, 0.1)));
    }
    // Upright, the strokes 4 px apart have a gap between them to widen; leaning, they overlap in every column.
    const spaced = cutPixels('spaced', () => leaning);
    expect(spaced?.width ?? 0).toBeGreaterThan(deslanted(leaning, 0.1).width);
  });

  it('are on white where the box ran past the card (transparent there), measured and sheared as paper', () => {
    const past = strokes([30, 60, 90, 120], 0.1);
    // The last 40 columns outside the card: transparent black, as getImageData gives them.
    for (let y = 0; y < HEIGHT; y += 1) past.data.fill(0, (y * 200 + 160) * 4, (y + 1) * 200 * 4);
    const cut = cutPixels('plain', () => past);
    expect(cut).not.toBeNull();
    expect(inkedColumns(cut ?? past)).toBe(inkedColumns(deslanted(strokes([30, 60, 90, 120], 0.1), 0.1)));
    expect(Array.from(onWhite(past).data.subarray((10 * 200 + 180) * 4, (10 * 200 + 181) * 4))).toEqual([
      255, 255, 255, 255,
    ]);
  });

  it('are not read at all for a leaned cut-out or a view of the card, which are drawn as they are', () => {
    const never = () => {
      throw new Error('pixels read');
    };
    expect(cutPixels('leaned', never)).toBeNull();
    expect(cutPixels(undefined, never)).toBeNull();
  });
});
