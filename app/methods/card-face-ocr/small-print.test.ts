import { describe, expect, it } from 'vitest';
import type { OcrLine } from './recognised-lines';
import { READ_DIGIT_HEIGHT, smallPrint } from './small-print';

/** A line of words at `y`, each 40 px wide every 50 px from `x`, with characters `height` px high. */
function line(texts: readonly string[], x: number, y: number, height: number): OcrLine {
  return {
    text: texts.join(' '),
    confidence: 80,
    words: texts.map((text, i) => ({
      text,
      confidence: 80,
      charHeight: height,
      box: { x0: x + 50 * i, y0: y, x1: x + 50 * i + 40, y1: y + height + 4 },
    })),
  };
}
const size = { width: 960, height: 605 };

describe('small print', () => {
  it('finds the print of a card the outline took too wide, and enlarges it to the usual digit height', () => {
    // tuning set tune2 card-105: the card a third of the image, its digits 14–16 px high.
    const lines = [
      line(['個人番号カード'], 300, 250, 14),
      line(['1947', '年', '12', '月', '8', '日', '生'], 300, 300, 16),
      line(['2030', '年', '4', '月', '2', '日'], 300, 330, 16),
      line(['写'], 700, 100, 60), // a photo's blot: not print
    ];
    const found = smallPrint(lines, size);
    expect(found?.scale).toBeCloseTo(READ_DIGIT_HEIGHT / 16);
    expect(found?.region).toEqual({ left: 268, top: 218, width: 404, height: 164 });
  });

  it('leaves print at the usual size, and print too small to tell 31 from 3', () => {
    expect(smallPrint([line(['1947', '年', '12', '月'], 30, 300, 24)], size)).toBeNull();
    expect(smallPrint([line(['1947', '年', '12', '月'], 30, 300, 11)], size)).toBeNull();
    expect(smallPrint([line(['個人番号カード'], 30, 300, 16)], size)).toBeNull(); // no digits to measure
  });

  it('keeps the enlarged region within twice the card’s pixels', () => {
    const wide = [line(['1947', '年'], 0, 0, 16), line(['2030', '年'], 860, 560, 16)];
    const found = smallPrint(wide, size);
    expect(found).not.toBeNull();
    const { region, scale } = found ?? { region: { width: 0, height: 0 }, scale: 0 };
    expect(region.width * region.height * scale ** 2).toBeLessThanOrEqual(2 * size.width * size.height + 1);
  });
});
