import { describe, expect, it } from 'vitest';
import {
  birthDigitsFromText,
  likelyWrongGroup,
  numberBBytes,
  validateNumberB,
  wipeNumberB,
  type NumberBDigits,
} from './number-b';

const TODAY = '2026-11-26';
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
/** The groups as bytes, the way the store hands them over. */
const digits = (groups: { birth: string; expiryYear: string; securityCode: string }): NumberBDigits => ({
  birth: ascii(groups.birth),
  expiryYear: ascii(groups.expiryYear),
  securityCode: ascii(groups.securityCode),
});
const ok = { birth: '550217', expiryYear: '2035', securityCode: '2285' };

describe('number B entry', () => {
  it('accepts the J-LIS test card and builds its 14 digits', () => {
    expect(validateNumberB(digits(ok), TODAY)).toEqual([]);
    expect(String.fromCharCode(...numberBBytes(digits(ok)))).toBe('55021720352285');
  });

  it('refuses anything but ASCII digits (the store folds full width before)', () => {
    const wide = { birth: '５５０２１７', expiryYear: '2035 ', securityCode: '22a5' };
    expect(validateNumberB(digits(wide), TODAY).map((p) => `${p.group}:${p.code}`)).toEqual([
      'birth:not-6-digits',
      'expiry:not-4-digits',
      'code:not-4-digits',
    ]);
  });

  it('wipes the three groups', () => {
    const groups = digits(ok);
    wipeNumberB(groups);
    expect([...groups.birth, ...groups.expiryYear, ...groups.securityCode].every((b) => b === 0)).toBe(true);
  });

  it.each([
    [{ birth: '55021', expiryYear: '2035', securityCode: '2285' }, ['birth:not-6-digits']],
    [{ birth: '551317', expiryYear: '2035', securityCode: '2285' }, ['birth:no-such-date']],
    [{ birth: '640108', expiryYear: '2035', securityCode: '2285' }, ['birth:no-such-date']], // 昭和64年1月8日 (only a future 令和64)
    [{ birth: '310501', expiryYear: '2035', securityCode: '2285' }, []], // 明治31 or 昭和31: real dates
    [{ birth: '100229', expiryYear: '2035', securityCode: '2285' }, ['birth:no-such-date']], // no past year 10 had 29 February (令和10 is 2028)
    [{ birth: '160229', expiryYear: '2035', securityCode: '2285' }, []], // 平成16年2月29日
    [{ birth: '550217', expiryYear: '2024', securityCode: '2285' }, ['expiry:implausible-year']],
    [{ birth: '550217', expiryYear: '2040', securityCode: '2285' }, ['expiry:implausible-year']],
    [{ birth: '550217', expiryYear: '35', securityCode: '228' }, ['expiry:not-4-digits', 'code:not-4-digits']],
  ])('%j → %j', (input, expected) => {
    expect(validateNumberB(digits(input), TODAY).map((p) => `${p.group}:${p.code}`)).toEqual(expected);
  });

  it.each([
    ['昭和55年2月17日', '550217'],
    ['平成元年1月8日生', '010108'],
    ['昭和64年1月7日', '640107'],
    ['令和元年5月1日', '010501'],
    ['1980-02-17', '550217'],
    ['1985年3月1日生', '600301'],
    ['大正15年12月25日', '151225'], // change-over day: the printed era decides
    ['昭和64年1月8日', null],
    ['2月30日', null],
  ])('helper: %s → %s', (text, digits) => {
    expect(birthDigitsFromText(text)).toBe(digits);
  });

  it('names a group only when the number itself shows it is wrong', () => {
    expect(likelyWrongGroup(digits({ ...ok, birth: '991317' }), TODAY)).toBe('birth');
    expect(likelyWrongGroup(digits({ ...ok, expiryYear: '2025' }), TODAY)).toBe('expiry'); // past: no valid card
    expect(likelyWrongGroup(digits({ ...ok, expiryYear: '2037' }), TODAY)).toBe('expiry'); // beyond 10 years
    // A wrong security code and a birth date one day off look alike from here: no group is named.
    expect(likelyWrongGroup(digits({ ...ok, securityCode: '2258' }), TODAY)).toBeNull();
    expect(likelyWrongGroup(digits({ ...ok, birth: '550218' }), TODAY)).toBeNull();
  });
});
