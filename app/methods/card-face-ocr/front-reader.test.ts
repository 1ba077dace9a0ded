import { describe, expect, it } from 'vitest';
import {
  birthLineTexts,
  cardView,
  consistentFields,
  GLOBAL_OTSU,
  LAST_LOOK_THRESHOLDS,
  PRINT_SIDE_SHARE,
  readFrontWith,
  SECOND_LOOK_SCALE,
  type FaceRecogniser,
} from './front-reader';

describe('checking the fields against the card', () => {
  it('drops an era birth date whose month and day differ from the expiry, keeps it without an expiry, gives nothing without it', () => {
    const birth = { iso: '1965-04-06', era: '昭和' as const };
    expect(consistentFields({ birth, expiry: '2031-04-06', securityCode: null }).birth).toEqual(birth);
    const nothing = { birth: null, expiry: null, securityCode: null };
    expect(consistentFields({ birth, expiry: '2031-04-16', securityCode: '1234' })).toEqual(nothing);
    // Without a birth date, the expiry and the code serve nothing and are not given.
    expect(consistentFields({ birth: null, expiry: '2031-04-16', securityCode: '1234' })).toEqual(nothing);
    expect(consistentFields({ birth, expiry: null, securityCode: null }).birth).toEqual(birth);
    // An expiry that shows the birthday with a digit lost is the misread one: the birth date stands without it.
    const eleventh = { iso: '1990-07-11', era: '平成' as const };
    expect(consistentFields({ birth: eleventh, expiry: '2032-07-01', securityCode: '1234' })).toEqual({
      birth: eleventh,
      expiry: null,
      securityCode: '1234',
    });
    // A Western-printed card (foreign resident) ends with the residence period: no check.
    const western = { iso: '1965-04-06', era: null };
    expect(consistentFields({ birth: western, expiry: '2029-11-30', securityCode: null }).birth).toEqual(western);
  });
});

describe('birthLineTexts', () => {
  it("gives the whole card's text of the line the birth date's box lies on, and no other", () => {
    const line = (text: string, y0: number) => ({ text, confidence: 90, box: { x0: 20, y0, x1: 400, y1: y0 + 30 } });
    const lines = [
      line('東京都千代田区', 100),
      line('平成 6 年 和 1 月 27 日 生 婦', 140),
      line('2034 年 1 月 27 日 まで 有効', 180),
    ];
    // tune7 card-085: the cut-outs read 1月, the whole card `年和1月` (a tight 11).
    expect(birthLineTexts(lines, { x0: 20, y0: 142, x1: 260, y1: 168 })).toEqual(['平成 6 年 和 1 月 27 日 生 婦']);
    expect(birthLineTexts(lines, null)).toEqual([]);
  });
});

/**
 * A recogniser whose whole-card read ('card') returns `lines` and whose crop reads return `crops` in turn, or
 * `crops` every time when it is one text.
 */
function recogniser(lines: string[], crops: string[] | string): FaceRecogniser<string> {
  const box = { x0: 10, y0: 10, x1: 200, y1: 40 };
  return {
    setParameters: () => Promise.resolve(),
    recognize: (image: string) =>
      Promise.resolve({
        data: {
          text: image === 'card' ? lines.join('\n') : typeof crops === 'string' ? crops : (crops.shift() ?? ''),
          blocks:
            image === 'card'
              ? [{ paragraphs: [{ lines: lines.map((text) => ({ text, confidence: 90, bbox: box })) }] }]
              : null,
        },
      }),
  };
}

describe('readFrontWith', () => {
  const card = { image: 'card', width: 960, height: 605, crop: () => Promise.resolve('crop') };

  it('gives the birth date on its two reads, without the expiry or the security code', async () => {
    const reading = await readFrontWith(
      recogniser(['昭和40年4月6日生 性別 女', '住所 東京都'], ['昭和40年4月6日生']),
      card,
    );
    expect(reading).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1965-04-06', era: '昭和' }, expiry: null, securityCode: null },
    });
  });

  it('refuses a birth date the second read does not confirm (昭和40 read again as 昭和46)', async () => {
    const reading = await readFrontWith(
      recogniser(['昭和40年4月6日生 性別 女', '住所 東京都'], ['昭和46年4月6日生']),
      card,
    );
    expect(reading).toEqual({ kind: 'front', fields: { birth: null, expiry: null, securityCode: null } });
  });

  it('reports the back and reads nothing again', async () => {
    const worker = recogniser(['個人番号 1234 5678 9012', '生年月日 昭和40年4月6日生'], []);
    expect(await readFrontWith(worker, card)).toEqual({ kind: 'back' });
  });
});

