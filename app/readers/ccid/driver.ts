/**
 * Standard USB smart-card readers (CCID class 0x0B, contact or contactless) over WebUSB, for readers that
 * present the card as an ICC taking whole APDUs: the reader itself runs T=0/T=1 or ISO-DEP.
 *
 * Protocol: USB CCID rev. 1.1 messages (`ccid-message.ts`) on the interface's bulk OUT/IN pipes, slot 0.
 * IccPowerOn once per card presence (its DataBlock carries the ATR), then one XfrBlock per APDU;
 * GetSlotStatus polls for the card. Each message is one bulk OUT; its answer may span several bulk INs.
 *
 * WebUSB refuses to claim class 0x0B (`SecurityError`) unless the page is an Isolated Web App with the
 * `usb-unrestricted` permission, or runs in Electron (card-protocol.md §6). Everywhere else `open` fails
 * with {@link CcidBlockedError}, which names the routes that do work.
 *
 * Quirks and choices:
 * | what | how |
 * |---|---|
 * | exchange level | short APDUs only (`extendedApdu` false); TPDU-level readers, which need the host to run T=1, are not driven; the class descriptor's dwFeatures is not read (WebUSB does not expose it) |
 * | answers | message type, slot and sequence number checked on every answer; a header that does not add up is `transport.protocol` |
 * | long answers | read until dwLength is satisfied; an empty transfer (the ZLP ending a message of whole packets) is skipped |
 * | time extension | bStatus 0x80: keep reading, waiting the BWT multiplier (bError) × the answer timeout, at most {@link MAX_TIME_EXTENSIONS} times |
 * | card session | IccPowerOn once per presence; ICC status absent or bError ICC_MUTE (FE) → `no-card` before a session, `card-removed` during one |
 * | card swapped between polls | the reader reports the slot inactive → the session is gone, power on again |
 * | response chaining | bChainParameter ≠ 0 only happens at extended APDU level → `transport.protocol` |
 * | stuck or garbled pipe | after any failed message (IN timeout, abort, protocol error): USB reset before the next one (WebUSB cannot cancel one transfer), then power on again |
 * | open | drain answers left in the IN pipe by an earlier session (10 ms reads until nothing comes, as nfcpy does for its readers), so the first message's answer is ours |
 * | multi-slot readers | only slot 0 |
 * | NotifySlotChange | the interrupt pipe is not used; `cardPresent` polls |
 */
import { concatBytes } from '../../card/bytes';
import {
  BaseTransport,
  TransportError,
  type TransmitOptions,
  type TransportInfo,
  type TransportKind,
} from '../../card/transport';
import type { ReaderTrace } from '../trace/reader-trace';
import type { TraceableTransport } from '../trace/traceable';
import { findCcidInterface } from '../usb-ids';
import { UsbLink } from '../usb-link';
import { ccidRedactor } from './trace-redactor';
import {
  getSlotStatus,
  HEADER_LENGTH,
  iccPowerOff,
  iccPowerOn,
  MAX_DATA_LENGTH,
  messageLength,
  parseResponse,
  SLOT_ERROR,
  xfrBlock,
  type CcidResponse,
  type SlotState,
} from './ccid-message';

export { CCID_USB_FILTER, findCcidInterface, isCcidInterface, SMART_CARD_CLASS } from '../usb-ids';

/** Time for the reader to answer one message, milliseconds; a slow card asks for more with time extensions. */
const ANSWER_TIMEOUT_MS = 3_000;
/** Upper bound of one wait after a time extension, milliseconds. */
const MAX_EXTENDED_WAIT_MS = 30_000;
/** Time extensions accepted for one message: a card that keeps asking is as good as mute. */
export const MAX_TIME_EXTENSIONS = 100;
/** Answer timeout of the courtesy IccPowerOff in `close`, milliseconds: an unplugged reader must not hold it up. */
const CLOSE_TIMEOUT_MS = 500;
/** Quiet time that ends the drain at open, milliseconds. */
const DRAIN_QUIET_MS = 10;
/** Bulk IN transfers for one message; 64-byte packets of the largest answer need about 1 030. */
const MAX_IN_TRANSFERS = 2_048;
const SLOT = 0;

const EXPLANATION =
  'This browser does not let web pages claim a standard smart-card reader: USB class 0x0B is protected in ' +
  'WebUSB, and only an Isolated Web App with the usb-unrestricted permission (or Electron) may claim it. ' +
  'Use a Sony PaSoRi RC-S380 over WebUSB, or the local PC/SC bridge.';

/**
 * WebUSB refused the CCID interface (protected class): the code is `transport.not-supported`, the message
 * explains why, and {@link alternatives} names the transports that work from an ordinary page.
 */
