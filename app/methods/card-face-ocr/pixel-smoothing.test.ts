import { describe, expect, it } from 'vitest';
import { sharpened, smoothInPlace } from './pixel-smoothing';

/** A grey RGBA image from one row of levels, repeated `rows` times. */
function rowsOf(levels: number[], rows: number) {
  const width = levels.length;
  const data = new Uint8ClampedArray(width * rows * 4);
  for (let p = 0; p < width * rows; p += 1) {
    data.fill(levels[p % width] ?? 0, p * 4, p * 4 + 3);
    data[p * 4 + 3] = 255;
  }
  return { data, width, height: rows };
}
const row = (image: { data: Uint8ClampedArray; width: number }, y: number) =>
  Array.from({ length: image.width }, (_, x) => image.data[(y * image.width + x) * 4]);

describe('smoothInPlace', () => {
  it('keeps a flat image flat and spreads a bright dot into its neighbours, keeping its total', () => {
    const flat = new Float32Array(25).fill(100);
    smoothInPlace(flat, 5, 5, 2);
    expect([...flat]).toEqual(new Array(25).fill(100));
    const dot = new Float32Array(25);
    dot[12] = 160;
    smoothInPlace(dot, 5, 5, 1);
    expect(dot[12]).toBe(40);
    expect(dot[11]).toBe(20);
    expect(dot[6]).toBe(10);
    expect(dot.reduce((a, b) => a + b, 0)).toBe(160);
  });
});

describe('sharpened', () => {
  it('leaves flat paper as it is and steepens a blurred edge, darker on the ink side and lighter on the paper side', () => {
    const paper = sharpened(rowsOf(new Array<number>(12).fill(230), 5));
    expect(row(paper, 2)).toEqual(new Array<number>(12).fill(230));
    // A blurred stroke edge: paper (230) ramping down to ink (40).
    const edge = rowsOf([230, 230, 230, 230, 200, 135, 70, 40, 40, 40, 40, 40], 5);
    const sharp = row(sharpened(edge), 2);
    expect(sharp[4]).toBeGreaterThan(200);
    expect(sharp[6]).toBeLessThan(70);
    // Far from the edge, nothing changes.
    expect(sharp[0]).toBe(230);
    expect(sharp[11]).toBe(40);
    expect(sharpened(edge).data[3]).toBe(255);
  });
});
