/**
 * The OCR engine and the Japanese model are served by the app itself (no CDN, offline after the first load):
 * copied from their npm packages into `ocr/` of the build, and served from node_modules by the dev server.
 * Nothing is committed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { OCR_CORE_FILES, ocrCoreDir } from '../app/methods/card-face-ocr/ocr-core-files.ts';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * URL path under the app → file in node_modules. Only the LSTM cores (the app runs tesseract LSTM-only), all
 * three served, since any browser may need any one; the service worker keeps only the one it runs.
 */
export function ocrAssets(): Record<string, string> {
  const core = packageDir('tesseract.js-core');
  const { version } = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')) as { version: string };
  const cores = Object.values(OCR_CORE_FILES).map((file): [string, string] => [
    `${ocrCoreDir(version)}${file}`,
    join(core, file),
  ]);
  return {
    'ocr/worker.min.js': join(packageDir('tesseract.js'), 'dist/worker.min.js'),
    ...(Object.fromEntries(cores) as Record<string, string>),
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
