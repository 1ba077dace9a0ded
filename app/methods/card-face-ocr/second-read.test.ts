import { describe, expect, it } from 'vitest';
import { birthFromText, birthLine, expiryFromText, securityCodeFromText, type FaceFields } from './face-fields';
import { confirmFields, type LineRecogniser } from './second-read';

const birthBox = { x0: 170, y0: 378, x1: 538, y1: 407 };
const lines = [
  { text: '平成 3 年 7 月 30 日 生 性 別 男', confidence: 90, box: birthBox },
  { text: '2034 年 7 月 30 日 ま で 有 効', confidence: 92, box: { x0: 170, y0: 440, x1: 500, y1: 470 } },
  { text: 'セ キ ュ リ テ ィ コ ー ド 2285', confidence: 91, box: { x0: 170, y0: 600, x1: 520, y1: 630 } },
];
const first: FaceFields = {
  birth: { iso: '1991-07-30', era: '平成' },
  expiry: '2034-07-30',
  securityCode: '2285',
};

/** A recogniser that answers each rectangle from `answers` (by top edge) and records what it was asked. */
function fakeRecogniser(answers: Record<number, string>) {
  const calls: unknown[] = [];
  const recogniser: LineRecogniser<string> = {
    setParameters: (params) => {
      calls.push(params);
      return Promise.resolve();
    },
    recognize: (_image, options) => {
      calls.push(options.rectangle);
      return Promise.resolve({ data: { text: answers[options.rectangle.top + 6] ?? '' } });
    },
  };
  return { recogniser, calls };
}
const agreeing = { 378: '平成3年7月30日生', 440: '2034年7月30日まで有効', 600: 'セキュリティコード2285' };

describe('second read of each field line', () => {
  it('confirms fields the restricted reads repeat, and restores the worker after each', async () => {
    const { recogniser, calls } = fakeRecogniser(agreeing);
    expect(await confirmFields(recogniser, 'image', lines, first)).toEqual(first);
    expect(calls[0]).toMatchObject({ tessedit_pageseg_mode: '7' });
    expect(JSON.stringify(calls[0])).toContain('年月日生');
    expect(calls[1]).toEqual({ left: 164, top: 372, width: 380, height: 41 });
    expect(calls[2]).toEqual({ tessedit_char_whitelist: '', tessedit_pageseg_mode: '6' });
    expect(calls).toHaveLength(9);
  });

  it.each([
    ['birth', { 378: '平成1年7月30日生' }],
    ['birth', { 378: '平成3年7月3日生' }],
    ['birth', { 378: '昭和3年7月30日生' }],
    ['birth', { 378: '' }],
    ['expiry', { 440: '2024年7月30日まで有効' }],
    ['securityCode', { 600: 'セキュリティコード2288' }],
    ['securityCode', { 600: 'セキュリティコード 2285 2285' }],
  ] as const)('drops %s when its second read says %j', async (field, answer) => {
    const confirmed = await confirmFields(fakeRecogniser({ ...agreeing, ...answer }).recogniser, 'image', lines, first);
    expect(confirmed[field]).toBeNull();
    expect(Object.values(confirmed).filter((v) => v === null)).toHaveLength(1);
  });

  it('needs the line box, and one line per field', async () => {
    const noBox = lines.map(({ text, confidence }) => ({ text, confidence }));
    expect(await confirmFields(fakeRecogniser(agreeing).recogniser, 'image', noBox, first)).toEqual({
      birth: null,
      expiry: null,
      securityCode: null,
    });
    const twice = [...lines, lines[0]!];
    expect((await confirmFields(fakeRecogniser(agreeing).recogniser, 'image', twice, first)).birth).toBeNull();
  });

  it('reads nothing again for fields the first read did not find', async () => {
    const { recogniser, calls } = fakeRecogniser(agreeing);
    const none = { birth: null, expiry: null, securityCode: null };
    expect(await confirmFields(recogniser, 'image', lines, none)).toEqual(none);
    expect(calls).toHaveLength(0);
  });

  it('finds the one confident birth line, and reads each field from text', () => {
    expect(birthLine([lines[0]!, { text: '2034年7月30日まで有効', confidence: 95 }])).toBe(lines[0]);
    expect(birthLine([{ ...lines[0]!, confidence: 50 }])).toBeNull();
    expect(birthFromText('平成3年7月30日生')).toEqual(first.birth);
    expect(birthFromText('平成3年7月30日生 平成4年7月30日生')).toBeNull();
    expect(expiryFromText('2034年7月30日まで有効')).toBe('2034-07-30');
    expect(expiryFromText('2034年13月30日まで有効')).toBeNull();
    expect(securityCodeFromText('セキュリティコード 2285')).toBe('2285');
    expect(securityCodeFromText('2285')).toBeNull();
  });
});
