/**
 * The one tesseract.js core this browser runs, chosen here rather than inside tesseract.js so that the app
 * knows which file to keep for offline use: the same feature tests (wasm-feature-detect, which tesseract.js
 * uses itself) in the same order — relaxed SIMD, else SIMD, else plain.
 */
import { relaxedSimd, simd } from 'wasm-feature-detect';
import { version as coreVersion } from 'tesseract.js-core/package.json';
import { OCR_CORE_CACHE, OCR_CORE_FILES, ocrCoreDir, type OcrCoreVariant } from './ocr-core-files';

/** The WebAssembly features that decide the core. */
export interface WasmFeatures {
  readonly relaxedSimd: () => Promise<boolean>;
  readonly simd: () => Promise<boolean>;
}

/** The core variant a browser with these features runs. */
export async function ocrCoreVariant(features: WasmFeatures = { relaxedSimd, simd }): Promise<OcrCoreVariant> {
  if (await features.relaxedSimd()) return 'relaxedSimd';
  if (await features.simd()) return 'simd';
  return 'plain';
}

/** The core's path under the app (`ocr/core/7.0.0/tesseract-core-simd-lstm.wasm.js`). */
export async function ocrCorePath(features?: WasmFeatures): Promise<string> {
  return `${ocrCoreDir(coreVersion)}${OCR_CORE_FILES[await ocrCoreVariant(features)]}`;
}

/**
 * Puts this browser's core into the offline cache if it is not there yet, and drops any other core (another
 * version's, after an update). Called once the service worker is registered; a failure only means the OCR
 * needs the network until the next visit.
 * @param base the app's base URL (`document.baseURI`)
 */
export async function keepOcrCoreOffline(base: string, cacheStorage: CacheStorage = caches): Promise<void> {
  const url = new URL(await ocrCorePath(), base).href;
  const cache = await cacheStorage.open(OCR_CORE_CACHE);
  for (const request of await cache.keys()) {
    if (request.url !== url) await cache.delete(request);
  }
  if (!(await cache.match(url))) await cache.add(url);
}
