/**
 * The images the recogniser takes, as 8-bit greyscale Netpbm (PGM, "P5") instead of the PNG a canvas encodes.
 * Everything the pipeline hands tesseract is grey already (`normaliseCard` and the cut-outs drawn from it), and
 * tesseract reads a one-channel image with the same text as the four-channel PNG of it, in less time: it
 * thresholds and scales one channel instead of three, and skips the PNG encode (a canvas's) and decode
 * (Leptonica's). Leptonica reads PGM itself; a BMP would go through tesseract.js's slow JavaScript decoder.
 */
import { greyAt, type RgbaImage } from './card-rectify';

/**
 * How many bytes at the start of an image tesseract.js searches for an EXIF orientation tag (a byte pattern,
 * `setImage.js` in its worker script): the header is padded past them with a comment, so that no run of pixels
 * can be taken for a tag and the card turned on its side.
 */
export const EXIF_SNIFFED_BYTES = 500;

/** `image` as a binary PGM: a text header, then one byte per pixel, row by row. */
export function pgmOf(image: RgbaImage): Uint8Array<ArrayBuffer> {
  const { width, height, data } = image;
  const header = new TextEncoder().encode(`P5\n#${' '.repeat(EXIF_SNIFFED_BYTES)}\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header);
  // The pixels are grey (R = G = B), where the integer luminance is that level exactly, and opaque: every
  // cut-out is drawn on white.
  for (let p = 0, i = 0, o = header.length; p < width * height; p += 1, i += 4, o += 1) out[o] = greyAt(data, i);
  return out;
}
