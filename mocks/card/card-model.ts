/**
 * The virtual card's file model: applications holding binary files, private keys and credentials, each with
 * its access rule. Built per persona by `persona-card.ts`; run by `virtual-card.ts`.
 */
import type { ApplicationName } from '../../app/card/mynumber/ids';
import type { RawRsaKey } from './raw-rsa';

/** Who may read a binary file or use a key. */
export type Access =
  | { readonly kind: 'free' }
  /** After a successful VERIFY of any one of these credential files in the current DF session. */
  | { readonly kind: 'after'; readonly credentials: readonly number[] };

export interface BinaryFile {
  readonly kind: 'binary';
  readonly content: Uint8Array;
  readonly read: Access;
}

export interface KeyFile {
  readonly kind: 'key';
  readonly key: RawRsaKey;
  /** The credential whose VERIFY allows signing with this key. */
  readonly credential: number;
}

export interface CredentialFile {
  readonly kind: 'credential';
  /** The secret as the card compares it (ASCII bytes). */
  readonly secret: Uint8Array;
  readonly maxTries: number;
  /** Tries left when the card is made. */
  readonly initialTries: number;
}

export type CardFile = BinaryFile | KeyFile | CredentialFile;

export interface CardApplication {
  readonly name: ApplicationName;
  readonly aid: Uint8Array;
  readonly files: ReadonlyMap<number, CardFile>;
  /** The application's own key that answers `80 2A 00 00` with no credential (card-protocol.md §4). */
  readonly challengeKey?: RawRsaKey;
}

/** Everything on a card. */
export interface CardModel {
  readonly applications: readonly CardApplication[];
  /** Answer to reset over contacts (PC/SC). */
  readonly atr: Uint8Array;
}

export const FREE: Access = { kind: 'free' };
export const after = (...credentials: number[]): Access => ({ kind: 'after', credentials });
