/**
 * Sony RC-S380 (PaSoRi, USB 054C:06C1 /S and 054C:06C3 /P) over WebUSB, talking ISO 14443 Type B to the
 * My Number Card.
 *
 * Protocol: vendor-class interface 0, bulk OUT/IN; port100 frames (`port100-frame.ts`) carrying chipset
 * commands (`chipset.ts`); ISO-DEP (`../iso-dep.ts`) inside InCommRF. Each chipset command is one bulk OUT,
 * then two bulk INs (ACK, answer).
 *
 * Quirks and choices (reference in brackets: what an implementation we did not write does):
 * | what | how |
 * |---|---|
 * | open | ACK (aborts what the chip was doing), then drain the IN pipe with 10 ms reads until nothing comes — a page killed mid-exchange leaves its answer queued [nfcpy `Chipset.__init__`]; if the set-up still fails, one USB reset and one more try |
 * | RF set-up | once when the reader is opened (and after a USB reset), not before every APDU as in `aruneko/WebUSB-RC-S380` [nfcpy sets it once per sense] |
 * | InCommRF errors | the answer is `D7 05` + a 4-byte status and no data [nfcpy `test_sense_ttb_with_no_target_found`: `05 80000000`; Linux `port100_in_comm_rf_complete` accepts 4 bytes]: 0x80 receive timeout → no card (polling) or R(NAK) then card gone (exchange); CRC, parity, protocol, collision, overflow, length → damaged frame, R(NAK); temperature, RF-off, transmit timeout → reader fault (`transport.protocol`, no USB reset) |
 * | empty reader | REQB answered by a receive timeout → "no card"; never a USB reset |
 * | Type B activation | REQB + ATTRIB once per card presence; the ISO-DEP session lives until the card leaves |
 * | REQB | `05 00 10`: AFI 00 (all families), PARAM 10 (b5: extended ATQB supported, N = 1 slot) [nfcpy `sense_ttb` sends the same bytes] |
 * | re-activation | a card still in the field in ACTIVE state ignores REQB (ISO/IEC 14443-3 §7.10): after a session ended by an error, SwitchRF off, 10 ms, then InSetRF + InSetProtocol switch the field on again before REQB |
 * | zero-length packet | an OUT frame of a whole number of 64-byte packets is followed by a ZLP [nfcpy `transport.USB.write`, Linux `URB_ZERO_PACKET`]; APDUs of 49, 113, 177, 241 bytes make such frames |
 * | stuck transfer | an IN timeout leaves a transfer pending (WebUSB cannot cancel one): USB reset and set-up again before the next command |
 * | frame size | FSD 256 (ATTRIB FSDI 8); FSC and FWT from the card's ATQB |
 */
import { concatBytes, hex } from '../../card/bytes';
import { BaseTransport, TransportError, type TransmitOptions, type TransportInfo } from '../../card/transport';
import { frameSize, frameWaitingTimeMs, IsoDep, RfError } from '../iso-dep';
import { pause } from '../pause';
import type { ReaderTrace } from '../trace/reader-trace';
import type { TraceableTransport } from '../trace/traceable';
import { RCS380_DEVICES } from '../usb-ids';
import { UsbLink } from '../usb-link';
import { rcs380Redactor } from './trace-redactor';
import { answerPayload, COMMAND, inCommRf, parseInCommRf, RF_SETUP, TYPE_B_SETUP } from './chipset';
import { ACK_FRAME, decodeFrame, encodeFrame } from './port100-frame';

export { RCS380_DEVICES } from '../usb-ids';

/** Largest frame the RC-S380 sends (header 8 + data ≤ 290 + 2), rounded up, bytes. */
const MAX_FRAME = 512;
/** USB answer time beyond the RF timeout for chipset work, milliseconds. */
const USB_MARGIN_MS = 250;
/** A short InCommRF timeout for REQB/ATTRIB: an absent card should not slow down polling, milliseconds. */
const ACTIVATION_TIMEOUT_MS = 30;
/** Field off time that resets a PICC (ISO/IEC 14443-3 §6.2.1: t_RESET 5–10 ms), milliseconds. */
const FIELD_RESET_MS = 10;
/** Quiet time that ends the drain at open, milliseconds (nfcpy reads with a 10 ms timeout). */
const DRAIN_QUIET_MS = 10;
/** REQB: AFI 00 (all families), PARAM 10 (extended ATQB supported, N = 1 slot). */
const REQB = hex`05 00 10`;

