/**
 * The one interface between the card layer and every reader: send a command APDU, get the response APDU.
 * Implemented by the WebUSB drivers, the PC/SC bridge client and the virtual card (`app/readers/`). GET
 * RESPONSE (61 xx) and wrong-Le (6C xx) are handled here, once, for all of them (ISO/IEC 7816-4 §5.3.4,
 * OpenSC `apdu.c`) — except for a command that carries a secret, which is sent once and its answer returned
 * as it came — and so is the rule of one exchange at a time.
 */
import {
  carriesSecret,
  encodeCommand,
  INS,
  parseCommand,
  parseResponse as parseApduResponse,
  type ResponseApdu,
} from './apdu';
import { concatBytes } from './bytes';
import { TransportError } from './transport-errors';

export { TransportError, throwIfAborted, type TransportErrorCode } from './transport-errors';

export type TransportKind = 'rcs380' | 'rcs300' | 'ccid' | 'pcsc-bridge' | 'virtual';

/** What a transport is, for the UI and for APDU choices. */
export interface TransportInfo {
  readonly kind: TransportKind;
  /** Shown to the user, e.g. "Sony RC-S380/P". */
  readonly name: string;
  /** True for the simulator: verdicts from it are demo verdicts. */
  readonly simulated: boolean;
  /** Whether extended-length APDUs reach the card (short APDUs are the portable choice). */
  readonly extendedApdu: boolean;
}

export interface TransmitOptions {
  readonly signal?: AbortSignal;
}

export interface CardTransport {
  readonly info: TransportInfo;
  /**
   * Sends one command APDU and returns the whole response APDU (data + SW1 SW2).
   * @throws {TransportError} no card, card removed, unplugged, timeout, busy, protocol, aborted.
   */
  transmit(apdu: Uint8Array, options?: TransmitOptions): Promise<Uint8Array>;
  /** Whether a card is on the reader now (activating it if it just arrived). Never throws for "no card". */
  cardPresent(options?: TransmitOptions): Promise<boolean>;
  /** Releases the reader. */
  close(): Promise<void>;
}

/** Upper bound of GET RESPONSE rounds: 64 × 256 bytes is far more than any file on the card. */
const MAX_GET_RESPONSE = 64;

/**
 * Base of every transport: one exchange at a time (interleaved transfers would corrupt the reader's framing),
 * and the 61 xx / 6C xx corrections around the driver's raw `exchange`.
 */
export abstract class BaseTransport implements CardTransport {
  abstract readonly info: TransportInfo;
  #busy = false;
  /** A presence check in flight: an exchange waits for it (it is short) instead of failing as busy. */
  #presence: Promise<boolean> | null = null;

  /** Sends exactly one APDU to the card and returns its raw response. */
  protected abstract exchange(apdu: Uint8Array, options: TransmitOptions): Promise<Uint8Array>;
  /** Checks for a card (activating it if it just arrived). */
  protected abstract detectCard(options: TransmitOptions): Promise<boolean>;
  abstract close(): Promise<void>;

  async transmit(apdu: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    if (this.#presence) await this.#presence.catch(() => false);
    if (this.#busy) throw new TransportError('transport.busy', 'another exchange is running');
    this.#busy = true;
    try {
      return await transmitWithCorrections((command) => this.exchange(command, options), apdu);
    } finally {
      this.#busy = false;
    }
  }

  /** While an exchange runs the card was there when it started; its errors will tell if it left. */
  async cardPresent(options: TransmitOptions = {}): Promise<boolean> {
    if (this.#busy || this.#presence) return true;
    this.#busy = true;
    const presence = this.detectCard(options);
    this.#presence = presence;
    try {
      return await presence;
    } finally {
      this.#busy = false;
      this.#presence = null;
    }
  }
}

/** A response without a status word is a broken frame, not a card answer. */
function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new TransportError('transport.protocol', 'response shorter than a status word');
  return parseApduResponse(bytes);
}

/**
 * Sends `apdu` through `exchange`, resending once with the card's Le on 6C xx and collecting 61 xx data with
 * GET RESPONSE. A command that carries a secret (VERIFY with data…) is sent exactly once and its answer
 * returned unchanged, whatever it is: the card layer ends the check on an odd status.
 */
export async function transmitWithCorrections(
  exchange: (apdu: Uint8Array) => Promise<Uint8Array>,
  apdu: Uint8Array,
): Promise<Uint8Array> {
  const first = await exchange(apdu);
  if (carriesSecret(apdu)) {
    parseResponse(first);
    return first;
  }
  let response = parseResponse(first);
  if ((response.sw & 0xff00) === 0x6c00) {
    const command = parseCommand(apdu);
    const le = response.sw & 0xff || 256;
    response = parseResponse(await exchange(encodeCommand({ ...command, le })));
  }
  const parts = [response.data];
  for (let round = 0; (response.sw & 0xff00) === 0x6100; round += 1) {
    if (round >= MAX_GET_RESPONSE) throw new TransportError('transport.protocol', 'endless GET RESPONSE');
    const le = response.sw & 0xff || 256;
    response = parseResponse(
      await exchange(encodeCommand({ cla: 0x00, ins: INS.getResponse, p1: 0, p2: 0, data: new Uint8Array(0), le })),
    );
    parts.push(response.data);
  }
  return concatBytes(...parts, Uint8Array.of(response.sw >> 8, response.sw & 0xff));
}
