import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../app/card/bytes';
import { basicFour, padded, PADDING_BYTE } from './card-files';

describe('basic 4 information (support AP EF 0002)', () => {
  it('reproduces the J-LIS test card byte for byte (card-protocol.md §3)', () => {
    const file = basicFour({
      name: '黒桐　幹也',
      address: '東京都清瀬市観布子南１２－７－２０２',
      birthDate: '19800217',
      sex: '1',
    });
    expect(toHex(file.subarray(0, 14))).toBe(toHex(hex`FF 20 65 DF 21 08 00 0E 00 20 00 59 00 64`));
    expect(toHex(file.subarray(14, 17))).toBe('df220f');
    expect(toHex(file.subarray(0x59, 0x64))).toBe(toHex(hex`DF 24 08 31 39 38 30 30 32 31 37`));
    expect(toHex(file.subarray(0x64))).toBe('df250131');
    expect(file.length).toBe(3 + 0x65);
  });

  it('switches to the long length form and keeps the offsets right', () => {
    const address = '北海道'.repeat(20); // 180 bytes of UTF-8
    const file = basicFour({ name: '試験　太郎', address, birthDate: '20040229', sex: '2' });
    expect(toHex(file.subarray(0, 3))).toBe('ff2081');
    const offsets = [0, 1, 2, 3].map((i) => (file[7 + 2 * i]! << 8) | file[8 + 2 * i]!);
    expect(offsets.map((at) => toHex(file.subarray(at, at + 2)))).toEqual(['df22', 'df23', 'df24', 'df25']);
  });
});

describe('padding', () => {
  it('pads after the object to whole blocks, with at least one padding byte', () => {
    const file = padded(new Uint8Array(256).fill(1));
    expect(file.length).toBe(512);
    expect(file[256]).toBe(PADDING_BYTE);
    expect(padded(new Uint8Array(10), 16).length).toBe(16);
  });
});
