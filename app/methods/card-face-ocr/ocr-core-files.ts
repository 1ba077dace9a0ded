/**
 * Where the tesseract.js cores are served and cached. Kept free of imports: the build scripts
 * (`scripts/ocr-assets.ts`, `scripts/pwa.ts`) read it too.
 *
 * tesseract.js-core ships three LSTM-only builds of about 3.9 MB each; a browser runs exactly one of them,
 * chosen by its WebAssembly features (`ocr-core.ts`). The service worker therefore precaches none: the page
 * puts the one this browser runs into `OCR_CORE_CACHE` after the first visit, and the worker serves it from
 * there, so the OCR works offline without 7.8 MB of cores the browser would never load.
 */

/** The three cores, by the WebAssembly features they need (file names as tesseract.js-core ships them). */
export const OCR_CORE_FILES = {
  relaxedSimd: 'tesseract-core-relaxedsimd-lstm.wasm.js',
  simd: 'tesseract-core-simd-lstm.wasm.js',
  plain: 'tesseract-core-lstm.wasm.js',
} as const;

export type OcrCoreVariant = keyof typeof OCR_CORE_FILES;

/** URL folder of the cores under the app, with tesseract.js-core's version: a new core never meets an old cache. */
export function ocrCoreDir(coreVersion: string): string {
  return `ocr/core/${coreVersion}/`;
}

/** The Cache API cache that holds the one core this browser runs (public code, nothing personal). */
export const OCR_CORE_CACHE = 'ocr-core';
