import { describe, expect, it } from 'vitest';
import { lostAOneFrom, regainedOne } from './regained-one';
import { noEvidence, type BirthEvidence } from './second-read';

/** A look whose reads of the birth date's box gave `texts` (and of the expiry, `expiries`). */
function look(texts: string[], expiries: string[] = [], refused: BirthEvidence['refused'] = []): BirthEvidence {
  return { ...noEvidence(), texts, expiries, refused };
}

describe('lostAOneFrom', () => {
  it('sees a 1 lost from the month or the day, and nothing else', () => {
    const october17 = { iso: '1971-10-17', era: null };
    expect(lostAOneFrom(october17, { iso: '1971-10-07', era: null })).toBe(true);
    expect(lostAOneFrom({ iso: '1980-12-02', era: null }, { iso: '1980-02-02', era: null })).toBe(true);
    expect(lostAOneFrom({ iso: '1986-11-17', era: '昭和' }, { iso: '1986-01-17', era: '昭和' })).toBe(true);
    // Another digit, another year, another era, or a 1 the shorter date has more: no.
    expect(lostAOneFrom({ iso: '2010-02-22', era: '平成' }, { iso: '2010-02-02', era: '平成' })).toBe(false);
    expect(lostAOneFrom(october17, { iso: '1972-10-07', era: null })).toBe(false);
    expect(lostAOneFrom({ iso: '1986-11-17', era: '昭和' }, { iso: '1986-01-17', era: null })).toBe(false);
    expect(lostAOneFrom({ iso: '1971-10-07', era: null }, october17)).toBe(false);
    // Both the month and the day changed: two slips, not one.
    expect(lostAOneFrom({ iso: '1971-11-17', era: null }, { iso: '1971-01-07', era: null })).toBe(false);
  });
});

describe('regainedOne', () => {
  // tune7 card-183 (「1971年10月17日生」): the first look's whole-card read and 2× cut-out gave 10月7日, its
  // stretched read 10月17日; the second look's whole-card read 10月7日 and its 2.67× cut-out 10月17日.
  const card183 = [
    look(['1971 年 10 月 7 日 生', '1971 年 10 月 7 日生', '1971 年 10 月 17 日 生生']),
    look(['1971 年 10 月 7 日 生', '1971 年 10 月 17 日 生']),
  ];

  it('takes the date two reads showed whole when every other read lost a 1 from it', () => {
    expect(regainedOne(card183)).toEqual({ iso: '1971-10-17', era: null });
    // tune6 card-029 (「２００６年１１月２４日生」): four reads of 11月, four of 1月.
    const card029 = [
      look(['2006 年 11 月 24 日 生', '2006 年 1 月 24 日', '2006 年 11 月 24 日 4', '2006 年 1 月 24 日 6']),
      look(['2006 年 11 月 24 日 生', '2006 年 1 月 24 日', '2006 年 11 月 24 日', '2006 年 1 月 24 日']),
    ];
    expect(regainedOne(card029)).toEqual({ iso: '2006-11-24', era: null });
  });

  it('takes nothing on one read of the longer date, or with no read of the shorter', () => {
    expect(regainedOne([look(['1971年10月7日生', '1971年10月7日生', '1971年10月17日生'])])).toBeNull();
    expect(regainedOne([look(['1971年10月17日生', '1971年10月17日生'])])).toBeNull();
    expect(regainedOne([])).toBeNull();
  });

  it('takes nothing when another read gives a third date, or the same date with another year', () => {
    expect(regainedOne([...card183, look(['1971年10月27日生'])])).toBeNull();
    expect(regainedOne([...card183, look(['1977年10月7日生'])])).toBeNull();
  });

  it('takes nothing when a read shows the longer date with yet another 1, or a look refused it', () => {
    // 1月 and 11月 read, but one read shows 11日 for the 1日 both have.
    const eleventh = [look(['昭和23年11月1日生', '昭和23年11月1日生', '昭和23年1月1日生', '昭和23年11月11日生'])];
    expect(regainedOne(eleventh)).toBeNull();
    const refused = look([], [], [{ iso: '1971-10-17', era: null }]);
    expect(regainedOne([...card183, refused])).toBeNull();
  });

  it('takes an era-printed date only when no read of the expiry ends on another day', () => {
    const reads = ['昭和61年11月17日生', '昭和61年11月17日生', '昭和61年1月17日生'];
    const showa = { iso: '1986-11-17', era: '昭和' };
    expect(regainedOne([look(reads)])).toEqual(showa);
    expect(regainedOne([look(reads, ['2033-11-17'])])).toEqual(showa);
    // An expiry that lost the same 1 is the misread one; an expiry on another day contradicts the date.
    expect(regainedOne([look(reads, ['2033-01-17'])])).toEqual(showa);
    expect(regainedOne([look(reads, ['2033-11-18'])])).toBeNull();
    // The expiry line's text is a read of the birthday as well: one showing yet another 1 refuses the date.
    const first = look(['昭和61年11月1日生', '昭和61年11月1日生', '昭和61年1月1日生']);
    expect(regainedOne([first])).toEqual({ iso: '1986-11-01', era: '昭和' });
    expect(regainedOne([{ ...first, expiryTexts: ['2033 年 11 月 11 日 まで 有効'] }])).toBeNull();
  });
});
