import { describe, expect, it } from 'vitest';
import { agreeingFields, expiryAgreesWithBirthday, readFaceFields, type OcrLine } from './face-fields';

const line = (text: string, confidence = 95): OcrLine => ({ text, confidence });
const front = (...texts: string[]) => readFaceFields(texts.map((t) => line(t)));
const fields = (...texts: string[]) => {
  const reading = front(...texts);
  if (reading.kind !== 'front') throw new Error('read as the back');
  return reading.fields;
};

describe('readFaceFields', () => {
  it('reads the specimen layout', () => {
    expect(
      fields(
        '氏名 番号 花子',
        '住所 東京都千代田区霞が関２－１－１',
        '平成元年3月31日生 性別 女',
        '2035年3月31日まで有効',
        'セキュリティコード 1234',
      ),
    ).toEqual({ birth: { iso: '1989-03-31', era: '平成' }, expiry: '2035-03-31', securityCode: '1234' });
  });

  it.each([
    ['昭和６０年　３月　１日生', '1985-03-01', '昭和'],
    ['昭和 60 年 3 月 1 日 生 性別 男', '1985-03-01', '昭和'],
    ['令和元年5月1日生', '2019-05-01', '令和'],
    ['1985年3月1日生', '1985-03-01', null],
  ])('reads the birth line %s', (text, iso, era) => {
    expect(fields(text).birth).toEqual({ iso, era });
  });

  it.each([
    ['昭和6O年3月1日生'], // letter O for zero
    ['昭和60年3月l日生'], // letter l for one
    ['昭和64年1月8日生'], // out of era
    ['平成2年2月30日生'], // no such day
    ['召和60年3月1日生'], // a misread era
    ['昭和60年3月1日'], // no 生: not the birth line
  ])('refuses %s instead of guessing', (text) => {
    expect(fields(text).birth).toBeNull();
  });

  it('ignores lines below the confidence threshold', () => {
    const reading = readFaceFields([line('昭和55年2月17日生', 60), line('2035年2月17日まで有効', 79)]);
    expect(reading).toEqual({ kind: 'front', fields: { birth: null, expiry: null, securityCode: null } });
  });

  it('refuses two different birth dates in one frame', () => {
    expect(fields('昭和55年2月17日生', '昭和56年2月17日生').birth).toBeNull();
    expect(fields('昭和55年2月17日生', '昭和55年2月17日生').birth).toEqual({ iso: '1980-02-17', era: '昭和' });
  });

  it('reads the security code only when labelled and exactly 4 digits', () => {
    expect(fields('セキュリティコード：２２８５').securityCode).toBe('2285');
    expect(fields('2285').securityCode).toBeNull();
    expect(fields('セキュリティコード 22855').securityCode).toBeNull();
    expect(fields('セキュリティコード 22B5').securityCode).toBeNull();
  });

  it.each([['1234 5678 9012'], ['123456789012'], ['個人番号'], ['個人 番号 1234']])('stops at the back: %s', (text) => {
    expect(readFaceFields([line(text, 20)])).toEqual({ kind: 'back' });
  });

  it('does not take the front title 個人番号カード for the back', () => {
    expect(front('個人 番号 カー ド').kind).toBe('front');
  });
});

describe('frames and cross-checks', () => {
  const a = fields('昭和55年2月17日生', '2035年2月17日まで有効', 'セキュリティコード 2285');

  it('keeps only what two frames agree on', () => {
    const b = fields('昭和55年2月17日生', '2035年2月17日まで有効', 'セキュリティコード 2286');
    expect(agreeingFields(a, b)).toEqual({ birth: a.birth, expiry: '2035-02-17', securityCode: null });
    expect(agreeingFields(a, fields())).toEqual({ birth: null, expiry: null, securityCode: null });
  });

  it('checks the expiry against the birthday on era-printed cards only', () => {
    expect(expiryAgreesWithBirthday({ iso: '1980-02-17', era: '昭和' }, '2035-02-17')).toBe(true);
    expect(expiryAgreesWithBirthday({ iso: '1980-02-17', era: '昭和' }, '2035-03-17')).toBe(false);
    expect(expiryAgreesWithBirthday({ iso: '2004-02-29', era: '平成' }, '2027-02-28')).toBe(true);
    expect(expiryAgreesWithBirthday({ iso: '1985-03-01', era: null }, '2029-11-30')).toBe(true);
  });
});
