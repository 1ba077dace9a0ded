import { describe, expect, it } from 'vitest';
import type { BirthField } from './face-fields';
import { lostAOneFrom, regainedOne, undisputedAcrossLooks } from './regained-one';
import { noEvidence, type BirthEvidence } from './second-read';

const western = (iso: string): BirthField => ({ iso, era: null });
const showa = (iso: string): BirthField => ({ iso, era: '昭和' });

/** A look whose whole-card read gave `whole` and whose plain cut-outs gave `cutOuts`. */
function look(whole: BirthField | null, cutOuts: BirthField[], more: Partial<BirthEvidence> = {}): BirthEvidence {
  const read = [...(whole ? [whole] : []), ...cutOuts];
  return { ...noEvidence(), read, whole: whole ? [whole] : [], ...more };
}

describe('lostAOneFrom', () => {
  it('sees a 1 lost from the month or the day, and nothing else', () => {
    const october17 = western('1971-10-17');
    expect(lostAOneFrom(october17, western('1971-10-07'))).toBe(true);
    expect(lostAOneFrom(western('1980-12-02'), western('1980-02-02'))).toBe(true);
    expect(lostAOneFrom(showa('1986-11-17'), showa('1986-01-17'))).toBe(true);
    // Another digit, another year, another era, or a 1 the shorter date has more: no.
    expect(lostAOneFrom({ iso: '2010-02-22', era: '平成' }, { iso: '2010-02-02', era: '平成' })).toBe(false);
    expect(lostAOneFrom(october17, western('1972-10-07'))).toBe(false);
    expect(lostAOneFrom(showa('1986-11-17'), western('1986-01-17'))).toBe(false);
    expect(lostAOneFrom(western('1971-10-07'), october17)).toBe(false);
    // Both the month and the day changed: two slips, not one.
    expect(lostAOneFrom(western('1971-11-17'), western('1971-01-07'))).toBe(false);
  });
});

