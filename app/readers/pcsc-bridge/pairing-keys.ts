/**
 * The page's side of a lasting pairing with the bridge: the pairing id, the bridge's public key and the page's
 * own ECDH private key, generated non-extractable, so that no script (in this page or another origin) can read
 * it out; it can only be used here, to resume the pairing. Kept per bridge URL in IndexedDB (CryptoKey objects
 * survive structured cloning with their non-extractable flag), so a reload or an app update keeps the pairing.
 * Revoked from the bridge side (`npm run bridge -- --forget-pairings`): the bridge then answers `unknown-pairing`
 * and the record here is dropped.
 */
import { openDB, type DBSchema } from 'idb';

export interface StoredPairing {
  /** The bridge's id for this pairing (hex). */
  readonly pairingId: string;
  /** ECDH P-256 private key, non-extractable. */
  readonly pageKey: CryptoKey;
  /** The bridge's ECDH P-256 public key, as received inside the pairing. */
  readonly bridgeKey: CryptoKey;
}

export interface PairingKeyStore {
  load(bridgeUrl: string): Promise<StoredPairing | null>;
  save(bridgeUrl: string, pairing: StoredPairing): Promise<void>;
  remove(bridgeUrl: string): Promise<void>;
}

/** A store in memory only (tests, and the Node clients of the bridge's tests). */
export function memoryPairingKeyStore(): PairingKeyStore {
  const pairings = new Map<string, StoredPairing>();
  return {
    load: (url) => Promise.resolve(pairings.get(url) ?? null),
    save: (url, pairing) => {
      pairings.set(url, pairing);
      return Promise.resolve();
    },
    remove: (url) => {
      pairings.delete(url);
      return Promise.resolve();
    },
  };
}

export const BRIDGE_DB_NAME = 'age-check-bridge';

interface BridgeSchema extends DBSchema {
  pairings: { key: string; value: StoredPairing };
}

function isStoredPairing(value: unknown): value is StoredPairing {
  if (typeof value !== 'object' || value === null) return false;
  const { pairingId, pageKey, bridgeKey } = value as Record<string, unknown>;
  return (
    typeof pairingId === 'string' &&
    /^[0-9a-f]{32}$/.test(pairingId) &&
    pageKey instanceof CryptoKey &&
    pageKey.type === 'private' &&
    !pageKey.extractable &&
    bridgeKey instanceof CryptoKey &&
    bridgeKey.type === 'public'
  );
}

/** The store in this origin's IndexedDB (`age-check-bridge`). Failures lose the pairing, never open anything. */
export function indexedDbPairingKeyStore(): PairingKeyStore {
  const db = () =>
    openDB<BridgeSchema>(BRIDGE_DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore('pairings');
      },
    });
  return {
    load: async (url) => {
      const database = await db();
      try {
        const value: unknown = await database.get('pairings', url);
        return isStoredPairing(value) ? value : null;
      } finally {
        database.close();
      }
    },
    save: async (url, pairing) => {
      const database = await db();
      try {
        await database.put('pairings', pairing, url);
      } finally {
        database.close();
      }
    },
    remove: async (url) => {
      const database = await db();
      try {
        await database.delete('pairings', url);
      } finally {
        database.close();
      }
    },
  };
}
