// Prints the gzip size of the JavaScript and CSS the built page loads at start-up (the entry script, its
// modulepreloads and stylesheets, as listed in dist/index.html) and fails above the budget. Lazily loaded
// chunks (X.509, OCR) are listed apart and not counted. Run through `npm run size`, which builds first.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
/** Start-up budget, bytes of gzip (100 KB): the start-up carries the choice of method, not the methods. */
const BUDGET_BYTES = 100_000;

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const startup = new Set();
for (const [, attrs] of html.matchAll(/<(?:script|link)\b([^>]*)>/g)) {
  const src = /\b(?:src|href)="([^"]+)"/.exec(attrs)?.[1];
  const loadsCode = /type="module"/.test(attrs) || /rel="(?:stylesheet|modulepreload)"/.test(attrs);
  if (src && loadsCode && /\.(?:js|css)$/.test(src)) startup.add(src.replace(/^\//, ''));
}

const gzipSize = (path) => gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

let total = 0;
console.log('start-up files (gzip -9):');
for (const file of [...startup].sort()) {
  const size = gzipSize(file);
  total += size;
  console.log(`  ${file.padEnd(44)} ${kb(size).padStart(10)}`);
}
const lazy = readdirSync(join(DIST, 'assets'))
  .map((name) => `assets/${name}`)
  .filter((file) => /\.(?:js|css)$/.test(file) && !startup.has(file));
if (lazy.length > 0) {
  console.log('loaded later (not counted):');
  for (const file of lazy.sort()) console.log(`  ${file.padEnd(44)} ${kb(gzipSize(file)).padStart(10)}`);
}
console.log(`start-up total: ${kb(total)} of ${kb(BUDGET_BYTES)} budget`);

const leaks = readdirSync(join(DIST, 'assets')).filter(
  (name) => name.endsWith('.js') && readFileSync(join(DIST, 'assets', name), 'utf8').includes('__e2e'),
);
if (leaks.length > 0) {
  console.error(`the e2e test hook is in the production build: ${leaks.join(', ')}`);
  process.exit(1);
}
if (startup.size === 0) {
  console.error('found no start-up script in dist/index.html');
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`start-up JavaScript and CSS exceed the budget by ${kb(total - BUDGET_BYTES)}`);
  process.exit(1);
}
