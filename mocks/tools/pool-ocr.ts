/**
 * `npm run bench:ocr:pool -- <stderr log…>`: the card-face OCR goals judged on the held-out sets of several
 * `npm run bench:ocr` runs together (runs split across the machine's cores, each writing its sets' tallies to
 * stderr). Tuning sets in the logs are left out: they are not an evaluation.
 */
import { readFileSync } from 'node:fs';
import { goalReport, goalSummary, setTalliesIn } from '../card-face/ocr-goals';
import { TUNING_SETS, type FaceSetName } from '../card-face/face-sets';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run bench:ocr:pool -- <stderr of npm run bench:ocr …>');
  process.exit(2);
}
const sets = setTalliesIn(files.map((file) => readFileSync(file, 'utf8')).join('\n')).filter(
  (s) => !TUNING_SETS.includes(s.set as FaceSetName),
);
if (sets.length === 0) {
  console.error('no held-out set with pipeline tallies in these logs');
  process.exit(1);
}
console.log(`sets: ${sets.map((s) => s.set).join(', ')}`);
for (const line of goalReport(goalSummary(sets))) console.log(line);
