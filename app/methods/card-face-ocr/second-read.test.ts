import { describe, expect, it } from 'vitest';
import type { FaceCandidates } from './face-fields';
import {
  confirmFields,
  CROP_SCALE,
  losesADigit,
  noEvidence,
  nothingHiddenIn,
  showsALostOne,
  hidesADigit,
  couldHideADigit,
  showsLoneOnes,
  restoredFromExpiry,
  SPARE_SCALE,
  withOneDoubled,
  type CropImage,
  type LineRecogniser,
  type Rectangle,
} from './second-read';
import { BORDER, cutPlan, LEAN, leanedCut, STRETCH, type CropStyle } from './cut-plan';

const birthBox = { x0: 170, y0: 378, x1: 400, y1: 407 };
const expiryBox = { x0: 170, y0: 440, x1: 400, y1: 470 };
const codeBox = { x0: 770, y0: 600, x1: 830, y1: 630 };
const candidates: FaceCandidates = {
  birth: { value: { iso: '1991-07-30', era: '平成' }, box: birthBox, confidence: 90 },
  birthGuess: null,
  expiry: { value: '2034-07-30', box: expiryBox, confidence: 92 },
  securityCode: { value: '2285', box: codeBox, confidence: 91 },
};

/**
 * Crops are named by the top edge, scale and style (none for `plain` and `bare`); the recogniser answers from
 * `answers` by that name.
 */
function fakeWorker(answers: Record<string, string>) {
  const calls: unknown[] = [];
  const crop: CropImage<string> = (rectangle: Rectangle, scale: number, drawn?: CropStyle) => {
    expect(drawn).toBeDefined(); // every field cut-out is framed; only views of the card have no style
    const style = drawn === 'plain' ? undefined : drawn;
    calls.push({ crop: rectangle, scale, ...(style ? { style } : {}) });
    if (drawn === 'bare') return Promise.resolve(`${rectangle.top + 3}@${scale}`); // the expiry's, named plainly
    return Promise.resolve(`${rectangle.top + 3}@${scale}${style ? ` ${style}` : ''}`);
  };
  const worker: LineRecogniser<string> = {
    setParameters: (params) => {
      calls.push(params);
      return Promise.resolve();
    },
    recognize: (image) => Promise.resolve({ data: { text: answers[image] ?? '' } }),
  };
  return { worker, crop, calls };
}
const agreeing = {
  [`378@${CROP_SCALE}`]: '平成3年7月30日生',
  [`440@${CROP_SCALE}`]: '2034年7月30日まで有効',
  [`600@${CROP_SCALE}`]: '2285',
  [`600@${CROP_SCALE} leaned`]: '2285',
  '600@1': '2285',
  '600@1.5': '2285',
};

