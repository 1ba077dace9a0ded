/**
 * Pairing with the 6-digit code the bridge prints, through OPAQUE (RFC 9807, `@serenity-kit/opaque`): the bridge
 * registers each new code with itself, then answers the page's login. A page with the right code completes it;
 * anyone else (a page with a wrong code, a local program guessing) learns nothing and costs itself a guess.
 *
 * Guessing is bounded without letting anyone keep pairing closed. Every login started counts as a wrong code
 * until it completes (the page learns from the bridge's first answer whether its code was right, so a guesser
 * never needs to come back):
 * - per source (the socket's origin): after `failuresPerSource` wrong codes that source waits, the wait
 *   doubling up to `maxLockoutMs`; attempts during the wait do not extend it, so a lock always ends;
 * - per code: after `failuresPerCode` wrong codes from anywhere the code is replaced (a new one is printed), so
 *   no code is exposed to more than that many guesses;
 * - a code lasts `codeTtlMs`.
 * Pages that paired before resume without the code and are never affected by any of this.
 */
import { randomInt } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { PAIRING_KEY_STRETCHING, PAIRING_USER, pairingIdentifiers } from '../app/readers/pcsc-bridge/pake-params';
import { PAIRING_CODE_DIGITS, type BridgeErrorCode } from '../app/readers/pcsc-bridge/protocol';

export interface PairingOptions {
  /** How long a code is valid, milliseconds. */
  readonly codeTtlMs: number;
  /** Wrong codes from one source before it has to wait. */
  readonly failuresPerSource: number;
  /** The first wait, milliseconds; doubled with each further wrong code from that source. */
  readonly firstLockoutMs: number;
  /** The longest wait, milliseconds. */
  readonly maxLockoutMs: number;
  /** Wrong codes (from all sources) after which the code is replaced. */
  readonly failuresPerCode: number;
  /** The bridge's port, bound into the OPAQUE transcript. */
  readonly port: number;
  readonly now: () => number;
  /** Told each new code, to print it for the clerk. */
  readonly onCode: (code: string) => void;
}

export const DEFAULT_PAIRING: Omit<PairingOptions, 'onCode' | 'now' | 'port'> = Object.freeze({
  codeTtlMs: 5 * 60_000,
  failuresPerSource: 3,
  firstLockoutMs: 30_000,
  maxLockoutMs: 5 * 60_000,
  failuresPerCode: 10,
});

type Refusal = Extract<BridgeErrorCode, 'pairing-refused' | 'pairing-expired' | 'pairing-locked'>;

/** A login under way: the page's answer finishes it. */
export interface PairingAttempt {
  /** OPAQUE KE2 for the page. */
  readonly response: string;
  /**
   * Finishes with the page's KE3: the 64-byte session key when the page knew the code, else null (counted as a
   * wrong code for the source and the code).
   */
  finish(finishLoginRequest: string): Uint8Array<ArrayBuffer> | null;
}

interface SourceState {
  failures: number;
  until: number;
}

export class Pairing {
  #code = '';
  #issuedAt = 0;
  #codeFailures = 0;
  /** The code registered per origin (the origin is bound into the transcript), made on first use. */
  #records = new Map<string, string>();
  readonly #serverSetup: string;
  readonly #sources = new Map<string, SourceState>();

  private constructor(private readonly options: PairingOptions) {
    this.#serverSetup = opaque.server.createSetup();
    this.#issue();
  }

  /** Loads the OPAQUE library and prints the first code. */
  static async create(options: PairingOptions): Promise<Pairing> {
    await opaque.ready;
    return new Pairing(options);
  }

  #issue(): void {
    this.#code = String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
    this.#issuedAt = this.options.now();
    this.#codeFailures = 0;
    this.#records = new Map();
    this.options.onCode(this.#code);
  }

  /** The code's registration record for `origin`: the bridge plays the OPAQUE client once, locally. */
  #recordFor(origin: string): string {
    const known = this.#records.get(origin);
    if (known) return known;
    const start = opaque.client.startRegistration({ password: this.#code });
    const { registrationResponse } = opaque.server.createRegistrationResponse({
      serverSetup: this.#serverSetup,
      userIdentifier: PAIRING_USER,
      registrationRequest: start.registrationRequest,
    });
    const record = opaque.client.finishRegistration({
      clientRegistrationState: start.clientRegistrationState,
      registrationResponse,
      password: this.#code,
      identifiers: pairingIdentifiers(origin, this.options.port),
      keyStretching: PAIRING_KEY_STRETCHING,
    }).registrationRecord;
    this.#records.set(origin, record);
    return record;
  }

  /** Seconds a source still has to wait, or 0. */
  lockedFor(source: string): number {
    const state = this.#sources.get(source);
    return state && state.until > this.options.now() ? Math.ceil((state.until - this.options.now()) / 1000) : 0;
  }

  /**
   * Starts a login for a page of `origin` (the source its failures are counted for) with its OPAQUE KE1.
   * @returns the attempt, or why none is started; a malformed KE1 counts as a wrong code.
   */
  start(origin: string, startLoginRequest: string): PairingAttempt | Refusal {
    const source = origin;
    const now = this.options.now();
    if (this.lockedFor(source) > 0) return 'pairing-locked';
    if (now - this.#issuedAt > this.options.codeTtlMs) {
      this.#issue();
      return 'pairing-expired';
    }
    const identifiers = pairingIdentifiers(origin, this.options.port);
    let started: { serverLoginState: string; loginResponse: string };
    try {
      started = opaque.server.startLogin({
        serverSetup: this.#serverSetup,
        registrationRecord: this.#recordFor(origin),
        startLoginRequest,
        userIdentifier: PAIRING_USER,
        identifiers,
      });
    } catch {
      this.#failed(source);
      return 'pairing-refused';
    }
    // Counted as a wrong code now: the page learns from this answer whether its code was right, and a guesser
    // would simply not come back. Only a completed pairing takes it back.
    this.#failed(source);
    const code = this.#code;
    let finished = false;
    return {
      response: started.loginResponse,
      finish: (finishLoginRequest) => {
        if (finished) return null;
        finished = true;
        // A code replaced meanwhile (expired, or too many guesses) cannot complete any more.
        if (code !== this.#code) return null;
        try {
          const { sessionKey } = opaque.server.finishLogin({
            serverLoginState: started.serverLoginState,
            finishLoginRequest,
            identifiers,
          });
          this.#sources.delete(source);
          this.#issue(); // single use
          return Uint8Array.from(Buffer.from(sessionKey, 'base64url'));
        } catch {
          return null;
        }
      },
    };
  }

  #failed(source: string): void {
    const now = this.options.now();
    const state = this.#sources.get(source) ?? { failures: 0, until: 0 };
    state.failures += 1;
    if (state.failures >= this.options.failuresPerSource) {
      const doublings = state.failures - this.options.failuresPerSource;
      state.until = now + Math.min(this.options.maxLockoutMs, this.options.firstLockoutMs * 2 ** doublings);
    }
    this.#sources.set(source, state);
    this.#codeFailures += 1;
    if (this.#codeFailures >= this.options.failuresPerCode) this.#issue();
  }
}
