/**
 * tesseract.js in the page: one worker, created on first use and kept warm, running the Japanese model that
 * the app serves itself (`ocr/`, copied from npm at build; see `scripts/ocr-assets.ts`). Nothing is fetched
 * from another origin and nothing is cached in browser storage.
 */
import type { Worker as TesseractWorker } from 'tesseract.js';
import { readFaceFields, birthLine, type FaceReading } from './face-fields';
import { linesOf } from './recognised-lines';
import { confirmBirth, type LineRecogniser } from './second-read';

type OcrImage = Blob | HTMLCanvasElement;

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

/**
 * Reads the front's fields from an image: the whole image once, then the birth line again on its own with a
 * character whitelist; the date of birth counts only if both reads agree (`npm run bench:ocr` measures this).
 */
export async function readFront(image: OcrImage): Promise<FaceReading> {
  const tesseract = await ocrWorker();
  const { data } = await tesseract.recognize(image, {}, { blocks: true });
  const lines = linesOf(data);
  const reading = readFaceFields(lines);
  if (reading.kind === 'back' || !reading.fields.birth) return reading;
  const line = birthLine(lines);
  const recogniser = tesseract as unknown as LineRecogniser<OcrImage>;
  const birth = line ? await confirmBirth(recogniser, image, line, reading.fields.birth) : null;
  return { kind: 'front', fields: { ...reading.fields, birth } };
}
