import { describe, expect, it } from 'vitest';
import { printedDate, westernDate } from './format-date';

describe('dates as printed on the card', () => {
  it.each([
    ['1991-08-03', '平成', '平成3年8月3日', '1991年8月3日'],
    ['1989-01-08', '平成', '平成元年1月8日', '1989年1月8日'],
    ['1989-01-07', '昭和', '昭和64年1月7日', '1989年1月7日'],
    ['1926-12-25', '大正', '大正15年12月25日', '1926年12月25日'],
    ['2019-05-01', '令和', '令和元年5月1日', '2019年5月1日'],
  ] as const)('%s in %s → %s (%s)', (iso, era, printed, western) => {
    expect(printedDate(iso, era, 'ja')).toEqual({ printed, western });
  });

  it('prints a Western-printed date once, and English with the era romanised', () => {
    expect(printedDate('1985-03-01', null, 'ja')).toEqual({ printed: '1985年3月1日', western: null });
    expect(printedDate('1991-08-03', '平成', 'en')).toEqual({
      printed: '平成3年8月3日 (Heisei 3)',
      western: '3 Aug 1991',
    });
    expect(westernDate('2031-08-03', 'en')).toBe('3 Aug 2031');
  });
});