describe('second read of each field', () => {
  it('confirms what the enlarged cut-out repeats, and restores the worker after each read', async () => {
    const { worker, crop, calls } = fakeWorker(agreeing);
    expect(await confirmFields(worker, crop, candidates)).toEqual({
      birth: candidates.birth?.value,
      expiry: '2034-07-30',
      securityCode: '2285',
    });
    expect(calls[0]).toEqual({ crop: { left: 167, top: 375, width: 236, height: 35 }, scale: CROP_SCALE });
    expect(calls[1]).toMatchObject({ tessedit_pageseg_mode: '7' });
    expect(JSON.stringify(calls[1])).toContain('年月日生');
    expect(calls[2]).toEqual({ tessedit_char_whitelist: '', tessedit_pageseg_mode: '6' });
    // The birth date read once, the expiry plain and stretched, the code on its four cut-outs: a crop and two
    // settings each.
    expect(calls).toHaveLength(21);
    expect(calls).toContainEqual({
      crop: { left: 167, top: 437, width: 236, height: 36 },
      scale: CROP_SCALE,
      style: 'wide',
    });
    // The expiry's one cut-out is not framed (`BORDER`).
    expect(calls).toContainEqual({
      crop: { left: 167, top: 437, width: 236, height: 36 },
      scale: CROP_SCALE,
      style: 'bare',
    });
  });

  it.each([
    ['expiry', { [`440@${CROP_SCALE}`]: '2024年7月30日まで有効' }],
    ['securityCode', { [`600@${CROP_SCALE}`]: '2288' }],
    ['securityCode', { [`600@${CROP_SCALE}`]: '2285 2285' }],
  ] as const)('drops %s when its second read says %j', async (field, answer) => {
    const { worker, crop } = fakeWorker({ ...agreeing, ...answer });
    const confirmed = await confirmFields(worker, crop, candidates);
    expect(confirmed[field]).toBeNull();
    expect(Object.values(confirmed).filter((v) => v === null)).toHaveLength(1);
  });

  // Scratch probe of 2,500 clean fronts (see `expiryNothingHidden`): both the first read and the 2× cut-out
  // misread the expiry, and only the stretched read showed it as printed.
  it.each([
    ['a year read one digit off', '2035年7月30日まで有効'],
    ['a month with its 1 lost', '2034年11月30日まで有効'],
  ])('drops an agreed expiry when the stretched read shows another date: %s', async (_, stretched) => {
    const { worker, crop } = fakeWorker({ ...agreeing, [`440@${CROP_SCALE} wide`]: stretched });
    expect(await confirmFields(worker, crop, candidates)).toEqual({
      birth: candidates.birth?.value,
      expiry: null,
      securityCode: '2285',
    });
  });

  describe('an expiry whose month is a lone 1, on a Western-printed card (no birthday to check it)', () => {
    // tune7 card-183: 2033年11月17日 read `1月` by the first read and the 2× cut-out; stretched, `11` with 日 lost.
    const western: FaceCandidates = {
      birth: { value: { iso: '1971-10-17', era: null }, box: birthBox, confidence: 90 },
      birthGuess: null,
      expiry: { value: '2033-01-17', box: expiryBox, confidence: 92 },
      securityCode: null,
    };
    const reads = {
      [`378@${CROP_SCALE}`]: '1971年10月17日生',
      [`440@${CROP_SCALE}`]: '2033年1月17日まで有効',
    };
    it.each([
      [
        'the stretched read shows the month with a 1 more, and no date',
        { [`440@${CROP_SCALE} wide`]: '2033 年 11 月 17 ま' },
      ],
      ['the strokes pulled apart show it', { [`440@${CROP_SCALE} spaced`]: '2033年11月17日まで有効' }],
      ['a read of its line on the whole card showed it', {}, ['2033年11月17日まで有効']],
    ])('is dropped when %s', async (_, more, lineTexts: string[] = []) => {
      const { worker, crop } = fakeWorker({ ...reads, ...more });
      const evidence = { ...noEvidence(), expiryTexts: lineTexts };
      const confirmed = await confirmFields(worker, crop, western, evidence);
      expect(confirmed.birth).toEqual(western.birth?.value);
      expect(confirmed.expiry).toBeNull();
    });

    it('is kept when every read shows it alone, read once with its strokes pulled apart', async () => {
      const alike = '2033年1月17日まで有効';
      const { worker, crop, calls } = fakeWorker({
        ...reads,
        [`440@${CROP_SCALE} wide`]: alike,
        [`440@${CROP_SCALE} spaced`]: alike,
      });
      expect((await confirmFields(worker, crop, western)).expiry).toBe('2033-01-17');
      expect(calls).toContainEqual(expect.objectContaining({ style: 'spaced', scale: CROP_SCALE }));
    });
  });

  it.each([
    ['the same date', '2034年7月30日まで有効'],
    ['no date at all', '2034年7月3'],
  ])('keeps an agreed expiry when the stretched read shows %s', async (_, stretched) => {
    const { worker, crop } = fakeWorker({ ...agreeing, [`440@${CROP_SCALE} wide`]: stretched });
    expect((await confirmFields(worker, crop, candidates)).expiry).toBe('2034-07-30');
  });

  it.each([
    { [`378@${CROP_SCALE}`]: '平成1年7月30日生' },
    { [`378@${CROP_SCALE}`]: '平成3年7月3日生' },
    { [`378@${CROP_SCALE}`]: '昭和3年7月30日生' },
    { [`378@${CROP_SCALE}`]: '平成3年7月30日生平成3年7月30日生' }, // two dates
    { [`378@${CROP_SCALE}`]: '' },
  ])('drops the birth date when its second read says %j, and reads nothing else', async (answer) => {
    const { worker, crop, calls } = fakeWorker({ ...agreeing, ...answer });
    expect(await confirmFields(worker, crop, candidates)).toEqual({ birth: null, expiry: null, securityCode: null });
    const cuts = calls.flatMap((c) =>
      typeof c === 'object' && c !== null && 'crop' in c ? [c.crop as Rectangle] : [],
    );
    expect(cuts.every((rectangle) => rectangle.top + 3 === birthBox.y0)).toBe(true);
  });

  it('needs a box, and reads nothing for fields the first read did not find', async () => {
    const { worker, crop, calls } = fakeWorker(agreeing);
    const none: FaceCandidates = { birth: null, birthGuess: null, expiry: null, securityCode: null };
    expect(await confirmFields(worker, crop, none)).toEqual({ birth: null, expiry: null, securityCode: null });
    const noBox: FaceCandidates = { ...candidates, birth: { ...candidates.birth!, box: null } };
    expect((await confirmFields(worker, crop, noBox)).birth).toBeNull();
    // Without a birth date, the expiry and the code are not read either.
    expect(calls.filter((c) => typeof c === 'object' && c !== null && 'crop' in c)).toHaveLength(0);
  });

  describe('the security code', () => {
    // With a birth date both reads agree on (平成3年7月30日 could not have lost a `1`): the code serves only with one.
    const codeOnly: FaceCandidates = { ...candidates, expiry: null };
    const read = async (answers: Record<string, string>, found: FaceCandidates = codeOnly) => {
      const { worker, crop, calls } = fakeWorker(answers);
      const { securityCode } = await confirmFields(worker, crop, found);
      const cuts = calls.flatMap((c) =>
        typeof c === 'object' &&
        c !== null &&
        'scale' in c &&
        'crop' in c &&
        (c.crop as Rectangle).top + 3 === codeBox.y0
          ? [`${String(c.scale)}${'style' in c ? ` ${String(c.style)}` : ''}`]
          : [],
      );
      return { securityCode, cuts };
    };
    const allCuts = {
      [`378@${CROP_SCALE}`]: '平成3年7月30日生',
      [`600@${CROP_SCALE}`]: '2285',
      [`600@${CROP_SCALE} leaned`]: '2285',
      '600@1': '2285',
      '600@1.5': '2285',
    };

    it('is taken when the cut-outs at 2×, 1× and 1.5× agree with the first read, and the leaned one does not contradict', async () => {
      expect(await read(allCuts)).toEqual({
        securityCode: '2285',
        cuts: ['2 bare', '1 bare', '1.5 bare', '2 leaned'],
      });
      // A leaned read that breaks apart (a clean 2285 read as 22985 in the e2e card) is no evidence.
      expect((await read({ ...allCuts, [`600@${CROP_SCALE} leaned`]: '22985' })).securityCode).toBe('2285');
      expect((await read({ ...allCuts, [`600@${CROP_SCALE} leaned`]: '' })).securityCode).toBe('2285');
    });

    it.each([
      // Tuning set card-007: 4418 read as 4478 by the first read and by cut-outs at every scale, its 1 leaning
      // forward; leaned back it reads 4418.
      ['leaned back', { [`600@${CROP_SCALE} leaned`]: '2235' }],
      ['1×', { '600@1': '2235' }],
      ['1.5×', { '600@1.5': '7285' }],
      ['1× (nothing)', { '600@1': '' }],
      ['1.5× (two codes)', { '600@1.5': '2285 2285' }],
    ])('is dropped when the %s cut-out disagrees', async (_, answer) => {
      expect((await read({ ...allCuts, ...answer })).securityCode).toBeNull();
    });

    it('stops at the first cut-out that disagrees', async () => {
      expect(await read({ ...allCuts, [`600@${CROP_SCALE}`]: '2265' })).toEqual({
        securityCode: null,
        cuts: ['2 bare'],
      });
      expect(await read({ ...allCuts, '600@1': '' })).toEqual({ securityCode: null, cuts: ['2 bare', '1 bare'] });
    });

    it('is never taken against the first read, even when all cut-outs agree with one another', async () => {
      const misread: FaceCandidates = { ...codeOnly, securityCode: { value: '2785', box: codeBox, confidence: 80 } };
      expect((await read(allCuts, misread)).securityCode).toBeNull();
    });

    it('needs a box', async () => {
      const noBox: FaceCandidates = { ...codeOnly, securityCode: { value: '2285', box: null, confidence: 90 } };
      expect(await read(allCuts, noBox)).toEqual({ securityCode: null, cuts: [] });
    });
  });

  it('reads a guessed birth line at three scales and takes it only when all agree', async () => {
    const guess: FaceCandidates = { birth: null, birthGuess: birthBox, expiry: null, securityCode: null };
    const all = {
      '378@1': '平成3年7月30日',
      '378@1.5': '平成 3年 7月30日生',
      [`378@${CROP_SCALE}`]: '平成3年7月30日生',
    };
    const read = (answers: Record<string, string>) => {
      const { worker, crop } = fakeWorker(answers);
      return confirmFields(worker, crop, guess);
    };
    expect((await read(all)).birth).toEqual({ iso: '1991-07-30', era: '平成' });
    expect((await read({ ...all, [`378@${CROP_SCALE}`]: '平成8年7月30日生' })).birth).toBeNull();
    expect((await read({ ...all, '378@1.5': '平成3年和月30日生' })).birth).toBeNull();
    // One read that gives no date is replaced by one at SPARE_SCALE, which must agree too; two are not.
    const spare = { ...all, '378@1.5': '平成3年月30日生', [`378@${SPARE_SCALE}`]: '平成3年7月30日生' };
    expect((await read(spare)).birth).toEqual({ iso: '1991-07-30', era: '平成' });
    expect((await read({ ...spare, [`378@${SPARE_SCALE}`]: '平成3年7月3日生' })).birth).toBeNull();
    expect((await read({ ...spare, '378@1': '' })).birth).toBeNull();
  });

  it('never lets the cut-outs overrule the first read, even all three agreeing', async () => {
    // tune3 card-197: 「昭和47年 5月15日生」 read right by the first read; the three cut-outs share one box whose
    // edge clipped the 4, and read 昭和7年 at every scale.
    const found: FaceCandidates = {
      birth: { value: { iso: '1972-05-15', era: '昭和' }, box: birthBox, confidence: 60 },
      birthGuess: null,
      expiry: null,
      securityCode: null,
    };
    const { worker, crop } = fakeWorker({
      '378@1': '昭和7年5月15日',
      '378@1.5': '昭和7年5月15日',
      [`378@${CROP_SCALE}`]: '昭和7年5月15日',
    });
    expect((await confirmFields(worker, crop, found)).birth).toBeNull();
  });

  it('outvotes one cut-out by the first read and the 1× and 1.5× cut-outs, unless the date prints a lone 1', async () => {
    // tuning set tune2 card-049: 「昭和39年6月21日生」 read right by the card read, as 昭和139年 by one cut-out.
    const read = async (value: { iso: string; era: '昭和' | null }, answers: Record<string, string>) => {
      const { worker, crop } = fakeWorker(answers);
      const found = {
        ...candidates,
        birth: { value, box: birthBox, confidence: 40 },
        expiry: null,
        securityCode: null,
      };
      const evidence = noEvidence();
      return { birth: (await confirmFields(worker, crop, found, evidence)).birth, evidence };
    };
    const showa39 = { iso: '1964-06-21', era: '昭和' as const };
    const threeOfFour = {
      [`378@${CROP_SCALE}`]: '昭和139年6月21日生',
      '378@1': '昭和39年6月21日生',
      '378@1.5': '昭和39年 6月21日',
    };
    expect((await read(showa39, threeOfFour)).birth).toEqual(showa39);
    // A cut-out that reads nothing is outvoted the same way; one more dissent is not.
    expect((await read(showa39, { ...threeOfFour, [`378@${CROP_SCALE}`]: '' })).birth).toEqual(showa39);
    expect((await read(showa39, { ...threeOfFour, '378@1': '昭和38年6月21日生' })).birth).toBeNull();
    // Every date read is kept as evidence for a second look at the card (昭和139年 is no date).
    expect((await read(showa39, threeOfFour)).evidence.read).toEqual([showa39, showa39, showa39]);
    // 1923年11月9日 read 1月 by the card read and the 1× and 1.5× cut-outs, 11月 at 2× (tuning set card-139).
    const lone = { iso: '1923-01-09', era: null };
    const tight = { [`378@${CROP_SCALE}`]: '1923年11月9日生', '378@1': '1923年1月9日生', '378@1.5': '1923年1月9日生' };
    expect((await read(lone, tight)).birth).toBeNull();
    expect((await read(lone, { ...tight, [`378@${CROP_SCALE}`]: '' })).birth).toBeNull();
  });

  it('records a date the spaced read refutes as refused for cause', async () => {
    const { worker, crop } = fakeWorker({
      [`378@${CROP_SCALE}`]: '1923年1月9日',
      [`378@${CROP_SCALE} spaced`]: '1923 年 11 月 9 日',
    });
    const found = { ...candidates, birth: { value: { iso: '1923-01-09', era: null }, box: birthBox, confidence: 0 } };
    const evidence = noEvidence();
    expect(
      (await confirmFields(worker, crop, { ...found, expiry: null, securityCode: null }, evidence)).birth,
    ).toBeNull();
    expect(evidence.refused).toEqual([{ iso: '1923-01-09', era: null }]);
  });

  it('reads a confirmed birth date no further when none of its numbers could have lost a digit', async () => {
    const { worker, crop, calls } = fakeWorker({ [`378@${CROP_SCALE}`]: '平成13年7月30日生' });
    const sure = {
      ...candidates,
      birth: { value: { iso: '2001-07-30', era: '平成' as const }, box: birthBox, confidence: 0 },
    };
    await confirmFields(worker, crop, { ...sure, expiry: null, securityCode: null });
    expect(calls.filter((c) => typeof c === 'object' && c !== null && 'crop' in c)).toHaveLength(1);
  });

  it('drops a date when a read stretched sideways shows one of its numbers with a digit more', async () => {
    const only = (value: { iso: string; era: null }) => ({
      ...candidates,
      birth: { value, box: birthBox, confidence: 0 },
      expiry: null,
      securityCode: null,
    });
    // tune7 card-183 (IPAMincho, degraded): 「1971年10月17日生」 read 10月7日 by the card read and the cut-out;
    // stretched by 1.3 the `1` shows.
    const seventeen = fakeWorker({
      [`378@${CROP_SCALE}`]: '1971 年 10 月 7 日生',
      [`378@${CROP_SCALE} wide`]: '1971年10月17日生生',
    });
    expect(
      (await confirmFields(seventeen.worker, seventeen.crop, only({ iso: '1971-10-07', era: null }))).birth,
    ).toBeNull();
    // tune7 card-118 (Noto Serif, clean): 「1998年11月 2日生」 read 1月 by every read; stretched by 1.6 the
    // month shows 11 while 年 turns into 和.
    const eleven = fakeWorker({
      [`378@${CROP_SCALE}`]: '1998 年 1 月 2 日 生',
      [`378@${CROP_SCALE} spaced`]: '19998 年 1 月 2 日 生',
      [`378@${CROP_SCALE} wide`]: '1998年1月2日生',
      [`378@${CROP_SCALE} wider`]: '1998和11月2日生生',
    });
    expect((await confirmFields(eleven.worker, eleven.crop, only({ iso: '1998-01-02', era: null }))).birth).toBeNull();
    // Stretched reads that show the same numbers, or garble them, leave the date.
    const same = fakeWorker({
      [`378@${CROP_SCALE}`]: '1971 年 10 月 7 日生',
      [`378@${CROP_SCALE} wide`]: '1971年10月7日生',
      [`378@${CROP_SCALE} wider`]: '19714 10月711生',
    });
    expect((await confirmFields(same.worker, same.crop, only({ iso: '1971-10-07', era: null }))).birth).toEqual({
      iso: '1971-10-07',
      era: null,
    });
  });

  it('drops a date printing a lone 1 when its strokes pulled apart show 11 there', async () => {
    // tuning set card-139: 「1923年11月 9日生」 read as 1923年1月9日 by the card read and every cut-out
    const tight: FaceCandidates = {
      birth: { value: { iso: '1923-01-09', era: null }, box: birthBox, confidence: 0 },
      birthGuess: null,
      expiry: null,
      securityCode: null,
    };
    const read = (spaced: string, wide = '') => {
      const { worker, crop } = fakeWorker({
        [`378@${CROP_SCALE}`]: '1923年1月9日',
        [`378@${CROP_SCALE} spaced`]: spaced,
        [`378@${CROP_SCALE} wide`]: wide,
      });
      return confirmFields(worker, crop, tight);
    };
    expect((await read('1923 年 11 月 9 日')).birth).toBeNull();
    expect((await read('1923年 1 1 月 9 日 4')).birth).toBeNull();
    expect((await read('1923 年 1 月 9 日')).birth).toEqual({ iso: '1923-01-09', era: null });
    // Faint strokes torn apart are no evidence either way: a stretched read that shows the lone 1 will do…
    expect((await read('19 6 3', '1923年1月9日生')).birth).toEqual({ iso: '1923-01-09', era: null });
    // …but without any read that shows it, the date is not taken (tune6 card-111: full-width １１月 read 1月 by
    // every plain read, garbled by the spaced and the stretched ones).
    expect((await read('2007 生 月 26 生', '200 年 月 26 生')).birth).toBeNull();
  });

  it('sees a number with a digit more in a read whose other numbers are garbled', () => {
    // tune4 card-075: 「1948年11月26日生」 read 1月 by every cut-out; the spaced read garbled the year.
    const birth = { iso: '1948-01-26', era: null };
    expect(hidesADigit(birth, '19438 年 11 月 26 日 生')).toBe(true);
    expect(hidesADigit(birth, '19438 年 1 1 月 26 日 生')).toBe(true);
    expect(hidesADigit(birth, '1948 年 1 月 26 日 生')).toBe(false);
    expect(hidesADigit(birth, '1948 年 7 月 26 日 生')).toBe(false);
    expect(hidesADigit({ iso: '1911-01-26', era: null }, '1911 年 1 月 26 日')).toBe(false);
    expect(hidesADigit({ iso: '1985-03-01', era: '昭和' }, '昭和 60 年 3 月 11 日')).toBe(true);
    expect(hidesADigit({ iso: '1985-03-11', era: '昭和' }, '昭和 60 年 3 月 11 日')).toBe(false);
    // 7日 against 17日 (the day's 日 restored before 生); 年 read as 和 before 11月.
    expect(hidesADigit({ iso: '1971-10-07', era: null }, '1971年10月17生')).toBe(true);
    expect(hidesADigit({ iso: '1998-01-02', era: null }, '1998和11月2日生生')).toBe(true);
    expect(hidesADigit({ iso: '1998-01-02', era: null }, '1998 年 和 1 月 2 日 生')).toBe(true);
    expect(hidesADigit({ iso: '1998-01-02', era: null }, '1998 和 1 月 2 日 生')).toBe(false);
    // Not the year, which the era's kanji spoil when stretched (tune6 card-162: 昭和18年 read 昭和118年), and only
    // a `1` more: 年 glued to the month is read as another digit (tune6 card-056: 昭和2年2月 read 22月).
    expect(hidesADigit({ iso: '1943-01-29', era: '昭和' }, '昭和118年1月29日生')).toBe(false);
    expect(hidesADigit({ iso: '1927-02-05', era: '昭和' }, '22月5生')).toBe(false);
    // Two digits more is another misread, not a lost digit.
    expect(hidesADigit({ iso: '1971-10-07', era: null }, '1971年10月177日')).toBe(false);
  });

  it('sees a lone 1 shown alone in its place', () => {
    const january = { iso: '1998-01-02', era: null };
    expect(showsLoneOnes(january, '1998 年 1 月 2 日 生')).toBe(true);
    expect(showsLoneOnes(january, '和 1 月 2')).toBe(true);
    expect(showsLoneOnes(january, '1998 年 11 月 2 日 生')).toBe(false);
    expect(showsLoneOnes(january, '200 年 月 26 生')).toBe(false);
    // With 年 lost, the year's digits run into the month: no month is shown (tune7 card-199).
    expect(hidesADigit({ iso: '1940-06-02', era: '昭和' }, '昭 16 月 2')).toBe(false);
    expect(hidesADigit({ iso: '1929-01-12', era: '昭和' }, '和 1 1 月 12 生')).toBe(false); // tune6 card-049
    // A number no month or day can be is no evidence (tune6 card-001, spaced: `10月` read `110月`).
    expect(hidesADigit({ iso: '2010-10-01', era: '平成' }, '生成 22 和 110 月 1 日 生')).toBe(false);
    expect(hidesADigit({ iso: '2010-10-01', era: '平成' }, '平成 22 年 10 月 1 日 生')).toBe(false);
    const firstOfJanuary = { iso: '1948-01-01', era: '昭和' as const };
    expect(showsLoneOnes(firstOfJanuary, '昭和23年1月1日')).toBe(true);
    expect(showsLoneOnes(firstOfJanuary, '昭和23年1月11日')).toBe(false);
    // A date without a lone 1 needs nothing shown.
    expect(showsLoneOnes({ iso: '1998-11-02', era: null }, '')).toBe(true);
  });

  it('restores the 1 an era birth date lost from an expiry that shows it, when a read of the date showed it too', () => {
    const showa = (iso: string) => ({ iso, era: '昭和' as const });
    const stretched = ['昭和61年1月17日生', '昭和61年11月17日生生'];
    expect(restoredFromExpiry(showa('1986-01-17'), '2033-11-17', stretched)).toEqual(showa('1986-11-17'));
    expect(restoredFromExpiry(showa('1986-11-07'), '2033-11-17', ['昭和61年11月17日'])).toEqual(showa('1986-11-17'));
    // 年和1月 may refuse a date, never restore one: the digits themselves must show.
    expect(restoredFromExpiry(showa('1986-01-17'), '2033-11-17', ['昭和61年和1月17日'])).toBeNull();
    // No read of the birth date's box showed it; the expiry alone does not restore it.
    expect(restoredFromExpiry(showa('1986-01-17'), '2033-11-17', ['昭和61年1月17日生'])).toBeNull();
    // An expiry that differs otherwise, a Western-printed date, no expiry: nothing.
    expect(restoredFromExpiry(showa('1986-01-17'), '2033-12-17', ['昭和61年12月17日'])).toBeNull();
    expect(restoredFromExpiry(showa('1986-01-17'), '2033-11-18', ['昭和61年11月17日'])).toBeNull();
    expect(restoredFromExpiry({ iso: '1998-01-02', era: null }, '2031-11-02', ['1998年11月2日'])).toBeNull();
    expect(restoredFromExpiry(showa('1986-01-17'), null, stretched)).toBeNull();
    // No such date in the era: 昭和64年 ended on 7 January.
    expect(restoredFromExpiry(showa('1989-01-07'), '2030-11-07', ['昭和64年11月7日'])).toBeNull();
  });

  it('knows which dates could have lost a digit and still be dates', () => {
    expect(couldHideADigit({ iso: '2001-07-30', era: '平成' })).toBe(false); // 13年7月30日
    expect(couldHideADigit({ iso: '1998-11-30', era: null })).toBe(false);
    expect(couldHideADigit({ iso: '1998-01-30', era: null })).toBe(true); // 1月: 11月
    expect(couldHideADigit({ iso: '1998-02-28', era: null })).toBe(true); // 2月: 12月
    expect(couldHideADigit({ iso: '1998-03-30', era: null })).toBe(false);
    expect(couldHideADigit({ iso: '1998-10-07', era: null })).toBe(true); // 7日: 17日, 27日
    expect(couldHideADigit({ iso: '1998-10-21', era: null })).toBe(false);
  });

  it('knows a read that lost a printed digit', () => {
    const showa = (iso: string) => ({ iso, era: '昭和' as const });
    expect(losesADigit(showa('1932-05-15'), showa('1972-05-15'))).toBe(true); // 7年 for 47年
    expect(losesADigit({ iso: '2009-01-02', era: '平成' }, { iso: '2009-11-02', era: '平成' })).toBe(true);
    expect(losesADigit({ iso: '2009-11-02', era: '平成' }, { iso: '2009-01-02', era: '平成' })).toBe(false);
    expect(losesADigit(showa('1932-05-15'), showa('1933-05-15'))).toBe(false);
    expect(losesADigit(showa('1932-05-15'), { iso: '1972-05-15', era: null })).toBe(false);
  });

  it('knows where a tight 11 could hide', () => {
    expect(withOneDoubled({ iso: '1923-01-09', era: null })).toEqual(['1923119']);
    // 元年 prints no year digits: 令和元年5月1日 prints 5 and 1.
    expect(withOneDoubled({ iso: '2019-05-01', era: '令和' })).toEqual(['511']);
    expect(withOneDoubled({ iso: '1946-01-01', era: null })).toEqual(['1946111', '1946111']);
    expect(withOneDoubled({ iso: '1936-01-21', era: '昭和' })).toEqual(['111121']);
    expect(withOneDoubled({ iso: '1936-11-21', era: '昭和' })).toEqual([]);
    expect(withOneDoubled({ iso: '1985-03-02', era: '昭和' })).toEqual([]);
  });

  it('drops an era-printed birth date that any read of the expiry contradicts', async () => {
    // tuning set tune2 card-141: 「平成24年11月21日生」 and 「2025年11月21日まで有効」, both read with 1月 by the
    // card read; the birth date's cut-out repeated 1月, the expiry's read 11月.
    const both: FaceCandidates = {
      birth: { value: { iso: '2012-01-21', era: '平成' }, box: birthBox, confidence: 60 },
      birthGuess: null,
      expiry: { value: '2025-01-21', box: expiryBox, confidence: 60 },
      securityCode: null,
    };
    const answers = {
      [`378@${CROP_SCALE}`]: '平成24年1月21日',
      [`378@${CROP_SCALE} spaced`]: '平成 24411 月 2111',
      [`378@${CROP_SCALE} wide`]: '平成24年1月21日',
      [`440@${CROP_SCALE}`]: '2025年11月21日まで',
    };
    const { worker, crop } = fakeWorker(answers);
    expect(await confirmFields(worker, crop, both)).toEqual({ birth: null, expiry: null, securityCode: null });
    // The same reads with an expiry that ends on the birthday keep the birth date.
    const agreeing = fakeWorker({ ...answers, [`440@${CROP_SCALE}`]: '2025年1月21日まで' });
    expect((await confirmFields(agreeing.worker, agreeing.crop, both)).birth).toEqual({
      iso: '2012-01-21',
      era: '平成',
    });
  });

  it('keeps an era birth date beside an expiry read that lost one of its digits', async () => {
    // tune7 card-056: 「平成2年7月11日生」 confirmed, its expiry 「2032年7月11日」 read 7月1日 by the cut-out.
    const eleventh: FaceCandidates = {
      ...candidates,
      birth: { value: { iso: '1990-07-11', era: '平成' }, box: birthBox, confidence: 60 },
      expiry: { value: '2032-07-11', box: expiryBox, confidence: 60 },
      securityCode: null,
    };
    const { worker, crop } = fakeWorker({
      [`378@${CROP_SCALE}`]: '平成2年7月11日生',
      [`440@${CROP_SCALE}`]: '2032年7月1日まで',
    });
    expect(await confirmFields(worker, crop, eleventh)).toEqual({
      birth: { iso: '1990-07-11', era: '平成' },
      expiry: null,
      securityCode: null,
    });
  });

  it('takes the 1 a confirmed era birth date lost from the expiry, and drops it otherwise', async () => {
    // tune7 card-085 style: 「平成6年11月27日生」 read 1月 by the card read and the cut-out, 11月 stretched; the
    // expiry 「2031年11月27日まで有効」 read the same by the card read and its cut-out.
    const lost: FaceCandidates = {
      birth: { value: { iso: '1994-01-27', era: '平成' }, box: birthBox, confidence: 60 },
      birthGuess: null,
      expiry: { value: '2031-11-27', box: expiryBox, confidence: 60 },
      securityCode: null,
    };
    const answers = {
      [`378@${CROP_SCALE}`]: '平成6年1月27日生',
      [`378@${CROP_SCALE} spaced`]: '平成6年1月27日生',
      [`378@${CROP_SCALE} wide`]: '平成6年11月27日生',
      [`440@${CROP_SCALE}`]: '2031年11月27日まで有効',
    };
    const restored = fakeWorker(answers);
    expect((await confirmFields(restored.worker, restored.crop, lost)).birth).toEqual({
      iso: '1994-11-27',
      era: '平成',
    });
    // A guessed line the cut-outs did not agree on: two gave 1月, the 2× one 11月.
    const guessed = fakeWorker({
      '378@1': '平成6年1月27日生',
      '378@1.5': '平成6年1月27日生',
      [`378@${CROP_SCALE}`]: '平成6年11月27日生',
      [`440@${CROP_SCALE}`]: '2031年11月27日まで有効',
    });
    expect(
      (await confirmFields(guessed.worker, guessed.crop, { ...lost, birth: null, birthGuess: birthBox })).birth,
    ).toEqual({ iso: '1994-11-27', era: '平成' });
    // The plain read that saw the 1 gave another year, the others 6年1月: no restoring (review of this round).
    const otherYear = fakeWorker({
      [`378@${CROP_SCALE}`]: '平成8年11月27日生',
      '378@1': '平成6年1月27日生',
      '378@1.5': '平成6年1月27日生',
      [`440@${CROP_SCALE}`]: '2031年11月27日まで有効',
    });
    expect((await confirmFields(otherYear.worker, otherYear.crop, lost)).birth).toBeNull();
    // The expiry's cut-out does not confirm it: the birth date stays refused.
    const unconfirmed = fakeWorker({ ...answers, [`440@${CROP_SCALE}`]: '2031年1月27日まで有効' });
    expect(await confirmFields(unconfirmed.worker, unconfirmed.crop, lost)).toEqual({
      birth: null,
      expiry: null,
      securityCode: null,
    });
  });
});

