import { describe, expect, it } from 'vitest';
import { linesOf, median } from './recognised-lines';

describe('linesOf', () => {
  it('flattens blocks and paragraphs into trimmed lines, with their words and character heights', () => {
    const box = { x0: 1, y0: 2, x1: 30, y1: 40 };
    const symbol = (y1: number) => ({ bbox: { x0: 0, y0: 10, x1: 5, y1 } });
    const page = {
      blocks: [
        {
          paragraphs: [
            {
              lines: [
                {
                  text: ' 昭和 55 年 \n',
                  confidence: 91,
                  bbox: box,
                  words: [
                    { text: '昭和', confidence: 95, bbox: box, symbols: [symbol(38), symbol(40)] },
                    { text: '55', confidence: 90, symbols: null },
                  ],
                },
              ],
            },
            { lines: [{ text: 'x', confidence: 10 }] },
          ],
        },
      ],
    };
    expect(linesOf(page)).toEqual([
      {
        text: '昭和 55 年',
        confidence: 91,
        box,
        words: [
          { text: '昭和', confidence: 95, box, charHeight: 30 },
          { text: '55', confidence: 90 },
        ],
      },
      { text: 'x', confidence: 10 },
    ]);
    expect(linesOf({ blocks: null })).toEqual([]);
  });

  it('takes the median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeUndefined();
  });
});
