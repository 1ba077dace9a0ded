import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import { TransportError } from '../../card/transport';
import { decodeEscapeAnswer, decodeEscapeHeader, encodeEscape, MAX_PAYLOAD, receiveEscapeAnswer } from './escape-frame';

/** An IN side that hands out the given transfers in order, and counts how many were asked for. */
function transfers(...parts: Uint8Array[]) {
  const queue = [...parts];
  const source = {
    calls: 0,
    receive: () => {
      source.calls += 1;
      const next = queue.shift();
      return next
        ? Promise.resolve(next)
        : Promise.reject(new TransportError('transport.timeout', 'no more transfers'));
    },
    left: () => queue.length,
  };
  return source;
}

describe('encodeEscape', () => {
  it.each([
    [
      'start session, seq 0',
      hex`FF 50 00 00 02 81 00 00`,
      0,
      hex`6B 08 00 00 00 00 00 00 00 00 FF 50 00 00 02 81 00 00`,
    ],
    ['RF on, seq 1', hex`FF 50 00 00 02 84 00 00`, 1, hex`6B 08 00 00 00 00 01 00 00 00 FF 50 00 00 02 84 00 00`],
    ['empty payload, seq wraps at 256', hex``, 0x101, hex`6B 00 00 00 00 00 01 00 00 00`],
  ])('%s', (_, payload, seq, expected) => {
    expect(toHex(encodeEscape(payload, seq))).toBe(toHex(expected));
  });

  it('writes dwLength little-endian', () => {
    const message = encodeEscape(new Uint8Array(0x1f3), 7);
    expect(toHex(message.subarray(0, 10))).toBe(toHex(hex`6B F3 01 00 00 00 07 00 00 00`));
  });

  it('refuses a payload longer than the limit', () => {
    expect(() => encodeEscape(new Uint8Array(MAX_PAYLOAD + 1), 0)).toThrow(TransportError);
  });
});

describe('decodeEscapeAnswer', () => {
  it('returns the payload of a processed command', () => {
    const answer = decodeEscapeAnswer(hex`83 07 00 00 00 00 05 00 00 00 C0 03 00 90 00 90 00`, 5);
    expect(answer.kind === 'answer' && toHex(answer.payload)).toBe(toHex(hex`C0 03 00 90 00 90 00`));
  });

  it('ignores bmICCStatus', () => {
    expect(decodeEscapeAnswer(hex`83 00 00 00 00 00 05 02 00 00`, 5).kind).toBe('answer');
  });

  it('recognises a time extension', () => {
    expect(decodeEscapeAnswer(hex`83 00 00 00 00 00 09 80 03 00`, 9)).toEqual({
      kind: 'time-extension',
      multiplier: 3,
    });
  });

  it.each([
    ['a truncated header', hex`83 00 00 00 00 00 05 00 00`],
    ['another message type (SlotStatus)', hex`81 00 00 00 00 00 05 40 00 00`],
    ['a length beyond the limit', hex`83 F7 03 00 00 00 05 00 00 00`],
    ['a length of 4 GiB', hex`83 FF FF FF FF 00 05 00 00 00`],
    ['fewer bytes than the header says', hex`83 03 00 00 00 00 05 00 00 00 90 00`],
    ['more bytes than the header says', hex`83 01 00 00 00 00 05 00 00 00 90 00`],
    ['another slot', hex`83 00 00 00 00 01 05 00 00 00`],
    ['another sequence number', hex`83 00 00 00 00 00 04 00 00 00`],
    ['a failed command', hex`83 00 00 00 00 00 05 40 FE 00`],
    ['bmCommandStatus 3 (RFU)', hex`83 00 00 00 00 00 05 C0 00 00`],
  ])('rejects %s as a protocol error', (_, message) => {
    expect(() => decodeEscapeAnswer(message, 5)).toThrow(
      expect.objectContaining({ code: 'transport.protocol' }) as Error,
    );
  });

  it('reads the header fields', () => {
    expect(decodeEscapeHeader(hex`83 10 00 00 00 00 2A 41 FE 00`)).toEqual({
      messageType: 0x83,
      length: 16,
      slot: 0,
      seq: 0x2a,
      status: 0x41,
      error: 0xfe,
    });
  });
});

describe('receiveEscapeAnswer', () => {
  const payload = Uint8Array.from({ length: 100 }, (_, i) => i);
  const message = new Uint8Array([...hex`83 64 00 00 00 00 03 00 00 00`, ...payload]);

  it('reassembles an answer from 64-byte packets', async () => {
    const source = transfers(message.slice(0, 64), message.slice(64));
    const answer = await receiveEscapeAnswer(source.receive, 3);
    expect(answer.kind === 'answer' && toHex(answer.payload)).toBe(toHex(payload));
    expect(source.left()).toBe(0);
  });

  it('takes a whole answer from one transfer', async () => {
    const source = transfers(message);
    expect((await receiveEscapeAnswer(source.receive, 3)).kind).toBe('answer');
    expect(source.calls).toBe(1);
  });

  it('skips the zero-length packet that ended the previous message', async () => {
    const source = transfers(hex``, message);
    expect((await receiveEscapeAnswer(source.receive, 3)).kind).toBe('answer');
    expect(source.left()).toBe(0);
  });

  it.each([
    ['only empty transfers', [hex``, hex``, hex``, hex``, hex``, hex``]],
    ['an empty transfer inside a message', [message.slice(0, 64), hex``]],
    ['a packet that runs past the length', [message.slice(0, 64), new Uint8Array([...message.slice(64), 0xee])]],
    ['a first transfer shorter than a header', [message.slice(0, 6), message.slice(6)]],
  ])('fails on %s', async (_, parts) => {
    await expect(receiveEscapeAnswer(transfers(...parts).receive, 3)).rejects.toMatchObject({
      code: 'transport.protocol',
    });
  });

  it('passes on the transfer error (timeout) of a missing packet', async () => {
    await expect(receiveEscapeAnswer(transfers(message.slice(0, 64)).receive, 3)).rejects.toMatchObject({
      code: 'transport.timeout',
    });
  });

  it('never throws anything but TransportError and never reads without bound (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 80 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (packets, validHeader) => {
          // Half the runs start with a plausible header, so the reassembly itself is exercised.
          const first = validHeader ? new Uint8Array([...hex`83`, packets.length * 40, 0, 0, 0, 0, 3, 0, 0, 0]) : null;
          let calls = 0;
          const all = first ? [first, ...packets] : packets;
          const receive = () => {
            calls += 1;
            return Promise.resolve(all[(calls - 1) % all.length]!);
          };
          try {
            await receiveEscapeAnswer(receive, 3);
          } catch (error) {
            expect(error).toBeInstanceOf(TransportError);
            expect((error as TransportError).code).toBe('transport.protocol');
          }
          expect(calls).toBeLessThanOrEqual(1100);
        },
      ),
      { seed: 300, numRuns: 500 },
    );
  });
});
