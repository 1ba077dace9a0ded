import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apduCase, encodeCommand, MalformedApduError, parseCommand, parseResponse, type CommandApdu } from './apdu';
import { hex, toHex } from './bytes';

const cmd = (data: Uint8Array, le?: number): CommandApdu =>
  le === undefined ? { cla: 0, ins: 0xb0, p1: 0, p2: 0, data } : { cla: 0, ins: 0xb0, p1: 0, p2: 0, data, le };

describe('command APDU encoding', () => {
  it.each([
    ['case 1', cmd(new Uint8Array(0)), '00b00000'],
    ['case 2, Le 256 as 00', cmd(new Uint8Array(0), 256), '00b0000000'],
    ['case 3', cmd(hex`01 02`), '00b00000020102'],
    ['case 4', cmd(hex`01 02`, 4), '00b0000002010204'],
    ['extended case 2', cmd(new Uint8Array(0), 65536), '00b00000000000'],
    ['extended case 4', cmd(new Uint8Array(300), 512), `00b0000000012c${'00'.repeat(300)}0200`],
  ])('%s', (_, apdu, expected) => {
    expect(toHex(encodeCommand(apdu))).toBe(expected);
    expect(parseCommand(encodeCommand(apdu))).toEqual(apdu);
  });

  it('tells the cases apart', () => {
    expect([cmd(new Uint8Array(0)), cmd(new Uint8Array(0), 1), cmd(hex`01`), cmd(hex`01`, 1)].map(apduCase)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('round-trips any APDU, short and extended', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.option(fc.integer({ min: 1, max: 65536 }), { nil: undefined }),
        fc.boolean(),
        (data, le, extended) => {
          const apdu = cmd(data, le);
          expect(parseCommand(encodeCommand(apdu, extended))).toEqual(apdu);
        },
      ),
      { seed: 3, numRuns: 500 },
    );
  });

  it.each([
    ['a partial header', '00'],
    ['a partial header', '00b000'],
    ['Lc longer than the data', '00b0000005010203'],
    ['an extended Lc longer than the data', '00b00000000003aabb'],
    ['a short Lc of zero', '00b0000000aa'],
    ['an extended Lc of zero', '00b000000000000000'],
  ])('refuses %s (%s)', (_, bytes) => {
    expect(() => parseCommand(hex`${bytes}`)).toThrow(MalformedApduError);
  });

  it('splits responses', () => {
    expect(parseResponse(hex`01 02 90 00`)).toEqual({ data: hex`01 02`, sw: 0x9000 });
    expect(() => parseResponse(hex`90`)).toThrow(MalformedApduError);
  });
});
