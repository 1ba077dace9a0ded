/**
 * Sony RC-S300 (PaSoRi, USB 054C:0DC8 /S and 054C:0DC9 /P) over WebUSB, talking ISO 14443 Type B to the
 * My Number Card.
 *
 * **Untested on real hardware.** Written from card-protocol.md §6 and the public FeliCa clients of this reader;
 * no public RC-S300 + Type B browser code is known. The choices marked [open] are ours, and the fake firmware
 * (`mocks/usb/rcs300-model.ts`) implements the same ones; check them first on a real reader.
 *
 * Protocol: vendor-class interface 1 (interface 0 is CCID class 0B, which WebUSB refuses), bulk OUT/IN,
 * 64-byte packets; CCID escape messages (`escape-frame.ts`) carrying Sony `FF 50` pseudo-APDUs
 * (`sony-commands.ts`). On "switch protocol: Type B, layer 4" the reader activates the card (REQB, ATTRIB);
 * the host still builds the ISO-DEP blocks (PCB, chaining, WTX, R(NAK): `../iso-dep.ts`) and the reader adds
 * CRC_B. Each pseudo-APDU is one bulk OUT, then IN transfers until the answer is complete.
 *
 * Quirks and choices:
 * | what | how |
 * |---|---|
 * | RF set-up | start transparent session + RF on, once when opened (and after a USB reset) |
 * | activation | switch protocol once per card presence; `C0` "no answer" → no card |
 * | re-activation | after a session ended by an error the card may still be ACTIVE and ignore REQB: RF off, 10 ms, RF on first (ISO/IEC 14443-3 field reset) |
 * | FSC, FWT [open] | the host never sees the ATQB: FSC assumed 64 bytes (every APDU of this app fits one block, longer ones chain); FWT from FWI 10 (≈ 309 ms), erring long |
 * | transceive layout [open] | `FF 50 00 01 00 <u16 BE> 5F 46 04 <µs u32 LE> 95 82 <u16 BE> <block> 00 00 00`, the byte layout of the FeliCa clients |
 * | RF errors [open] | `C0 03 xx 64 01` → RF timeout, `C0 03 xx 64 02` or a non-zero `96` → RF transmission error; any other `C0` → `transport.protocol` |
 * | session answers [open] | `C0` may be absent; when present it must be `00 90 00` |
 * | long answers | IN transfers until the header's dwLength is met; empty transfers (ZLP) before a header are skipped |
 * | time extension | bmCommandStatus 2: keep waiting for the answer with the same bSeq, at most 60 times |
 * | framing error | a bad header, sequence number or answer leaves unknown bytes in the pipe: USB reset and set-up before the next command |
 * | stuck transfer | an IN timeout poisons the pipe (WebUSB cannot cancel one transfer): USB reset and set-up again |
 * | card removal | "no answer" after ISO-DEP's retries → `transport.card-removed` |
 */
import {
  BaseTransport,
  throwIfAborted,
  TransportError,
  type TransmitOptions,
  type TransportInfo,
} from '../../card/transport';
import { frameWaitingTimeMs, IsoDep, RfError } from '../iso-dep';
import { RCS300_DEVICES } from '../usb-ids';
import { UsbLink } from '../usb-link';
import { encodeEscape, MAX_MESSAGE, receiveEscapeAnswer } from './escape-frame';
import {
  parseControlAnswer,
  parseTransceiveAnswer,
  SESSION,
  SWITCH_TYPE_B_LAYER_4,
  transceiveCommand,
} from './sony-commands';

export { RCS300_DEVICES } from '../usb-ids';

/** The vendor-class interface (interface 0 is the protected CCID one). */
const VENDOR_INTERFACE = 1;
/** USB answer time beyond the RF timeout for the reader's own work, milliseconds. */
const USB_MARGIN_MS = 250;
/** Session and RF on/off commands involve no card, milliseconds. */
const CONTROL_TIMEOUT_MS = 100;
/** REQB + ATTRIB by the reader, including its own retries [open], milliseconds. */
const ACTIVATION_TIMEOUT_MS = 200;
/** Field off time that resets a PICC (ISO/IEC 14443-3 RF reset: t_RESET 5–10 ms), milliseconds. */
const FIELD_RESET_MS = 10;
/** FSC assumed for the card, bytes [open]: see the quirk table. */
const ASSUMED_FSC = 64;
/** FWI assumed for the card [open]: see the quirk table. */
const ASSUMED_FWI = 10;
/** Upper bound of consecutive CCID time extensions, so a confused reader cannot hold the host forever. */
const MAX_TIME_EXTENSIONS = 60;

/** Counts for tests and `npm run bench:readers`. */
export interface Rcs300Counters {
  /** Transparent session started and RF switched on. */
  setupRuns: number;
  /** Successful switch-protocol activations. */
  activations: number;
  /** RF off/on cycles before a re-activation. */
  fieldResets: number;
  /** USB resets after a stuck transfer or a framing error. */
  recoveries: number;
  /** Escape messages sent. */
  escapeCommands: number;
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => {
    throwIfAborted(signal);
  });

/** A claimed RC-S300 as a `CardTransport`: one APDU at a time to the card in its field. */
export class Rcs300Transport extends BaseTransport {
  readonly info: TransportInfo;
  readonly counters: Rcs300Counters = {
    setupRuns: 0,
    activations: 0,
    fieldResets: 0,
    recoveries: 0,
    escapeCommands: 0,
  };
  #isoDep: IsoDep | null = null;
  #seq = 0;
  /** A framing error left the pipe in an unknown state: reset before the next command. */
  #resync = false;
  /** A session ended by an error: the card may still be ACTIVE, so reset the field before activating. */
  #fieldDirty = false;