export class CcidBlockedError extends TransportError {
  /** Routes that reach the card from this page instead. */
  readonly alternatives: readonly TransportKind[] = Object.freeze(['rcs380', 'pcsc-bridge'] as const);

  constructor(cause: unknown) {
    super('transport.not-supported', EXPLANATION, { cause });
  }
}

/** Counts for tests and `npm run bench:readers`. */
export interface CcidCounters {
  /** Messages sent to the reader. */
  messages: number;
  powerOns: number;
  timeExtensions: number;
  /** USB resets after a timeout, abort or protocol error. */
  recoveries: number;
}

/** Options of {@link CcidTransport.open}. */
export interface CcidOptions {
  /** Time for the reader to answer one message, milliseconds (default 3 000). */
  readonly answerTimeoutMs?: number;
  /** Quiet time that ends the drain at open, milliseconds (default 10). */
  readonly drainQuietMs?: number;
}

const cardGone = (state: SlotState) => state.icc === 'absent' || state.error === SLOT_ERROR.iccMute;

const slotFailure = (state: SlotState, during: string) =>
  new TransportError(
    'transport.protocol',
    `${during}: the reader reported error ${state.error.toString(16).padStart(2, '0')} (ICC ${state.icc})`,
  );

/** A CCID reader's slot 0 as a card transport; see the module comment for the protocol and quirks. */
export class CcidTransport extends BaseTransport implements TraceableTransport {
  readonly info: TransportInfo;
  readonly counters: CcidCounters = { messages: 0, powerOns: 0, timeExtensions: 0, recoveries: 0 };
  readonly #answerTimeoutMs: number;
  #sequence = 0;
  /** The card's ATR while a session runs (powered on by us, not since removed). */
  #atr: Uint8Array | null = null;
  /** Set after a failed message (protocol error, too many time extensions…): reset before the next one. */
  #unsynced = false;

  private constructor(
    readonly link: UsbLink,
    options: CcidOptions,
  ) {
    super();
    this.#answerTimeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
    const name = link.device.productName || 'USB smart-card reader (CCID)';
    this.info = { kind: 'ccid', name, simulated: false, extendedApdu: false };
  }

  /**
   * Claims the reader's CCID interface.
   * @throws {CcidBlockedError} when WebUSB refuses the protected class (not an Isolated Web App).
   * @throws {TransportError} `not-supported` for a device without a CCID interface, `reader-unplugged`,
   * `permission-denied`, `protocol`.
   */
  static async open(device: USBDevice, options: CcidOptions = {}): Promise<CcidTransport> {
    const usbInterface = findCcidInterface(device);
    if (!usbInterface) throw new TransportError('transport.not-supported', 'the device is no CCID smart-card reader');
    let link: UsbLink;
    try {
      link = await UsbLink.open(device, { interfaceNumber: usbInterface.interfaceNumber });
    } catch (error) {
      // UsbLink maps SecurityError (the protected class) to not-supported; add which route works instead.
      if (error instanceof TransportError && error.code === 'transport.not-supported') {
        throw new CcidBlockedError(error);
      }
      throw error;
    }
    try {
      await link.drain(options.drainQuietMs ?? DRAIN_QUIET_MS);
    } catch (error) {
      await link.close();
      throw error;
    }
    return new CcidTransport(link, options);
  }

  /** The ATR of the powered card, or null outside a card session. */
  get atr(): Uint8Array | null {
    return this.#atr?.slice() ?? null;
  }