describe('cutPlan', () => {
  const border = Math.round(BORDER * 80);
  it('scales the box, framing a plain cut-out in white and stretching the wide ones sideways', () => {
    expect(cutPlan(100, 40, 2, 'plain')).toEqual({
      width: 200 + 2 * border,
      height: 80 + 2 * border,
      drawWidth: 200,
      drawHeight: 80,
      transform: [1, 0, 0, 1, border, border],
    });
    const unframed = { height: 80, drawHeight: 80, transform: [1, 0, 0, 1, 0, 0] };
    expect(cutPlan(100, 40, 2, 'bare')).toMatchObject({ width: 200, ...unframed });
    expect(cutPlan(100, 40, 2, 'wide')).toMatchObject({ width: 200 * STRETCH.wide, ...unframed });
    expect(cutPlan(100, 40, 2, 'wider')).toMatchObject({ width: 200 * STRETCH.wider, ...unframed });
    expect(cutPlan(100, 40, 2, 'spaced')).toMatchObject({ width: 200, ...unframed });
  });

  it('draws a view of the card (no style) scaled only, so that its read gives boxes in its own pixels', () => {
    expect(cutPlan(100, 40, 2)).toEqual({
      width: 200,
      height: 80,
      drawWidth: 200,
      drawHeight: 80,
      transform: [1, 0, 0, 1, 0, 0],
    });
  });

  it('widens the canvas of a leaned cut-out and shears the box into it', () => {
    const plan = cutPlan(100, 40, 2, 'leaned');
    expect(plan).toEqual({ height: 80, drawWidth: 200, drawHeight: 80, ...leanedCut(200, 80) });
  });
});

