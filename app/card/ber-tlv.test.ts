import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTlv, readTlv, readTlvList, TlvError } from './ber-tlv';
import { hex, toHex } from './bytes';

describe('BER-TLV', () => {
  it('reads one- and two-byte tags and short and long lengths', () => {
    expect(readTlv(hex`84 02 AA BB`)).toMatchObject({ tag: 0x84, end: 4 });
    expect(toHex(readTlv(hex`DF 24 01 31`).value)).toBe('31');
    const long = readTlv(Uint8Array.from([0xff, 0x20, 0x81, 0x80, ...new Array<number>(0x80).fill(7)]));
    expect(long.tag).toBe(0xff20);
    expect(long.value.length).toBe(0x80);
    expect(readTlv(Uint8Array.from([0x7f, 0x21, 0x82, 0x01, 0x00, ...new Array<number>(256).fill(0)])).tag).toBe(
      0x7f21,
    );
  });

  it('reads a list and stops exactly at the end', () => {
    expect(readTlvList(hex`01 01 AA 02 00`).map((t) => t.tag)).toEqual([1, 2]);
  });

  it.each([
    ['a truncated value', hex`DF 24 08 31 39`],
    ['a truncated tag', hex`DF`],
    ['a missing length', hex`84`],
    ['an indefinite length', hex`30 80 00 00`],
    ['a length field too long', hex`30 85 00 00 00 00 01 00`],
    ['a truncated long length', hex`30 82 01`],
    ['a four-byte tag', hex`DF 81 81 01 00`],
  ])('refuses %s', (_, bytes) => {
    expect(() => readTlv(bytes)).toThrow(TlvError);
  });

  it('round-trips encodeTlv for any value and tag', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0x04, 0x30, 0x84, 0xdf22, 0xff20, 0x7f21, 0x5f37),
        fc.uint8Array({ maxLength: 70_000 }),
        (tag, value) => {
          const encoded = encodeTlv(tag, value);
          const tlv = readTlv(encoded);
          expect(tlv.tag).toBe(tag);
          expect(tlv.end).toBe(encoded.length);
          expect(tlv.value).toEqual(value);
        },
      ),
      { seed: 5, numRuns: 100 },
    );
  });

  it('never throws anything but TlvError on garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          readTlvList(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(TlvError);
        }
      }),
      { seed: 8, numRuns: 2000 },
    );
  });
});
