/**
 * Smoothing and sharpening of grey pixels, for the card's normalisation (`card-rectify.ts`: camera grain) and
 * for a last look at a blurred card (`sharpened`). Plain indexed loops with the edges clamped outside them:
 * these run on a million pixels per frame.
 */
import type { RgbaImage } from './card-outline';

/** `data` (a `width` × `height` grey image) smoothed in place by `passes` separable [1 2 1] passes. */
export function smoothInPlace(data: Float32Array, width: number, height: number, passes: number): void {
  const tmp = new Float32Array(data.length);
  for (let pass = 0; pass < passes; pass += 1) {
    for (let y = 0; y < height; y += 1) {
      const row = y * width;
      for (let x = 0; x < width; x += 1) {
        const l = data[x > 0 ? row + x - 1 : row]!;
        const r = data[x < width - 1 ? row + x + 1 : row + width - 1]!;
        tmp[row + x] = (l + 2 * data[row + x]! + r) / 4;
      }
    }
    for (let y = 0; y < height; y += 1) {
      const row = y * width;
      const up = y > 0 ? row - width : 0;
      const down = y < height - 1 ? row + width : row;
      for (let x = 0; x < width; x += 1) data[row + x] = (tmp[up + x]! + 2 * tmp[row + x]! + tmp[down + x]!) / 4;
    }
  }
}

/** Passes of the blur an unsharp mask subtracts: about the width of a blurred stroke's edge at the fine card's size. */
const SHARPEN_PASSES = 2;
/** How much of the difference from the blur is added back. */
const SHARPEN_AMOUNT = 1;

/**
 * The normalised (grey) card with its edges steepened, an unsharp mask: each pixel moved away from its
 * neighbourhood's mean. Blur and camera shake are what the pipeline fails on most (the tuning sets' degraded
 * fronts it gave nothing for had twice the blur of those it read); sharpened, tesseract reads some of them.
 */
export function sharpened(image: RgbaImage): RgbaImage {
  const { width, height, data } = image;
  const gray = new Float32Array(width * height);
  for (let p = 0; p < gray.length; p += 1) gray[p] = data[p * 4]!;
  const blurred = Float32Array.from(gray);
  smoothInPlace(blurred, width, height, SHARPEN_PASSES);
  const out = new Uint8ClampedArray(data.length);
  for (let p = 0, i = 0; p < gray.length; p += 1, i += 4) {
    const v = gray[p]! + SHARPEN_AMOUNT * (gray[p]! - blurred[p]!);
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return { data: out, width, height };
}
