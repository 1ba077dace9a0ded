/**
 * The bridge's secure channel, shared by the page and the bridge (WebCrypto only, which both have): keys from a
 * pairing or a resumed pairing, and sealed frames bound to them.
 *
 * - **Pairing**: the page and the bridge run OPAQUE (RFC 9807; `@serenity-kit/opaque`, a maintained binding of
 *   the audited `opaque-ke`) over the 6-digit code. Only a party that knows the code completes it, and a
 *   squatter on the port learns nothing it could test codes against offline (one guess per attempt at most).
 *   The OPAQUE session key seals the exchange of the two long-term public keys ({@link pairingKeys}).
 * - **Resume** (every connection after pairing): static-static ECDH P-256 between the page's key — generated
 *   non-extractable, kept in IndexedDB, so no script can read it out — and the bridge's key gives a base key
 *   that never leaves WebCrypto either; HKDF-SHA-256 with both sides' fresh nonces, the pairing id and the
 *   origin gives one AES-256-GCM key per direction ({@link sessionKeys}). Only the paired bridge can make the
 *   first frame the page accepts, and only the paired page the first frame the bridge accepts.
 * - **Frames**: AES-256-GCM, IV = 4 zero bytes ‖ the 8-byte sequence number, the frame header as additional
 *   data; sequence numbers start at 0 and must arrive in order, so a frame cannot be replayed, dropped or moved.
 *
 * Only platform primitives (ECDH, HKDF, AES-GCM) and the OPAQUE library are used: nothing hand-rolled.
 */
import { sealedHeader, sealedSeq, SEALED_HEADER_BYTES } from './protocol';

export type ChannelRole = 'page' | 'bridge';

export interface ChannelKeys {
  readonly send: CryptoKey;
  readonly receive: CryptoKey;
}

/** A sealed frame that does not open: wrong key, out of order, or tampered. The connection must end. */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
}

const LABEL = 'mynumber-age-check pcsc-bridge v2';
const AES = { name: 'AES-GCM', length: 256 } as const;
const encoder = new TextEncoder();

function direction(role: ChannelRole, sending: boolean): string {
  return (role === 'page') === sending ? 'page-to-bridge' : 'bridge-to-page';
}

async function aesFrom(base: CryptoKey, salt: Uint8Array<ArrayBuffer>, info: string): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode(info) },
    base,
    AES,
    false,
    ['encrypt', 'decrypt'],
  );
}

async function keysFrom(
  base: CryptoKey,
  salt: Uint8Array<ArrayBuffer>,
  context: string,
  role: ChannelRole,
): Promise<ChannelKeys> {
  const [send, receive] = await Promise.all([
    aesFrom(base, salt, `${LABEL} ${context} ${direction(role, true)}`),
    aesFrom(base, salt, `${LABEL} ${context} ${direction(role, false)}`),
  ]);
  return { send, receive };
}

/** Keys for the pairing exchange, from the OPAQUE session key (base64url, 64 bytes). */
export async function pairingKeys(sessionKey: Uint8Array<ArrayBuffer>, role: ChannelRole): Promise<ChannelKeys> {
  const base = await crypto.subtle.importKey('raw', sessionKey, 'HKDF', false, ['deriveKey']);
  return keysFrom(base, new Uint8Array(0), 'pairing', role);
}

/**
 * The static-static ECDH secret as a non-extractable HKDF key: it never exists as bytes a script could read.
 * @param own this side's ECDH P-256 private key
 * @param peer the other side's public key
 */
export function staticSecret(own: CryptoKey, peer: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.deriveKey({ name: 'ECDH', public: peer }, own, { name: 'HKDF' }, false, ['deriveKey']);
}

/**
 * Keys for one connection of a resumed pairing.
 * @param secret from {@link staticSecret}
 * @param pageNonce, bridgeNonce 32 fresh random bytes from each side
 * @param pairingId the pairing's id (hex) and `origin` the page's origin: a key for one never serves another
 */
export function sessionKeys(
  secret: CryptoKey,
  {
    pageNonce,
    bridgeNonce,
    pairingId,
    origin,
  }: { pageNonce: Uint8Array; bridgeNonce: Uint8Array; pairingId: string; origin: string },
  role: ChannelRole,
): Promise<ChannelKeys> {
  const salt = new Uint8Array(pageNonce.length + bridgeNonce.length);
  salt.set(pageNonce);
  salt.set(bridgeNonce, pageNonce.length);
  return keysFrom(secret, salt, `session ${pairingId} ${origin}`, role);
}

/** A new ECDH P-256 key pair; the private key is non-extractable unless `extractable` (the bridge stores its own). */
export function newStaticKey(extractable = false): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, extractable, ['deriveKey']);
}

/** A public key as its 65 raw bytes (uncompressed point). */
export async function exportPublicKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}

/**
 * A public key from its raw bytes.
 * @throws {ChannelError} for bytes that are no P-256 point.
 */
export async function importPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(raw), { name: 'ECDH', namedCurve: 'P-256' }, true, []);
  } catch (error) {
    throw new ChannelError('not a P-256 public key', { cause: error });
  }
}

function iv(seq: bigint): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(12);
  new DataView(bytes.buffer).setBigUint64(4, seq);
  return bytes;
}

/**
 * One connection's sealing and opening. Frames are sealed and opened in call order; sequence numbers are
 * assigned when `seal` / `open` is called, so callers must call them in the order frames go out and come in.
 */
export class SecureChannel {
  #sendSeq = 0n;
  #receiveSeq = 0n;
  #broken = false;

  constructor(private readonly keys: ChannelKeys) {}

  /** Seals `plaintext` as the next frame. */
  async seal(plaintext: Uint8Array): Promise<Uint8Array> {
    const header = sealedHeader(this.#sendSeq);
    this.#sendSeq += 1n;
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv(sealedSeq(header)), additionalData: header },
      this.keys.send,
      new Uint8Array(plaintext),
    );
    const frame = new Uint8Array(SEALED_HEADER_BYTES + ciphertext.byteLength);
    frame.set(header);
    frame.set(new Uint8Array(ciphertext), SEALED_HEADER_BYTES);
    return frame;
  }

  /**
   * Opens the next frame from the peer.
   * @throws {ChannelError} when it is out of order or does not authenticate; the channel is then unusable.
   */
  async open(frame: Uint8Array): Promise<Uint8Array> {
    if (this.#broken) throw new ChannelError('the channel is closed');
    const expected = this.#receiveSeq;
    this.#receiveSeq += 1n;
    if (frame.length <= SEALED_HEADER_BYTES || sealedSeq(frame) !== expected) {
      this.#broken = true;
      throw new ChannelError('frame out of order');
    }
    const header = new Uint8Array(frame.subarray(0, SEALED_HEADER_BYTES));
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: iv(expected), additionalData: header },
          this.keys.receive,
          new Uint8Array(frame.subarray(SEALED_HEADER_BYTES)),
        ),
      );
    } catch (error) {
      this.#broken = true;
      throw new ChannelError('frame does not authenticate', { cause: error });
    }
  }
}
