import { describe, expect, it } from 'vitest';
import { birthDigitsFromText, likelyWrongGroup, numberBBytes, validateNumberB } from './number-b';

const TODAY = '2026-11-26';
const ok = { birth: '550217', expiryYear: '2035', securityCode: '2285' };

describe('number B entry', () => {
  it('accepts the J-LIS test card and builds its 14 digits', () => {
    expect(validateNumberB(ok, TODAY)).toEqual([]);
    expect(String.fromCharCode(...numberBBytes(ok))).toBe('55021720352285');
  });

  it('takes full-width digits and spaces', () => {
    const wide = { birth: '５５０２１７', expiryYear: '2035 ', securityCode: '２２８５' };
    expect(validateNumberB(wide, TODAY)).toEqual([]);
    expect(String.fromCharCode(...numberBBytes(wide))).toBe('55021720352285');
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
    expect(validateNumberB(input, TODAY).map((p) => `${p.group}:${p.code}`)).toEqual(expected);
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

  it('names the group most likely mistyped', () => {
    expect(likelyWrongGroup({ ...ok, birth: '991317' }, TODAY)).toBe('birth');
    expect(likelyWrongGroup({ ...ok, expiryYear: '2025' }, TODAY)).toBe('expiry');
    expect(likelyWrongGroup({ ...ok, securityCode: '2258' }, TODAY)).toBe('code');
  });
});
