/**
 * `npm run ocr -- [--lines] <image…>`: recognises card-face images in Node with tesseract.js and the Japanese
 * model from `@tesseract.js-data/jpn` (no network), through the app's own pipeline (card found and
 * straightened, read whole, each field's line read again and compared), and prints JSON per image: the fields
 * accepted, whether the card was found, and the time taken. `--lines` adds the first read's lines with their
 * confidence (one more read). The back of a card is reported as such and nothing of it is printed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readFaceFields } from '../../app/methods/card-face-ocr/face-fields';
import { readFrontWith, type FaceRecogniser } from '../../app/methods/card-face-ocr/front-reader';
import { linesOf } from '../../app/methods/card-face-ocr/recognised-lines';
import { createJpnWorker } from './jpn-worker';
import { normalisedCard } from './node-card-image';

const { values, positionals: files } = parseArgs({
  options: { lines: { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (files.length === 0) {
  console.error('usage: npm run ocr -- [--lines] <image…>');
  process.exit(2);
}
const worker = await createJpnWorker();
try {
  for (const file of files) {
    const started = performance.now();
    const { card, found, frame } = await normalisedCard(readFileSync(file));
    const reading = await readFrontWith(worker as unknown as FaceRecogniser<Buffer>, card, frame);
    const ms = Math.round(performance.now() - started);
    let lines;
    if (values.lines && reading.kind === 'front') {
      const { data } = await worker.recognize(card.image, {}, { blocks: true });
      lines = linesOf(data);
      // The same strict reader, so a back that only this read shows is still not printed.
      if (readFaceFields(lines).kind === 'back') lines = undefined;
    }
    console.log(JSON.stringify({ file, ms, cardFound: found, reading, ...(lines ? { lines } : {}) }, null, 1));
  }
} finally {
  await worker.terminate();
}