describe('the second look at a card that gave no birth date', () => {
  /**
   * A recogniser that answers whole-card reads (asked for blocks) from `pages` and cut-out reads from `lines`,
   * each in turn, and records what it was shown; the card's crop names each image by its rectangle and scale.
   */
  function scripted(pages: string[][], lines: string[]) {
    const shown: string[] = [];
    const recogniser: FaceRecogniser<string> = {
      setParameters: () => Promise.resolve(),
      recognize: (image: string, _options?: object, output?: { blocks: boolean }) => {
        shown.push(image);
        const page = output?.blocks ? (pages.shift() ?? []) : null;
        const text = page ? page.join('\n') : (lines.shift() ?? '');
        // One line under another, 40 px apart.
        const box = (i: number) => ({ x0: 20, y0: 200 + 40 * i, x1: 300, y1: 228 + 40 * i });
        const read = page?.map((t, i) => ({ text: t, confidence: 90, bbox: box(i) }));
        return Promise.resolve({ data: { text, blocks: read ? [{ paragraphs: [{ lines: read }] }] : null } });
      },
    };
    const crop = (
      { left, top, width, height }: { left: number; top: number; width: number; height: number },
      scale: number,
      style?: string,
    ) => Promise.resolve(`${left},${top},${width}x${height}@${scale}${style ? ` ${style}` : ''}`);
    return { recogniser, card: { image: 'card', width: 960, height: 605, crop }, shown };
  }
  const noBirthLine = ['個人番号カード', '住所 東京都千代田区', '2031年4月6日まで有効'];
  const showa40 = { iso: '1965-04-06', era: '昭和' };

  it('looks again at the whole card enlarged, and takes a birth date its own two reads agree on', async () => {
    const { recogniser, card, shown } = scripted(
      [noBirthLine, ['昭和40年4月6日生 性別 女', ...noBirthLine]],
      ['昭和40年4月6日生'],
    );
    const reading = await readFrontWith(recogniser, card);
    expect(reading).toMatchObject({ kind: 'front', fields: { birth: showa40 } });
    expect(shown[0]).toBe('card');
    expect(shown).toContain(`0,0,960x605@${SECOND_LOOK_SCALE}`);
  });

  it('refuses there a date the first look refused for cause, or never read', async () => {
    // First look: 1923年1月9日 confirmed by the 2× cut-out, then the spaced read shows 11月 (tuning set card-139).
    const tight = ['1923年1月9日生', '住所 東京都千代田区'];
    const refused = scripted(
      [tight, tight],
      ['1923年1月9日', '1923 年 11 月 9 日', '1923年1月9日', '1923 年 1 月 9 日'],
    );
    expect(await readFrontWith(refused.recogniser, refused.card)).toMatchObject({ fields: { birth: null } });
    // First look: 昭和40年 by the card read, 昭和46年 by the cut-out, then nothing (1×, spare; the expiry is not
    // read without a birth date); second look: 昭和48年, twice.
    const never = scripted(
      [
        ['昭和40年4月6日生 性別 女', ...noBirthLine],
        ['昭和48年4月6日生 性別 女', ...noBirthLine],
      ],
      ['昭和46年4月6日生', '', '', '昭和48年4月6日生'],
    );
    expect(await readFrontWith(never.recogniser, never.card)).toMatchObject({ fields: { birth: null } });
    // The same, but the second look reads 昭和46年 twice, as the first look's cut-out did: three reads of five.
    const cutOutOnly = scripted(
      [
        ['昭和40年4月6日生 性別 女', ...noBirthLine],
        ['昭和46年4月6日生 性別 女', ...noBirthLine],
      ],
      ['昭和46年4月6日生', '', '', '昭和46年4月6日生'],
    );
    expect(await readFrontWith(cutOutOnly.recogniser, cutOutOnly.card)).toMatchObject({
      fields: { birth: { iso: '1971-04-06', era: '昭和' } },
    });
    // The second look reads 昭和40年 twice: with the first look's whole-card read, three reads of five agree.
    const agreed = scripted(
      [
        ['昭和40年4月6日生 性別 女', ...noBirthLine],
        ['昭和40年4月6日生 性別 女', ...noBirthLine],
      ],
      ['昭和46年4月6日生', '', '', '昭和40年4月6日生'],
    );
    expect(await readFrontWith(agreed.recogniser, agreed.card)).toMatchObject({ fields: { birth: showa40 } });
  });

  it('refuses there a date that a read of the first look showed with a 1 more', async () => {
    // tune7 card-118: 「1998年11月 2日生」, its 11 read 和1 by a cut-out of the first look, then 1月 by every read of
    // the second look.
    const line = ['1998年1月2日生', '住所 東京都千代田区'];
    // The second look's reads: the 2× cut-out, then spaced (nothing) and stretched (its lone 1 shown).
    const secondLook = ['1998年1月2日生', '', '1998年1月2日生'];
    const eleven = scripted([line, line], ['1998 年 和 1 月 2 日 生', ...secondLook]);
    expect(await readFrontWith(eleven.recogniser, eleven.card)).toMatchObject({ fields: { birth: null } });
    // Without that read, the second look's agreeing reads stand.
    const plain = scripted([line, line], ['', ...secondLook]);
    expect(await readFrontWith(plain.recogniser, plain.card)).toMatchObject({
      fields: { birth: { iso: '1998-01-02', era: null } },
    });
  });

  it('takes the date some reads showed whole when the others lost a 1 from it, after both looks', async () => {
    // tune6 card-029 (「２００６年１１月２４日生」): 11月24日 by each look's whole-card read and 1× cut-out, 1月24日
    // by its 2× and 1.5× cut-outs. Each look refuses; the two together show the 1 the others lost.
    const line = ['２００６年１１月２４日生 性別 女', '住所 東京都千代田区'];
    const look = ['2006 年 1 月 24 日', '2006 年 11 月 24 日 4', '2006 年 1 月 24 日 6'];
    const { recogniser, card } = scripted([line, line], [...look, ...look]);
    expect(await readFrontWith(recogniser, card)).toEqual({
      kind: 'front',
      fields: { birth: { iso: '2006-11-24', era: null }, expiry: null, securityCode: null },
    });
    // When the whole card read 1月 and only cut-outs 11月, they are not enough: they share one box's pixels.
    const short = ['2006年1月24日生 性別 女', '住所 東京都千代田区'];
    const cutOuts = scripted([short, short], ['2006年11月24日', '', '', '', '2006年11月24日']);
    expect(await readFrontWith(cutOuts.recogniser, cutOuts.card)).toMatchObject({ fields: { birth: null } });
  });

  it('takes there a date the first look only ever read with a 1 lost, when the reads split that way', async () => {
    // After tune4 card-130 (「昭和61年11月20日生」): the first look reads 1月20日 whole and cut out (its lone 1
    // shown by no distorted read); the second look 11月20日 whole and cut out, and its expiry line 11月20日. The
    // second look's date was never read by the first look, but each of the first look's reads is it with a 1 lost.
    const pages = [['昭和61年1月20日生 性別 男'], ['昭和61年11月20日生 性別 男', '2026年11月20日まで有効']];
    const reads = ['昭和61年1月20日生', '', '', '', '昭和61年11月20日'];
    const { recogniser, card } = scripted(pages, reads);
    expect(await readFrontWith(recogniser, card)).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1986-11-20', era: '昭和' }, expiry: null, securityCode: null },
    });
    // An era-printed date needs the expiry as its witness: without the expiry line, nothing.
    const unwitnessed = scripted([pages[0] ?? [], ['昭和61年11月20日生 性別 男']], [...reads]);
    expect(await readFrontWith(unwitnessed.recogniser, unwitnessed.card)).toMatchObject({ fields: { birth: null } });
  });

  it('refuses an era date whose expiry line shows its month with a 1 more', async () => {
    // tune7 card-033 (「平成１５年１１月２７日生」): 1月27日 by the whole card and the 2× cut-out, the spaced read
    // showing the lone 1 (lost as well), the expiry line `11月27月` (no date, but the birthday's 11).
    const reads = ['平成15年1月27日', '平成 15 年 1 月 27', '平成 15 年 月 27 月', '平成 5 年 月 2 月'];
    const page = (expiry: string) => ['平成15年1月27日生 性別 女', expiry];
    const eleven = scripted([page('2034年11月27月まで有効'), page('2034年11月27月まで有効')], [...reads]);
    expect(await readFrontWith(eleven.recogniser, eleven.card)).toMatchObject({ fields: { birth: null } });
    // With an expiry line that shows 1月, the same reads give the date.
    const one = scripted([page('2034年1月27日まで有効')], [...reads]);
    expect(await readFrontWith(one.recogniser, one.card)).toMatchObject({
      fields: { birth: { iso: '2003-01-27', era: '平成' } },
    });
  });
});

