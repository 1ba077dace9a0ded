/**
 * What the bridge needs of PC/SC, behind one small interface: the real binding (`pcsc-smartcard.ts`) and the
 * fake the tests use both implement it. Failures are `PcscFailure`s with the bridge's error code, translated
 * once, where the binding reports them.
 */
import type { BridgeErrorCode, ReaderInfo } from '../app/readers/pcsc-bridge/protocol';

/** A card connected exclusively: no other client or program can reach it until `disconnect`. */
export interface PcscCard {
  readonly atr: Uint8Array;
  /**
   * Sends one command APDU; returns the response APDU.
   * @throws {PcscFailure} card-removed, reader-unplugged, timeout, internal.
   */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /**
   * Whether this connection still reaches the card it was made to: false once that card left (even if another
   * card is in the reader now) or was reset. Never throws.
   */
  alive(): boolean;
  /** Releases the card and resets it, so no security state (a verified PIN) passes to the next client; never throws. */
  disconnect(): void;
}

export interface Pcsc {
  /**
   * The readers now, with card presence.
   * @throws {PcscFailure} reader-unplugged when the PC/SC service is gone.
   */
  readers(): Promise<readonly ReaderInfo[]>;
  /**
   * Connects to the card in `reader` with exclusive sharing.
   * @throws {PcscFailure} busy (held by another program), no-card, no-reader, reader-unplugged.
   */
  connect(reader: string): Promise<PcscCard>;
  close(): void;
}

export class PcscFailure extends Error {
  override readonly name = 'PcscFailure';
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The bridge error for a PC/SC failure. The `smartcard` binding reports only pcsc-lite's message text (no
 * numeric code), so this one table reads those texts (`src/pcsc_errors.h` of the binding).
 */
const PCSC_MESSAGES: readonly (readonly [RegExp, BridgeErrorCode])[] = [
  [/sharing violation/i, 'busy'],
  [/no smart card|card is unpowered|card is unresponsive|card is not supported/i, 'no-card'],
  [/card was removed|card was reset/i, 'card-removed'],
  [/unknown reader/i, 'no-reader'],
  [/timed out/i, 'timeout'],
  [
    /reader unavailable|service not running|service stopped|no readers|communication error|invalid handle|not ready|context is not valid/i,
    'reader-unplugged',
  ],
];

export function pcscFailure(error: unknown): PcscFailure {
  if (error instanceof PcscFailure) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = PCSC_MESSAGES.find(([pattern]) => pattern.test(text))?.[1] ?? 'internal';
  return new PcscFailure(code, text);
}
