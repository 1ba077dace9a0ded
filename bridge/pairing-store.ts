/**
 * The bridge's side of lasting pairings: its own ECDH key and, per paired page, the page's public key and
 * origin. Kept in one JSON file readable by the bridge's user only (mode 0600), written atomically, so a
 * kiosk's pairing survives reloads, updates and restarts of the bridge. `npm run bridge -- --forget-pairings`
 * deletes the file: every page has to pair again (a running bridge notices within one poll, closes their
 * connections and makes itself a new key). Nothing in it is personal data or a card secret.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportPublicKey, importPublicKey, newStaticKey } from '../app/readers/pcsc-bridge/channel';
import { fromBase64Url, PAIRING_ID_BYTES, toBase64Url } from '../app/readers/pcsc-bridge/protocol';

export interface PairingRecord {
  /** Hex, {@link PAIRING_ID_BYTES} random bytes. */
  readonly id: string;
  readonly origin: string;
  /** The page's ECDH P-256 public key, raw, base64url. */
  readonly pagePublicKey: string;
  /** ISO time of pairing. */
  readonly created: string;
}

interface StoreFile {
  readonly version: 1;
  readonly bridgeKey: JsonWebKey;
  readonly pairings: readonly PairingRecord[];
}

/** Most pairings kept; the oldest is forgotten first. */
export const MAX_PAIRINGS = 32;

export class PairingStore {
  #pairings: PairingRecord[];
  #stamp: string | null;
  #bridgeKey: CryptoKeyPair;
  #bridgePublicKey: Uint8Array;

  private constructor(
    private readonly file: string | null,
    bridgeKey: CryptoKeyPair,
    bridgePublicKey: Uint8Array,
    pairings: PairingRecord[],
  ) {
    this.#bridgeKey = bridgeKey;
    this.#bridgePublicKey = bridgePublicKey;
    this.#pairings = pairings;
    this.#stamp = this.#currentStamp();
  }

  /** The bridge's own ECDH key pair (the private key never leaves this process but for the file). */
  get bridgeKey(): CryptoKeyPair {
    return this.#bridgeKey;
  }

  /** The bridge's public key, raw (65 bytes). */
  get bridgePublicKey(): Uint8Array {
    return this.#bridgePublicKey;
  }

  /**
   * Opens the store at `file` (created with a new bridge key when missing), or an in-memory one for `null`.
   * @throws {Error} for a file that is not a pairing store (it is never overwritten then).
   */
  static async open(file: string | null): Promise<PairingStore> {
    const loaded = file === null ? null : readStore(file);
    let bridgeKey: CryptoKeyPair;
    if (loaded) {
      const privateKey = await crypto.subtle.importKey(
        'jwk',
        loaded.bridgeKey,
        { name: 'ECDH', namedCurve: 'P-256' },
        true,
        ['deriveKey'],
      );
      // The public half: the same JWK without its private scalar.
      const publicJwk: JsonWebKey = { ...loaded.bridgeKey, key_ops: [] };
      delete publicJwk.d;
      const publicKey = await crypto.subtle.importKey(
        'jwk',
        publicJwk,
        { name: 'ECDH', namedCurve: 'P-256' },
        true,
        [],
      );
      bridgeKey = { privateKey, publicKey };
    } else {
      bridgeKey = await newStaticKey(true);
    }
    const store = new PairingStore(file, bridgeKey, await exportPublicKey(bridgeKey.publicKey), [
      ...(loaded?.pairings ?? []),
    ]);
    if (!loaded) await store.#save();
    return store;
  }

  get size(): number {
    return this.#pairings.length;
  }

  /** The pairing `id` made for `origin`, or null. */
  find(id: string, origin: string): PairingRecord | null {
    return this.#pairings.find((p) => p.id === id && p.origin === origin) ?? null;
  }

  /** The page's public key of a pairing. */
  pagePublicKey(record: PairingRecord): Promise<CryptoKey> {
    return importPublicKey(fromBase64Url(record.pagePublicKey));
  }

  /** Records a new pairing and saves the file. */
  async add(origin: string, pagePublicKey: Uint8Array, now: Date): Promise<PairingRecord> {
    await importPublicKey(pagePublicKey); // refuses anything that is no P-256 point
    const record: PairingRecord = {
      id: randomBytes(PAIRING_ID_BYTES).toString('hex'),
      origin,
      pagePublicKey: toBase64Url(pagePublicKey),
      created: now.toISOString(),
    };
    this.#pairings = [...this.#pairings, record].slice(-MAX_PAIRINGS);
    await this.#save();
    return record;
  }

  /**
   * Reads the file again if someone changed it (`--forget-pairings`): returns the ids that are gone, whose
   * connections must end. A deleted file means every pairing is gone: the bridge makes itself a new key and
   * writes the file anew.
   */
  async reloadIfChanged(): Promise<readonly string[]> {
    if (this.file === null) return [];
    const stamp = this.#currentStamp();
    if (stamp === this.#stamp) return [];
    const before = this.#pairings.map((p) => p.id);
    let loaded: StoreFile | null;
    try {
      loaded = readStore(this.file);
    } catch {
      loaded = null;
    }
    this.#pairings = loaded ? [...loaded.pairings] : [];
    if (!loaded) {
      this.#bridgeKey = await newStaticKey(true);
      this.#bridgePublicKey = await exportPublicKey(this.#bridgeKey.publicKey);
      await this.#save();
    }
    this.#stamp = this.#currentStamp();
    const now = new Set(this.#pairings.map((p) => p.id));
    return before.filter((id) => !now.has(id));
  }

  #currentStamp(): string | null {
    if (this.file === null) return null;
    try {
      const stat = statSync(this.file);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return null;
    }
  }

  async #save(): Promise<void> {
    if (this.file === null) return;
    const content: StoreFile = {
      version: 1,
      bridgeKey: await crypto.subtle.exportKey('jwk', this.#bridgeKey.privateKey),
      pairings: this.#pairings,
    };
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
    this.#stamp = this.#currentStamp();
  }
}

/**
 * Deletes the pairing store: every page must pair again, and a new bridge key is made at the next start.
 * @returns how many pairings were forgotten.
 */
export function forgetPairings(file: string): number {
  let count: number;
  try {
    count = readStore(file)?.pairings.length ?? 0;
  } catch {
    count = 0;
  }
  rmSync(file, { force: true });
  return count;
}

/**
 * The store in `file`, or null when there is none.
 * @throws {Error} for a file that exists but is not a pairing store.
 */
function readStore(file: string): StoreFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isStoreFile(parsed)) throw new Error(`${file} is not a pairing store of this bridge`);
  return parsed;
}

function isStoreFile(value: unknown): value is StoreFile {
  if (typeof value !== 'object' || value === null) return false;
  const { version, bridgeKey, pairings } = value as Record<string, unknown>;
  return (
    version === 1 &&
    typeof bridgeKey === 'object' &&
    bridgeKey !== null &&
    Array.isArray(pairings) &&
    pairings.every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as PairingRecord).id === 'string' &&
        /^[0-9a-f]+$/.test((p as PairingRecord).id) &&
        typeof (p as PairingRecord).origin === 'string' &&
        typeof (p as PairingRecord).pagePublicKey === 'string' &&
        typeof (p as PairingRecord).created === 'string',
    )
  );
}
