import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicFour, padded } from '../../mocks/card/card-files';
import { birthDateFromBasicFour } from './basic-four';
import { encodeTlv } from './ber-tlv';
import { concatBytes, hex, utf8 } from './bytes';
import { CardError } from './card-errors';

const good = basicFour({
  name: '黒桐　幹也',
  address: '東京都清瀬市観布子南１２－７－２０２',
  birthDate: '19800217',
  sex: '1',
});

describe('basic 4 information', () => {
  it('takes the date of birth, and only it, from the test-card layout', () => {
    expect(birthDateFromBasicFour(good)).toBe('19800217');
  });

  it('handles long-form lengths and padding after the template', () => {
    const long = basicFour({ name: '試験　太郎', address: '北海道'.repeat(20), birthDate: '20040229', sex: '2' });
    expect(long[2]).toBe(0x81);
    expect(birthDateFromBasicFour(padded(long))).toBe('20040229');
  });

  it.each([
    ['truncated', good.subarray(0, good.length - 3)],
    ['another template', concatBytes(hex`FF 21`, good.subarray(2))],
    ['no DF24', encodeTlv(0xff20, encodeTlv(0xdf22, utf8('x')))],
    [
      'two DF24',
      encodeTlv(0xff20, concatBytes(encodeTlv(0xdf24, utf8('19800217')), encodeTlv(0xdf24, utf8('20100101')))),
    ],
    ['DF24 not ASCII', encodeTlv(0xff20, encodeTlv(0xdf24, utf8('１９８０')))],
    ['an oversized length', hex`FF 20 84 7F FF FF FF DF 24`],
    ['empty', new Uint8Array(0)],
  ])('refuses %s', (_, bytes) => {
    expect(() => birthDateFromBasicFour(bytes)).toThrow(CardError);
  });

  it('never throws anything but CardError on garbage (fixed-seed fuzz)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .tuple(fc.nat(good.length), fc.nat(good.length), fc.integer({ min: 1, max: 255 }))
            .map(([cut, at, flip]) => {
              const bytes = good.slice(0, Math.max(1, cut));
              if (at < bytes.length) bytes[at]! ^= flip;
              return bytes;
            }),
        ),
        (bytes) => {
          try {
            const date = birthDateFromBasicFour(bytes);
            expect(typeof date).toBe('string');
          } catch (error) {
            expect(error).toBeInstanceOf(CardError);
          }
        },
      ),
      { seed: 2002, numRuns: 3000 },
    );
  });
});
