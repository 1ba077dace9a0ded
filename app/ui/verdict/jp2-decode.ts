/**
 * Decodes the chip's JPEG 2000 face photo (JP2 container) with OpenJPEG compiled to WebAssembly
 * (@cornerstonejs/codec-openjpeg, decoder-only build): no browser decodes JPEG 2000 natively. Loaded lazily
 * with the first photo; the WebAssembly file is one of the app's own assets (precached by the service worker,
 * compiled under the CSP's `'wasm-unsafe-eval'`). The decoder's console output is silenced: nothing about a
 * photo is ever logged. Every buffer that held the photo is overwritten before returning.
 */
import openJpeg from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import wasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';

/** Larger than any card photo; refuses a decompression bomb. */
const MAX_SIDE = 1024;

type Decoder = Awaited<ReturnType<typeof openJpeg>>;
let decoder: Promise<Decoder> | null = null;

function load(): Promise<Decoder> {
  decoder ??= openJpeg({
    locateFile: () => wasmUrl,
    print: () => undefined,
    printErr: () => undefined,
  }).catch((error: unknown) => {
    decoder = null;
    throw error;
  });
  return decoder;
}

/** Thrown for bytes the decoder cannot turn into an 8-bit greyscale or RGB image of a sane size. */
export class PhotoDecodeError extends Error {
  override readonly name = 'PhotoDecodeError';
}

/**
 * The photo as RGBA pixels (grey copied to R, G and B). The caller owns the pixels and overwrites them once drawn.
 * @throws {PhotoDecodeError} for anything the decoder refuses or an unexpected image shape.
 */
export async function decodeJp2(jp2: Uint8Array): Promise<ImageData> {
  const module = await load();
  const j2k = new module.J2KDecoder();
  try {
    const input = j2k.getEncodedBuffer(jp2.length);
    input.set(jp2);
    try {
      j2k.decode();
    } catch {
      throw new PhotoDecodeError('the photo does not decode');
    } finally {
      input.fill(0);
    }
    const { width, height, bitsPerSample, componentCount } = j2k.getFrameInfo();
    const pixels = j2k.getDecodedBuffer();
    try {
      const valid =
        width > 0 &&
        height > 0 &&
        width <= MAX_SIDE &&
        height <= MAX_SIDE &&
        bitsPerSample === 8 &&
        (componentCount === 1 || componentCount === 3) &&
        pixels.length === width * height * componentCount;
      if (!valid) throw new PhotoDecodeError('unexpected image shape');
      const rgba = new Uint8ClampedArray(width * height * 4);
      for (let i = 0, o = 0; o < rgba.length; i += componentCount, o += 4) {
        const r = pixels[i] ?? 0;
        rgba[o] = r;
        rgba[o + 1] = componentCount === 3 ? (pixels[i + 1] ?? 0) : r;
        rgba[o + 2] = componentCount === 3 ? (pixels[i + 2] ?? 0) : r;
        rgba[o + 3] = 255;
      }
      return new ImageData(rgba, width, height);
    } finally {
      pixels.fill(0);
    }
  } finally {
    j2k.delete();
  }
}
