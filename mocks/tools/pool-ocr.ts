/**
 * `npm run bench:ocr:pool -- <stderr log…>`: the card-face OCR goals judged on the held-out sets of several
 * `npm run bench:ocr` runs together (runs split across the machine's cores, each writing its sets' tallies to
 * stderr). Tuning sets in the logs are left out: they are not an evaluation.
 */
import { readFileSync } from 'node:fs';
import { goalReport, goalSummary, heldOutOnly, setTalliesIn } from '../card-face/ocr-goals';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run bench:ocr:pool -- <stderr of npm run bench:ocr …>');
  process.exit(2);
}
const sets = heldOutOnly(setTalliesIn(files.map((file) => readFileSync(file, 'utf8')).join('\n')));
if (sets.length === 0) {
  console.error('no held-out set with pipeline tallies in these logs');
  process.exit(1);
}
console.log(`sets: ${sets.map((s) => s.set).join(', ')}`);
// A set read in part (`--limit`, `--fronts`) pools as fewer fronts: said, not refused.
const partial = sets.filter((s) => s.clean.images !== 100 || s.degraded.images !== 100).map((s) => s.set);
if (partial.length > 0) console.log(`read in part (not 100 clean and 100 degraded fronts): ${partial.join(', ')}`);
for (const line of goalReport(goalSummary(sets))) console.log(line);