describe('regainedOne', () => {
  // tune6 card-029 (「２００６年１１月２４日生」): 11月 by both whole-card reads and two cut-outs, 1月 by four
  // other cut-outs.
  const eleven = western('2006-11-24');
  const one = western('2006-01-24');
  const card029 = [look(eleven, [one, eleven, one]), look(eleven, [one, eleven, one])];

  it('takes the date plain reads showed whole, one of them the whole card, when every other lost a 1 from it', () => {
    expect(regainedOne(card029)).toEqual(eleven);
    expect(regainedOne([look(eleven, [one, eleven])])).toEqual(eleven);
  });

  it('takes nothing on one read of the longer date, or on cut-outs of one look alone', () => {
    expect(regainedOne([look(one, [one, eleven])])).toBeNull();
    // Two cut-outs of one box share its pixels: the longer date needs the whole card's read or the other look's.
    expect(regainedOne([look(one, [eleven, eleven]), look(one, [one])])).toBeNull();
    expect(regainedOne([])).toBeNull();
  });

  it("takes the longer date the cut-outs of both looks showed, when the whole card's reads lost its 1", () => {
    // tune10 card-191 (「1930年11月19日生」, Western-printed): 11月 by a cut-out of each look, 1月 by the others
    // and by both whole-card reads.
    const nineteenth = western('1930-11-19');
    const lost = western('1930-01-19');
    expect(regainedOne([look(lost, [lost, nineteenth]), look(lost, [nineteenth, lost])])).toEqual(nineteenth);
    // tune5 card-051 (平成8年11月17日): the same, witnessed by the expiry line read 11月17日.
    const heisei = { iso: '1996-11-17', era: '平成' } as const;
    const heiseiLost = { iso: '1996-01-17', era: '平成' } as const;
    const looks = [look(heiseiLost, [heisei]), look(heiseiLost, [heisei], { expiries: ['2027-11-17'] })];
    expect(regainedOne(looks)).toEqual(heisei);
    // On an era-printed card, not without the expiry's witness.
    expect(regainedOne([look(heiseiLost, [heisei]), look(heiseiLost, [heisei])])).toBeNull();
  });

  it('takes a date no read disputes when both looks gave it, one of them by the whole-card read', () => {
    // tune5 card-191 (平成元年1月8日): the first look's cut-outs read it, its whole card `年!月`; the second look's
    // whole card read it, its cut-out `年 月8日`. The expiry line read 1月8日.
    const eighth = { iso: '1989-01-08', era: '平成' } as const;
    const expiry = { expiryTexts: ['2033 年 1 月 8 日 まで 有効'] };
    const cutOuts = look(null, [eighth, eighth], expiry);
    expect(undisputedAcrossLooks([cutOuts, look(eighth, [])])).toEqual(eighth);
    // Not a split on a 1: the other rule takes nothing.
    expect(regainedOne([cutOuts, look(eighth, [])])).toBeNull();
    // One look's whole card and cut-out: that look's own confirmation, which refused it.
    expect(undisputedAcrossLooks([look(eighth, [eighth], expiry), look(null, [])])).toBeNull();
    // Whole-card reads of both looks and no cut-out: the cut-outs' nothing stands, as in `confirmFields`.
    expect(undisputedAcrossLooks([look(eighth, [], expiry), look(eighth, [])])).toBeNull();
    // Cut-outs of both looks and no whole-card read: the same box and pixels four times.
    expect(undisputedAcrossLooks([cutOuts, look(null, [eighth])])).toBeNull();
    // Still witnessed by the expiry on an era-printed card, and by it exactly.
    expect(undisputedAcrossLooks([look(null, [eighth, eighth]), look(eighth, [])])).toBeNull();
    const otherDay = { expiryTexts: ['2033 年 1 月 9 日 まで 有効'] };
    expect(undisputedAcrossLooks([cutOuts, look(eighth, [], otherDay)])).toBeNull();
    // Another date read, or the date shown with a 1 more (a tight 11 read as one box: `年日月`): nothing.
    expect(undisputedAcrossLooks([cutOuts, look(eighth, [{ iso: '1989-01-09', era: '平成' }])])).toBeNull();
    expect(undisputedAcrossLooks([cutOuts, look(eighth, [], { texts: ['平成 元 年 日 月 8 日 生'] })])).toBeNull();
  });

  it('counts no distorted read for a date: a stretched read is only ever evidence against one', () => {
    // tune7 card-183 (「1971年10月17日生」): 10月17日 by a stretched read and one cut-out, 10月7日 by the rest.
    const seventh = western('1971-10-07');
    const stretched = { texts: ['1971 年 10 月 17 日 生生'] };
    expect(regainedOne([look(seventh, [seventh], stretched), look(seventh, [western('1971-10-17')])])).toBeNull();
  });

  it('takes nothing when another read gives a third date, or the same date with another year', () => {
    expect(regainedOne([...card029, look(null, [western('2006-11-25')])])).toBeNull();
    expect(regainedOne([...card029, look(null, [western('2008-01-24')])])).toBeNull();
  });

  it('takes nothing when any read shows the longer date with yet another 1, or a look refused it', () => {
    // The 24日 shown as 124日 cannot be a day; 11月 shown as 111月 no month: neither counts. 14日 would.
    expect(regainedOne([...card029, look(null, [], { texts: ['2006 年 11 月 124 日 生'] })])).toEqual(eleven);
    const first = western('2006-11-04');
    const fourth = [look(first, [western('2006-01-04'), first])];
    expect(regainedOne(fourth)).toEqual(first);
    expect(regainedOne([...fourth, look(null, [], { texts: ['2006 年 11 月 14 日'] })])).toBeNull();
    expect(regainedOne([...card029, look(null, [], { refused: [eleven] })])).toBeNull();
  });

  it('takes an era-printed date only when the expiry witnesses it: read, and ending on its birthday', () => {
    const longer = showa('1986-11-17');
    const reads = look(longer, [showa('1986-01-17'), longer]);
    expect(regainedOne([reads])).toBeNull();
    expect(regainedOne([{ ...reads, expiries: ['2033-11-17'] }])).toEqual(longer);
    expect(regainedOne([{ ...reads, expiryTexts: ['2033 年 11 月 17 日 まで 有効'] }])).toEqual(longer);
    // An expiry that lost the same 1 backs the shorter date; one on another day contradicts both.
    expect(regainedOne([{ ...reads, expiries: ['2033-11-17', '2033-01-17'] }])).toBeNull();
    expect(regainedOne([{ ...reads, expiries: ['2033-11-18'] }])).toBeNull();
    // The expiry line showing yet another 1 (11日) refuses it as well.
    const first = showa('1986-11-01');
    const firsts = look(first, [showa('1986-01-01'), first], { expiries: ['2033-11-01'] });
    expect(regainedOne([firsts])).toEqual(first);
    expect(regainedOne([{ ...firsts, expiryTexts: ['2033 年 11 月 11 日 まで 有効'] }])).toBeNull();
  });
});