/** Counts for tests and `npm run bench:readers`. */
export interface Rcs380Counters {
  setupRuns: number;
  activations: number;
  chipsetCommands: number;
  /** Field off/on cycles before a re-activation. */
  fieldResets: number;
}

/** Waits of the driver, milliseconds; tests shorten them (no real-time sleeps in tests). */
export interface Rcs380Timing {
  /** Field off before a re-activation. */
  readonly fieldResetMs: number;
  /** Quiet time that ends the drain at open. */
  readonly drainQuietMs: number;
}

const TIMING: Rcs380Timing = Object.freeze({ fieldResetMs: FIELD_RESET_MS, drainQuietMs: DRAIN_QUIET_MS });

export interface Rcs380Options {
  readonly timing?: Partial<Rcs380Timing>;
  /**
   * Re-send InSetRF and both InSetProtocol before every RF exchange, as `aruneko/WebUSB-RC-S380` does. Only
   * for `npm run bench:readers`, to measure what the once-per-session set-up saves.
   */
  readonly rfSetupEveryExchange?: boolean;
}

export class Rcs380Transport extends BaseTransport implements TraceableTransport {
  readonly info: TransportInfo;
  readonly counters: Rcs380Counters = { setupRuns: 0, activations: 0, chipsetCommands: 0, fieldResets: 0 };
  #isoDep: IsoDep | null = null;
  /** A session ended by an error: the card may still be ACTIVE, so reset the field before activating. */
  #fieldDirty = false;
  readonly #timing: Rcs380Timing;

  private constructor(
    readonly link: UsbLink,
    private readonly options: Rcs380Options,
  ) {
    super();
    this.#timing = { ...TIMING, ...options.timing };
    const known = RCS380_DEVICES.find((d) => d.productId === link.device.productId);
    this.info = { kind: 'rcs380', name: known?.name ?? 'Sony RC-S380', simulated: false, extendedApdu: false };
  }

  /**
   * Claims the reader, clears what an earlier page left in it, and sets up Type B.
   * @throws {TransportError} when the reader cannot be claimed or does not answer, even after one USB reset.
   */
  static async open(device: USBDevice, options: Rcs380Options = {}): Promise<Rcs380Transport> {
    const link = await UsbLink.open(device, { interfaceNumber: 0, zeroLengthPacket: true });
    const transport = new Rcs380Transport(link, options);
    try {
      await transport.#start();
    } catch (error) {
      if (error instanceof TransportError && error.code === 'transport.reader-unplugged') throw error;
      // One USB reset and one more try; a reader that fails again is reported as it failed.
      try {
        await link.recover();
        await transport.#start();
      } catch (again) {
        await link.close();
        throw again;
      }
    }
    return transport;
  }

  async #start(): Promise<void> {
    // An ACK from the host aborts whatever the chip was doing; then throw away answers already queued.
    await this.link.send(ACK_FRAME);
    await this.link.drain(this.#timing.drainQuietMs);
    await this.#setUp();
  }

