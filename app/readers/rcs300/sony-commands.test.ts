import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import { TransportError } from '../../card/transport';
import {
  encodeDataObject,
  parseControlAnswer,
  parseTransceiveAnswer,
  readDataObjects,
  transceiveCommand,
} from './sony-commands';

const protocolError = expect.objectContaining({ code: 'transport.protocol' }) as Error;

describe('transceiveCommand', () => {
  it.each([
    ['R(NAK), 100 ms', hex`B2`, 100, hex`FF 50 00 01 00 00 0C  5F 46 04 A0 86 01 00  95 82 00 01 B2  00 00 00`],
    [
      'an I-block with SELECT, 329.314 ms',
      hex`02 00 A4 04 0C 02 00 0A`,
      329.314,
      hex`FF 50 00 01 00 00 13  5F 46 04 62 06 05 00  95 82 00 08 02 00 A4 04 0C 02 00 0A  00 00 00`,
    ],
  ])('%s', (_, frame, timeoutMs, expected) => {
    expect(toHex(transceiveCommand(frame, timeoutMs))).toBe(toHex(expected));
  });

  it('uses the two-byte length form for a frame of 200 bytes', () => {
    const command = transceiveCommand(new Uint8Array(200), 1);
    expect(toHex(command.subarray(0, 18))).toBe(toHex(hex`FF 50 00 01 00 00 D3 5F 46 04 E8 03 00 00 95 82 00 C8`));
    expect(command.length).toBe(7 + 0xd3 + 3);
  });

  it('refuses a frame longer than FSC 256', () => {
    expect(() => transceiveCommand(new Uint8Array(257), 1)).toThrow(protocolError);
  });
});

describe('data objects', () => {
  it.each([
    [0, hex`97 00`],
    [0x7f, hex`97 7F`],
    [0x80, hex`97 81 80`],
    [0xfe, hex`97 81 FE`],
    [0x100, hex`97 82 01 00`],
  ])('encodes a value of %i bytes with the shortest BER length', (length, header) => {
    expect(toHex(encodeDataObject(0x97, new Uint8Array(length)).subarray(0, header.length))).toBe(toHex(header));
  });

  it('encodes one- and two-byte tags', () => {
    expect(toHex(encodeDataObject(0x97, hex`02 90 00`))).toBe(toHex(hex`97 03 02 90 00`));
    expect(toHex(encodeDataObject(0x5f46, hex`A0 86 01 00`))).toBe(toHex(hex`5F 46 04 A0 86 01 00`));
  });

  it('reads a transceive answer into objects', () => {
    const objects = readDataObjects(hex`C0 03 00 90 00  96 02 00 00  97 03 02 90 00  5F 46 00`);
    expect(objects.map((o) => [o.tag, toHex(o.value)])).toEqual([
      [0xc0, '009000'],
      [0x96, '0000'],
      [0x97, '029000'],
      [0x5f46, ''],
    ]);
  });

  it.each([
    ['81', hex`97 81 80`, 0x80],
    ['82', hex`97 82 01 00`, 0x100],
  ])('reads the long length form %s', (_, header, length) => {
    const [object] = readDataObjects(new Uint8Array([...header, ...new Uint8Array(length)]));
    expect(object?.value.length).toBe(length);
  });

  it.each([
    ['a missing length', hex`97`],
    ['a truncated two-byte tag', hex`5F`],
    ['a value running past the end', hex`97 04 02 90 00`],
    ['a truncated 81 length', hex`97 81`],
    ['a truncated 82 length', hex`97 82 01`],
    ['the indefinite form', hex`97 80 00 00`],
  ])('rejects %s', (_, bytes) => {
    expect(() => readDataObjects(bytes)).toThrow(protocolError);
  });
});