describe('the last looks, thresholded otherwise', () => {
  /**
   * A recogniser whose answers depend on the `thresholding_method` set: under each, whole-card reads take the
   * next page of `pages[method]`, and a cut-out reads the line of the last page whose box it was cut from, when
   * `cutOuts` has that method (a reader that sees what the whole read saw), or nothing. It records every method
   * set, in order.
   */
  function thresholded(pages: Record<string, string[][]>, cutOuts: string[], failOn?: string) {
    const methods: string[] = [];
    let method = GLOBAL_OTSU;
    let page: string[] = [];
    const top = (i: number) => 200 + 40 * i;
    const recogniser: FaceRecogniser<string> = {
      setParameters: (params) => {
        if (params.thresholding_method !== undefined) {
          method = params.thresholding_method;
          methods.push(method);
        }
        return Promise.resolve();
      },
      recognize: (image: string, _options?: object, output?: { blocks: boolean }) => {
        if (method === failOn) return Promise.reject(new Error('worker gone'));
        if (output?.blocks) {
          page = pages[method]?.shift() ?? [];
          const read = page.map((text, i) => ({
            text,
            confidence: 90,
            bbox: { x0: 20, y0: top(i), x1: 300, y1: top(i) + 28 },
          }));
          return Promise.resolve({ data: { text: page.join('\n'), blocks: [{ paragraphs: [{ lines: read }] }] } });
        }
        const cutTop = Number(image.split(',')[1]);
        const line = page.findIndex((_, i) => Math.abs(cutTop - top(i)) < 20);
        const text = cutOuts.includes(method) && line >= 0 ? (page[line] ?? '') : '';
        return Promise.resolve({ data: { text, blocks: null } });
      },
    };
    const crop = ({ left, top: y, width, height }: { left: number; top: number; width: number; height: number }) =>
      Promise.resolve(`${left},${y},${width}x${height}`);
    return { recogniser, card: { image: 'card', width: 960, height: 605, crop }, methods };
  }
  const birthLine = '昭和40年4月6日生 性別 女';
  const rest = ['住所 東京都千代田区', '2031年4月6日まで有効', 'セキュリティコード 1234'];
  const sauvola = LAST_LOOK_THRESHOLDS[0];
  const localOtsu = LAST_LOOK_THRESHOLDS[1];

  it("takes a date an earlier look's read showed, with its expiry and never the security code, and sets the threshold back", async () => {
    // The first look's whole-card read shows 昭和40年 and no cut-out confirms it; the second look sees no birth line.
    const { recogniser, card, methods } = thresholded(
      { [GLOBAL_OTSU]: [[birthLine, ...rest], rest], [sauvola]: [[birthLine, ...rest]] },
      [sauvola],
    );
    expect(await readFrontWith(recogniser, card)).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1965-04-06', era: '昭和' }, expiry: '2031-04-06', securityCode: null },
    });
    expect(methods).toEqual([sauvola, GLOBAL_OTSU]);
  });

  it('does not look again when no global-threshold look read any date', async () => {
    const { recogniser, card, methods } = thresholded(
      { [GLOBAL_OTSU]: [rest, rest], [sauvola]: [[birthLine, ...rest]], [localOtsu]: [[birthLine, ...rest]] },
      [sauvola, localOtsu],
    );
    expect(await readFrontWith(recogniser, card)).toMatchObject({ fields: { birth: null } });
    expect(methods).toEqual([]);
  });

  it('refuses a date only the local thresholds read, even both, and tries each threshold once', async () => {
    // The first look reads 1971年10月7日, the second nothing; Sauvola reads 10月17日 whole, the local Otsu confirms it.
    const lost = ['1971年10月7日生', '住所 東京都千代田区'];
    const whole = ['1971年10月17日生', '住所 東京都千代田区'];
    const added = thresholded(
      { [GLOBAL_OTSU]: [lost, ['住所 東京都千代田区']], [sauvola]: [whole], [localOtsu]: [whole] },
      [localOtsu],
    );
    expect(await readFrontWith(added.recogniser, added.card)).toMatchObject({ fields: { birth: null } });
    expect(added.methods).toEqual([sauvola, GLOBAL_OTSU, localOtsu, GLOBAL_OTSU]);
    // The second look reads 4月6日 whole; both local thresholds read 4月8日.
    const eighth = ['昭和40年4月8日生 性別 女', '住所 東京都千代田区'];
    const outvoted = thresholded(
      { [GLOBAL_OTSU]: [['住所 東京都千代田区'], [birthLine]], [sauvola]: [eighth], [localOtsu]: [eighth] },
      [sauvola, localOtsu],
    );
    expect(await readFrontWith(outvoted.recogniser, outvoted.card)).toMatchObject({ fields: { birth: null } });
  });

  it('refuses a date an earlier read showed with a 1 more', async () => {
    // 平成15年11月27日: the second look reads 1月 whole, Sauvola's look 11月 whole; the local Otsu confirms 1月.
    const address = rest.slice(0, 1);
    const lost = ['平成15年1月27日生 性別 女', ...address];
    const eleven = ['平成15年11月27日生 性別 女', ...rest.slice(0, 1)];
    const { recogniser, card } = thresholded(
      { [GLOBAL_OTSU]: [address, lost], [sauvola]: [eleven], [localOtsu]: [lost] },
      [localOtsu],
    );
    expect(await readFrontWith(recogniser, card)).toMatchObject({ fields: { birth: null } });
    // Without Sauvola's 11月, the same reads give 1月.
    const plain = thresholded({ [GLOBAL_OTSU]: [address, lost], [sauvola]: [address], [localOtsu]: [lost] }, [
      localOtsu,
    ]);
    expect(await readFrontWith(plain.recogniser, plain.card)).toMatchObject({
      fields: { birth: { iso: '2003-01-27', era: '平成' } },
    });
  });

  it("refuses a date the first look's reads do not show, as the second look would", async () => {
    // The first look reads 4月8日 whole; the second 4月6日 whole; Sauvola's look confirms 4月6日.
    const eighth = ['昭和40年4月8日生 性別 女', ...rest.slice(0, 1)];
    const sixth = [birthLine, ...rest.slice(0, 1)];
    const { recogniser, card } = thresholded({ [GLOBAL_OTSU]: [eighth, sixth], [sauvola]: [sixth] }, [sauvola]);
    expect(await readFrontWith(recogniser, card)).toMatchObject({ fields: { birth: null } });
  });

  it('refuses an era date an earlier expiry read contradicts, and gives only an expiry an earlier look read', async () => {
    const sixth = [birthLine, '住所 東京都千代田区'];
    // Both earlier looks read the expiry as 4月8日; Sauvola's look confirms 4月6日 and sees no expiry line.
    const eighth = [birthLine, '住所 東京都千代田区', '2031年4月8日まで有効'];
    const contradicted = thresholded({ [GLOBAL_OTSU]: [eighth, eighth], [sauvola]: [sixth] }, [sauvola]);
    expect(await readFrontWith(contradicted.recogniser, contradicted.card)).toMatchObject({ fields: { birth: null } });
    // No earlier expiry read: the birth date stands, and Sauvola's expiry, read by no earlier look, is not given.
    const unseen = thresholded({ [GLOBAL_OTSU]: [sixth, sixth], [sauvola]: [[birthLine, ...rest]] }, [sauvola]);
    expect(await readFrontWith(unseen.recogniser, unseen.card)).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1965-04-06', era: '昭和' }, expiry: null, securityCode: null },
    });
  });

  it("takes a date the first look read only with a 1 lost; an era date then needs the expiry's witness", async () => {
    // After tune7 card-183 (「1971年10月17日生」): 10月7日 by the first look, 10月17日 by the second and by Sauvola's.
    const lost = ['1971年10月7日生', '住所 東京都千代田区'];
    const whole = ['1971年10月17日生', '住所 東京都千代田区'];
    const western = thresholded({ [GLOBAL_OTSU]: [lost, whole], [sauvola]: [whole] }, [sauvola]);
    expect(await readFrontWith(western.recogniser, western.card)).toMatchObject({
      fields: { birth: { iso: '1971-10-17', era: null } },
    });
    // 平成15年11月27日, 1月 by the first look: without an expiry read, nothing; with one ending 11月27日, taken.
    const era = (expiry: string[]) => {
      const short = ['平成15年1月27日生 性別 女', ...expiry];
      const long = ['平成15年11月27日生 性別 女', ...expiry];
      return thresholded({ [GLOBAL_OTSU]: [short, long], [sauvola]: [long] }, [sauvola]);
    };
    const unwitnessed = era([]);
    expect(await readFrontWith(unwitnessed.recogniser, unwitnessed.card)).toMatchObject({ fields: { birth: null } });
    const witnessed = era(['2034年11月27日まで有効']);
    expect(await readFrontWith(witnessed.recogniser, witnessed.card)).toMatchObject({
      fields: { birth: { iso: '2003-11-27', era: '平成' } },
    });
  });

  it('refuses a date an earlier read showed with another digit more, and an era date whose 1 the second look lost, unwitnessed', async () => {
    // The first look reads 4月6日 whole, the second 4月26日; Sauvola's look confirms 4月6日.
    const more = thresholded(
      {
        [GLOBAL_OTSU]: [
          [birthLine, ...rest],
          ['昭和40年4月26日生 性別 女', ...rest],
        ],
        [sauvola]: [[birthLine, ...rest]],
      },
      [sauvola],
    );
    expect(await readFrontWith(more.recogniser, more.card)).toMatchObject({ fields: { birth: null } });
    // 平成15年11月27日: 11月 by the first look, 1月 by the second, 11月 confirmed by Sauvola's; no expiry read.
    const address = ['住所 東京都千代田区'];
    const long = ['平成15年11月27日生 性別 女', ...address];
    const short = ['平成15年1月27日生 性別 女', ...address];
    const lost = thresholded({ [GLOBAL_OTSU]: [long, short], [sauvola]: [long] }, [sauvola]);
    expect(await readFrontWith(lost.recogniser, lost.card)).toMatchObject({ fields: { birth: null } });
  });

  it("needs a global-threshold look's expiry as the witness of a regained 1, and counts a local threshold's lost 1", async () => {
    const address = ['住所 東京都千代田区'];
    const short = ['平成15年1月27日生 性別 女', ...address];
    const long = ['平成15年11月27日生 性別 女', ...address];
    // 1月 by the first look, 11月 by the second, neither reading an expiry; Sauvola's look confirms 11月 and reads
    // the expiry line ending 11月27日: its own expiry is no witness.
    const ownWitness = thresholded({ [GLOBAL_OTSU]: [short, long], [sauvola]: [[...long, '2034年11月27日まで有効']] }, [
      sauvola,
    ]);
    expect(await readFrontWith(ownWitness.recogniser, ownWitness.card)).toMatchObject({ fields: { birth: null } });
    // 11月 by the first look, nothing by the second, 1月 confirmed by Sauvola's look, 11月 by the local Otsu's, no
    // expiry read: the local threshold's lost 1 splits the reads as a global one's would.
    const localSplit = thresholded({ [GLOBAL_OTSU]: [long, address], [sauvola]: [short], [localOtsu]: [long] }, [
      sauvola,
      localOtsu,
    ]);
    expect(await readFrontWith(localSplit.recogniser, localSplit.card)).toMatchObject({ fields: { birth: null } });
  });

  it('gives nothing when a last look takes the card for its back', async () => {
    const back = ['個人番号 1234 5678 9012', '生年月日 昭和40年4月6日生'];
    const { recogniser, card, methods } = thresholded(
      { [GLOBAL_OTSU]: [[birthLine, ...rest], rest], [sauvola]: [back], [localOtsu]: [rest] },
      [sauvola, localOtsu],
    );
    expect(await readFrontWith(recogniser, card)).toEqual({
      kind: 'front',
      fields: { birth: null, expiry: null, securityCode: null },
    });
    expect(methods).toEqual([sauvola, GLOBAL_OTSU, localOtsu, GLOBAL_OTSU]);
  });

  it('sets the global threshold back when a read under another fails', async () => {
    const { recogniser, card, methods } = thresholded({ [GLOBAL_OTSU]: [[birthLine, ...rest], rest] }, [], sauvola);
    await expect(readFrontWith(recogniser, card)).rejects.toThrow('worker gone');
    expect(methods).toEqual([sauvola, GLOBAL_OTSU]);
  });
});

