import { describe, expect, it } from 'vitest';
import { cardDateToIso, findCardDates, parseCardDate, splitCardDate } from './card-face-date';
import { policyErrorCode } from './test-support';

describe('parseCardDate', () => {
  it.each([
    ['平成元年3月31日生', '1989-03-31'], // the Digital Agency specimen
    ['昭和60年 3月 1日生', '1985-03-01'],
    ['昭和６０年　３月　１日生', '1985-03-01'], // full-width digits and ideographic spaces
    ['令和2年2月29日生', '2020-02-29'],
    ['令和元年5月1日生', '2019-05-01'],
    ['平成 元 年 1 月 8 日 生', '1989-01-08'],
    ['昭和55年2月17日', '1980-02-17'], // without 生
    ['明治45年7月30日生', '1912-07-30'], // change-over day, old era
    ['大正元年7月30日生', '1912-07-30'],
    ['大正15年12月25日生', '1926-12-25'],
    ['1985年3月1日生', '1985-03-01'],
    ['１９８５年３月１日生', '1985-03-01'],
    ['2035年 2月17日まで有効', '2035-02-17'],
    ['2025年3月31日まで有効', '2025-03-31'],
    ['2024年2月29日まで有効', '2024-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(parseCardDate(text)).toBe(iso);
  });

  it.each([
    ['昭和64年1月8日', 'policy.date-outside-era'],
    ['平成31年5月1日', 'policy.date-outside-era'],
    ['平成元年1月7日生', 'policy.date-outside-era'],
    ['令和元年4月30日生', 'policy.date-outside-era'],
    ['大正16年1月1日生', 'policy.date-outside-era'],
    ['令和0年5月1日生', 'policy.date-outside-era'],
    ['平成2年2月30日生', 'policy.invalid-date'],
    ['2月30日', 'policy.unrecognised-date'], // no year at all
    ['2023年2月29日まで有効', 'policy.invalid-date'],
    ['昭和55年13月1日生', 'policy.invalid-date'],
    ['1985年3月1日', 'no error'],
    ['0985年3月1日生', 'policy.invalid-date'],
    ['85年3月1日生', 'policy.unrecognised-date'], // a two-digit year needs an era
    ['昭和55年2月17日生まれ', 'policy.unrecognised-date'],
    ['生年月日 昭和55年2月17日', 'policy.unrecognised-date'],
    ['昭和55年2月17日まで有効生', 'policy.unrecognised-date'],
    ['嘉永7年1月1日生', 'policy.unrecognised-date'],
    ['昭和5S年2月17日生', 'policy.unrecognised-date'], // an OCR slip stays a doubt
    ['', 'policy.unrecognised-date'],
  ])('%s is refused with %s', (text, expected) => {
    expect(policyErrorCode(() => parseCardDate(text))).toBe(expected);
  });
});

describe('splitCardDate', () => {
  it('keeps the printed era, so 照合番号B can use it on a change-over day', () => {
    expect(splitCardDate('大正15年12月25日生')).toEqual({ era: '大正', year: 15, month: 12, day: 25 });
    expect(splitCardDate('1985年3月1日生')).toEqual({ era: null, year: 1985, month: 3, day: 1 });
  });
});

describe('findCardDates', () => {
  const found = (line: string) => findCardDates(line).map(({ text, suffix, after }) => ({ text, suffix, after }));

  it.each([
    // The example: the date, then 性別 and noise on the same line.
    ['平成 10 年 10 月 5 日 生 性別 男 所 の に >', '平成10年10月5日', '生', '性別男所のに>'],
    ['昭和４８年　１月　１日生', '昭和48年1月1日', '生', ''],
    ['平成 3年 8月 3日生', '平成3年8月3日', '生', ''],
    ['1969年 1月12日生', '1969年1月12日', '生', ''],
    ['2034年8月3日まで有効', '2034年8月3日', 'まで有効', ''],
    ['署名用電子証明書 2030年 3月 1日', '2030年3月1日', null, ''],
    ['昭和20年5月27日入男', '昭和20年5月27日', null, '入男'],
    ['平成元年12月31日生', '平成元年12月31日', '生', ''],
  ])('finds the date in %s', (line, text, suffix, after) => {
    expect(found(line)).toEqual([{ text, suffix, after }]);
  });

  it('finds every date of a line, in order, with where each lies in the compact text', () => {
    const dates = findCardDates('昭和55年2月17日生 2035年2月17日まで有効');
    expect(dates.map((d) => [d.text, d.suffix, d.start, d.end])).toEqual([
      ['昭和55年2月17日', '生', 0, 11],
      ['2035年2月17日', 'まで有効', 11, 25],
    ]);
  });

  it.each([
    ['昭和5S年2月17日生'], // an OCR slip is no date
    ['12019年1月1日生'], // a Western year is exactly four digits
    ['85年3月1日生'], // two digits need an era
    ['昭和55年2月生'],
    [''],
  ])('finds nothing in %s', (line) => {
    expect(findCardDates(line)).toEqual([]);
  });

  it('reports the shape only; cardDateToIso judges it', () => {
    const [date] = findCardDates('昭和64年1月8日生');
    expect(date?.parts).toEqual({ era: '昭和', year: 64, month: 1, day: 8 });
    expect(policyErrorCode(() => cardDateToIso(date!.parts))).toBe('policy.date-outside-era');
    expect(cardDateToIso({ era: null, year: 2004, month: 2, day: 29 })).toBe('2004-02-29');
  });
});