describe('parseControlAnswer', () => {
  it.each([
    ['ok', hex`C0 03 00 90 00 90 00`, 'ok'],
    ['no C0 at all', hex`90 00`, 'ok'],
    // "The card did not answer", in every form a source reports (see RF_STATUS in sony-commands.ts).
    ['64 01: no response from the card (PC/SC Part 3)', hex`C0 03 01 64 01 90 00`, 'no-answer'],
    ['64 00: no response (Rust Port-400 client: timeout)', hex`C0 03 01 64 00 90 00`, 'no-answer'],
    ['6A 81: no card (public RC-S300 notes)', hex`C0 03 01 6A 81 90 00`, 'no-answer'],
    ['63 01: RF timeout (public RC-S300 notes)', hex`C0 03 01 63 01 90 00`, 'no-answer'],
    ['a damaged ATQB', hex`C0 03 01 64 02 90 00`, 'transmission-error'],
    ['the ATR and protocol objects of a switch', hex`C0 03 00 90 00 8F 01 01 5F 51 02 3B 80 90 00`, 'ok'],
    ["Sony's vendor object", hex`C0 03 00 90 00 FF 6D 03 01 02 03 90 00`, 'ok'],
  ])('%s', (_, payload, outcome) => {
    expect(parseControlAnswer(payload)).toBe(outcome);
  });

  it.each([
    ['another status word', hex`69 85`],
    ['a reader error in C0', hex`C0 03 01 6F 00 90 00`],
    ['a C0 of the wrong size', hex`C0 02 90 00 90 00`],
    ['ok with a position byte', hex`C0 03 01 90 00 90 00`],
    ['nothing', hex``],
    ['a card frame in a control answer', hex`C0 03 00 90 00 97 01 00 90 00`],
    ['a three-byte tag', hex`C0 03 00 90 00 5F 81 01 00 90 00`],
  ])('rejects %s', (_, payload) => {
    expect(() => parseControlAnswer(payload)).toThrow(protocolError);
  });

  it('names an unknown data object instead of guessing', () => {
    expect(() => parseControlAnswer(hex`C0 03 00 90 00 A5 01 00 90 00`)).toThrow(/unknown data object A5/);
  });
});

describe('parseTransceiveAnswer', () => {
  it('returns the card frame', () => {
    const result = parseTransceiveAnswer(hex`C0 03 00 90 00 96 02 00 00 97 03 02 90 00 90 00`);
    expect(result.outcome === 'ok' && toHex(result.frame)).toBe('029000');
  });

  it('accepts an answer without a response status', () => {
    expect(parseTransceiveAnswer(hex`C0 03 00 90 00 97 01 A2 90 00`)).toMatchObject({ outcome: 'ok' });
  });

  it.each([
    ['no answer', hex`C0 03 02 64 01 90 00`, 'no-answer'],
    ['a transmission error', hex`C0 03 02 64 02 90 00`, 'transmission-error'],
    ['a non-zero response status', hex`C0 03 00 90 00 96 02 00 01 97 01 02 90 00`, 'transmission-error'],
  ])('%s', (_, payload, outcome) => {
    expect(parseTransceiveAnswer(payload)).toEqual({ outcome });
  });

  it.each([
    ['no generic status', hex`97 03 02 90 00 90 00`],
    ['no response data', hex`C0 03 00 90 00 96 02 00 00 90 00`],
    ['a reader error', hex`C0 03 02 6F 00 90 00`],
    ['an unknown data object', hex`C0 03 00 90 00 96 02 00 00 97 01 02 99 00 90 00`],
    ['a failed pseudo-APDU', hex`6A 81`],
    ['truncated data', hex`C0 03 00 90 00 97 05 02 90 00 90 00`],
  ])('rejects %s', (_, payload) => {
    expect(() => parseTransceiveAnswer(payload)).toThrow(protocolError);
  });

  it('answers every byte string with a result or a TransportError (fuzz)', () => {
    const valid = hex`C0 03 00 90 00 96 02 00 00 97 03 02 90 00 90 00`;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          // Damaged and truncated versions of a valid answer.
          fc
            .tuple(fc.nat(valid.length), fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 }))
            .map(([cut, at, xor]) => {
              const bytes = valid.slice(0, cut);
              if (at < bytes.length) bytes[at]! ^= xor;
              return bytes;
            }),
        ),
        (payload) => {
          for (const parse of [parseTransceiveAnswer, parseControlAnswer, readDataObjects]) {
            try {
              parse(payload);
            } catch (error) {
              expect(error).toBeInstanceOf(TransportError);
            }
          }
        },
      ),
      { seed: 300, numRuns: 2000 },
    );
  });
});
