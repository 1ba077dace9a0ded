/**
 * The card's private-key operation: PKCS #1 v1.5 type-1 padding of a caller-supplied DigestInfo, then RSA with
 * the private key (RFC 8017 §8.2.1, steps 2–3 without the hashing). WebCrypto cannot do this (it always hashes
 * the message itself), so the simulator does it with BigInt and the key's CRT components. Not constant time:
 * for the simulator only.
 */
import { bigIntToBytes, bytesToBigInt } from '../../app/card/bytes';

function base64UrlToBigInt(text: string | undefined): bigint {
  if (text === undefined) throw new Error('incomplete RSA private key');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return bytesToBigInt(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** An RSA private key ready for the raw operation. */
export interface RawRsaKey {
  readonly modulusBytes: number;
  sign(digestInfo: Uint8Array): Uint8Array;
}

/** Minimum PKCS #1 v1.5 padding: 00 01, at least eight FF, 00. */
const MIN_PADDING = 11;

/** Prepares the raw operation from a private JWK (with CRT parameters). */
export function rawRsaKey(jwk: JsonWebKey): RawRsaKey {
  const n = base64UrlToBigInt(jwk.n);
  const p = base64UrlToBigInt(jwk.p);
  const q = base64UrlToBigInt(jwk.q);
  const dp = base64UrlToBigInt(jwk.dp);
  const dq = base64UrlToBigInt(jwk.dq);
  const qi = base64UrlToBigInt(jwk.qi);
  const modulusBytes = Math.ceil(n.toString(16).length / 2);
  return {
    modulusBytes,
    sign(digestInfo) {
      if (digestInfo.length > modulusBytes - MIN_PADDING) throw new RangeError('input too long for the key');
      const em = new Uint8Array(modulusBytes).fill(0xff);
      em[0] = 0x00;
      em[1] = 0x01;
      em[modulusBytes - digestInfo.length - 1] = 0x00;
      em.set(digestInfo, modulusBytes - digestInfo.length);
      const m = bytesToBigInt(em);
      // Chinese remainder theorem (RFC 8017 §5.1.2 2.b).
      const s1 = modPow(m, dp, p);
      const s2 = modPow(m, dq, q);
      const h = (((((s1 - s2) % p) + p) % p) * qi) % p;
      return bigIntToBytes(s2 + q * h, modulusBytes);
    },
  };
}