describe('the frame read as it is, when the found card gave nothing', () => {
  /**
   * Whole-image reads by image name ('card', 'frame', or a function of it); cut-outs of the card read '' unless
   * `whole` gives them lines, of the frame `frameCuts`.
   */
  function views(whole: Record<string, string[]> | ((image: string) => string[] | undefined), frameCuts: string[]) {
    const box = { x0: 10, y0: 10, x1: 200, y1: 40 };
    const recogniser: FaceRecogniser<string> = {
      setParameters: () => Promise.resolve(),
      recognize: (image: string) => {
        const lines = typeof whole === 'function' ? whole(image) : whole[image];
        const text = lines ? lines.join('\n') : image === 'frame-cut' ? (frameCuts.shift() ?? '') : '';
        const blocks = lines
          ? [{ paragraphs: [{ lines: lines.map((t) => ({ text: t, confidence: 90, bbox: box })) }] }]
          : null;
        return Promise.resolve({ data: { text, blocks } });
      },
    };
    const card = { image: 'card', width: 960, height: 605, crop: () => Promise.resolve('card-cut') };
    let framesMade = 0;
    const frameView = () => {
      framesMade += 1;
      return Promise.resolve({ image: 'frame', width: 1280, height: 720, crop: () => Promise.resolve('frame-cut') });
    };
    return { recogniser, card, frameView, framesMade: () => framesMade };
  }
  const birthLine = '昭和40年4月6日生 性別 女';
  const nothing = { kind: 'front', fields: { birth: null, expiry: null, securityCode: null } };

  it('reads the frame when neither look at the card read any birth date (an outline found wrong), with the same rules', async () => {
    const confirmed = views({ card: ['ーー 補 昌', '/ リ : 折'], frame: [birthLine, '住所 東京都'] }, [
      '昭和40年4月6日生',
    ]);
    expect(await readFrontWith(confirmed.recogniser, confirmed.card, confirmed.frameView)).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1965-04-06', era: '昭和' }, expiry: null, securityCode: null },
    });
    expect(confirmed.framesMade()).toBe(1);
    // The frame's date needs its own second read, as any other.
    const unconfirmed = views({ card: ['ーー 補 昌'], frame: [birthLine, '住所 東京都'] }, ['昭和46年4月6日生']);
    expect(await readFrontWith(unconfirmed.recogniser, unconfirmed.card, unconfirmed.frameView)).toEqual(nothing);
    // Without a frame to read (no card was found: the card read was the frame), nothing more is read.
    const none = views({ card: ['ーー 補 昌'], frame: [birthLine, '住所 東京都'] }, ['昭和40年4月6日生']);
    expect(await readFrontWith(none.recogniser, none.card)).toEqual(nothing);
  });

  it('does not read the frame when a look at the card read a birth date, even one it refused', async () => {
    // The card's date has no second read (its cut-outs read nothing), so it is refused: a reading, not an
    // outline found wrong, and another try at other pixels could get past that refusal.
    const refused = views({ card: [birthLine, '住所 東京都'], frame: ['昭和41年4月6日生 性別 女', '住所 東京都'] }, [
      '昭和41年4月6日生',
    ]);
    expect(await readFrontWith(refused.recogniser, refused.card, refused.frameView)).toEqual(nothing);
    expect(refused.framesMade()).toBe(0);
  });

  it('reads the frame once: a frame that reads nothing either is not read again', async () => {
    const blank = views({ card: ['ーー 補 昌'], frame: ['/ リ : 折'] }, []);
    expect(await readFrontWith(blank.recogniser, blank.card, blank.frameView)).toEqual(nothing);
    expect(blank.framesMade()).toBe(1);
  });

  it('does not read the frame when only the second look read a birth date (it could not confirm)', async () => {
    // The first look reads nothing; the second look's whole read (of the enlarged card) shows a date, which its
    // cut-outs do not confirm.
    const texts = [birthLine, '住所 東京都'];
    let enlarged = 0;
    const { recogniser, card, frameView, framesMade } = views(
      (image) =>
        image === 'frame'
          ? ['昭和41年4月6日生 性別 女', '住所 東京都']
          : image === 'card-cut' && enlarged++ === 0
            ? texts
            : undefined,
      ['昭和41年4月6日生'],
    );
    expect(await readFrontWith(recogniser, card, frameView)).toEqual(nothing);
    expect(enlarged).toBeGreaterThan(1);
    expect(framesMade()).toBe(0);
  });

  it('gives nothing when the frame shows the back', async () => {
    const back = views({ card: ['ーー 補 昌'], frame: ['個人番号 1234 5678 9012'] }, []);
    expect(await readFrontWith(back.recogniser, back.card, back.frameView)).toEqual({ kind: 'back' });
  });
});

