import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../app/card/bytes';
import { encodeVpcdFrame, VpcdFrameReader } from './vpcd-framing';

describe('vpcd framing', () => {
  it('prefixes the big-endian length', () => {
    expect(toHex(encodeVpcdFrame(hex`04`))).toBe('000104');
    expect(toHex(encodeVpcdFrame(new Uint8Array(0x102)).subarray(0, 2))).toBe('0102');
  });

  it('reassembles frames split and joined at any point', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (payloads, cuts) => {
          const stream = Uint8Array.from(payloads.flatMap((p) => [...encodeVpcdFrame(p)]));
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const reader = new VpcdFrameReader();
          const out: Uint8Array[] = [];
          let from = 0;
          for (const to of [...points, stream.length]) {
            out.push(...reader.push(stream.subarray(from, to)));
            from = to;
          }
          expect(out).toEqual(payloads);
          expect(reader.pending).toBe(0);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });
});
