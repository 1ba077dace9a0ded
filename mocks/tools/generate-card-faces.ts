/**
 * `npm run gen:card-faces -- [--count 200] [--out test-results/card-faces] [--today YYYY-MM-DD]`: synthetic
 * card faces with their ground truth (`truth.json`), half clean and half degraded, for the OCR benchmark.
 * Generated on demand, never committed in bulk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { japanDate } from '../../app/policy';
import { renderCardImage, seededRandom, type Degradation } from '../card-face/render-card-face';
import { PERSONA_IDS, persona } from '../card/personas';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    out: { type: 'string', default: 'test-results/card-faces' },
    today: { type: 'string' },
  },
});
const count = Number(values.count);
const today = values.today ?? japanDate(new Date());
mkdirSync(values.out, { recursive: true });
const random = seededRandom(20261126);
/** Surfaces under the card: dark table, wooden counter, light grey counter (the card barely stands out). */
const TABLES = ['#3a3d42', '#7a5c3e', '#b8b5ae'] as const;
const truth: Record<string, unknown>[] = [];

for (let i = 0; i < count; i += 1) {
  const id = PERSONA_IDS[i % PERSONA_IDS.length]!;
  const p = persona(id, today);
  const degraded = i % 2 === 1;
  const degradation: Degradation = degraded
    ? {
        blur: random() * 1.2,
        noise: random() * 25,
        rotateDeg: (random() - 0.5) * 20,
        perspective: (random() - 0.5) * 0.1,
        glare: random() * 0.5,
        light: 0.55 + random() * 0.45,
        jpegQuality: 55 + Math.round(random() * 35),
        table: TABLES[Math.floor(random() * TABLES.length)] ?? TABLES[0],
      }
    : {};
  const image = await renderCardImage({ kind: 'front', persona: p }, degradation, i + 1);
  const file = `card-${String(i).padStart(3, '0')}.${image.mime === 'image/jpeg' ? 'jpg' : 'png'}`;
  writeFileSync(join(values.out, file), image.data);
  truth.push({
    file,
    persona: id,
    degraded,
    degradation,
    birthDateText: p.face.birthDateText,
    dateOfBirth: p.dateOfBirth,
    expiry: p.face.expiry,
    securityCode: p.face.securityCode,
    numberB: p.numberB,
  });
}
writeFileSync(join(values.out, 'truth.json'), `${JSON.stringify({ today, images: truth }, null, 1)}\n`);
console.log(`wrote ${count} card faces and truth.json to ${values.out}`);
