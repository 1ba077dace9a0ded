import { describe, expect, it } from 'vitest';
import { pgmOf } from './grey-pgm';

/** A grey RGBA image of `levels`, row by row. */
function greyImage(width: number, levels: readonly number[]) {
  const data = new Uint8ClampedArray(levels.length * 4);
  levels.forEach((v, p) => {
    data.set([v, v, v, 255], p * 4);
  });
  return { width, height: levels.length / width, data };
}

describe('pgmOf', () => {
  it('writes the binary PGM of the Netpbm specification: P5, width, height, maxval, one whitespace, the raster', () => {
    // netpbm.sourceforge.net/doc/pgm.html: "P5", whitespace, width, whitespace, height, whitespace, maxval (< 256:
    // one byte per sample), a single whitespace character, then the rows top to bottom, left to right.
    const pgm = pgmOf(greyImage(3, [0, 128, 255, 7, 8, 9]));
    const header = 'P5\n3 2\n255\n';
    expect(new TextDecoder().decode(pgm.subarray(0, header.length))).toBe(header);
    expect([...pgm.subarray(header.length)]).toEqual([0, 128, 255, 7, 8, 9]);
    expect(pgm.length).toBe(header.length + 6);
  });

  it('keeps every grey level exactly (the integer luminance of R = G = B is that level)', () => {
    const levels = Array.from({ length: 256 }, (_, v) => v);
    const pgm = pgmOf(greyImage(16, levels));
    expect([...pgm.subarray(pgm.length - 256)]).toEqual(levels);
  });
});
