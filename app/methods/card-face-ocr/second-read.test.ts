import { describe, expect, it } from 'vitest';
import type { FaceCandidates } from './face-fields';
import { confirmFields, CROP_SCALE, type CropImage, type LineRecogniser, type Rectangle } from './second-read';

const birthBox = { x0: 170, y0: 378, x1: 400, y1: 407 };
const expiryBox = { x0: 170, y0: 440, x1: 400, y1: 470 };
const codeBox = { x0: 770, y0: 600, x1: 830, y1: 630 };
const candidates: FaceCandidates = {
  birth: { value: { iso: '1991-07-30', era: '平成' }, box: birthBox, confidence: 90 },
  birthGuess: null,
  expiry: { value: '2034-07-30', box: expiryBox, confidence: 92 },
  securityCode: { value: '2285', box: codeBox, confidence: 91 },
};

/** Crops are named by the top edge and scale; the recogniser answers from `answers` by that name. */
function fakeWorker(answers: Record<string, string>) {
  const calls: unknown[] = [];
  const crop: CropImage<string> = (rectangle: Rectangle, scale: number) => {
    calls.push({ crop: rectangle, scale });
    return Promise.resolve(`${rectangle.top + 3}@${scale}`);
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
    expect(calls).toHaveLength(9);
  });

  it.each([
    ['birth', { [`378@${CROP_SCALE}`]: '平成1年7月30日生' }],
    ['birth', { [`378@${CROP_SCALE}`]: '平成3年7月3日生' }],
    ['birth', { [`378@${CROP_SCALE}`]: '昭和3年7月30日生' }],
    ['birth', { [`378@${CROP_SCALE}`]: '平成3年7月30日生平成3年7月30日生' }], // two dates
    ['birth', { [`378@${CROP_SCALE}`]: '' }],
    ['expiry', { [`440@${CROP_SCALE}`]: '2024年7月30日まで有効' }],
    ['securityCode', { [`600@${CROP_SCALE}`]: '2288' }],
    ['securityCode', { [`600@${CROP_SCALE}`]: '2285 2285' }],
  ] as const)('drops %s when its second read says %j', async (field, answer) => {
    const { worker, crop } = fakeWorker({ ...agreeing, ...answer });
    const confirmed = await confirmFields(worker, crop, candidates);
    expect(confirmed[field]).toBeNull();
    expect(Object.values(confirmed).filter((v) => v === null)).toHaveLength(1);
  });

  it('needs a box, and reads nothing for fields the first read did not find', async () => {
    const { worker, crop, calls } = fakeWorker(agreeing);
    const none: FaceCandidates = { birth: null, birthGuess: null, expiry: null, securityCode: null };
    expect(await confirmFields(worker, crop, none)).toEqual({ birth: null, expiry: null, securityCode: null });
    const noBox: FaceCandidates = { ...candidates, birth: { ...candidates.birth!, box: null } };
    expect((await confirmFields(worker, crop, noBox)).birth).toBeNull();
    expect(calls.filter((c) => typeof c === 'object' && c !== null && 'crop' in c)).toHaveLength(2);
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
  });
});
