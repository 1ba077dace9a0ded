/**
 * Trust anchors of the genuine-chip check: the CA keys that issue the card-verifiable certificates of the
 * support AP (5000033) and the surface AP (5000023). They are not on the card (card-protocol.md §4.1), so like
 * the J-LIS roots of the JPKI check they come from the operator's configuration
 * (`config/cv-ca-keys.json`) and count only when their SHA-256 fingerprint is pinned here. Demo mode uses the
 * simulator's own CA keys and nothing else; the two never mix, and a simulated chip is refused with
 * production keys.
 *
 * Fingerprint: SHA-256 over the 16-byte key ID followed by the key in the card's own encoding
 * (`90 03 01 00 01 91 82 01 00 <modulus>`), so a pin fixes the ID and the key together.
 */
import { concatBytes, fromHex, toHex } from './bytes';
import { CardError } from './card-errors';
import { parseCardPublicKey, type CardPublicKey } from './chip-records';
import { encodeTlv } from './ber-tlv';
import { CARD_PUBLIC_KEY, KEY_ID } from './mynumber/chip-layout';
import type { CV_ISSUER } from './mynumber/ids';
import { sha256 } from './rsa-public';

/** Which application's certificates a CA key issues. */
export type ChipApplication = keyof typeof CV_ISSUER;

/** Production CV CA keys pinned by fingerprint (lower-case hex), with the application each one serves. */
export const PINNED_CV_CA_KEYS: Readonly<
  Record<string, { readonly name: string; readonly application: ChipApplication }>
> = Object.freeze({
  '724834e11bc0115ba1fb09c4fcfb12c4baa3eb91da0fe4be66ff29d814c19258': { name: '5000023/001', application: 'surface' },
  '3d16b5030e7d6b5c34796fed9c6e4aae1029b4e00f3d89503f15b5494ed45742': { name: '5000033/001', application: 'support' },
});

export type CvTrustMode = 'production' | 'demo';

/** One CA key: the 16-byte key ID certificates name it by, the key, and the application it certifies. */
export interface CvCaKey {
  readonly keyId: Uint8Array;
  readonly publicKey: CardPublicKey;
  readonly application: ChipApplication;
}

export interface CvTrustAnchors {
  readonly mode: CvTrustMode;
  readonly keys: readonly CvCaKey[];
}

/** The configuration file's shape (`config/cv-ca-keys.json`). */
export interface CvCaKeyFile {
  readonly version: 1;
  readonly keys: readonly { readonly keyId: string; readonly exponent: string; readonly modulus: string }[];
}

/** The key in the card's encoding (`90`/`91`). */
export function encodeCardPublicKey(key: CardPublicKey): Uint8Array {
  return concatBytes(
    encodeTlv(CARD_PUBLIC_KEY.exponentTag, key.exponent),
    encodeTlv(CARD_PUBLIC_KEY.modulusTag, key.modulus),
  );
}

/** SHA-256 over key ID ‖ encoded key, lower-case hex. */
export async function cvKeyFingerprint(keyId: Uint8Array, key: CardPublicKey): Promise<string> {
  return toHex(await sha256(concatBytes(keyId, encodeCardPublicKey(key))));
}

function parseEntry(entry: unknown): { keyId: Uint8Array; publicKey: CardPublicKey } | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { keyId, exponent, modulus } = entry as Record<string, unknown>;
  if (typeof keyId !== 'string' || typeof exponent !== 'string' || typeof modulus !== 'string') return null;
  try {
    const id = fromHex(keyId);
    if (id.length !== KEY_ID.length) return null;
    const encoded = concatBytes(
      encodeTlv(CARD_PUBLIC_KEY.exponentTag, fromHex(exponent)),
      encodeTlv(CARD_PUBLIC_KEY.modulusTag, fromHex(modulus)),
    );
    return { keyId: id, publicKey: parseCardPublicKey(encoded) };
  } catch {
    return null;
  }
}

/**
 * Production anchors from the operator's key file: only pinned keys are kept, each for the application its
 * pin names.
 * @returns the anchors and how many entries were refused (unpinned or malformed), so the operator can be told
 * @throws {CardError} `card.chip-keys-not-configured` when the file holds no pinned key
 */
export async function productionCvAnchors(json: unknown): Promise<{ anchors: CvTrustAnchors; refused: number }> {
  const entries =
    typeof json === 'object' && json !== null && (json as { version?: unknown }).version === 1
      ? (json as { keys?: unknown }).keys
      : undefined;
  const kept: CvCaKey[] = [];
  let refused = 0;
  for (const entry of Array.isArray(entries) ? (entries as unknown[]) : []) {
    const parsed = parseEntry(entry);
    const pin = parsed ? PINNED_CV_CA_KEYS[await cvKeyFingerprint(parsed.keyId, parsed.publicKey)] : undefined;
    if (parsed && pin) kept.push({ ...parsed, application: pin.application });
    else refused += 1;
  }
  if (kept.length === 0) throw new CardError('card.chip-keys-not-configured', 'no pinned CV CA key in the key file');
  return { anchors: { mode: 'production', keys: kept }, refused };
}

/** Demo anchors: the simulator's CV CA keys, and nothing else. */
export function demoCvAnchors(keys: readonly CvCaKey[]): CvTrustAnchors {
  return { mode: 'demo', keys };
}
