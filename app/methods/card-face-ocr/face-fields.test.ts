import { describe, expect, it } from 'vitest';
import {
  aDigitLost,
  agreeingFields,
  birthEraDigits,
  birthFromText,
  restoredBirthRead,
  expiryAgreesWithBirthday,
  expiryFromText,
  expiryLostADigit,
  readFaceFields,
  scanFace,
  securityCodeFromText,
  type OcrLine,
} from './face-fields';

const line = (text: string, confidence = 95): OcrLine => ({ text, confidence });
const front = (...texts: string[]) => readFaceFields(texts.map((t) => line(t)));
const fields = (...texts: string[]) => {
  const reading = front(...texts);
  if (reading.kind !== 'front') throw new Error('read as the back');
  return reading.fields;
};
/** A front mark, so that a birth date alone on a line is taken from a front. */
const EXPIRY = '2035年3月31日まで有効';

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
    ['平成 10 年 10 月 5 日 生 性別 男 所 の に >', '1998-10-05', '平成'], // the example: noise after the date
    ['平成 3年 8月 3日生', '1991-08-03', '平成'],
    ['令和元年5月1日生', '2019-05-01', '令和'],
    ['1969年 1月12日生', '1969-01-12', null],
    ['１９６９年　１月１２日生', '1969-01-12', null],
    ['昭和20年5月27日入男ーー', '1945-05-27', '昭和'], // 生 lost in the sex field beside it
    ['平成18年1月2日 女作念', '2006-01-02', '平成'],
  ])('reads the birth line %s', (text, iso, era) => {
    expect(fields(text, EXPIRY).birth).toEqual({ iso, era });
  });

  it.each([
    ['昭和6O年3月1日生'], // letter O for zero
    ['昭和60年3月l日生'], // letter l for one
    ['昭和64年1月8日生'], // out of era
    ['平成2年2月30日生'], // no such day
    ['召和60年3月1日生'], // a misread era
    ['昭和60年3月1日'], // neither 生 nor the sex field: not the birth line
    ['署名用電子証明書 2030年 3月 1日'], // the certificate box's date
  ])('refuses %s instead of guessing', (text) => {
    expect(fields(text, EXPIRY).birth).toBeNull();
  });

  it('refuses two different birth dates, and an impossible one beside a good one', () => {
    expect(fields('昭和55年2月17日生', '昭和56年2月17日生', EXPIRY).birth).toBeNull();
    expect(fields('昭和55年2月17日生 昭和56年2月17日生', EXPIRY).birth).toBeNull();
    expect(fields('昭和55年2月17日生', '昭和55年2月30日生', EXPIRY).birth).toBeNull();
    expect(fields('昭和55年2月17日生', '昭和55年2月17日生', EXPIRY).birth).toEqual({ iso: '1980-02-17', era: '昭和' });
    // The dates in dispute are reported (for the later looks), each once; a date seen twice alike disputes nothing.
    const disputed = (...texts: string[]) => {
      const scan = scanFace([...texts, EXPIRY].map((t) => line(t)));
      return scan.kind === 'front' ? scan.disputed : null;
    };
    expect(disputed('昭和55年2月17日生', '昭和56年2月17日生', '昭和55年2月17日生')).toEqual([
      { iso: '1980-02-17', era: '昭和' },
      { iso: '1981-02-17', era: '昭和' },
    ]);
    expect(disputed('昭和55年2月17日生', '昭和55年2月17日生')).toEqual([]);
    expect(disputed('昭和55年2月17日生', '昭和55年2月30日生')).toEqual([]);
  });

  it('takes a birth date only from text that shows the front', () => {
    expect(fields('昭和55年2月17日生').birth).toBeNull();
    expect(fields('昭和55年2月17日生', '住所 東京都').birth).not.toBeNull();
    expect(fields('昭和55年2月17日生', '名古屋市長').birth).not.toBeNull();
    // The expiry line, even with まで misread, shows the front (tune7 card-071: the birth line read right, no
    // other mark read).
    expect(fields('昭和49年11月18日生 男', '2032年11月18日まて有効').birth).toEqual({ iso: '1974-11-18', era: '昭和' });
    expect(fields('昭和49年11月18日生 男', '2032年11月18日ま').birth).toEqual({ iso: '1974-11-18', era: '昭和' });
    // The back's name and birth date, with its number unread, still give nothing, also with its 生 misread as 有
    // (a date followed by 有 looks like the expiry) or a Western birth date of a year a card could expire in.
    expect(fields('鈴木 花子', '昭和49年11月18日生').birth).toBeNull();
    expect(fields('鈴木 花子', '昭和49年11月18日有生').birth).toBeNull();
    expect(scanFace([line('鈴木 花子'), line('昭和49年11月18日有生')])).toMatchObject({
      candidates: { birth: null, birthGuess: null },
    });
    expect(fields('鈴木 花子', '2018年5月3日有').birth).toBeNull();
  });

  it('reads the expiry line, also with a misread まで有効', () => {
    expect(fields('2034年8月3日まで有効').expiry).toBe('2034-08-03');
    expect(fields('2031年5月27日ま>').expiry).toBe('2031-05-27');
    expect(fields('2034年8月3日').expiry).toBeNull();
  });

  it('judges a date by its own words, not by the noise beside it', () => {
    const words = (...pairs: [string, number][]) => pairs.map(([text, confidence]) => ({ text, confidence }));
    const noisy: OcrLine = {
      text: '平成 9 年 9 月 16 日 生 。。 女',
      confidence: 40,
      words: words(
        ['平成', 95],
        ['9', 96],
        ['年', 96],
        ['9', 96],
        ['月', 96],
        ['16', 92],
        ['日', 90],
        ['生', 0],
        ['。。', 0],
        ['女', 70],
      ),
    };
    const scan = scanFace([noisy, line(EXPIRY)]);
    expect(scan.kind === 'front' && scan.candidates.birth).toMatchObject({
      value: { iso: '1997-09-16' },
      confidence: 90,
    });
  });

  it('does not take characters too small to tell 31 from 3', () => {
    const small: OcrLine = {
      text: '昭和 3 年 9 月 17 日 生',
      confidence: 90,
      words: ['昭和', '3', '年', '9', '月', '17', '日', '生'].map((text) => ({ text, confidence: 95, charHeight: 11 })),
    };
    const scan = scanFace([small, line(EXPIRY)]);
    expect(scan.kind === 'front' && scan.candidates.birth).toBeNull();
  });

  /** The box guessed for a birth line read as `words`, each 30 px wide every 40 px from x = 100, y 260–300. */
  const guessedBox = (words: readonly string[]) => {
    const garbled: OcrLine = {
      text: words.join(' '),
      confidence: 50,
      words: words.map((text, i) => ({
        text,
        confidence: 50,
        box: { x0: 100 + 40 * i, y0: 260, x1: 130 + 40 * i, y1: 300 },
      })),
    };
    const scan = scanFace([garbled, line(EXPIRY)]);
    return scan.kind === 'front' ? scan.candidates.birthGuess : null;
  };

  it('guesses the box of a birth line it cannot read up to the 日 glued to 生, not the sex field', () => {
    // tuning set card-022: 「1990年 1月 1日生」 read with a stray 上 before 日生
    const words = ['1990', '年', '1', '月', '1', '上', '日生', '性別', '男'];
    expect(guessedBox(words)).toEqual({ x0: 100, y0: 260, x1: 370, y1: 300 });
  });

  it('guesses the box of a birth line with a misread era from the era on', () => {
    // tuning set card-033: 「昭和37年 5月23日生」 read as 「招 和 437 年 5 月 23 日 生 信 % 男」
    const words = ['住所', '招', '和', '437', '年', '5', '月', '23', '日', '生', '男'];
    expect(guessedBox(words)).toEqual({ x0: 140, y0: 260, x1: 490, y1: 300 });
  });

  it('guesses the box of a birth line whose only date is impossible', () => {
    // tuning set tune2 card-089: 「1957年12月5日生」 read as 「7957 年 72 月 5 日 生」
    expect(guessedBox(['7957', '年', '72', '月', '5', '日', '生'])).toEqual({ x0: 100, y0: 260, x1: 370, y1: 300 });
  });

  it('guesses the box of a birth line whose 年 or 月 was misread, from its digits and 生', () => {
    // tune6 card-175: 「2011年 7月31日生」 read 「2011 年 7 戸 31 日 生」; tune6 card-125: 「昭和10年 5月20日生」 read
    // 「昭和 1Q 年 5 王 2Q 己 生」 — no 月 in either.
    expect(guessedBox(['2011', '年', '7', '戸', '31', '日', '生', '男'])).toEqual({
      x0: 100,
      y0: 260,
      x1: 370,
      y1: 300,
    });
    expect(guessedBox(['昭和', '1Q', '年', '5', '王', '2Q', '己', '生'])).toEqual({
      x0: 100,
      y0: 260,
      x1: 410,
      y1: 300,
    });
    // Fewer than three digits before the ending is no date to read (a name line with a stray 生 and 年).
    expect(guessedBox(['年', '5', '王', '生', '123'])).toBeNull();
    // An address with 丁目 read 丁月 and a 生 in a building's name (弥生荘); the expiry line with まで lost and 有
    // read 生 (its year is one cards expire in).
    expect(guessedBox(['東京都中央区', '3', '丁', '月', '12', '番', '5', '号', '弥生荘', '101'])).toBeNull();
    expect(guessedBox(['2035', '年', '3', '戸', '31', '日', '生', '効'])).toBeNull();
  });

  it('restores in a cut-out read only the 平 of 平成 at the start and the 日 before 生', () => {
    // tuning set tune2 card-021 and card-057: 「成 元 年 9 月 19 日」, 「1920 年 10 月 13 生」
    expect(birthFromText('成 元 年 9 月 19 日')).toEqual({ iso: '1989-09-19', era: '平成' });
    expect(birthFromText('1920 年 10 月 13 生')).toEqual({ iso: '1920-10-13', era: null });
    // tuning set card-195: 「平成9年 3月 9日生」 read as 「成 9 年 3 月 9 月 生」 by every cut-out.
    expect(birthFromText('成 9 年 3 月 9 月 生')).toEqual({ iso: '1997-03-09', era: '平成' });
    expect(birthFromText('平成9年3月月生')).toBeNull();
    // Cards print 元年: 「成1年」 is 平成 with a lost digit (tune5 card-187: 平成21年), never 平成元年.
    expect(birthFromText('成 1 年 3 月 1 日 生')).toBeNull();
    expect(birthFromText('平成1年3月1日生')).toBeNull();
    expect(birthFromText('平成元年3月1日生')).toEqual({ iso: '1989-03-01', era: '平成' });
    // 大成 could be 大正, and 和 alone 昭和 or 令和: not restored.
    expect(restoredBirthRead('大成14年5月3日生')).toBe('大成14年5月3日生');
    expect(birthFromText('大成14年5月3日生')).toBeNull();
    expect(birthFromText('和 6 年 5 月 3 日 生')).toBeNull();
    // Nothing else is: a lost month, a day with neither 日 nor 生.
    expect(birthFromText('1960 年 月 21 日 生')).toBeNull();
    expect(birthFromText('1960 年 1 月 21')).toBeNull();
  });

  it('reads the security code when labelled, or as four digits under the photo', () => {
    expect(fields('セキュリティコード：２２８５').securityCode).toBe('2285');
    // The e2e card photo read through the 1,280-px card: 「セキ ュ リ ティ コー ド _2285」.
    expect(fields('セキ ュ リ ティ コー ド _2285').securityCode).toBe('2285');
    // The same card rendered on another day (its dates move): 「セキ ュ リ ティ コー トド 2285」.
    expect(fields('セキ ュ リ ティ コー トド 2285').securityCode).toBe('2285');
    expect(fields('セキ ュ リ ティ コー トド _2285').securityCode).toBe('2285');
    expect(fields('セキュリティ 2285').securityCode).toBe('2285');
    // Not a label too garbled to be one, nor digits in a longer run.
    expect(fields('セキュリティのためのコード 2285').securityCode).toBeNull();
    expect(fields('セキュリティコード 122855').securityCode).toBeNull();
    expect(fields('2285').securityCode).toBeNull();
    expect(fields('セキュリティコード 22855').securityCode).toBeNull();
    expect(fields('セキュリティコード 22B5').securityCode).toBeNull();
    const size = { width: 960, height: 605 };
    const at = (x0: number, y0: number): OcrLine => ({
      text: '2285',
      confidence: 90,
      box: { x0, y0, x1: x0 + 60, y1: y0 + 20 },
    });
    const under = readFaceFields([at(770, 455)], size);
    expect(under.kind === 'front' && under.fields.securityCode).toBe('2285');
    const elsewhere = readFaceFields([at(100, 455)], size);
    expect(elsewhere.kind === 'front' && elsewhere.fields.securityCode).toBeNull();
  });

  it.each([['1234 5678 9012'], ['123456789012'], ['1234 56789'], ['個人番号'], ['個人 番号 1234']])(
    'stops at the back: %s',
    (text) => {
      expect(readFaceFields([line(text, 20)])).toEqual({ kind: 'back' });
    },
  );

  it('does not take the front title 個人番号カード for the back, even misread', () => {
    expect(front('個人 番号 カー ド').kind).toBe('front');
    expect(front('個人番号カ一ド').kind).toBe('front');
  });
});

