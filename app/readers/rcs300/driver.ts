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
 * Quirks and choices (which public client confirms what; [open] = ours, to check first on a real reader):
 * | what | how |
 * |---|---|
 * | open | drain answers left in the IN pipe; end a transparent session a crashed tab may have left open (its answer, whatever it is, is ignored), start one, RF off, 30 ms, RF on, 30 ms — the order and pauses of the public WebUSB FeliCa client (`RCS300.initDevice`: end, start, off, on, 30 ms after each RF switch); the public Rust Port-400 client also ends a held session first |
 * | activation | switch protocol once per card presence; "no answer" statuses → no card |
 * | re-activation | after a session ended by an error the card may still be ACTIVE and ignore REQB: RF off, 10 ms, RF on first (ISO/IEC 14443-3 field reset) |
 * | FSC, FWT [open] | the host never sees the ATQB: FSC assumed 64 bytes (every APDU of this app fits one block, longer ones chain); FWT from FWI 10 (≈ 309 ms), erring long |
 * | transceive layout | `FF 50 00 01 00 <u16 BE> 5F 46 04 <µs u32 LE> 95 82 <u16 BE> <block> 00 00 00`: the FeliCa client's layout, and the Rust client's |
 * | RF statuses | `C0 03 xx <SW>`: see `RF_STATUS` in `sony-commands.ts` for which status each source confirms; 64 01, 64 00, 6A 81, 63 01 → the card did not answer (no card while polling; R(NAK), then card gone, inside an exchange); never a USB reset |
 * | answer objects | read by tag; an object the answer kind may not carry fails closed, named (`transport.protocol`, no USB reset) |
 * | session answers [open] | `C0` may be absent; when present it must be `00 90 00` |
 * | long answers | IN transfers until the header's dwLength is met; empty transfers (ZLP) before a header are skipped |
 * | time extension | bmCommandStatus 2: keep waiting for the answer with the same bSeq, at most 60 times |
 * | framing error | a bad header, sequence number or length leaves unknown bytes in the pipe: USB reset and set-up before the next command (a well-framed answer the driver does not like does not) |
 * | stuck transfer | an IN timeout leaves a transfer pending (WebUSB cannot cancel one): USB reset and set-up again |
 * | card removal | "no answer" after ISO-DEP's retries → `transport.card-removed` |
 */
import { BaseTransport, TransportError, type TransmitOptions, type TransportInfo } from '../../card/transport';
import { frameWaitingTimeMs, IsoDep, RfError } from '../iso-dep';
import { pause } from '../pause';
import type { ReaderTrace } from '../trace/reader-trace';
import type { TraceableTransport } from '../trace/traceable';
import { RCS300_DEVICES } from '../usb-ids';
import { UsbLink } from '../usb-link';
import { rcs300Redactor } from './trace-redactor';
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
/** Pause after each RF switch at open, as the public FeliCa client waits, milliseconds. */
const RF_SWITCH_PAUSE_MS = 30;
/** Quiet time that ends the drain at open, milliseconds. */
const DRAIN_QUIET_MS = 10;
/** FSC assumed for the card, bytes [open]: see the quirk table. */
const ASSUMED_FSC = 64;
/** FWI assumed for the card [open]: see the quirk table. */
const ASSUMED_FWI = 10;
/** Upper bound of consecutive CCID time extensions, so a confused reader cannot hold the host forever. */
const MAX_TIME_EXTENSIONS = 60;

/** Waits of the driver, milliseconds; tests shorten them (no real-time sleeps in tests). */
export interface Rcs300Timing {
  /** After each RF switch at open. */
  readonly rfSwitchPauseMs: number;
  /** Field off before a re-activation. */
  readonly fieldResetMs: number;
  /** Quiet time that ends the drain at open. */
  readonly drainQuietMs: number;
}

const TIMING: Rcs300Timing = Object.freeze({
  rfSwitchPauseMs: RF_SWITCH_PAUSE_MS,
  fieldResetMs: FIELD_RESET_MS,
  drainQuietMs: DRAIN_QUIET_MS,
});

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

/** A claimed RC-S300 as a `CardTransport`: one APDU at a time to the card in its field. */
export class Rcs300Transport extends BaseTransport implements TraceableTransport {
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

  private constructor(
    readonly link: UsbLink,
    private readonly timing: Rcs300Timing,
  ) {
    super();
    const known = RCS300_DEVICES.find((d) => d.productId === link.device.productId);
    this.info = { kind: 'rcs300', name: known?.name ?? 'Sony RC-S300', simulated: false, extendedApdu: false };
  }

  /**
   * Claims the reader's vendor interface, starts a transparent session and switches RF on.
   * @throws {TransportError} when the reader cannot be claimed or does not answer.
   */
  static async open(device: USBDevice, timing: Partial<Rcs300Timing> = {}): Promise<Rcs300Transport> {
    const link = await UsbLink.open(device, { interfaceNumber: VENDOR_INTERFACE });
    const transport = new Rcs300Transport(link, { ...TIMING, ...timing });
    try {
      await link.drain(transport.timing.drainQuietMs);
      // A tab that crashed may have left a session open: end it first; "no session to end" is fine too.
      await transport.#command(SESSION.end, CONTROL_TIMEOUT_MS, () => null);
      await transport.#setUp();
    } catch (error) {
      await link.close();
      throw error;
    }
    return transport;
  }

  async #setUp(signal?: AbortSignal): Promise<void> {
    await this.#control(SESSION.start, signal);
    await this.#control(SESSION.rfOff, signal);
    await pause(this.timing.rfSwitchPauseMs, signal);
    await this.#control(SESSION.rfOn, signal);
    await pause(this.timing.rfSwitchPauseMs, signal);
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

  /**
   * One pseudo-APDU: one escape message out, its answer in, parsed by `parse`. Only a framing failure (bad
   * header, sequence, length, a stuck transfer) marks the pipe for a USB reset; `parse` rejecting a
   * well-framed answer does not.
   */
  async #command<T>(
    payload: Uint8Array,
    timeoutMs: number,
    parse: (answer: Uint8Array) => T,
    signal?: AbortSignal,
  ): Promise<T> {
    const seq = this.#seq;
    this.#seq = (seq + 1) & 0xff;
    this.counters.escapeCommands += 1;
    let answer: Uint8Array | null = null;
    try {
      await this.link.send(encodeEscape(payload, seq), signal);
      const receive = () => this.link.receive(MAX_MESSAGE, timeoutMs + USB_MARGIN_MS, signal);
      for (let extensions = 0; extensions <= MAX_TIME_EXTENSIONS && !answer; extensions += 1) {
        const message = await receiveEscapeAnswer(receive, seq);
        if (message.kind === 'answer') answer = message.payload;
      }
    } catch (error) {
      if (error instanceof TransportError && error.code === 'transport.protocol') this.#resync = true;
      throw error;
    }
    if (!answer) {
      this.#resync = true;
      throw new TransportError('transport.protocol', 'RC-S300 asked for time extensions without end');
    }
    return parse(answer);
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
      await pause(this.timing.fieldResetMs, signal);
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

  /** Sends every transfer, redacted, to `trace` (the staff screen's reader diagnostics), or stops. */
  traceTo(trace: ReaderTrace | null): void {
    this.link.tap = trace ? trace.tap(rcs300Redactor()) : null;
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