describe('leanedCut', () => {
  it('shears the top left and the bottom right by LEAN of the height, inside a canvas widened for it', () => {
    const { width, transform } = leanedCut(100, 40);
    const [a, b, c, d, e, f] = transform;
    const at = (x: number, y: number) => [a * x + c * y + e, b * x + d * y + f];
    expect(width).toBe(100 + 2 * Math.ceil(LEAN * 40));
    // The corners stay on the canvas; the top-left corner moves left of the bottom-left one (leaning back).
    for (const [x, y] of [
      [0, 0],
      [100, 0],
      [0, 40],
      [100, 40],
    ] as const) {
      const [nx = -1, ny = -1] = at(x, y);
      expect(nx).toBeGreaterThanOrEqual(0);
      expect(nx).toBeLessThanOrEqual(width);
      expect(ny).toBe(y);
    }
    expect((at(0, 40)[0] ?? 0) - (at(0, 0)[0] ?? 0)).toBeCloseTo(LEAN * 40);
  });
});

describe('showsALostOne', () => {
  it('sees a month of 1 shown as a tight 11 read as one box after 年, in a read of the box or of the expiry', () => {
    // tune4 card-117: `大正10年日月16日生` by every cut-out; 1月 would be a wrong date.
    const january = { iso: '1921-01-16', era: '大正' } as const;
    const shown = (texts: string[], expiryTexts: string[] = []) =>
      showsALostOne({ ...noEvidence(), texts, expiryTexts }, january);
    expect(shown(['大 正 10 年 日 月 16 日 生'])).toBe(true);
    expect(shown(['大正 10 年 昌 月 16 日'])).toBe(true);
    expect(shown([], ['2032 年 日 月 16 日 まで 有効'])).toBe(true);
    // The day's 日, or the box before another month's digits, is no month of 11; a month of 11 it shows rightly.
    expect(shown(['大正 10 年 1 月 日 生', '大正 10 年 日 2 月 16 日'])).toBe(false);
    expect(showsALostOne({ ...noEvidence(), texts: ['大正10年日月16日'] }, { iso: '1921-11-16', era: '大正' })).toBe(
      false,
    );
    // The box alone refuses nothing in `hidesADigit`: the spaced read after it shows the 11 to `restoredFromExpiry`.
    expect(hidesADigit(january, '大 正 10 年 日 月 16 日 生')).toBe(false);
  });
});

