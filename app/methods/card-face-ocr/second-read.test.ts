import { describe, expect, it } from 'vitest';
import { birthFromText, birthLine } from './face-fields';
import { confirmBirth, type LineRecogniser } from './second-read';

const first = { iso: '1991-07-30', era: '平成' as const };
const line = { text: '平成 3 年 7 月 30 日 生 性 別 男', confidence: 90, box: { x0: 170, y0: 378, x1: 538, y1: 407 } };

/** A recogniser that answers `text` and records what it was asked. */
function fakeRecogniser(text: string) {
  const calls: unknown[] = [];
  const recogniser: LineRecogniser<string> = {
    setParameters: (params) => {
      calls.push(params);
      return Promise.resolve();
    },
    recognize: (_image, options) => {
      calls.push(options.rectangle);
      return Promise.resolve({ data: { text } });
    },
  };
  return { recogniser, calls };
}

describe('second read of the birth line', () => {
  it('confirms when the restricted read gives the same date, and restores the worker', async () => {
    const { recogniser, calls } = fakeRecogniser('平成 3 年 7 月 30 日 生\n');
    expect(await confirmBirth(recogniser, 'image', line, first)).toEqual(first);
    expect(calls[0]).toMatchObject({ tessedit_pageseg_mode: '7' });
    expect(calls[1]).toEqual({ left: 164, top: 372, width: 380, height: 41 });
    expect(calls[2]).toEqual({ tessedit_char_whitelist: '', tessedit_pageseg_mode: '6' });
  });

  it.each([['平成 1 年 7 月 30 日 生'], ['平成 3 年 7 月 3 日 生'], [''], ['昭和 3 年 7 月 30 日 生']])(
    'refuses when the second read says %j',
    async (text) => {
      expect(await confirmBirth(fakeRecogniser(text).recogniser, 'image', line, first)).toBeNull();
    },
  );

  it('needs the line box', async () => {
    expect(
      await confirmBirth(
        fakeRecogniser('平成 3 年 7 月 30 日 生').recogniser,
        'image',
        { ...line, box: undefined },
        first,
      ),
    ).toBeNull();
  });

  it('finds the one confident birth line, and reads a birth date from text', () => {
    expect(birthLine([line, { text: '2034年7月30日まで有効', confidence: 95 }])).toBe(line);
    expect(birthLine([{ ...line, confidence: 50 }])).toBeNull();
    expect(birthFromText('平成3年7月30日生')).toEqual(first);
    expect(birthFromText('平成3年7月30日生 平成4年7月30日生')).toBeNull();
  });
});
