import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from './age';
import { policyErrorCode } from './test-support';

describe('ageOn', () => {
  it.each([
    // date of birth, today, age
    ['2006-04-01', '2026-03-31', 19],
    ['2006-04-01', '2026-04-01', 20], // the birthday itself: already 20 (reached at the end of 03-31)
    ['2006-04-02', '2026-04-01', 19],
    ['1980-02-17', '2026-11-26', 46],
    ['2026-11-26', '2026-11-26', 0],
    // 29 February, common target years: the new age from 1 March
    ['2004-02-29', '2024-02-28', 19],
    ['2004-02-29', '2024-02-29', 20], // leap year: the birthday exists
    ['2005-02-28', '2025-02-28', 20],
    ['2004-02-29', '2023-02-28', 18],
    ['2004-02-29', '2023-03-01', 19],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
    ['2000-02-29', '2020-02-29', 20],
    ['2000-02-29', '2021-02-28', 20],
    ['2000-02-29', '2021-03-01', 21],
    // born 1 March: unaffected by leap days
    ['2004-03-01', '2024-02-29', 19],
    ['2004-03-01', '2024-03-01', 20],
    ['1999-12-31', '2019-12-30', 19],
    ['1999-12-31', '2019-12-31', 20],
  ])('born %s is on %s aged %i', (birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });

  it.each([
    ['2026-11-27', '2026-11-26', 'policy.birth-date-in-future'],
    ['2023-02-29', '2026-11-26', 'policy.invalid-date'],
    ['1990-13-01', '2026-11-26', 'policy.invalid-date'],
    ['1990-1-1', '2026-11-26', 'policy.invalid-date'],
    ['1990-01-01', '26-11-2026', 'policy.invalid-date'],
    ['', '2026-11-26', 'policy.invalid-date'],
  ])('born %s on %s throws %s', (birth, today, code) => {
    expect(policyErrorCode(() => ageOn(birth, today))).toBe(code);
  });
});

/**
 * Independent formulation of the Act on Calculation of Age: the holder reaches age N at the end of the day
 * before the N-th anniversary; when the anniversary does not exist (29 Feb in a common year) the period ends at
 * the end of the last day of February, i.e. age N holds from 1 March. Built with the JavaScript Date object and
 * day numbers, not with the month/day comparison of the implementation.
 */
function referenceAge(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const todayNumber = dayNumber(today);
  const firstDayOfAge = (n: number): number => {
    const anniversary = new Date(Date.UTC(by + n, bm - 1, bd));
    const exists = anniversary.getUTCMonth() === bm - 1;
    // Missing anniversary: Date rolls 29 Feb over to 1 March, which is exactly the first day of the new age.
    return exists ? anniversary.getTime() / 86_400_000 : Date.UTC(by + n, bm, 1) / 86_400_000;
  };
  let age = 0;
  while (firstDayOfAge(age + 1) <= todayNumber) age += 1;
  return age;
}

const isoDay = fc
  .date({ min: new Date('1868-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('ageOn property', () => {
  it('agrees with the independent formulation of the law', () => {
    fc.assert(
      fc.property(isoDay, isoDay, (a, b) => {
        const [birth, today] = a <= b ? [a, b] : [b, a];
        expect(ageOn(birth, today)).toBe(referenceAge(birth, today));
      }),
      { numRuns: 5000, seed: 20261126 },
    );
  });

  it('agrees around birthdays and leap days, where mistakes live', () => {
    const nearBirthday = fc
      .record({
        year: fc.integer({ min: 1900, max: 2100 }),
        month: fc.constantFrom(1, 2, 3, 12),
        day: fc.constantFrom(1, 28, 29, 31),
        years: fc.integer({ min: 0, max: 110 }),
        shift: fc.integer({ min: -3, max: 3 }),
      })
      .filter(({ year, month, day }) => new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day);
    fc.assert(
      fc.property(nearBirthday, ({ year, month, day, years, shift }) => {
        const birth = new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
        const today = new Date(Date.UTC(year + years, month - 1, day + shift)).toISOString().slice(0, 10);
        fc.pre(birth <= today && today <= '2199-12-31');
        expect(ageOn(birth, today)).toBe(referenceAge(birth, today));
      }),
      { numRuns: 5000, seed: 29 },
    );
  });
});