describe('nothingHiddenIn', () => {
  // A date both looks gave and neither confirmed (`undisputedAcrossLooks`) gets the distorted reads a confirmed
  // one gets (tune5 card-191: 平成元年1月8日).
  const eighth = { iso: '1989-01-08', era: '平成' } as const;
  const check = async (answers: Record<string, string>, birth: { iso: string; era: '平成' | null } = eighth) => {
    const { worker, crop, calls } = fakeWorker(answers);
    const evidence = noEvidence();
    const passed = await nothingHiddenIn(worker, crop, birthBox, birth, evidence);
    return {
      passed,
      styles: calls.flatMap((c) => (c && typeof c === 'object' && 'style' in c ? [c.style] : [])),
      evidence,
    };
  };

  it('passes a lone 1 only when a distorted read shows it alone, and none shows a 1 more', async () => {
    const alone = { [`378@${CROP_SCALE} spaced`]: '平成 元 年 1 月 8 日 生' };
    const taken = await check(alone);
    expect(taken).toMatchObject({ passed: true, styles: ['spaced', 'wide', 'wider'] });
    expect(taken.evidence).toMatchObject({ texts: ['平成 元 年 1 月 8 日 生', '', ''], refused: [] });
    // tune6 card-111: no distorted read shows the 1 — a full-width 11 read 1 by every plain read looks the same.
    // The refusal is kept as the look's evidence, so that no later look takes the date.
    const refused = await check({});
    expect(refused.passed).toBe(false);
    expect(refused.evidence.refused).toEqual([eighth]);
    // A 1 more: 11月 spaced, or 18日 stretched.
    expect((await check({ [`378@${CROP_SCALE} spaced`]: '平成 元 年 11 月 8 日' })).passed).toBe(false);
    expect((await check({ ...alone, [`378@${CROP_SCALE} wide`]: '平成元年1月18日生' })).passed).toBe(false);
    // A tight 11 read as one box by a distorted read refuses a month of 1 too, as it does a confirmed date.
    expect((await check({ ...alone, [`378@${CROP_SCALE} wide`]: '平成 元 年 日 月 8 日 生' })).passed).toBe(false);
  });

  it('reads nothing more for a date that could hide no 1, and only stretched for one without a lone 1', async () => {
    expect(await check({}, { iso: '1980-12-10', era: null })).toMatchObject({ passed: true, styles: [] });
    const feb29 = { iso: '1952-02-29', era: null };
    expect(await check({}, feb29)).toMatchObject({ passed: true, styles: ['wide', 'wider'] });
    expect((await check({ [`378@${CROP_SCALE} wider`]: '1952 年 12 月 29 日' }, feb29)).passed).toBe(false);
  });
});
