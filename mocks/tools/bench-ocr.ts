/**
 * `npm run bench:ocr -- [--count 200] [--dir test-results/card-faces]`: generates synthetic card faces (unless
 * the directory already holds a `truth.json`), recognises each with tesseract.js `jpn` on the whole image and
 * the strict field reader, and prints per-field exact-match accuracy for clean and degraded images, the number
 * of wrong values accepted (the safety figure: it must be 0), and median / 95th-percentile time per image.
 * The baseline (whole image, one read) is printed next to the pipeline's date of birth, which also needs a
 * second, whitelisted read of its line to agree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { birthLine, readFaceFields } from '../../app/methods/card-face-ocr/face-fields';
import { confirmBirth, type LineRecogniser } from '../../app/methods/card-face-ocr/second-read';
import { linesOf } from '../../app/methods/card-face-ocr/recognised-lines';
import { createJpnWorker } from './jpn-worker';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '200' }, dir: { type: 'string', default: 'test-results/card-faces' } },
});
if (!existsSync(join(values.dir, 'truth.json'))) {
  execFileSync('npx', ['tsx', 'mocks/tools/generate-card-faces.ts', '--count', values.count, '--out', values.dir], {
    stdio: 'inherit',
  });
}
interface Truth {
  file: string;
  degraded: boolean;
  dateOfBirth: string;
  expiry: string;
  securityCode: string;
}
const { images } = JSON.parse(readFileSync(join(values.dir, 'truth.json'), 'utf8')) as { images: Truth[] };

const worker = await createJpnWorker();
const times: number[] = [];
type Tally = {
  images: number;
  birth: number;
  expiry: number;
  code: number;
  wrongBirth: number;
  wrongExpiry: number;
  wrongCode: number;
};
const tally = (): Tally => ({ images: 0, birth: 0, expiry: 0, code: 0, wrongBirth: 0, wrongExpiry: 0, wrongCode: 0 });
const groups = { clean: tally(), degraded: tally() };
/** The pipeline: the birth date needs a second, whitelisted read of its line to agree. */
const confirmed = { clean: tally(), degraded: tally() };
const pipelineTimes: number[] = [];
try {
  for (const truth of images) {
    const image = readFileSync(join(values.dir, truth.file));
    const started = performance.now();
    const { data } = await worker.recognize(image, {}, { blocks: true });
    times.push(performance.now() - started);
    const lines = linesOf(data);
    const reading = readFaceFields(lines);
    const t = groups[truth.degraded ? 'degraded' : 'clean'];
    const c = confirmed[truth.degraded ? 'degraded' : 'clean'];
    t.images += 1;
    c.images += 1;
    if (reading.kind !== 'front') {
      pipelineTimes.push(performance.now() - started);
      continue;
    }
    const { birth, expiry, securityCode } = reading.fields;
    const line = birthLine(lines);
    const recogniser = worker as unknown as LineRecogniser<Buffer>;
    const second = birth && line ? await confirmBirth(recogniser, image, line, birth) : null;
    pipelineTimes.push(performance.now() - started);
    if (second) {
      if (second.iso === truth.dateOfBirth) c.birth += 1;
      else c.wrongBirth += 1;
    }
    if (birth) {
      if (birth.iso === truth.dateOfBirth) t.birth += 1;
      else t.wrongBirth += 1;
    }
    if (expiry) {
      if (expiry === truth.expiry) t.expiry += 1;
      else t.wrongExpiry += 1;
    }
    if (securityCode) {
      if (securityCode === truth.securityCode) t.code += 1;
      else t.wrongCode += 1;
    }
  }
} finally {
  await worker.terminate();
}
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
const sorted = [...times].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(
  `OCR baseline (tesseract.js jpn 4.0.0_best_int, whole image, strict field reader), ${images.length} images:`,
);
for (const [name, t] of Object.entries(groups)) {
  console.log(
    `  ${name.padEnd(9)} n=${t.images}: birth ${pct(t.birth, t.images)}, expiry ${pct(t.expiry, t.images)}, ` +
      `security code ${pct(t.code, t.images)} exact; wrong accepted: birth ${t.wrongBirth}, expiry ${t.wrongExpiry}, code ${t.wrongCode}`,
  );
}
console.log(
  `  time per image: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms (single frame, no two-frame agreement)`,
);
const sortedPipeline = [...pipelineTimes].sort((a, b) => a - b);
const atPipeline = (q: number) =>
  sortedPipeline[Math.min(sortedPipeline.length - 1, Math.floor(q * sortedPipeline.length))] ?? 0;
console.log('Pipeline: the date of birth also needs a second, whitelisted read of its line to agree:');
for (const [name, t] of Object.entries(confirmed)) {
  console.log(
    `  ${name.padEnd(9)} n=${t.images}: birth ${pct(t.birth, t.images)} exact; wrong accepted: birth ${t.wrongBirth}`,
  );
}
console.log(
  `  time per image: median ${atPipeline(0.5).toFixed(0)} ms, p95 ${atPipeline(0.95).toFixed(0)} ms; ` +
    `${(atPipeline(0.5) / Math.max(1, at(0.5))).toFixed(2)}× the baseline median`,
);
