/**
 * The simulator's genuine-chip PKI (card-protocol.md §4), from the committed test keys: two CV CAs (one per
 * application) with the simulator's own key IDs (`9000033…`, `9000023…`: no production or J-LIS test ID), the AP
 * keys they certify, and the chip keys that answer challenges. Signatures are made with the simulator's own
 * BigInt RSA (`raw-rsa.ts`), independent of the app's WebCrypto verification. TEST ONLY: never trust these in
 * production — the app's production anchors are pinned and refuse them.
 */
import { concatBytes, utf8 } from '../../../app/card/bytes';
import { SHA256_DIGEST_INFO_PREFIX as DIGEST_INFO_32 } from '../../../app/card/mynumber/jpki-oids';
import type { CardPublicKey } from '../../../app/card/chip-records';
import {
  demoCvAnchors,
  type ChipApplication,
  type CvCaKey,
  type CvTrustAnchors,
} from '../../../app/card/cv-trust-anchors';
import { rawRsaKey, type RawRsaKey } from '../raw-rsa';
import { testKey } from './test-keys';

/**
 * The SHA-256 DigestInfo prefix with a 96-byte digest, as the card face record's DF28 declares it: `30 71 … 04 60` (soltia48/myna-card
 * `src/data.rs`, test `builds_digest_infos_of_both_lengths`: bytes 0–1 `30 71`, 17–18 `04 60`, 115 bytes).
 */
const DIGEST_INFO_96 = Uint8Array.of(
  0x30,
  0x71,
  0x30,
  0x0d,
  0x06,
  0x09,
  0x60,
  0x86,
  0x48,
  0x01,
  0x65,
  0x03,
  0x04,
  0x02,
  0x01,
  0x05,
  0x00,
  0x04,
  0x60,
);

/** A 16-byte key ID: 7 digits ‖ 08 05 ‖ 3 digits ‖ 00 00 00 ‖ 00. */
export function keyId(number: string, group = '001'): Uint8Array {
  return concatBytes(utf8(number), Uint8Array.of(0x08, 0x05), utf8(group), new Uint8Array(4));
}

/** The simulator's key IDs. */
export const SIMULATOR_KEY_IDS = Object.freeze({
  supportCa: keyId('9000033'),
  surfaceCa: keyId('9000023'),
  supportAp: keyId('9131034', '000'),
  surfaceAp: keyId('9131024', '000'),
});

function fromBase64Url(text: string | undefined): Uint8Array {
  if (text === undefined) throw new Error('incomplete key');
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

/** A named test key's public half, as the card writes it. */
export async function publicKeyOf(name: string): Promise<CardPublicKey> {
  const { jwk } = await testKey(name);
  return { modulus: fromBase64Url(jwk.n), exponent: fromBase64Url(jwk.e) };
}

/** A signer with a named test key. */
export interface TestSigner {
  /** PKCS #1 v1.5 over SHA-256(message). */
  signSha256(message: Uint8Array): Promise<Uint8Array>;
  /** PKCS #1 v1.5 over a 96-byte digest (three SHA-256 values). */
  signDigest96(digest: Uint8Array): Uint8Array;
  /** The raw key, for the card's own challenge answers. */
  readonly raw: RawRsaKey;
}

export async function signer(name: string): Promise<TestSigner> {
  const raw = rawRsaKey((await testKey(name)).jwk);
  return {
    raw,
    async signSha256(message) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', message.slice()));
      return raw.sign(concatBytes(DIGEST_INFO_32, digest));
    },
    signDigest96(digest) {
      if (digest.length !== 96) throw new RangeError('expected three SHA-256 digests');
      return raw.sign(concatBytes(DIGEST_INFO_96, digest));
    },
  };
}

/** The CA key name and key ID per application. */
export const CV_CA = Object.freeze({
  support: {
    key: 'simulator-cv-ca-support',
    id: SIMULATOR_KEY_IDS.supportCa,
    ap: 'simulator-ap-support',
    apId: SIMULATOR_KEY_IDS.supportAp,
  },
  surface: {
    key: 'simulator-cv-ca-surface',
    id: SIMULATOR_KEY_IDS.surfaceCa,
    ap: 'simulator-ap-surface',
    apId: SIMULATOR_KEY_IDS.surfaceAp,
  },
} as const satisfies Record<ChipApplication, { key: string; id: Uint8Array; ap: string; apId: Uint8Array }>);

/** Demo mode's CV trust anchors: the simulator's two CA keys. */
export async function simulatorCvCaKeys(): Promise<CvCaKey[]> {
  return Promise.all(
    (['support', 'surface'] as const).map(async (application) => ({
      application,
      keyId: CV_CA[application].id,
      publicKey: await publicKeyOf(CV_CA[application].key),
    })),
  );
}

/** Demo-mode anchors over the simulator's CA keys. */
export async function simulatorCvAnchors(): Promise<CvTrustAnchors> {
  return demoCvAnchors(await simulatorCvCaKeys());
}