describe("the card's print side alone, when neither the found card nor the frame read a date", () => {
  const birthLine = '昭和34年8月2日生 性別 男';
  const nothing = { kind: 'front', fields: { birth: null, expiry: null, securityCode: null } };
  /**
   * A 960 × 605 card whose whole reads give `card` (at its size, and enlarged for the second look), its print side
   * (the left `PRINT_SIDE_SHARE` of it) `printSide`, the frame `frame`; every smaller cut-out (and the frame's
   * enlarged look) reads from `cuts`. Records which whole images were read, in order.
   */
  function views(whole: { card: string[]; printSide: string[]; frame: string[] }, cuts: string[]) {
    const box = { x0: 10, y0: 10, x1: 200, y1: 40 };
    const seen: string[] = [];
    const recogniser: FaceRecogniser<string> = {
      setParameters: () => Promise.resolve(),
      recognize: (image: string) => {
        const lines = image === 'cut' ? undefined : whole[image as keyof typeof whole];
        if (lines) seen.push(image);
        const text = lines ? lines.join('\n') : (cuts.shift() ?? '');
        const blocks = lines
          ? [{ paragraphs: [{ lines: lines.map((t) => ({ text: t, confidence: 90, bbox: box })) }] }]
          : null;
        return Promise.resolve({ data: { text, blocks } });
      },
    };
    const printWidth = Math.round(PRINT_SIDE_SHARE * 960);
    const crop = (r: { left: number; top: number; width: number; height: number }) =>
      Promise.resolve(
        r.width === 960 && r.height === 605 ? 'card' : r.left === 0 && r.width === printWidth ? 'printSide' : 'cut',
      );
    const card = { image: 'card', width: 960, height: 605, crop };
    const frameView = () =>
      Promise.resolve({ image: 'frame', width: 1280, height: 720, crop: () => Promise.resolve('cut') });
    return { recogniser, card, frameView, seen };
  }

  it('reads the print side after the frame read no date either, with the same rules, once', async () => {
    // tune4 card-049: the face photo set the whole card's threshold above the grey print (`ーー`).
    const found = views({ card: ['ーー'], printSide: [birthLine, '住所 愛知県'], frame: ['ーー'] }, [
      '', // the frame's enlarged look
      '昭和34年8月2日生',
    ]);
    expect(await readFrontWith(found.recogniser, found.card, found.frameView)).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1959-08-02', era: '昭和' }, expiry: null, securityCode: null },
    });
    expect(found.seen).toEqual(['card', 'card', 'frame', 'printSide']);
    // Its date needs its own second read, as any other; nothing but the print side's own looks is read after it.
    const unconfirmed = views({ card: ['ーー'], printSide: [birthLine], frame: ['ーー'] }, ['', '昭和39年8月2日生']);
    expect(await readFrontWith(unconfirmed.recogniser, unconfirmed.card, unconfirmed.frameView)).toEqual(nothing);
    expect(unconfirmed.seen.slice(0, 4)).toEqual(['card', 'card', 'frame', 'printSide']);
    expect(new Set(unconfirmed.seen.slice(3))).toEqual(new Set(['printSide']));
    const blank = views({ card: ['ーー'], printSide: ['ーー'], frame: ['ーー'] }, []);
    expect(await readFrontWith(blank.recogniser, blank.card, blank.frameView)).toEqual(nothing);
    expect(blank.seen).toEqual(['card', 'card', 'frame', 'printSide', 'printSide']);
  });

  it('is not read where the frame read a date, even one it refused, or showed the back', async () => {
    // The frame's date has no second read (its cut-outs read nothing): unconfirmed, and that stands.
    const refused = views({ card: ['ーー'], printSide: [birthLine], frame: ['昭和41年8月2日生 性別 男'] }, []);
    expect(await readFrontWith(refused.recogniser, refused.card, refused.frameView)).toEqual(nothing);
    expect(refused.seen).not.toContain('printSide');
    const back = views({ card: ['ーー'], printSide: [birthLine], frame: ['個人番号 1234 5678 9012'] }, []);
    expect(await readFrontWith(back.recogniser, back.card, back.frameView)).toEqual({ kind: 'back' });
    expect(back.seen).not.toContain('printSide');
  });

  it('is not read where no card was found (no frame view: the card read was the frame)', async () => {
    const notFound = views({ card: ['ーー'], printSide: [birthLine], frame: [] }, ['昭和34年8月2日生']);
    expect(await readFrontWith(notFound.recogniser, notFound.card)).toEqual(nothing);
    expect(notFound.seen).toEqual(['card', 'card']);
  });

  it('never gives a security code, and takes a print side read as the back for nothing', async () => {
    // An unlabelled four-digit line in the lower right of the image read is taken for the code under the photo;
    // on the print side (576 px wide) that is a third of the way across the card, where no code is printed.
    const lines = [
      { text: birthLine, bbox: { x0: 20, y0: 200, x1: 400, y1: 230 } },
      { text: '4321', bbox: { x0: 400, y0: 500, x1: 470, y1: 530 } },
    ];
    const recogniser: FaceRecogniser<string> = {
      setParameters: () => Promise.resolve(),
      recognize: (image: string) => {
        const whole =
          image === 'printSide'
            ? lines
            : image === 'card' || image === 'frame'
              ? [{ text: 'ーー', bbox: lines[0]!.bbox }]
              : null;
        const top = Number(image.split(':')[1] ?? 0);
        const text = whole ? whole.map((l) => l.text).join('\n') : top > 400 ? '4321' : '昭和34年8月2日生';
        const blocks = whole ? [{ paragraphs: [{ lines: whole.map((l) => ({ ...l, confidence: 90 })) }] }] : null;
        return Promise.resolve({ data: { text, blocks } });
      },
    };
    const printWidth = Math.round(PRINT_SIDE_SHARE * 960);
    const crop = (r: { left: number; top: number; width: number; height: number }) =>
      Promise.resolve(
        r.width === 960 && r.height === 605
          ? 'card'
          : r.left === 0 && r.width === printWidth
            ? 'printSide'
            : `cut:${r.top}`,
      );
    const frameView = () =>
      Promise.resolve({ image: 'frame', width: 1280, height: 720, crop: () => Promise.resolve('cut:0') });
    const birth = { iso: '1959-08-02', era: '昭和' };
    expect(await readFrontWith(recogniser, { image: 'card', width: 960, height: 605, crop }, frameView)).toEqual({
      kind: 'front',
      fields: { birth, expiry: null, securityCode: null },
    });
    // The same reads of an image of the print side's size, read as a card, give that line as the code.
    const alone = { image: 'printSide', width: printWidth, height: 605, crop };
    expect(await readFrontWith(recogniser, alone)).toEqual({
      kind: 'front',
      fields: { birth, expiry: null, securityCode: '4321' },
    });
    const back = views({ card: ['ーー'], printSide: ['個人番号 1234 5678 9012'], frame: ['ーー'] }, ['']);
    expect(await readFrontWith(back.recogniser, back.card, back.frameView)).toEqual(nothing);
    expect(back.seen).toEqual(['card', 'card', 'frame', 'printSide']);
  });
});

