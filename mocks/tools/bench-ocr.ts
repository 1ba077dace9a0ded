/**
 * `npm run bench:ocr -- [--sets tune,heldout,fresh,fresh2,fresh3,fresh4,fresh5,fresh6,fresh7,fresh8,fresh9,fresh10,fresh11,fresh12,fresh13,fresh14,fresh15] [--fronts 200] [--backs 20] [--limit N] [--dir bench-data/card-faces]`:
 * reads the card-photo sets of `mocks/card-face/face-sets.ts` (generated on first use) in one run:
 * - baseline: plain tesseract.js `recognize` of the whole image with `jpn`, then the same field reader;
 * - pipeline: the app's steps (`front-reader.ts`): card found, straightened and evenly lit, fields read and
 *   each confirmed by a second, independent read, and checked against the rest of the card.
 * Prints, per set and for clean and degraded photos: exact birth dates (ISO date and the era digits that open
 * 照合番号B), expiry and security code; birth date and expiry both exact (the app takes a face only with both);
 * wrong values accepted (the safety figure: it must be 0); what the backs
 * yielded (must be nothing); median and 95th-percentile time per image and the pipeline/baseline ratio; the
 * machine's load average, since the machine is shared; and the goals on the run's held-out sets together
 * (`ocr-goals.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFaceFields, type FaceReading } from '../../app/methods/card-face-ocr/face-fields';
import { readFrontWith, type FaceRecogniser } from '../../app/methods/card-face-ocr/front-reader';
import { linesOf } from '../../app/methods/card-face-ocr/recognised-lines';
import { eraDigits } from '../../app/policy';
import { FACE_SETS, TUNING_SETS, writeFaceSet, type FaceSetName, type FaceTruth } from '../card-face/face-sets';
import { goalReport, goalSummary, heldOutOnly } from '../card-face/ocr-goals';
import { createJpnWorker } from './jpn-worker';
import { normalisedCard } from './node-card-image';

const { values } = parseArgs({
  options: {
    sets: {
      type: 'string',
      default:
        'tune,heldout,fresh,fresh2,fresh3,fresh4,fresh5,fresh6,fresh7,fresh8,fresh9,fresh10,fresh11,fresh12,fresh13,fresh14,fresh15',
    },
    fronts: { type: 'string', default: '200' },
    backs: { type: 'string', default: '20' },
    dir: { type: 'string', default: 'bench-data/card-faces' },
    limit: { type: 'string' },
    only: { type: 'string', default: 'baseline,pipeline' },
    verbose: { type: 'boolean', default: false },
  },
});
const setNames = values.sets.split(',').filter((s): s is FaceSetName => s in FACE_SETS);
const methods = values.only.split(',');

type Field = 'birth' | 'expiry' | 'code';
const FIELDS: readonly Field[] = ['birth', 'expiry', 'code'];
interface Tally {
  images: number;
  right: Record<Field, number>;
  wrong: Record<Field, number>;
  /** Fronts whose birth date and expiry were both read exactly: the app takes a face only with both. */
  usable: number;
  times: number[];
}
const tally = (): Tally => ({
  images: 0,
  right: { birth: 0, expiry: 0, code: 0 },
  wrong: { birth: 0, expiry: 0, code: 0 },
  usable: 0,
  times: [],
});
interface BackTally {
  images: number;
  refused: number;
  /** Backs that yielded a birth date, an expiry or a code. */
  yielded: number;
}

/** The value a reading gives for each field, in the form the truth records it. */
function readValues(reading: FaceReading): Record<Field, string | null> {
  if (reading.kind !== 'front') return { birth: null, expiry: null, code: null };
  const { birth, expiry, securityCode } = reading.fields;
  let birthValue: string | null = null;
  if (birth) {
    // Exact = the same day and the same era digits (the chip hand-over's six digits).
    const digits = birth.era === null ? eraDigits(birth.iso) : eraDigits(birth.iso, birth.era);
    birthValue = `${birth.iso}/${digits}`;
  }
  return { birth: birthValue, expiry, code: securityCode };
}

function count(t: Tally, reading: FaceReading, truth: FaceTruth, ms: number): string[] {
  t.images += 1;
  t.times.push(ms);
  const read = readValues(reading);
  const expected: Record<Field, string> = {
    birth: `${truth.dateOfBirth ?? ''}/${truth.birthDigits ?? ''}`,
    expiry: truth.expiry ?? '',
    code: truth.securityCode ?? '',
  };
  const notes: string[] = [];
  for (const field of FIELDS) {
    const value = read[field];
    if (value === null) {
      notes.push(`${field}: none`);
      continue;
    }
    if (value === expected[field]) t.right[field] += 1;
    else {
      t.wrong[field] += 1;
      notes.push(`${field}: WRONG ${value} ≠ ${expected[field]}`);
    }
  }
  if (read.birth === expected.birth && read.expiry === expected.expiry) t.usable += 1;
  return notes;
}

