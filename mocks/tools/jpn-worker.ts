/**
 * tesseract.js in Node with the Japanese model from `@tesseract.js-data/jpn`, loaded from node_modules (no
 * network): the integer-quantised "best" model, about 2 MB, accurate enough for printed text.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM } from 'tesseract.js';

export function jpnModelPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/jpn/package.json')), '4.0.0_best_int');
}

export function createJpnWorker() {
  return createWorker('jpn', OEM.LSTM_ONLY, { langPath: jpnModelPath(), gzip: true, cacheMethod: 'none' });
}
