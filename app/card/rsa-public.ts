/**
 * RSA public-key checks of the chip's records (RSA-2048, e = 65537, PKCS #1 v1.5). Ordinary SHA-256 signatures
 * go through WebCrypto. The card-face record (surface AP EF 0002, DF28) signs a DigestInfo whose digest is
 * 96 bytes — three SHA-256 values — which WebCrypto cannot express, so for it the public operation is done here
 * and the whole recovered block is compared with the expected encoding ("encode and compare", RFC 8017
 * §8.2.2 steps 2–4). That operation uses only public values, so it needs no side-channel care.
 */
import { bigIntToBytes, bytesToBigInt } from './bytes';
import type { CardPublicKey } from './chip-records';
import { SHA256_DIGEST_INFO_PREFIX } from './mynumber/jpki-oids';

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** `30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00`: AlgorithmIdentifier sha256 with NULL parameters. */
const SHA256_ALGORITHM = SHA256_DIGEST_INFO_PREFIX.subarray(2, 17);

/** Minimum PKCS #1 v1.5 type-1 padding: `00 01`, eight `FF`, `00`. */
const MIN_PADDING = 11;

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The DER DigestInfo with the SHA-256 algorithm identifier around `digest`. Normally 32 bytes; the card-face
 * record puts 96 there and declares the length accordingly (soltia48/myna-card `src/data.rs`
 * `sha256_digest_info`: `30 71 … 04 60`, 115 bytes).
 */
export function sha256DigestInfo(digest: Uint8Array): Uint8Array {
  const inner = SHA256_ALGORITHM.length + 2 + digest.length;
  if (digest.length > 0x7f || inner > 0xff) throw new RangeError('digest too long for a DigestInfo here');
  const lengthBytes = inner < 0x80 ? [inner] : [0x81, inner];
  return Uint8Array.from([0x30, ...lengthBytes, ...SHA256_ALGORITHM, 0x04, digest.length, ...digest]);
}

/** SHA-256 of `bytes`. */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
}

/** True when `signature` is a PKCS #1 v1.5 SHA-256 signature of `message` by `key`; never throws. */
export async function verifyPkcs1Sha256(
  key: CardPublicKey,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    const imported = await crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', n: base64Url(key.modulus), e: base64Url(key.exponent), alg: 'RS256', ext: true },
      RSA_SHA256,
      false,
      ['verify'],
    );
    return await crypto.subtle.verify(RSA_SHA256, imported, signature.slice(), message.slice());
  } catch {
    return false;
  }
}

/** `signature^e mod n` as a block of the modulus length, or null when the signature is out of range. */
export function rsaPublicOperation(key: CardPublicKey, signature: Uint8Array): Uint8Array | null {
  const n = bytesToBigInt(key.modulus);
  const s = bytesToBigInt(signature);
  if (signature.length !== key.modulus.length || n === 0n || s >= n) return null;
  let result = 1n;
  let base = s;
  for (let e = bytesToBigInt(key.exponent); e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % n;
    base = (base * base) % n;
  }
  return bigIntToBytes(result, key.modulus.length);
}

/**
 * True when `signature` is `key`'s PKCS #1 v1.5 signature whose payload is exactly `digestInfo`: the public
 * operation's block is compared byte for byte with `00 01 FF…FF 00 ‖ digestInfo`, so nothing else can hide in
 * the padding. Never throws.
 */
export function verifyPkcs1DigestInfo(key: CardPublicKey, digestInfo: Uint8Array, signature: Uint8Array): boolean {
  const length = key.modulus.length;
  if (digestInfo.length > length - MIN_PADDING) return false;
  const block = rsaPublicOperation(key, signature);
  if (!block) return false;
  const expected = new Uint8Array(length).fill(0xff);
  expected[0] = 0x00;
  expected[1] = 0x01;
  expected[length - digestInfo.length - 1] = 0x00;
  expected.set(digestInfo, length - digestInfo.length);
  let difference = 0;
  for (let i = 0; i < length; i += 1) difference |= (block[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}