function countBack(t: BackTally, reading: FaceReading): void {
  t.images += 1;
  if (reading.kind === 'back') t.refused += 1;
  else if (Object.values(readValues(reading)).some((v) => v !== null)) t.yielded += 1;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadAtStart = load();
const worker = await createJpnWorker();
const recogniser = worker as unknown as FaceRecogniser<Buffer>;
type Groups = Record<string, { fronts: Tally; backs: BackTally }>;
/** set → method → clean/degraded → tallies */
const results: Record<string, Record<string, Groups>> = {};
const allTimes: Record<string, number[]> = { baseline: [], pipeline: [] };
let cardsFound = 0;
let imagesRead = 0;

try {
  for (const name of setNames) {
    const dir = join(values.dir, name);
    if (!existsSync(join(dir, 'truth.json'))) {
      process.stderr.write(`generating the ${name} set in ${dir}…\n`);
      await writeFaceSet(name, dir, Number(values.fronts), Number(values.backs));
    }
    const all = (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { images: FaceTruth[] }).images;
    const fronts = all.filter((t) => t.side === 'front');
    const images = [
      ...(values.limit ? fronts.slice(0, Number(values.limit)) : fronts),
      ...all.filter((t) => t.side === 'back'),
    ];
    const bySet: Record<string, Groups> = (results[name] = {});
    const groups = (method: string, degraded: boolean) => {
      const byMethod = (bySet[method] ??= {});
      return (byMethod[degraded ? 'degraded' : 'clean'] ??= {
        fronts: tally(),
        backs: { images: 0, refused: 0, yielded: 0 },
      });
    };
    for (const [index, truth] of images.entries()) {
      const file = readFileSync(join(dir, truth.file));
      const notes: string[] = [];
      if (methods.includes('baseline')) {
        const started = performance.now();
        const { data } = await worker.recognize(file, {}, { blocks: true });
        const reading = readFaceFields(linesOf(data));
        const ms = performance.now() - started;
        const g = groups('baseline', truth.degraded);
        if (truth.side === 'back') countBack(g.backs, reading);
        else {
          count(g.fronts, reading, truth, ms);
          allTimes['baseline']?.push(ms);
        }
      }
      if (methods.includes('pipeline')) {
        const started = performance.now();
        const { card, found, frame } = await normalisedCard(file);
        if (found) cardsFound += 1;
        else notes.push('card not found');
        const reading = await readFrontWith(recogniser, card, frame);
        const ms = performance.now() - started;
        const g = groups('pipeline', truth.degraded);
        if (truth.side === 'back') countBack(g.backs, reading);
        else {
          notes.push(...count(g.fronts, reading, truth, ms));
          allTimes['pipeline']?.push(ms);
        }
        if (reading.kind !== 'back' && truth.side === 'back') notes.push('BACK NOT REFUSED');
      }
      imagesRead += 1;
      // Per-image notes only for the tuning set: the held-out set is scored as a whole.
      if (values.verbose && TUNING_SETS.includes(name) && notes.length > 0) {
        process.stderr.write(
          `${truth.file}${truth.degraded ? ' (degraded)' : ''} ${truth.birthText ?? ''} ${truth.font ?? ''}: ${notes.join('; ')}\n`,
        );
      }
      if ((index + 1) % 20 === 0) process.stderr.write(`${name} ${index + 1}/${images.length}\n`);
    }
    // Each set's tallies as soon as it is done, so that a long run interrupted later still reports it.
    const tallies = Object.entries(bySet).map(([method, groups]) => ({
      method,
      groups: Object.fromEntries(
        Object.entries(groups).map(([group, t]) => [group, { ...t.fronts, times: undefined, backs: t.backs }]),
      ),
    }));
    process.stderr.write(`${name} done (load ${load()}): ${JSON.stringify(tallies)}\n`);
  }
} finally {
  await worker.terminate();
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
function quantile(times: readonly number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
console.log(
  `OCR benchmark (tesseract.js jpn 4.0.0_best_int, one worker); load average at start ${loadAtStart}, at end ${load()}`,
);
for (const [name, byMethod] of Object.entries(results)) {
  console.log(`\n${name} set (seed ${FACE_SETS[name as FaceSetName]}):`);
  for (const [method, groups] of Object.entries(byMethod)) {
    console.log(
      method === 'baseline' ? '  baseline — whole image, one read:' : '  pipeline — card normalised, confirmed reads:',
    );
    for (const [group, { fronts, backs }] of Object.entries(groups)) {
      const exact = FIELDS.map((f) => `${f} ${pct(fronts.right[f], fronts.images)}`).join(', ');
      const wrong = FIELDS.map((f) => `${f} ${fronts.wrong[f]}`).join(', ');
      console.log(`    ${group.padEnd(9)} fronts n=${fronts.images}: exact ${exact}; wrong accepted: ${wrong}`);
      // A verdict on the face alone needs both dates (`face-reader.ts` `usable`); 券面 → ICチップ, the birth date.
      console.log(`    ${''.padEnd(9)} birth date and expiry both exact: ${pct(fronts.usable, fronts.images)}`);
      console.log(
        `    ${''.padEnd(9)} backs n=${backs.images}: refused as the back ${backs.refused}, yielded a value ${backs.yielded}`,
      );
    }
  }
}
console.log('');
for (const [method, times] of Object.entries(allTimes)) {
  if (times.length === 0) continue;
  console.log(
    `${method} time per front: median ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms`,
  );
}
const ratio = quantile(allTimes['pipeline'] ?? [], 0.5) / Math.max(1, quantile(allTimes['baseline'] ?? [], 0.5));
if (methods.length === 2) console.log(`pipeline/baseline median time: ${ratio.toFixed(2)}×`);
if (methods.includes('pipeline')) console.log(`card found and straightened in ${cardsFound}/${imagesRead} images`);
// The goals, on the held-out sets of this run together (`ocr-goals.ts`); runs split across cores are pooled by
// `npm run bench:ocr:pool`.
const tallied = Object.entries(results).flatMap(([set, byMethod]) => {
  const groups = byMethod['pipeline'];
  if (!groups?.['clean'] || !groups['degraded']) return [];
  const { clean, degraded } = groups;
  return [
    { set, clean: { ...clean.fronts, backs: clean.backs }, degraded: { ...degraded.fronts, backs: degraded.backs } },
  ];
});
const heldOut = heldOutOnly(tallied);
if (heldOut.length > 0) console.log(['', ...goalReport(goalSummary(heldOut))].join('\n'));
