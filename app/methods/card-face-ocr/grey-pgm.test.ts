import { describe, expect, it } from 'vitest';
import { EXIF_SNIFFED_BYTES, pgmOf } from './grey-pgm';

/** A grey RGBA image of `levels`, row by row. */
function greyImage(width: number, levels: readonly number[]) {
  const data = new Uint8ClampedArray(levels.length * 4);
  levels.forEach((v, p) => {
    data.set([v, v, v, 255], p * 4);
  });
  return { width, height: levels.length / width, data };
}

describe('pgmOf', () => {
  it('writes the binary PGM of the Netpbm specification: P5, a comment, width, height, maxval, the raster', () => {
    // netpbm.sourceforge.net/doc/pgm.html: "P5", whitespace, width, whitespace, height, whitespace, maxval (< 256:
    // one byte per sample), a single whitespace character, then the rows top to bottom, left to right; a `#`
    // starts a comment up to the end of its line, anywhere before the maxval.
    const pgm = pgmOf(greyImage(3, [0, 128, 255, 7, 8, 9]));
    const text = new TextDecoder('latin1').decode(pgm);
    const header = /^P5\s*(?:#[^\n]*\n)*\s*(\d+)\s+(\d+)\s+(\d+)\s/u.exec(text);
    expect(header?.slice(1)).toEqual(['3', '2', '255']);
    expect([...pgm.subarray(header?.[0].length)]).toEqual([0, 128, 255, 7, 8, 9]);
  });

  it('keeps its pixels out of the bytes tesseract.js searches for an EXIF orientation tag', () => {
    // tesseract.js v7 src/worker-script/utils/setImage.js reads an orientation from the first 500 bytes joined
    // with spaces; a first row of these levels would otherwise turn the image by 90°.
    const levels = [121, 18, 0, 3, 0, 0, 0, 1, 0, 6];
    const pgm = pgmOf(greyImage(10, levels));
    const sniffed = [...pgm.slice(0, EXIF_SNIFFED_BYTES)].join(' ');
    expect(/1 18 0 3 0 0 0 1 0 (\d)/u.test(sniffed)).toBe(false);
    expect([...pgm.subarray(pgm.length - 10)]).toEqual(levels);
    // The same pattern found in raw pixels, had they come first: the test would catch a header that is too short.
    expect(/1 18 0 3 0 0 0 1 0 (\d)/u.test(levels.join(' '))).toBe(true);
  });

  it('keeps every grey level exactly (the integer luminance of R = G = B is that level)', () => {
    const levels = Array.from({ length: 256 }, (_, v) => v);
    const pgm = pgmOf(greyImage(16, levels));
    expect([...pgm.subarray(pgm.length - 256)]).toEqual(levels);
  });
});
