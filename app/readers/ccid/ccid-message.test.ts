import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import { AID, JPKI_CONTACT_ATR } from '../../card/mynumber/ids';
import { TransportError } from '../../card/transport';
import {
  decodeMessage,
  encodeDataBlock,
  encodeMessage,
  encodeSlotStatus,
  getSlotStatus,
  iccPowerOff,
  iccPowerOn,
  MAX_DATA_LENGTH,
  messageLength,
  parseResponse,
  xfrBlock,
  type CommandStatus,
  type IccStatus,
} from './ccid-message';

const SELECT_JPKI = hex`00 A4 04 0C 0A ${toHex(AID.jpki)}`;

describe('CCID messages', () => {
  it.each([
    // PC_to_RDR_IccPowerOn, bPowerSelect 00 (automatic voltage)
    ['IccPowerOn', iccPowerOn(0, 0), '62 00000000 00 00 00 00 00'],
    ['IccPowerOff', iccPowerOff(0, 1), '63 00000000 00 01 00 00 00'],
    ['GetSlotStatus', getSlotStatus(0, 0xff), '65 00000000 00 FF 00 00 00'],
    // PC_to_RDR_XfrBlock: dwLength 15 LE, bBWI 00, wLevelParameter 0000, then the APDU
    [
      'XfrBlock SELECT JPKI-AP',
      xfrBlock(0, 2, SELECT_JPKI),
      '6F 0F000000 00 02 00 00 00 00A4040C0AD392F000260100000001',
    ],
    ['XfrBlock of 300 bytes', xfrBlock(1, 3, new Uint8Array(300)), `6F 2C010000 01 03 00 00 00 ${'00'.repeat(300)}`],
    [
      'DataBlock with the ATR',
      encodeDataBlock(0, 1, { icc: 'active', command: 'ok', error: 0 }, JPKI_CONTACT_ATR),
      '80 09000000 00 01 00 00 00 3BE000FF8131FE4514',
    ],
    [
      'DataBlock: time extension, BWT × 2',
      encodeDataBlock(0, 4, { icc: 'active', command: 'time-extension', error: 2 }),
      '80 00000000 00 04 80 02 00',
    ],
    [
      'DataBlock: failed, card absent, ICC_MUTE',
      encodeDataBlock(0, 5, { icc: 'absent', command: 'failed', error: 0xfe }),
      '80 00000000 00 05 42 FE 00',
    ],
    [
      'SlotStatus: present, inactive',
      encodeSlotStatus(0, 6, { icc: 'inactive', command: 'ok', error: 0 }),
      '81 00000000 00 06 01 00 00',
    ],
  ])('encodes %s byte for byte', (_, message, expected) => {
    expect(toHex(message)).toBe(toHex(hex`${expected}`));
  });

  it('encodes a four-byte little-endian dwLength', () => {
    expect(toHex(xfrBlock(0, 0, new Uint8Array(0x10000)).subarray(0, 5))).toBe('6f00000100');
  });

  it.each([
    ['a slot beyond a byte', () => iccPowerOn(256, 0)],
    ['a negative sequence number', () => getSlotStatus(0, -1)],
    ['data beyond any message', () => xfrBlock(0, 0, new Uint8Array(MAX_DATA_LENGTH + 1))],
  ])('refuses to encode %s', (_, encode) => {
    expect(encode).toThrow(RangeError);
  });

  it.each([
    [
      'a DataBlock with the ATR',
      '80 09000000 00 01 00 00 00 3BE000FF8131FE4514',
      {
        kind: 'data-block',
        slot: 0,
        sequence: 1,
        state: { icc: 'active', command: 'ok', error: 0 },
        chainParameter: 0,
        data: JPKI_CONTACT_ATR,
      },
    ],
    [
      'a time extension',
      '80 00000000 00 05 80 02 00',
      {
        kind: 'data-block',
        slot: 0,
        sequence: 5,
        state: { icc: 'active', command: 'time-extension', error: 2 },
        chainParameter: 0,
        data: new Uint8Array(0),
      },
    ],
    [
      'a SlotStatus without a card',
      '81 00000000 00 07 42 FE 01',
      {
        kind: 'slot-status',
        slot: 0,
        sequence: 7,
        state: { icc: 'absent', command: 'failed', error: 0xfe },
        clockStatus: 1,
      },
    ],
    [
      'a SlotStatus with RFU bits 2–5 set (ignored)',
      '81 00000000 00 08 3C 00 00',
      { kind: 'slot-status', slot: 0, sequence: 8, state: { icc: 'active', command: 'ok', error: 0 }, clockStatus: 0 },
    ],
  ])('parses %s', (_, bytes, expected) => {
    expect(parseResponse(hex`${bytes}`)).toEqual(expected);
  });

  it.each([
    ['an empty transfer', ''],
    ['a truncated header', '80 02000000 00 00 00'],
    ['truncated data', '80 02000000 00 00 00 00 00 90'],
    ['a byte after the message', '80 02000000 00 00 00 00 00 9000 00'],
    ['a dwLength beyond any answer', '80 FFFFFFFF 00 00 00 00 00'],
    ['RDR_to_PC_Parameters', '82 00000000 00 00 00 00 00'],
    ['a command echoed back', '6F 00000000 00 00 00 00 00'],
    ['ICC status 3 (RFU)', '81 00000000 00 00 03 00 00'],
    ['command status 3 (RFU)', '80 00000000 00 00 C0 00 00'],
    ['a SlotStatus with data', '81 01000000 00 00 00 00 00 00'],
  ])('refuses %s', (_, bytes) => {
    expect(() => parseResponse(hex`${bytes}`)).toThrow(TransportError);
  });

  it('tells the whole length from the header alone', () => {
    expect(messageLength(hex`80 02010000 00 00 00 00 00`)).toBe(10 + 0x102);
    expect(() => messageLength(hex`80 02010000 00`)).toThrow(TransportError);
  });

  it('round-trips any message through decodeMessage', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(
        byte,
        byte,
        byte,
        fc.tuple(byte, byte, byte),
        fc.uint8Array({ maxLength: 300 }),
        (type, slot, sequence, specific, data) => {
          expect(decodeMessage(encodeMessage(type, slot, sequence, specific, data))).toEqual({
            messageType: type,
            slot,
            sequence,
            specific,
            data,
          });
        },
      ),
      { seed: 0xccd1, numRuns: 500 },
    );
  });

  /** Runs the parser and accepts only a result or a TransportError. */
  const parseOrTransportError = (bytes: Uint8Array) => {
    try {
      parseResponse(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ code: 'transport.protocol' });
    }
  };

  it('throws only TransportError on garbage', () => {
    // Headers that start like an answer make the fuzzer reach past the message-type check.
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc
        .tuple(fc.constantFrom(0x80, 0x81), fc.uint8Array({ minLength: 0, maxLength: 40 }))
        .map(([type, rest]) => Uint8Array.of(type, ...rest)),
    );
    fc.assert(fc.property(garbage, parseOrTransportError), { seed: 0xccd2, numRuns: 3000 });
  });

  it('throws only TransportError on truncated or damaged answers', () => {
    const state = fc.record({
      icc: fc.constantFrom<IccStatus>('active', 'inactive', 'absent'),
      command: fc.constantFrom<CommandStatus>('ok', 'failed', 'time-extension'),
      error: fc.integer({ min: 0, max: 255 }),
    });
    const answer = fc.oneof(
      fc
        .tuple(fc.nat(255), fc.nat(255), state, fc.uint8Array({ maxLength: 300 }))
        .map(([slot, sequence, s, data]) => encodeDataBlock(slot, sequence, s, data)),
      fc.tuple(fc.nat(255), fc.nat(255), state).map(([slot, sequence, s]) => encodeSlotStatus(slot, sequence, s)),
    );
    fc.assert(
      fc.property(answer, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (message, cut, at, flip) => {
        expect(() => parseResponse(message)).not.toThrow();
        expect(() => parseResponse(message.subarray(0, cut % message.length))).toThrow(TransportError);
        const damaged = message.slice();
        damaged[at % damaged.length]! ^= flip;
        parseOrTransportError(damaged);
      }),
      { seed: 0xccd3, numRuns: 1000 },
    );
  });
});
