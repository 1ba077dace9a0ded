import { describe, expect, it } from 'vitest';
import { linesOf } from './recognised-lines';

describe('linesOf', () => {
  it('flattens blocks and paragraphs into trimmed lines', () => {
    const page = {
      blocks: [
        {
          paragraphs: [
            { lines: [{ text: ' 昭和 55 年 \n', confidence: 91 }] },
            { lines: [{ text: 'x', confidence: 10 }] },
          ],
        },
      ],
    };
    expect(linesOf(page)).toEqual([
      { text: '昭和 55 年', confidence: 91 },
      { text: 'x', confidence: 10 },
    ]);
    expect(linesOf({ blocks: null })).toEqual([]);
  });
});
