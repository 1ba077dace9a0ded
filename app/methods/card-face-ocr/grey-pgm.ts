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

/** A level for each level 0–255, applied to every pixel of an image before recognition. */
export type ToneCurve = Uint8Array;

/**
 * Every level squared (γ = 2): paper stays white, grey print turns dark. The look at a card the plain looks gave
 * nothing for (`darker-look.ts`): where blur, noise or a pale print left the text mid-grey, tesseract's own
 * threshold can drop all of it (tune9 card-119, tune5 card-083: whole-card reads with no text at all), and the
 * darkened card is read.
 */
export const DARKER_GREYS: ToneCurve = Uint8Array.from({ length: 256 }, (_, v) => Math.round(255 * (v / 255) ** 2));

/** `image` as a binary PGM: a text header, then one byte per pixel, row by row, through `tone` where given. */
export function pgmOf(image: RgbaImage, tone?: ToneCurve): Uint8Array<ArrayBuffer> {
  const { width, height, data } = image;
  const header = new TextEncoder().encode(`P5\n#${' '.repeat(EXIF_SNIFFED_BYTES)}\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header);
  // The pixels are grey (R = G = B), where the integer luminance is that level exactly, and opaque: every
  // cut-out is drawn on white.
  for (let p = 0, i = 0, o = header.length; p < width * height; p += 1, i += 4, o += 1) {
    const grey = greyAt(data, i);
    out[o] = tone ? (tone[grey] ?? grey) : grey;
  }
  return out;
}