describe('second-read parsers', () => {
  it('take exactly one value', () => {
    expect(birthFromText('平成3年7月30日生')).toEqual({ iso: '1991-07-30', era: '平成' });
    expect(birthFromText('平成 3 年 7 月 30 日')).toEqual({ iso: '1991-07-30', era: '平成' });
    expect(birthFromText('平成3年7月30日生 平成4年7月30日生')).toBeNull();
    expect(birthFromText('2034年7月30日まで有効')).toBeNull();
    expect(expiryFromText('2034年7月30日まで有効')).toBe('2034-07-30');
    expect(expiryFromText('2034年13月30日まで有効')).toBeNull();
    expect(securityCodeFromText('2285')).toBe('2285');
    expect(securityCodeFromText('22855')).toBeNull();
    expect(securityCodeFromText('')).toBeNull();
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

  it('knows an expiry read that lost a digit of the birthday', () => {
    // tune7 card-056: 平成2年7月11日 beside 2032年7月1日; card-014: 昭和元年12月27日 beside 12月7日.
    expect(expiryLostADigit({ iso: '1990-07-11', era: '平成' }, '2032-07-01')).toBe(true);
    expect(expiryLostADigit({ iso: '1926-12-27', era: '昭和' }, '2032-12-07')).toBe(true);
    expect(expiryLostADigit({ iso: '1990-11-13', era: '平成' }, '2034-01-13')).toBe(true);
    // tune4 card-057: 昭和元年12月31日 beside 2027年1月31日 (the month's 2 lost; 10月 the same way).
    expect(expiryLostADigit({ iso: '1926-12-31', era: '昭和' }, '2027-01-31')).toBe(true);
    expect(expiryLostADigit({ iso: '1990-10-13', era: '平成' }, '2034-01-13')).toBe(true);
    expect(expiryLostADigit({ iso: '1990-12-13', era: '平成' }, '2034-02-13')).toBe(true);
    // Not a lost last digit of the day: a 日 read as a digit fakes that the other way (2日 read 27日 beside 12月2日).
    expect(expiryLostADigit({ iso: '1950-12-27', era: '昭和' }, '2032-12-02')).toBe(false);
    expect(expiryLostADigit({ iso: '1950-12-20', era: '昭和' }, '2032-12-02')).toBe(false);
    // A digit more, another digit, or both numbers off is a contradiction, not a lost digit.
    expect(expiryLostADigit({ iso: '2012-01-21', era: '平成' }, '2025-11-21')).toBe(false);
    expect(expiryLostADigit({ iso: '1990-07-11', era: '平成' }, '2032-07-12')).toBe(false);
    expect(expiryLostADigit({ iso: '1990-11-13', era: '平成' }, '2034-01-03')).toBe(false);
    // Western-printed cards are not checked against the expiry at all.
    expect(expiryLostADigit({ iso: '1990-07-11', era: null }, '2032-07-01')).toBe(false);
  });

  it('knows a number with one digit lost', () => {
    expect(aDigitLost('27', '7')).toBe(true);
    expect(aDigitLost('27', '2')).toBe(true);
    expect(aDigitLost('27', '7', '1')).toBe(false);
    expect(aDigitLost('17', '7', '1')).toBe(true);
    expect(aDigitLost('11', '1', '1')).toBe(true);
    expect(aDigitLost('27', '27')).toBe(false);
    expect(aDigitLost('127', '7')).toBe(false);
  });

  it('gives the six era digits for the chip without the other fields', () => {
    expect(birthEraDigits({ iso: '1980-02-17', era: '昭和' })).toBe('550217');
    expect(birthEraDigits({ iso: '1926-12-25', era: '大正' })).toBe('151225');
    expect(birthEraDigits({ iso: '1926-12-25', era: '昭和' })).toBe('011225');
  });
});
