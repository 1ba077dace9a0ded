/**
 * `npm run bench:ocr -- [--count 200] [--dir test-results/card-faces] [--limit N]`: generates synthetic card
 * faces (unless the directory already holds a `truth.json`) and reads each twice in one run:
 * - baseline: plain tesseract.js `recognize` of the whole image with `jpn`, then the strict field reader;
 * - pipeline: the app's steps — card found, straightened and evenly lit (`card-rectify.ts`), read whole, and
 *   each field's line read again with a whitelist, kept only when both reads agree (`front-reader.ts`).
 * Prints per-field exact-match accuracy for clean and degraded images, the number of wrong values accepted
 * (the safety figure: it must be 0), and median / 95th-percentile time per image, with the pipeline/baseline
 * ratio.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFaceFields, type FaceReading } from '../../app/methods/card-face-ocr/face-fields';
import { readFrontWith, type FaceRecogniser } from '../../app/methods/card-face-ocr/front-reader';
import { linesOf } from '../../app/methods/card-face-ocr/recognised-lines';
import { createJpnWorker } from './jpn-worker';
import { normalisedPng } from './node-card-image';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    dir: { type: 'string', default: 'test-results/card-faces' },
    limit: { type: 'string' },
  },
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
const all = (JSON.parse(readFileSync(join(values.dir, 'truth.json'), 'utf8')) as { images: Truth[] }).images;
const images = values.limit ? all.slice(0, Number(values.limit)) : all;

interface Tally {
  images: number;
  right: Record<Field, number>;
  wrong: Record<Field, number>;
  times: number[];
}
type Field = 'birth' | 'expiry' | 'code';
const FIELDS: readonly Field[] = ['birth', 'expiry', 'code'];
const tally = (): Tally => ({
  images: 0,
  right: { birth: 0, expiry: 0, code: 0 },
  wrong: { birth: 0, expiry: 0, code: 0 },
  times: [],
});
const runs = {
  baseline: { clean: tally(), degraded: tally() },
  pipeline: { clean: tally(), degraded: tally() },
};
let cardsFound = 0;

function count(t: Tally, reading: FaceReading, truth: Truth, ms: number): void {
  t.images += 1;
  t.times.push(ms);
  if (reading.kind !== 'front') return;
  const read: Record<Field, string | null | undefined> = {
    birth: reading.fields.birth?.iso,
    expiry: reading.fields.expiry,
    code: reading.fields.securityCode,
  };
  const expected: Record<Field, string> = { birth: truth.dateOfBirth, expiry: truth.expiry, code: truth.securityCode };
  for (const field of FIELDS) {
    const value = read[field];
    if (value === null || value === undefined) continue;
    if (value === expected[field]) t.right[field] += 1;
    else t.wrong[field] += 1;
  }
}

const worker = await createJpnWorker();
const recogniser = worker as unknown as FaceRecogniser<Buffer>;
try {
  for (const [index, truth] of images.entries()) {
    const file = readFileSync(join(values.dir, truth.file));
    const group = truth.degraded ? 'degraded' : 'clean';

    let started = performance.now();
    const { data } = await worker.recognize(file, {}, { blocks: true });
    count(runs.baseline[group], readFaceFields(linesOf(data)), truth, performance.now() - started);

    started = performance.now();
    const { png, found } = await normalisedPng(file);
    if (found) cardsFound += 1;
    count(runs.pipeline[group], await readFrontWith(recogniser, png), truth, performance.now() - started);
    if ((index + 1) % 20 === 0) process.stderr.write(`${index + 1}/${images.length}\n`);
  }
} finally {
  await worker.terminate();
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
function quantile(times: readonly number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
const medians: Record<string, number> = {};
console.log(`OCR benchmark, ${images.length} synthetic card faces (tesseract.js jpn 4.0.0_best_int, one worker):`);
for (const [name, groups] of Object.entries(runs)) {
  console.log(name === 'baseline' ? 'baseline — whole image, one read:' : 'pipeline — card normalised, two reads:');
  for (const [group, t] of Object.entries(groups)) {
    const exact = FIELDS.map((f) => `${f} ${pct(t.right[f], t.images)}`).join(', ');
    const wrong = FIELDS.map((f) => `${f} ${t.wrong[f]}`).join(', ');
    console.log(`  ${group.padEnd(9)} n=${t.images}: exact ${exact}; wrong accepted: ${wrong}`);
  }
  const times = [...groups.clean.times, ...groups.degraded.times];
  medians[name] = quantile(times, 0.5);
  console.log(
    `  time per image: median ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms`,
  );
}
console.log(`card found and straightened in ${cardsFound}/${images.length} images`);
console.log(
  `pipeline/baseline median time: ${((medians['pipeline'] ?? 0) / Math.max(1, medians['baseline'] ?? 1)).toFixed(2)}×`,
);
