import { describe, expect, it } from 'vitest';
import { eraDigits, erasOf, parseCardDate, splitCardDate } from '../../app/policy';
import { randomBirthDate, randomFace } from './face-sample';
import { seededRandom } from './render-card-face';

describe('random card faces', () => {
  const faces = Array.from({ length: 3000 }, (_, i) => randomFace(seededRandom(1000 + i)));

  it('print birth dates of 1920–2012 in every era of that span, as the law writes them', () => {
    for (const face of faces) {
      expect(face.birth.iso >= '1920-01-01' && face.birth.iso <= '2012-12-31').toBe(true);
      // The printed text means the date: 元年 for year 1, the printed era valid on that day.
      expect(parseCardDate(face.birth.text)).toBe(face.birth.iso);
      expect(splitCardDate(face.birth.text).era).toBe(face.birth.era);
      if (face.birth.era) expect(erasOf(face.birth.iso).map((e) => e.name)).toContain(face.birth.era);
      expect(face.birthDigits).toBe(
        face.birth.era ? eraDigits(face.birth.iso, face.birth.era) : eraDigits(face.birth.iso),
      );
      expect(parseCardDate(face.expiry.text)).toBe(face.expiry.iso);
    }
    const eras = new Set(faces.map((f) => f.birth.era));
    expect([...eras].sort()).toEqual(['大正', '平成', '昭和', null].sort());
  });

  it('cover the awkward cases: 元年, change-over days in either era, 29 February, Western dates, full width', () => {
    const texts = faces.map((f) => f.birth.text);
    expect(texts.some((t) => t.includes('元年'))).toBe(true);
    expect(faces.some((f) => f.birth.iso === '1926-12-25' && f.birth.era === '大正')).toBe(true);
    expect(faces.some((f) => f.birth.iso === '1926-12-25' && f.birth.era === '昭和')).toBe(true);
    expect(faces.some((f) => f.birth.iso.endsWith('-02-29'))).toBe(true);
    expect(faces.some((f) => f.layout === 'foreign' && /^\d{4}年/u.test(f.birth.text))).toBe(true);
    expect(faces.some((f) => f.layout === 'next-gen' && f.sex === null && f.nameReading.romaji !== null)).toBe(true);
    expect(texts.some((t) => /[０-９]/u.test(t) && t.includes('\u3000'))).toBe(true);
    expect(texts.some((t) => / \d月/u.test(t))).toBe(true);
    expect(new Set(faces.map((f) => f.birth.iso)).size).toBeGreaterThan(2000);
  });

  it('expire on the birthday on era-printed cards', () => {
    for (const face of faces.filter((f) => f.layout === 'national' && !f.birth.iso.endsWith('02-29'))) {
      expect(face.expiry.iso.slice(5)).toBe(face.birth.iso.slice(5));
    }
  });

  it('draws dates reproducibly from a seed', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    expect([randomBirthDate(a), randomBirthDate(a)]).toEqual([randomBirthDate(b), randomBirthDate(b)]);
  });
});