  async #setUp(signal?: AbortSignal): Promise<void> {
    for (const data of TYPE_B_SETUP) await this.#command(data, 100, signal);
    this.counters.setupRuns += 1;
  }

  /** After a stuck or garbled transfer: USB reset, which also switches the field off, and set-up again. */
  async #ready(signal?: AbortSignal): Promise<void> {
    if (!this.link.stale) return;
    await this.link.recover();
    this.#isoDep = null;
    this.#fieldDirty = false;
    await this.link.send(ACK_FRAME, signal);
    await this.#setUp(signal);
  }

  /** One chipset command: one OUT, then the ACK and the answer. Returns the answer's payload. */
  async #command(data: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    await this.#ready(signal);
    this.counters.chipsetCommands += 1;
    try {
      await this.link.send(encodeFrame(data), signal);
      const ack = decodeFrame(await this.link.receive(MAX_FRAME, timeoutMs + USB_MARGIN_MS, signal));
      if (ack.kind !== 'ack') throw new TransportError('transport.protocol', 'RC-S380 answered without ACK');
      const answer = decodeFrame(await this.link.receive(MAX_FRAME, timeoutMs + USB_MARGIN_MS, signal));
      if (answer.kind !== 'data') throw new TransportError('transport.protocol', 'RC-S380 sent a second ACK');
      return answerPayload(data[1]!, answer.data);
    } catch (error) {
      // After a damaged frame the rest of the answer may still be queued: resynchronise with a USB reset.
      if (error instanceof TransportError && error.code === 'transport.protocol') this.link.stale = true;
      throw error;
    }
  }

  /** One RF exchange through InCommRF; RF failures become {@link RfError} for ISO-DEP to handle. */
  async #rf(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.options.rfSetupEveryExchange) {
      for (const data of RF_SETUP) await this.#command(data, 100, signal);
    }
    const result = parseInCommRf(await this.#command(inCommRf(frame, timeoutMs), timeoutMs, signal));
    switch (result.outcome) {
      case 'ok':
        return result.frame;
      case 'timeout':
        throw new RfError('timeout');
      case 'damaged':
        throw new RfError('transmission');
      case 'reader-fault':
        throw new TransportError(
          'transport.protocol',
          `RC-S380 reported RF fault status ${result.status.toString(16).padStart(8, '0')}`,
        );
    }
  }

  /** Field off long enough to reset any card in it, then the RF set-up switches it on again. */
  async #resetField(signal?: AbortSignal): Promise<void> {
    await this.#command(Uint8Array.of(0xd6, COMMAND.switchRf, 0x00), 100, signal);
    await pause(this.#timing.fieldResetMs, signal);
    for (const data of RF_SETUP) await this.#command(data, 100, signal);
    this.#fieldDirty = false;
    this.counters.fieldResets += 1;
  }

  /** REQB + ATTRIB. Returns false when no card answers. */
  async #activate(signal?: AbortSignal): Promise<boolean> {
    await this.#ready(signal);
    if (this.#fieldDirty) await this.#resetField(signal);
    let atqb: Uint8Array;
    try {
      atqb = await this.#rf(REQB, ACTIVATION_TIMEOUT_MS, signal);
    } catch (error) {
      if (error instanceof RfError) return false;
      throw error;
    }
    // ATQB: 50, PUPI (4), application data (4), protocol info (3, or 4 when extended).
    if (atqb.length < 12 || atqb[0] !== 0x50) return false;
    const pupi = atqb.subarray(1, 5);
    const fsci = atqb[10]! >> 4;
    const fwi = atqb[11]! >> 4;
    try {
      // ATTRIB: PUPI, param 1 = 00 (defaults), param 2 = 08 (FSDI 8: 256-byte frames, 106 kbit/s),
      // param 3 = 01 (ISO/IEC 14443-4), param 4 = 00 (CID 0).
      await this.#rf(
        concatBytes(hex`1D`, pupi, hex`00 08 01 00`),
        ACTIVATION_TIMEOUT_MS + frameWaitingTimeMs(fwi),
        signal,
      );
    } catch (error) {
      // The card answered REQB, so it is READY now and would ignore the next REQB without a field reset.
      this.#fieldDirty = true;
      if (error instanceof RfError) return false;
      throw error;
    }
    this.#isoDep = new IsoDep((f, t, s) => this.#rf(f, t, s), { fsc: frameSize(fsci), fwtMs: frameWaitingTimeMs(fwi) });
    this.counters.activations += 1;
    return true;
  }

  /** The session is over (card gone, or block numbers out of step): the card may still be ACTIVE. */
  #dropSession(): void {
    this.#isoDep = null;
    this.#fieldDirty = true;
  }

  protected async exchange(apdu: Uint8Array, { signal }: TransmitOptions): Promise<Uint8Array> {
    if (!this.#isoDep && !(await this.#activate(signal))) {
      throw new TransportError('transport.no-card', 'no card on the reader');
    }
    try {
      return await this.#isoDep!.exchange(apdu, signal);
    } catch (error) {
      if (error instanceof TransportError && error.code !== 'transport.busy') this.#dropSession();
      throw error;
    }
  }

  protected async detectCard({ signal }: TransmitOptions): Promise<boolean> {
    if (this.#isoDep) {
      if (await this.#isoDep.present(signal)) return true;
      this.#dropSession();
    }
    return this.#activate(signal);
  }

  /** Sends every transfer, redacted, to `trace` (the staff screen's reader diagnostics), or stops. */
  traceTo(trace: ReaderTrace | null): void {
    this.link.tap = trace ? trace.tap(rcs380Redactor()) : null;
  }

  async close(): Promise<void> {
    try {
      await this.#isoDep?.deselect();
      await this.#command(Uint8Array.of(0xd6, COMMAND.switchRf, 0x00), 100);
      // nfcpy `Chipset.close`: field off, then an ACK so the chip is idle for the next host.
      await this.link.send(ACK_FRAME);
    } catch {
      // The reader may already be gone.
    }
    this.#isoDep = null;
    await this.link.close();
  }
}
