/**
 * tesseract.js in the page: one worker, created on first use and kept warm, running the Japanese model that
 * the app serves itself (`ocr/`, copied from npm at build; see `scripts/ocr-assets.ts`). Nothing is fetched
 * from another origin and nothing is cached in browser storage.
 */
import type { Worker as TesseractWorker } from 'tesseract.js';
import type { OcrLine } from './face-fields';
import { linesOf } from './recognised-lines';

let worker: Promise<TesseractWorker> | null = null;

function ocrWorker(): Promise<TesseractWorker> {
  worker ??= (async () => {
    const { createWorker, OEM } = await import('tesseract.js');
    const at = (path: string) => new URL(path, document.baseURI).href;
    return createWorker('jpn', OEM.LSTM_ONLY, {
      workerPath: at('ocr/worker.min.js'),
      corePath: at('ocr/core/'),
      langPath: at('ocr/lang'),
      gzip: true,
      // A same-origin worker file instead of a blob: the strict CSP stays as it is.
      workerBlobURL: false,
      cacheMethod: 'none',
    });
  })();
  return worker;
}

/** Recognises an image of the card's front; returns its lines with their confidence. */
export async function recognise(image: Blob | HTMLCanvasElement): Promise<OcrLine[]> {
  const { data } = await (await ocrWorker()).recognize(image, {}, { blocks: true });
  return linesOf(data);
}