  /** Sends one message and returns its answer, after any time extensions. */
  async #transceive<K extends CcidResponse['kind']>(
    build: (slot: number, sequence: number) => Uint8Array,
    expected: K,
    signal: AbortSignal | undefined,
    timeoutMs = this.#answerTimeoutMs,
  ): Promise<Extract<CcidResponse, { kind: K }>> {
    if (this.link.stale || this.#unsynced) await this.#recover();
    const sequence = this.#sequence;
    this.#sequence = (sequence + 1) & 0xff;
    try {
      await this.link.send(build(SLOT, sequence), signal);
      this.counters.messages += 1;
      let waitMs = timeoutMs;
      for (let extensions = 0; ; extensions += 1) {
        const answer = parseResponse(await this.#receiveMessage(waitMs, signal));
        if (answer.kind !== expected) {
          throw new TransportError('transport.protocol', `expected a ${expected}, got a ${answer.kind}`);
        }
        if (answer.slot !== SLOT) throw new TransportError('transport.protocol', `answer for slot ${answer.slot}`);
        if (answer.sequence !== sequence) {
          throw new TransportError('transport.protocol', `answer to message ${answer.sequence}, expected ${sequence}`);
        }
        if (answer.state.command !== 'time-extension') return answer as Extract<CcidResponse, { kind: K }>;
        if (extensions >= MAX_TIME_EXTENSIONS) {
          throw new TransportError('transport.timeout', `the card asked for more time ${extensions} times`);
        }
        this.counters.timeExtensions += 1;
        // bError holds the multiplier of the block waiting time the card asked for (CCID §6.2.6).
        waitMs = Math.min(MAX_EXTENDED_WAIT_MS, timeoutMs * Math.max(1, answer.state.error));
      }
    } catch (error) {
      // Garbled, unfinished or unanswered: what is left in the pipe is unknown. The USB reset before the next
      // message also deactivates the card, so the session ends here.
      this.#unsynced = true;
      this.#atr = null;
      throw error;
    }
  }

  /** Bulk INs until the header's dwLength is satisfied. */
  async #receiveMessage(timeoutMs: number, signal: AbortSignal | undefined): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let received = 0;
    let total: number | null = null;
    for (let transfer = 0; transfer < MAX_IN_TRANSFERS; transfer += 1) {
      // Before the header is known, ask for the largest message: the reader ends its transfer with a short packet.
      const wanted = total === null ? HEADER_LENGTH + MAX_DATA_LENGTH : total - received;
      const chunk = await this.link.receive(wanted, timeoutMs, signal);
      parts.push(chunk);
      received += chunk.length;
      if (total === null && received >= HEADER_LENGTH) total = messageLength(concatBytes(...parts));
      if (total !== null && received >= total) return concatBytes(...parts);
    }
    throw new TransportError('transport.protocol', `no whole message in ${MAX_IN_TRANSFERS} transfers`);
  }

  /** USB reset: clears a pending transfer and the reader's state, which also powers the card off. */
  async #recover(): Promise<void> {
    this.#atr = null;
    await this.link.recover();
    this.#unsynced = false;
    this.counters.recoveries += 1;
  }

  /** IccPowerOn. Returns false when there is no card to power. */
  async #powerOn(signal: AbortSignal | undefined): Promise<boolean> {
    this.#atr = null;
    const answer = await this.#transceive(iccPowerOn, 'data-block', signal);
    if (answer.state.command === 'failed') {
      if (cardGone(answer.state)) return false;
      throw slotFailure(answer.state, 'powering the card on');
    }
    if (answer.data.length === 0) throw new TransportError('transport.protocol', 'power-on answer without ATR');
    this.#atr = answer.data;
    this.counters.powerOns += 1;
    return true;
  }

  protected async exchange(apdu: Uint8Array, { signal }: TransmitOptions): Promise<Uint8Array> {
    if (!this.#atr && !(await this.#powerOn(signal))) {
      throw new TransportError('transport.no-card', 'no card in the reader');
    }
    try {
      const answer = await this.#transceive((slot, sequence) => xfrBlock(slot, sequence, apdu), 'data-block', signal);
      if (answer.state.command === 'failed') {
        // An inactive slot means the reader saw the card leave (and maybe a new one arrive) since power-on.
        if (cardGone(answer.state) || answer.state.icc === 'inactive') {
          throw new TransportError('transport.card-removed', 'the card left the reader');
        }
        throw slotFailure(answer.state, 'exchanging an APDU');
      }
      if (answer.chainParameter !== 0) {
        this.#unsynced = true; // the reader waits for a continuation request we do not send
        throw new TransportError('transport.protocol', `chained answer (bChainParameter ${answer.chainParameter})`);
      }
      return answer.data;
    } catch (error) {
      // After any failure the card's state is unknown: start a fresh session (as the RC-S380 driver does).
      this.#atr = null;
      throw error;
    }
  }

  protected async detectCard({ signal }: TransmitOptions): Promise<boolean> {
    const { state } = await this.#transceive(getSlotStatus, 'slot-status', signal);
    if (state.command === 'failed' && !cardGone(state)) throw slotFailure(state, 'reading the slot status');
    if (state.icc === 'absent') {
      this.#atr = null;
      return false;
    }
    if (state.icc === 'active' && this.#atr) return true;
    // Inactive: a new card, or ours after the reader dropped it. Active without a session: powered by
    // someone before us; power on again so that no earlier security state carries over.
    return this.#powerOn(signal);
  }

  /** Powers the card off (dropping any verified PIN state on it) and releases the reader. */
  /** Sends every transfer, redacted, to `trace` (the staff screen's reader diagnostics), or stops. */
  traceTo(trace: ReaderTrace | null): void {
    this.link.tap = trace ? trace.tap(ccidRedactor()) : null;
  }

  async close(): Promise<void> {
    // After a failed message the session is already gone (and the reader about to be reset).
    if (this.#atr) {
      try {
        await this.#transceive(iccPowerOff, 'slot-status', undefined, CLOSE_TIMEOUT_MS);
      } catch {
        // The reader may already be gone.
      }
    }
    this.#atr = null;
    await this.link.close();
  }
}
