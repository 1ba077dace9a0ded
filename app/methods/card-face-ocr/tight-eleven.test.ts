import { describe, expect, it } from 'vitest';
import type { BirthField } from './face-fields';
import { noEvidence, type BirthEvidence } from './second-read';
import { elevenReadAsOne, tightElevenRead } from './tight-eleven';

const taisho = (iso: string): BirthField => ({ iso, era: '大正' });
const showa = (iso: string): BirthField => ({ iso, era: '昭和' });

function look(more: Partial<BirthEvidence>): BirthEvidence {
  return { ...noEvidence(), ...more };
}

describe('elevenReadAsOne', () => {
  it('reads a month of one box-shaped character as 11, on a birth line only', () => {
    // tune4 card-117: 大正10年11月16日, every cut-out `大 正 10 年 日 月 16 日 生`.
    expect(elevenReadAsOne('大 正 10 年 日 月 16 日 生')).toEqual(taisho('1921-11-16'));
    expect(elevenReadAsOne('昭和 55 年 昌 月 22 日 生 性 別 女')).toEqual(showa('1980-11-22'));
    // Digits, 和 (a lone 1's stroke), or the expiry line: not this rule's.
    expect(elevenReadAsOne('大正10年1月16日生')).toBeNull();
    expect(elevenReadAsOne('昭和55年和月22日生')).toBeNull();
    expect(elevenReadAsOne('2032年日月16日まで有効')).toBeNull();
  });
});

describe('tightElevenRead', () => {
  const card117 = [
    look({
      plainTexts: ['大正10年1月16日生 男', '大 正 10 年 日 月 16 日 4'],
      read: [taisho('1921-01-16')],
      expiryTexts: ['2032 年 1 月 16 日 まで 有効'],
    }),
    look({
      plainTexts: ['大 正 10 年 日 月 16 日 生', '大 正 10 年 日 月 16 日 生', '大 正 10 年 日 月 16 日 生'],
      expiryTexts: ['2032 年 11 月 16 日 まで 有効'],
    }),
  ];

  it('takes the 11 on an era card whose expiry line shows it in digits (tune4 card-117)', () => {
    expect(tightElevenRead(card117)).toEqual(taisho('1921-11-16'));
  });

  it('takes it without that witness where two plain reads show the 11 in digits (tune9 card-121)', () => {
    const seen = [taisho('1921-11-16'), taisho('1921-11-16')];
    const looks = [look({ plainTexts: ['大正10年日月16日生', '大正10年昌月16日生'], read: seen })];
    expect(tightElevenRead(looks)).toEqual(taisho('1921-11-16'));
    expect(tightElevenRead([look({ ...looks[0], read: seen.slice(1) })])).toBeNull();
  });

  it('refuses without the 11 in digits, with one such read, or against any other read', () => {
    // Only 1月 on the expiry line: a glyph there is no digit either.
    const noWitness = card117.map((l) => ({ ...l, expiryTexts: ['2032 年 1 月 16 日 まで 有効'] }));
    expect(tightElevenRead(noWitness)).toBeNull();
    expect(tightElevenRead(card117.slice(1).map((l) => ({ ...l, plainTexts: l.plainTexts.slice(0, 1) })))).toBeNull();
    // An expiry on another day, a plain read of another date, a read with yet another 1, a refusal.
    const [first, second] = card117;
    const withExpiry = (text: string) => [first!, { ...second!, expiryTexts: [...second!.expiryTexts, text] }];
    expect(tightElevenRead(withExpiry('2032年10月16日まで有効'))).toBeNull();
    expect(tightElevenRead([{ ...first!, read: [taisho('1921-01-18')] }, second!])).toBeNull();
    const sixth = [taisho('1921-11-06'), taisho('1921-11-06')];
    const card = look({ plainTexts: ['大正10年日月6日生', '大正10年昌月6日生'], read: sixth });
    expect(tightElevenRead([card])).toEqual(taisho('1921-11-06'));
    expect(tightElevenRead([{ ...card, texts: ['大正10年11月16日生'] }])).toBeNull();
    expect(tightElevenRead([{ ...first!, refused: [taisho('1921-11-16')] }, second!])).toBeNull();
    // Two reads of one character that disagree on the rest of the date.
    const split = [
      look({
        plainTexts: ['大正10年日月16日生', '大正10年日月18日生'],
        read: [taisho('1921-11-16'), taisho('1921-11-16')],
      }),
    ];
    expect(tightElevenRead(split)).toBeNull();
  });

  it('gives a Western-printed card only the birth line as witness', () => {
    const western = { iso: '1989-11-18', era: null };
    const looks = [
      look({ plainTexts: ['1989年日月18日生', '1989年昌月18日生'], expiryTexts: ['2031年2月8日まで有効'] }),
    ];
    expect(tightElevenRead(looks)).toBeNull();
    expect(tightElevenRead([{ ...looks[0]!, read: [western, western] }])).toEqual(western);
  });
});
