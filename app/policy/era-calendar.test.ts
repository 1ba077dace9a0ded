import { describe, expect, it } from 'vitest';
import { ERAS, datesFromEraDigits, eraDateToIso, eraDigits, erasOf, type EraName } from './era-calendar';
import { policyErrorCode as code } from './test-support';

describe('era table', () => {
  it('is contiguous: each era starts the day after the previous one ends', () => {
    for (const [previous, era] of ERAS.slice(0, -1).map((e, i) => [e, ERAS[i + 1]!] as const)) {
      const dayAfter = new Date(`${previous.lastDay!}T00:00:00Z`);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      expect(dayAfter.toISOString().slice(0, 10)).toBe(era.firstDay);
    }
    expect(ERAS.at(-1)!.lastDay).toBeNull();
  });
});

describe('eraDateToIso', () => {
  it.each<[EraName, number, number, number, string]>([
    ['明治', 45, 7, 29, '1912-07-29'],
    ['明治', 45, 7, 30, '1912-07-30'], // change-over day, written in either era
    ['大正', 1, 7, 30, '1912-07-30'],
    ['大正', 15, 12, 24, '1926-12-24'],
    ['大正', 15, 12, 25, '1926-12-25'],
    ['昭和', 1, 12, 25, '1926-12-25'],
    ['昭和', 55, 2, 17, '1980-02-17'],
    ['昭和', 64, 1, 7, '1989-01-07'],
    ['平成', 1, 1, 8, '1989-01-08'],
    ['平成', 1, 3, 31, '1989-03-31'],
    ['平成', 31, 4, 30, '2019-04-30'],
    ['令和', 1, 5, 1, '2019-05-01'],
    ['令和', 2, 2, 29, '2020-02-29'],
  ])('%s%i年%i月%i日 is %s', (era, year, month, day, iso) => {
    expect(eraDateToIso(era, year, month, day)).toBe(iso);
  });

  it.each<[EraName, number, number, number, string]>([
    ['明治', 45, 7, 31, 'policy.date-outside-era'],
    ['大正', 1, 7, 29, 'policy.date-outside-era'],
    ['大正', 15, 12, 26, 'policy.date-outside-era'],
    ['昭和', 1, 12, 24, 'policy.date-outside-era'],
    ['昭和', 64, 1, 8, 'policy.date-outside-era'],
    ['平成', 1, 1, 7, 'policy.date-outside-era'],
    ['平成', 31, 5, 1, 'policy.date-outside-era'],
    ['令和', 1, 4, 30, 'policy.date-outside-era'],
    ['令和', 0, 5, 1, 'policy.date-outside-era'],
    ['平成', 2, 2, 29, 'policy.invalid-date'], // 1990 is a common year
    ['令和', 3, 2, 30, 'policy.invalid-date'],
    ['昭和', 50, 13, 1, 'policy.invalid-date'],
  ])('%s%i年%i月%i日 is refused with %s', (era, year, month, day, expected) => {
    expect(code(() => eraDateToIso(era, year, month, day))).toBe(expected);
  });
});

describe('eraDigits', () => {
  it.each([
    ['1980-02-17', '550217'],
    ['1989-01-07', '640107'],
    ['1989-01-08', '010108'],
    ['2019-04-30', '310430'],
    ['2019-05-01', '010501'],
    ['2004-02-29', '160229'],
    ['1926-12-25', '011225'], // the new era by default
    ['1912-07-30', '010730'],
  ])('%s → %s', (iso, digits) => {
    expect(eraDigits(iso)).toBe(digits);
  });

  it('uses the era printed on the card on a change-over day', () => {
    expect(eraDigits('1926-12-25', '大正')).toBe('151225');
    expect(eraDigits('1912-07-30', '明治')).toBe('450730');
  });

  it('refuses an era that does not cover the date, and invalid dates', () => {
    expect(code(() => eraDigits('1980-02-17', '平成'))).toBe('policy.date-outside-era');
    expect(code(() => eraDigits('1980-02-30'))).toBe('policy.invalid-date');
  });

  it('round-trips days of every era, and every change-over, through datesFromEraDigits', () => {
    const days = ERAS.flatMap((e) => [e.firstDay, ...(e.lastDay ? [e.lastDay] : [])]);
    // Every 3rd day (a stride prime to 7 and to month lengths, so every weekday and day of month comes up).
    for (let t = Date.UTC(1868, 0, 25); t <= Date.UTC(2060, 11, 31); t += 3 * 86_400_000) {
      days.push(new Date(t).toISOString().slice(0, 10));
    }
    for (const iso of days) {
      for (const era of erasOf(iso)) {
        const digits = eraDigits(iso, era.name);
        expect(datesFromEraDigits(digits)).toContain(iso);
      }
    }
    // 23,000 days: about 2 s alone, 9 s on a 2-core machine running browser tests beside it.
  }, 30_000);
});

describe('datesFromEraDigits', () => {
  it.each([
    ['550217', ['1980-02-17', '2073-02-17']], // 昭和55 or a future 令和55
    ['010501', ['1868-05-01', '1989-05-01', '2019-05-01']], // 大正元年5月 and 昭和元年5月 did not exist
    ['640108', ['2082-01-08']], // not 昭和64年1月8日 (that day is 平成元年); only a future 令和64
    ['310501', ['1898-05-01', '1956-05-01', '2049-05-01']], // not 平成31年5月1日 (that day is 令和元年)
    ['021329', []],
    ['02021', []],
    ['０２０２１７', []],
  ])('%s → %j', (digits, dates) => {
    expect(datesFromEraDigits(digits)).toEqual(dates);
  });
});
