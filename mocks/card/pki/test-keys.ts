/**
 * The committed test-only RSA keys of the simulator (see `generate-test-keys.ts`).
 */
import { CARD_KEY_SLOTS } from '../personas';
import fixture from './test-keys.json';

/** RSA-2048, e = 65537, as on the real card; SHA-256 for certificate signatures. */
export const KEY_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const satisfies RsaHashedKeyGenParams;

/** Chip keys (support AP DF51, surface AP card key) come in fewer slots: uniqueness matters less there. */
export const CHIP_KEY_SLOTS = 4;

export const KEY_NAMES: readonly string[] = [
  'simulator-sign-ca',
  'simulator-auth-ca',
  'untrusted-sign-ca',
  ...Array.from({ length: CARD_KEY_SLOTS }, (_, i) => [`card-${i}-sign`, `card-${i}-auth`]).flat(),
  // The genuine-chip PKI: the CV CAs (support, surface), the AP keys they certify, a CA key that claims the
  // simulator CA's key ID, and the chip keys that answer challenges (one spare for the cloned-chip persona).
  'simulator-cv-ca-support',
  'simulator-cv-ca-surface',
  'untrusted-cv-ca',
  'simulator-ap-support',
  'simulator-ap-surface',
  ...Array.from({ length: CHIP_KEY_SLOTS }, (_, i) => [`chip-${i}-support`, `chip-${i}-surface`]).flat(),
  'chip-clone',
];

export interface KeyPairWithJwk {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** The private key's components, for the card's raw RSA operation. */
  readonly jwk: JsonWebKey;
}

const cache = new Map<string, Promise<KeyPairWithJwk>>();

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function load(name: string): Promise<KeyPairWithJwk> {
  const keys: Record<string, string | undefined> = fixture.keys;
  const encoded = keys[name];
  if (encoded === undefined) throw new Error(`no test key named ${name}`);
  const privateKey = await crypto.subtle.importKey('pkcs8', base64ToBytes(encoded), KEY_ALGORITHM, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true },
    KEY_ALGORITHM,
    true,
    ['verify'],
  );
  return { privateKey, publicKey, jwk };
}

/** A named test key pair, imported once per process. */
export function testKey(name: string): Promise<KeyPairWithJwk> {
  let pending = cache.get(name);
  if (!pending) {
    pending = load(name);
    cache.set(name, pending);
  }
  return pending;
}
