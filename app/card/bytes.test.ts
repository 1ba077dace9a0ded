import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bytesToBigInt, fromHex } from './bytes';

describe('bytes ↔ BigInt (RSA moduli and signatures)', () => {
  it('reads big-endian, as RFC 8017 OS2IP does', () => {
    expect(bytesToBigInt(fromHex('0102'))).toBe(258n);
    expect(bytesToBigInt(fromHex('00ff'))).toBe(255n);
    expect(bytesToBigInt(new Uint8Array(0))).toBe(0n);
  });

  it('writes a fixed length with leading zeros, as I2OSP does', () => {
    expect(bigIntToBytes(258n, 4)).toEqual(fromHex('00000102'));
  });

  it('round-trips any bytes of their own length (fixed seed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(bigIntToBytes(bytesToBigInt(bytes), bytes.length)).toEqual(bytes);
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });
});
