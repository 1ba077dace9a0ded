/**
 * The OCR engine and the Japanese model are served by the app itself (no CDN, offline after the first load):
 * copied from their npm packages into `ocr/` of the build, and served from node_modules by the dev server.
 * Nothing is committed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** URL path under the app → file in node_modules. Only the LSTM cores: the app runs tesseract LSTM-only. */
export function ocrAssets(): Record<string, string> {
  const core = packageDir('tesseract.js-core');
  return {
    'ocr/worker.min.js': join(packageDir('tesseract.js'), 'dist/worker.min.js'),
    'ocr/core/tesseract-core-lstm.wasm.js': join(core, 'tesseract-core-lstm.wasm.js'),
    'ocr/core/tesseract-core-simd-lstm.wasm.js': join(core, 'tesseract-core-simd-lstm.wasm.js'),
    'ocr/core/tesseract-core-relaxedsimd-lstm.wasm.js': join(core, 'tesseract-core-relaxedsimd-lstm.wasm.js'),
    'ocr/lang/jpn.traineddata.gz': join(packageDir('@tesseract.js-data/jpn'), '4.0.0_best_int/jpn.traineddata.gz'),
  };
}

export function ocrAssetsPlugin(): Plugin {
  const assets = ocrAssets();
  return {
    name: 'ocr-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0]?.replace(/^\//, '') ?? '';
        const file = assets[path];
        if (!file) {
          next();
          return;
        }
        response.setHeader('Content-Type', path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        response.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [fileName, file] of Object.entries(assets)) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
    },
  };
}
