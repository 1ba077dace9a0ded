import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import {
  BRIDGE_ERROR_CODES,
  decodeBridgeMessage,
  decodeClientMessage,
  encodeBridgeMessage,
  encodeClientMessage,
  MAX_MESSAGE_BYTES,
  type BridgeMessage,
  type ClientMessage,
} from './protocol';

const TOKEN = '0f'.repeat(32);

describe('client messages', () => {
  const valid: ClientMessage[] = [
    { v: 1, id: 1, type: 'hello' },
    { v: 1, id: 2, type: 'pair', code: '012345' },
    { v: 1, id: 3, type: 'list-readers', token: TOKEN },
    { v: 1, id: 4, type: 'connect', token: TOKEN, reader: 'Virtual PCD 00 00' },
    { v: 1, id: 0xffffffff, type: 'transmit', token: TOKEN, apdu: hex`00 A4 04 0C 02 3F 00` },
    { v: 1, id: 6, type: 'disconnect', token: TOKEN },
  ];

  it.each(valid)('round-trips $type as JSON', (message) => {
    expect(decodeClientMessage(encodeClientMessage(message))).toEqual({ ok: true, message });
  });

  it('round-trips transmit as a binary frame: 01 01 id token apdu', () => {
    const message = valid[4]!;
    const frame = encodeClientMessage(message, { binary: true });
    expect(frame).toBeInstanceOf(Uint8Array);
    expect(toHex(frame as Uint8Array)).toBe(`0101ffffffff${TOKEN}00a4040c023f00`);
    expect(decodeClientMessage(frame)).toEqual({ ok: true, message });
  });

  it.each([
    ['not JSON', '{', 0, 'bad-request'],
    ['an array', '[1]', 0, 'bad-request'],
    ['another version', JSON.stringify({ v: 2, id: 9, type: 'hello' }), 9, 'unsupported-version'],
    ['no version', JSON.stringify({ id: 9, type: 'hello' }), 9, 'unsupported-version'],
    ['a fractional id', JSON.stringify({ v: 1, id: 1.5, type: 'hello' }), 0, 'bad-request'],
    ['an unknown type', JSON.stringify({ v: 1, id: 3, type: 'exec' }), 3, 'bad-request'],
    ['a short code', JSON.stringify({ v: 1, id: 3, type: 'pair', code: '123' }), 3, 'bad-request'],
    ['a numeric code', JSON.stringify({ v: 1, id: 3, type: 'pair', code: 123456 }), 3, 'bad-request'],
    ['no token', JSON.stringify({ v: 1, id: 3, type: 'list-readers' }), 3, 'bad-request'],
    [
      'an upper-case token',
      JSON.stringify({ v: 1, id: 3, type: 'list-readers', token: TOKEN.toUpperCase() }),
      3,
      'bad-request',
    ],
    ['odd hex', JSON.stringify({ v: 1, id: 3, type: 'transmit', token: TOKEN, apdu: '00a4040' }), 3, 'bad-request'],
    [
      'a 3-byte APDU',
      JSON.stringify({ v: 1, id: 3, type: 'transmit', token: TOKEN, apdu: '00a404' }),
      3,
      'bad-request',
    ],
    [
      'an inherited field',
      JSON.stringify({ v: 1, id: 3, type: 'connect', token: TOKEN, reader: {} }),
      3,
      'bad-request',
    ],
    ['an oversized text', 'x'.repeat(MAX_MESSAGE_BYTES + 1), 0, 'bad-request'],
  ] as const)('refuses %s', (_name, frame, id, code) => {
    expect(decodeClientMessage(frame)).toMatchObject({ ok: false, id, code });
  });

  it.each([
    ['too short', hex`01 01 00 00 00 01`, 'bad-request'],
    ['another version', new Uint8Array([2, 1, 0, 0, 0, 1, ...new Uint8Array(36)]), 'unsupported-version'],
    ['a response sent as a request', new Uint8Array([1, 0x81, 0, 0, 0, 1, ...new Uint8Array(36)]), 'bad-request'],
    ['an APDU over 261 bytes', new Uint8Array([1, 1, 0, 0, 0, 1, ...new Uint8Array(32 + 262)]), 'bad-request'],
  ] as const)('refuses a binary frame %s', (_name, frame, code) => {
    expect(decodeClientMessage(frame)).toMatchObject({ ok: false, code });
  });

  it('never throws, whatever arrives (fixed seed)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 3000 }), fc.json(), fc.uint8Array({ maxLength: 3000 })), (frame) => {
        const decoded = decodeClientMessage(frame);
        expect(typeof decoded.ok).toBe('boolean');
      }),
      { seed: 20261126, numRuns: 2000 },
    );
  });
});

describe('bridge messages', () => {
  const valid: BridgeMessage[] = [
    { v: 1, id: 1, type: 'hello', versions: [1] },
    { v: 1, id: 2, type: 'paired', token: TOKEN },
    { v: 1, id: 3, type: 'readers', readers: [{ name: 'Virtual PCD 00 00', cardPresent: true }] },
    { v: 1, id: 4, type: 'connected', reader: 'Virtual PCD 00 00', atr: hex`3B E0 00 FF 81 31 FE 45 14` },
    { v: 1, id: 5, type: 'response', apdu: hex`90 00` },
    { v: 1, id: 6, type: 'disconnected' },
    { v: 1, id: 7, type: 'error', code: 'busy', message: 'another client is using the card' },
    { v: 1, id: 0, type: 'event', event: 'card-removed', reader: 'Virtual PCD 00 00' },
  ];

  it.each(valid)('round-trips $type', (message) => {
    expect(decodeBridgeMessage(encodeBridgeMessage(message))).toEqual({ ok: true, message });
  });

  it('round-trips a response as a binary frame: 01 81 id apdu', () => {
    const frame = encodeBridgeMessage(valid[4]!, { binary: true });
    expect(toHex(frame as Uint8Array)).toBe('0181000000059000');
    expect(decodeBridgeMessage(frame)).toEqual({ ok: true, message: valid[4] });
  });

  it('knows every error code it can receive', () => {
    for (const code of BRIDGE_ERROR_CODES) {
      expect(decodeBridgeMessage(JSON.stringify({ v: 1, id: 1, type: 'error', code, message: '' })).ok).toBe(true);
    }
    expect(decodeBridgeMessage(JSON.stringify({ v: 1, id: 1, type: 'error', code: 'pwned' }))).toMatchObject({
      ok: false,
    });
  });

  it.each([
    ['a response without a status word', JSON.stringify({ v: 1, id: 1, type: 'response', apdu: '90' })],
    ['a reader without presence', JSON.stringify({ v: 1, id: 1, type: 'readers', readers: [{ name: 'x' }] })],
    ['an unknown event', JSON.stringify({ v: 1, id: 0, type: 'event', event: 'boom', reader: 'x' })],
    ['a short token', JSON.stringify({ v: 1, id: 1, type: 'paired', token: 'abcd' })],
  ])('refuses %s', (_name, frame) => {
    expect(decodeBridgeMessage(frame).ok).toBe(false);
  });
});
