/**
 * `npm run ocr -- <image…>`: recognises card-face images in Node with tesseract.js and the Japanese model from
 * `@tesseract.js-data/jpn` (no network), and prints JSON per image: the fields the strict reader accepted, the
 * lines with their confidence, and the time taken. The back of a card is reported as such and nothing is read.
 */
import { readFileSync } from 'node:fs';
import { readFaceFields } from '../../app/methods/card-face-ocr/face-fields';
import { linesOf } from '../../app/methods/card-face-ocr/recognised-lines';
import { createJpnWorker } from './jpn-worker';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run ocr -- <image…>');
  process.exit(2);
}
const worker = await createJpnWorker();
try {
  for (const file of files) {
    const started = performance.now();
    const { data } = await worker.recognize(readFileSync(file), {}, { blocks: true });
    const ms = Math.round(performance.now() - started);
    const lines = linesOf(data);
    const reading = readFaceFields(lines);
    console.log(JSON.stringify({ file, ms, reading, lines: reading.kind === 'back' ? [] : lines }, null, 1));
  }
} finally {
  await worker.terminate();
}
