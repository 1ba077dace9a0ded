import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import { TransportError } from '../../card/transport';
import { ACK_FRAME, decodeFrame, encodeFrame } from './port100-frame';

describe('port100 frames', () => {
  it.each([
    // SetCommandType 01 (nfcpy test_clf_rcs380.py: the first command after open)
    ['D6 2A 01', '0000ffffff0300fdd62a01ff00'],
    // GetFirmwareVersion
    ['D6 20', '0000ffffff0200fed6200a00'],
    // InSetRF 106B
    ['D6 00 03 07 0F 07', '0000ffffff0600fad60003070f070a00'],
  ])('encodes %s byte for byte', (data, frame) => {
    expect(toHex(encodeFrame(hex`${data}`))).toBe(frame);
    expect(decodeFrame(hex`${frame}`)).toEqual({ kind: 'data', data: hex`${data}` });
  });

  it('knows the ACK frame and the normal (short) frame form', () => {
    expect(decodeFrame(ACK_FRAME)).toEqual({ kind: 'ack' });
    expect(decodeFrame(hex`00 00 FF 03 FD D7 2B 00 FE 00`)).toEqual({ kind: 'data', data: hex`D7 2B 00` });
  });

  it.each([
    ['a bad length checksum', '0000ffffff0300fed62a01ff00'],
    ['a bad data checksum', '0000ffffff0300fdd62a01fe00'],
    ['a missing postamble', '0000ffffff0300fdd62a01ff01'],
    ['a truncated frame', '0000ffffff0300fdd62a'],
    ['a bad preamble', '0100ffffff0300fdd62a01ff00'],
    ['the error frame', '0000ff01ff7f8100'],
  ])('refuses %s', (_, frame) => {
    expect(() => decodeFrame(hex`${frame}`)).toThrow(TransportError);
  });

  it('round-trips any data and refuses any single flipped byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (data, at, flip) => {
          const frame = encodeFrame(data);
          expect(decodeFrame(frame)).toEqual({ kind: 'data', data });
          const damaged = frame.slice();
          const index = 3 + (at % (frame.length - 3));
          damaged[index]! ^= flip;
          let result: unknown;
          try {
            result = decodeFrame(damaged);
          } catch (error) {
            expect(error).toBeInstanceOf(TransportError);
            return;
          }
          // A flip can only go unnoticed if it turned the frame into another valid one: never the same data.
          expect(result).not.toEqual({ kind: 'data', data });
        },
      ),
      { seed: 380, numRuns: 1000 },
    );
  });

  it('throws only TransportError on garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          decodeFrame(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(TransportError);
        }
      }),
      { seed: 381, numRuns: 2000 },
    );
  });
});