describe('a whole read that shows two birth dates', () => {
  it('gives nothing, reads neither the frame nor the print side, and lets no later look take either date', async () => {
    const seen: string[] = [];
    const box = { x0: 10, y0: 10, x1: 200, y1: 40 };
    const whole: Record<string, string[]> = {
      card: ['昭和34年8月2日生 性別 男', '昭和39年8月2日生'],
      frame: ['昭和34年8月2日生 性別 男', '住所 愛知県'],
    };
    const recogniser: FaceRecogniser<string> = {
      setParameters: () => Promise.resolve(),
      recognize: (image: string) => {
        seen.push(image);
        const lines = whole[image];
        const text = lines ? lines.join('\n') : '昭和34年8月2日生';
        const blocks = lines
          ? [{ paragraphs: [{ lines: lines.map((t) => ({ text: t, confidence: 90, bbox: box })) }] }]
          : null;
        return Promise.resolve({ data: { text, blocks } });
      },
    };
    // Every cut-out, the enlarged card's whole read included, reads the first date alone.
    const crop = (r: { width: number; height: number }) =>
      Promise.resolve(r.width === 960 && r.height === 605 ? 'card' : 'cut');
    const frameView = () =>
      Promise.resolve({ image: 'frame', width: 1280, height: 720, crop: () => Promise.resolve('cut') });
    expect(await readFrontWith(recogniser, { image: 'card', width: 960, height: 605, crop }, frameView)).toEqual({
      kind: 'front',
      fields: { birth: null, expiry: null, securityCode: null },
    });
    expect(seen).not.toContain('frame');
  });
});

