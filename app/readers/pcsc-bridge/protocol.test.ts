import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import {
  BRIDGE_ERROR_CODES,
  decodeBridgeMessage,
  decodeClientMessage,
  encodeBridgeMessage,
  encodeClientMessage,
  frameBytes,
  fromBase64Url,
  isClientHandshake,
  isSealedFrame,
  MAX_MESSAGE_BYTES,
  sealedHeader,
  sealedSeq,
  toBase64Url,
  type BridgeMessage,
  type ClientMessage,
} from './protocol';

const NONCE = new Uint8Array(32).fill(7);
const PAIRING = '0f'.repeat(16);

describe('client messages', () => {
  const valid: ClientMessage[] = [
    { v: 2, id: 1, type: 'hello' },
    { v: 2, id: 2, type: 'pair-start', request: 'AbC-_09' },
    { v: 2, id: 3, type: 'pair-finish', finish: 'AbC-_09', sealed: hex`02 5E 00 01` },
    { v: 2, id: 4, type: 'resume', pairing: PAIRING, nonce: NONCE },
    { v: 2, id: 5, type: 'list-readers' },
    { v: 2, id: 6, type: 'connect', reader: 'Virtual PCD 00 00' },
    { v: 2, id: 0xffffffff, type: 'transmit', apdu: hex`00 A4 04 0C 02 3F 00` },
    { v: 2, id: 8, type: 'disconnect' },
  ];

  it.each(valid)('round-trips $type as JSON (and as its UTF-8 bytes, as sealed in the channel)', (message) => {
    const frame = encodeClientMessage(message);
    expect(decodeClientMessage(frame)).toEqual({ ok: true, message });
    expect(decodeClientMessage(frameBytes(frame))).toEqual({ ok: true, message });
  });

  it('tells handshake messages from channel requests', () => {
    expect(valid.map((m) => isClientHandshake(m))).toEqual([true, true, true, true, false, false, false, false]);
  });

  it('round-trips transmit as a binary frame: 02 01 id apdu', () => {
    const message = valid[6]!;
    const frame = encodeClientMessage(message, { binary: true });
    expect(toHex(frame as Uint8Array)).toBe('0201ffffffff00a4040c023f00');
    expect(decodeClientMessage(frame)).toEqual({ ok: true, message });
  });

  it.each([
    ['not JSON', '{', 0, 'bad-request'],
    ['an array', '[1]', 0, 'bad-request'],
    ['another version', JSON.stringify({ v: 1, id: 9, type: 'hello' }), 9, 'unsupported-version'],
    ['no version', JSON.stringify({ id: 9, type: 'hello' }), 9, 'unsupported-version'],
    ['a fractional id', JSON.stringify({ v: 2, id: 1.5, type: 'hello' }), 0, 'bad-request'],
    ['an unknown type', JSON.stringify({ v: 2, id: 3, type: 'exec' }), 3, 'bad-request'],
    ['the old pairing', JSON.stringify({ v: 2, id: 3, type: 'pair', code: '123456' }), 3, 'bad-request'],
    [
      'a request not in base64url',
      JSON.stringify({ v: 2, id: 3, type: 'pair-start', request: 'a+b/' }),
      3,
      'bad-request',
    ],
    [
      'a short nonce',
      JSON.stringify({ v: 2, id: 3, type: 'resume', pairing: PAIRING, nonce: 'AAAA' }),
      3,
      'bad-request',
    ],
    [
      'an upper-case pairing id',
      JSON.stringify({ v: 2, id: 3, type: 'resume', pairing: PAIRING.toUpperCase(), nonce: 'A'.repeat(43) }),
      3,
      'bad-request',
    ],
    ['odd hex', JSON.stringify({ v: 2, id: 3, type: 'transmit', apdu: '00a4040' }), 3, 'bad-request'],
    ['a 3-byte APDU', JSON.stringify({ v: 2, id: 3, type: 'transmit', apdu: '00a404' }), 3, 'bad-request'],
    ['an inherited field', JSON.stringify({ v: 2, id: 3, type: 'connect', reader: {} }), 3, 'bad-request'],
    ['an oversized text', 'x'.repeat(MAX_MESSAGE_BYTES + 1), 0, 'bad-request'],
  ] as const)('refuses %s', (_name, frame, id, code) => {
    expect(decodeClientMessage(frame)).toMatchObject({ ok: false, id, code });
  });

  it.each([
    ['too short', hex`02 01 00 00 00 01`, 'bad-request'],
    ['another version', new Uint8Array([1, 1, 0, 0, 0, 1, ...new Uint8Array(4)]), 'unsupported-version'],
    ['a response sent as a request', new Uint8Array([2, 0x81, 0, 0, 0, 1, ...new Uint8Array(4)]), 'bad-request'],
    ['an APDU over 261 bytes', new Uint8Array([2, 1, 0, 0, 0, 1, ...new Uint8Array(262)]), 'bad-request'],
  ] as const)('refuses a binary frame %s', (_name, frame, code) => {
    expect(decodeClientMessage(frame)).toMatchObject({ ok: false, code });
  });

  it('base64url round-trips and refuses other alphabets', () => {
    const bytes = Uint8Array.from({ length: 65 }, (_, i) => i * 7);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(() => fromBase64Url('a+b/')).toThrow();
    expect(() => fromBase64Url('abcde')).toThrow();
  });

  it('sealed frames carry their sequence number in the header', () => {
    const header = sealedHeader(0x0102030405060708n);
    expect(toHex(header)).toBe('025e0102030405060708');
    const frame = new Uint8Array([...header, 1, 2, 3]);
    expect(isSealedFrame(frame)).toBe(true);
    expect(sealedSeq(frame)).toBe(0x0102030405060708n);
    expect(isSealedFrame(header)).toBe(false);
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
    { v: 2, id: 1, type: 'hello', versions: [2] },
    { v: 2, id: 2, type: 'pair-response', response: 'AbC-_09' },
    { v: 2, id: 2, type: 'paired', sealed: hex`02 5E 00 01 02` },
    { v: 2, id: 2, type: 'resumed', nonce: NONCE, proof: hex`02 5E 00 01 02` },
    { v: 2, id: 3, type: 'readers', readers: [{ name: 'Virtual PCD 00 00', cardPresent: true }] },
    { v: 2, id: 4, type: 'connected', reader: 'Virtual PCD 00 00', atr: hex`3B E0 00 FF 81 31 FE 45 14` },
    { v: 2, id: 5, type: 'response', apdu: hex`90 00` },
    { v: 2, id: 6, type: 'disconnected' },
    { v: 2, id: 7, type: 'error', code: 'policy-refused', message: 'my-number' },
    { v: 2, id: 0, type: 'event', event: 'card-released', reader: 'Virtual PCD 00 00' },
  ];

  it.each(valid)('round-trips $type', (message) => {
    expect(decodeBridgeMessage(encodeBridgeMessage(message))).toEqual({ ok: true, message });
  });

  it('round-trips a response as a binary frame: 02 81 id apdu', () => {
    const frame = encodeBridgeMessage(valid[6]!, { binary: true });
    expect(toHex(frame as Uint8Array)).toBe('0281000000059000');
    expect(decodeBridgeMessage(frame)).toEqual({ ok: true, message: valid[6] });
  });

  it('knows every error code it can receive', () => {
    for (const code of BRIDGE_ERROR_CODES) {
      expect(decodeBridgeMessage(JSON.stringify({ v: 2, id: 1, type: 'error', code, message: '' })).ok).toBe(true);
    }
    expect(decodeBridgeMessage(JSON.stringify({ v: 2, id: 1, type: 'error', code: 'pwned' }))).toMatchObject({
      ok: false,
    });
  });

  it.each([
    ['a response without a status word', JSON.stringify({ v: 2, id: 1, type: 'response', apdu: '90' })],
    ['a reader without presence', JSON.stringify({ v: 2, id: 1, type: 'readers', readers: [{ name: 'x' }] })],
    ['an unknown event', JSON.stringify({ v: 2, id: 0, type: 'event', event: 'boom', reader: 'x' })],
    ['a token (protocol 1)', JSON.stringify({ v: 2, id: 1, type: 'paired', token: 'abcd' })],
    ['a long nonce', JSON.stringify({ v: 2, id: 1, type: 'resumed', nonce: 'A'.repeat(60), proof: 'AA' })],
  ])('refuses %s', (_name, frame) => {
    expect(decodeBridgeMessage(frame).ok).toBe(false);
  });
});