  private constructor(readonly link: UsbLink) {
    super();
    const known = RCS300_DEVICES.find((d) => d.productId === link.device.productId);
    this.info = { kind: 'rcs300', name: known?.name ?? 'Sony RC-S300', simulated: false, extendedApdu: false };
  }

  /**
   * Claims the reader's vendor interface, starts a transparent session and switches RF on.
   * @throws {TransportError} when the reader cannot be claimed or does not answer.
   */
  static async open(device: USBDevice): Promise<Rcs300Transport> {
    const link = await UsbLink.open(device, { interfaceNumber: VENDOR_INTERFACE });
    const transport = new Rcs300Transport(link);
    try {
      await transport.#setUp();
    } catch (error) {
      await link.close();
      throw error;
    }
    return transport;
  }

  async #setUp(signal?: AbortSignal): Promise<void> {
    await this.#control(SESSION.start, signal);
    await this.#control(SESSION.rfOn, signal);
    this.counters.setupRuns += 1;
  }

  /** Before a command: after a stuck transfer or a framing error, reset USB and set up again. */
  async #ready(signal?: AbortSignal): Promise<void> {
    if (!this.link.stale && !this.#resync) return;
    await this.link.recover();
    this.counters.recoveries += 1;
    this.#resync = false;
    this.#isoDep = null;
    this.#fieldDirty = false; // the reset switched the field off
    await this.#setUp(signal);
  }

  /** One pseudo-APDU: one escape message out, its answer in, parsed by `parse`. */
  async #command<T>(
    payload: Uint8Array,
    timeoutMs: number,
    parse: (answer: Uint8Array) => T,
    signal?: AbortSignal,
  ): Promise<T> {
    const seq = this.#seq;
    this.#seq = (seq + 1) & 0xff;
    this.counters.escapeCommands += 1;
    try {
      await this.link.send(encodeEscape(payload, seq), signal);
      const receive = () => this.link.receive(MAX_MESSAGE, timeoutMs + USB_MARGIN_MS, signal);
      for (let extensions = 0; extensions <= MAX_TIME_EXTENSIONS; extensions += 1) {
        const answer = await receiveEscapeAnswer(receive, seq);
        if (answer.kind === 'answer') return parse(answer.payload);
      }
      throw new TransportError('transport.protocol', 'RC-S300 asked for time extensions without end');
    } catch (error) {
      if (error instanceof TransportError && error.code === 'transport.protocol') this.#resync = true;
      throw error;
    }
  }

  /** A control command that must succeed. */
  async #control(command: Uint8Array, signal?: AbortSignal): Promise<void> {
    const outcome = await this.#command(command, CONTROL_TIMEOUT_MS, parseControlAnswer, signal);
    if (outcome !== 'ok') throw new TransportError('transport.protocol', `RC-S300 reported ${outcome} on RF control`);
  }

  /** One RF exchange through transceive; RF failures become {@link RfError} for ISO-DEP to handle. */
  async #rf(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    const result = await this.#command(transceiveCommand(frame, timeoutMs), timeoutMs, parseTransceiveAnswer, signal);
    if (result.outcome === 'ok') return result.frame;
    throw new RfError(result.outcome === 'no-answer' ? 'timeout' : 'transmission');
  }

  /** The reader activates the card at layer 4. Returns null when no card answers. */
  async #activate(signal?: AbortSignal): Promise<IsoDep | null> {
    if (this.#fieldDirty) {
      await this.#control(SESSION.rfOff, signal);
      await pause(FIELD_RESET_MS, signal);
      await this.#control(SESSION.rfOn, signal);
      this.#fieldDirty = false;
      this.counters.fieldResets += 1;
    }
    const outcome = await this.#command(SWITCH_TYPE_B_LAYER_4, ACTIVATION_TIMEOUT_MS, parseControlAnswer, signal);
    if (outcome !== 'ok') return null;
    this.#isoDep = new IsoDep((f, t, s) => this.#rf(f, t, s), {
      fsc: ASSUMED_FSC,
      fwtMs: frameWaitingTimeMs(ASSUMED_FWI),
    });
    this.counters.activations += 1;
    return this.#isoDep;
  }

  #dropSession(): void {
    this.#isoDep = null;
    this.#fieldDirty = true;
  }

  protected async exchange(apdu: Uint8Array, { signal }: TransmitOptions): Promise<Uint8Array> {
    await this.#ready(signal);
    const isoDep = this.#isoDep ?? (await this.#activate(signal));
    if (!isoDep) throw new TransportError('transport.no-card', 'no card on the reader');
    try {
      return await isoDep.exchange(apdu, signal);
    } catch (error) {
      // Whatever failed, the block numbers may now disagree with the card's.
      this.#dropSession();
      throw error;
    }
  }

  protected async detectCard({ signal }: TransmitOptions): Promise<boolean> {
    await this.#ready(signal);
    if (this.#isoDep) {
      if (await this.#isoDep.present(signal)) return true;
      this.#dropSession();
    }
    return (await this.#activate(signal)) !== null;
  }

  async close(): Promise<void> {
    if (!this.link.stale && !this.#resync) {
      try {
        await this.#isoDep?.deselect();
        await this.#control(SESSION.rfOff);
        await this.#control(SESSION.end);
      } catch {
        // The reader may already be gone.
      }
    }
    this.#isoDep = null;
    await this.link.close();
  }
}