describe('cardView', () => {
  it("cuts a view's boxes out of the card's own pixels, at the view's scale times the one asked for", async () => {
    const asked: { region: { left: number; top: number; width: number; height: number }; scale: number }[] = [];
    const raw = (region: { left: number; top: number; width: number; height: number }, scale: number) => {
      asked.push({ region, scale });
      return Promise.resolve('raw');
    };
    const view = await cardView(raw, { left: 0, top: 0, width: 1280, height: 808 }, 0.75);
    expect([view.width, view.height]).toEqual([960, 606]);
    await view.crop({ left: 30, top: 60, width: 300, height: 90 }, 2);
    expect(asked.at(-1)).toEqual({ region: { left: 40, top: 80, width: 400, height: 120 }, scale: 1.5 });
    // A view of the view (the print side of a card shown at 0.75): offsets add up, in the view's pixels (15 + 30)
    // and then in the card's (45 / 0.75).
    const inner = await cardView(view.crop, { left: 15, top: 0, width: 576, height: 606 }, 1);
    expect(asked.at(-1)).toEqual({ region: { left: 20, top: 0, width: 768, height: 808 }, scale: 0.75 });
    await inner.crop({ left: 30, top: 60, width: 300, height: 90 }, 2);
    expect(asked.at(-1)).toEqual({ region: { left: 60, top: 80, width: 400, height: 120 }, scale: 1.5 });
  });
});

