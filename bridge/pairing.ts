/**
 * Pairing: the bridge prints a short one-time code; a page that sends it back gets a random 32-byte token,
 * which then authenticates every message. The code is single-use, expires, and a few wrong attempts close
 * pairing for a while (then a fresh code is printed), so guessing is slower than the clerk noticing.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PAIRING_CODE_DIGITS, TOKEN_BYTES, type BridgeErrorCode } from '../app/readers/pcsc-bridge/protocol';

export interface PairingOptions {
  /** How long a code is valid, milliseconds. */
  readonly codeTtlMs: number;
  /** Wrong codes accepted before pairing closes. */
  readonly maxAttempts: number;
  /** How long pairing stays closed after too many wrong codes, milliseconds. */
  readonly lockoutMs: number;
  /** Tokens kept at once (one per paired page load); the oldest is forgotten first. */
  readonly maxTokens: number;
  readonly now: () => number;
  /** Told each new code, to print it for the clerk. */
  readonly onCode: (code: string) => void;
}

export const DEFAULT_PAIRING: Omit<PairingOptions, 'onCode' | 'now'> = Object.freeze({
  codeTtlMs: 5 * 60_000,
  maxAttempts: 5,
  lockoutMs: 60_000,
  maxTokens: 16,
});

export type PairingResult =
  | { readonly ok: true; readonly token: string }
  | {
      readonly ok: false;
      readonly code: Extract<BridgeErrorCode, 'pairing-refused' | 'pairing-expired' | 'pairing-locked'>;
    };

export class Pairing {
  #code = '';
  #issuedAt = 0;
  #failures = 0;
  #lockedUntil = 0;
  #tokens: Buffer[] = [];

  constructor(private readonly options: PairingOptions) {
    this.#issue();
  }

  #issue(): void {
    this.#code = String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
    this.#issuedAt = this.options.now();
    this.#failures = 0;
    this.options.onCode(this.#code);
  }

  /** Tries a pairing code; a right one is used up at once (a replay finds a new code). */
  attempt(code: string): PairingResult {
    const now = this.options.now();
    if (now < this.#lockedUntil) return { ok: false, code: 'pairing-locked' };
    if (this.#lockedUntil !== 0) {
      this.#lockedUntil = 0;
      this.#issue();
      return { ok: false, code: 'pairing-locked' };
    }
    if (now - this.#issuedAt > this.options.codeTtlMs) {
      this.#issue();
      return { ok: false, code: 'pairing-expired' };
    }
    if (!safeEqual(Buffer.from(code), Buffer.from(this.#code))) {
      this.#failures += 1;
      if (this.#failures >= this.options.maxAttempts) this.#lockedUntil = now + this.options.lockoutMs;
      return { ok: false, code: 'pairing-refused' };
    }
    const token = randomBytes(TOKEN_BYTES);
    this.#tokens.push(token);
    if (this.#tokens.length > this.options.maxTokens) this.#tokens.shift();
    this.#issue();
    return { ok: true, token: token.toString('hex') };
  }

  /** Whether `token` (hex) was handed out and is still kept; compared in constant time. */
  verify(token: string | undefined): boolean {
    if (token === undefined || !/^[0-9a-f]{64}$/.test(token)) return false;
    const candidate = Buffer.from(token, 'hex');
    let found = false;
    // Compare with every token (no early exit), so timing tells nothing about which one matched.
    for (const known of this.#tokens) found = safeEqual(candidate, known) || found;
    return found;
  }
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
