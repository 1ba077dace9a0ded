import { describe, expect, it } from 'vitest';
import { parseChipBirthDate, parseJpkiBirthDate } from './chip-date';
import { policyErrorCode as errorCode } from './test-support';

describe('parseJpkiBirthDate', () => {
  it.each([
    ['319800217', '1980-02-17'], // the J-LIS test card
    ['419890108', '1989-01-08'],
    ['319890107', '1989-01-07'],
    ['520190501', '2019-05-01'],
    ['420190430', '2019-04-30'],
    ['219261225', '1926-12-25'], // change-over day: 大正15年12月25日
    ['319261225', '1926-12-25'], // …or 昭和元年12月25日
    ['119120730', '1912-07-30'],
    ['420040229', '2004-02-29'],
  ])('%s → %s', (value, iso) => {
    expect(parseJpkiBirthDate(value)).toBe(iso);
  });

  it.each([
    ['019800217', 'policy.unknown-birth-date'],
    ['000000000', 'policy.unknown-birth-date'],
    ['419800217', 'policy.era-code-mismatch'], // 1980 is 昭和, not 平成
    ['319890108', 'policy.era-code-mismatch'],
    ['520190430', 'policy.era-code-mismatch'],
    ['619800217', 'policy.era-code-mismatch'], // no era 6
    ['919800217', 'policy.era-code-mismatch'],
    ['320030229', 'policy.invalid-date'],
    ['31980021', 'policy.invalid-date'],
    ['3198002170', 'policy.invalid-date'],
    ['3 9800217', 'policy.invalid-date'],
    ['S19800217', 'policy.invalid-date'],
    ['３19800217', 'policy.invalid-date'],
  ])('%s is refused with %s', (value, code) => {
    expect(errorCode(() => parseJpkiBirthDate(value))).toBe(code);
  });
});

describe('parseChipBirthDate', () => {
  it.each([
    ['19800217', '1980-02-17'],
    ['20040229', '2004-02-29'],
  ])('%s → %s', (value, iso) => {
    expect(parseChipBirthDate(value)).toBe(iso);
  });

  it.each(['19800230', '19800000', '1980021', '1980-02-17', '        ', '19800217 ', '18671231'])(
    '%j is refused',
    (value) => {
      expect(errorCode(() => parseChipBirthDate(value))).toBe('policy.invalid-date');
    },
  );
});