describe('a tight 11 read as one character', () => {
  const crop = (r: { width: number; height: number }) =>
    Promise.resolve(r.width === 960 && r.height === 605 ? 'card' : 'cut');
  const card = { image: 'card', width: 960, height: 605, crop };

  it('gives the 11 after both looks where the expiry line shows it in digits (tune4 card-117), else nothing', async () => {
    const cut = '大 正 10 年 日 月 16 日 生';
    const witnessed = recogniser(['大正10年1月16日生 性別 男', '2032年11月16日まで有効'], cut);
    expect(await readFrontWith(witnessed, card)).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1921-11-16', era: '大正' }, expiry: null, securityCode: null },
    });
    const unwitnessed = recogniser(['大正10年1月16日生 性別 男', '2032年1月16日まで有効'], cut);
    expect(await readFrontWith(unwitnessed, card)).toEqual({
      kind: 'front',
      fields: { birth: null, expiry: null, securityCode: null },
    });
  });
});

describe('a date both looks gave and neither confirmed', () => {
  /**
   * tune5 card-191 (平成元年1月8日), as the looks read it: the first look's whole card loses the month's `1` with its
   * place (no date; the line is guessed from its words) and its cut-outs read the date at 1× and 2× but nothing at
   * 1.5× and 2.5×; the second look's whole card reads the date and its cut-out `年 月8日`. Whole-card reads come
   * from `pages` in turn; a cut-out's read is `cuts(name)`, its name the rectangle, scale and style asked of the
   * card's crop. Every cut-out asked for is recorded.
   */
  function looks(cuts: (name: string) => string, pages: string[][]) {
    const asked: string[] = [];
    const word = (text: string, x0: number) => ({ text, confidence: 90, bbox: { x0, y0: 200, x1: x0 + 60, y1: 228 } });
    const line = (text: string, i: number) => ({
      text,
      confidence: 90,
      bbox: { x0: 20, y0: 200 + 40 * i, x1: 420, y1: 228 + 40 * i },
      // The guessed birth line needs its words: the box runs from the era to the lone 生 word, kept.
      ...(i === 0 ? { words: text.split(' ').map((w, j) => word(w, 20 + 70 * j)) } : {}),
    });
    const recogniser: FaceRecogniser<string> = {
      setParameters: () => Promise.resolve(),
      recognize: (image: string, _options?: object, output?: { blocks: boolean }) => {
        const page = output?.blocks ? (pages.shift() ?? []) : null;
        if (!page) asked.push(image);
        const text = page ? page.join('\n') : cuts(image);
        const blocks = page ? [{ paragraphs: [{ lines: page.map(line) }] }] : null;
        return Promise.resolve({ data: { text, blocks } });
      },
    };
    const crop = (r: { left: number; top: number; width: number; height: number }, scale: number, style?: string) =>
      Promise.resolve(`${r.left},${r.top},${r.width}x${r.height}@${scale}${style ? ` ${style}` : ''}`);
    return { recogniser, card: { image: 'card', width: 960, height: 605, crop }, asked };
  }
  const eighth = { iso: '1989-01-08', era: '平成' };
  const expiryLine = '2033年1月8日まで有効';
  const firstPage = ['平成元年 月8日 生 性別 男', expiryLine];
  const secondPage = ['平成元年1月8日生 性別 男', expiryLine];
  // The first look's guessed box (era to 生, 3 px margin) at 1×, 1.5× and 2×, then 2.5× for the 1.5× read's nothing.
  const firstBox = '17,197,206x34';
  const plainCuts = (name: string) =>
    name === `${firstBox}@1 plain` || name === `${firstBox}@2 plain` ? '平成元年1月8日生' : '平成 年 月8日';

  it("checks the date for a hidden 1 on the first look's box, and takes it when a distorted read shows the lone 1", async () => {
    const spaced = `${firstBox}@2 spaced`;
    const { recogniser, card, asked } = looks(
      (name) => (name === spaced ? '平成 元 年 1 月 8 日 生' : plainCuts(name)),
      [firstPage, secondPage],
    );
    expect(await readFrontWith(recogniser, card)).toEqual({
      kind: 'front',
      fields: { birth: eighth, expiry: null, securityCode: null },
    });
    // The distorted reads were asked of the first look's crop, at its box and at 2× (the second look's crop would
    // give the box in its own pixels, at 2 × 1280/960).
    expect(asked.slice(-3)).toEqual([spaced, `${firstBox}@2 wide`, `${firstBox}@2 wider`]);
  });

  it('gives nothing when no distorted read shows the lone 1, and no last look takes what that refused', async () => {
    // The last looks (other thresholds) read the date whole and in their cut-out, its lone 1 shown spaced: taken,
    // but for the refusal the first look keeps.
    const lastPage = ['平成元年1月8日生 性別 男', expiryLine];
    const lastBox = '17,197,66x34';
    const { recogniser, card, asked } = looks(
      (name) =>
        name.startsWith(lastBox)
          ? name.endsWith('spaced')
            ? '平成 元 年 1 月 8 日 生'
            : '平成元年1月8日生'
          : plainCuts(name),
      [firstPage, secondPage, lastPage, lastPage],
    );
    expect(await readFrontWith(recogniser, card)).toEqual({
      kind: 'front',
      fields: { birth: null, expiry: null, securityCode: null },
    });
    expect(asked).toContain(`${firstBox}@2 spaced`);
    expect(asked).toContain(`${lastBox}@2 spaced`);
  });
});
