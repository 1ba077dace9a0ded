/**
 * Sony RC-S380 (PaSoRi, USB 054C:06C1 /S and 054C:06C3 /P) over WebUSB, talking ISO 14443 Type B to the
 * My Number Card.
 *
 * Protocol: vendor-class interface 0, bulk OUT/IN; port100 frames (`port100-frame.ts`) carrying chipset
 * commands (`chipset.ts`); ISO-DEP (`../iso-dep.ts`) inside InCommRF. Each chipset command is one bulk OUT,
 * then two bulk INs (ACK, answer).
 *
 * Quirks and choices:
 * | what | how |
 * |---|---|
 * | RF set-up | once when the reader is opened (and after a USB reset), not before every APDU as in `aruneko/WebUSB-RC-S380` |
 * | Type B activation | REQB + ATTRIB once per card presence; the ISO-DEP session lives until the card leaves |
 * | card removal | InCommRF "receive timeout" after ISO-DEP's retries → `transport.card-removed` |
 * | stuck transfer | an IN timeout poisons the pipe (WebUSB cannot cancel one transfer): USB reset and set-up again |
 * | frame size | FSD 256 (ATTRIB FSDI 8); FSC and FWT from the card's ATQB |
 */
import { concatBytes, hex } from '../../card/bytes';
import { BaseTransport, TransportError, type TransmitOptions, type TransportInfo } from '../../card/transport';
import { frameSize, frameWaitingTimeMs, IsoDep, RfError } from '../iso-dep';
import { RCS380_DEVICES } from '../usb-ids';
import { UsbLink } from '../usb-link';
import { answerPayload, COMMAND, inCommRf, parseInCommRf, RF_STATUS_RECEIVE_TIMEOUT, TYPE_B_SETUP } from './chipset';
import { ACK_FRAME, decodeFrame, encodeFrame } from './port100-frame';

export { RCS380_DEVICES } from '../usb-ids';

/** Largest frame the RC-S380 sends (header 8 + data ≤ 290 + 2), rounded up, bytes. */
const MAX_FRAME = 512;
/** USB answer time beyond the RF timeout for chipset work, milliseconds. */
const USB_MARGIN_MS = 250;
/** A short InCommRF timeout for REQB/ATTRIB: an absent card should not slow down polling, milliseconds. */
const ACTIVATION_TIMEOUT_MS = 30;
/** REQB: AFI 00 (all families), PARAM 10 (extended ATQB supported? no; N = 1 slot). */
const REQB = hex`05 00 10`;

/** Counts for tests and `npm run bench:readers`. */
export interface Rcs380Counters {
  setupRuns: number;
  activations: number;
  chipsetCommands: number;
}

export interface Rcs380Options {
  /**
   * Re-send InSetRF and both InSetProtocol before every RF exchange, as `aruneko/WebUSB-RC-S380` does. Only
   * for `npm run bench:readers`, to measure what the once-per-session set-up saves.
   */
  readonly rfSetupEveryExchange?: boolean;
}

export class Rcs380Transport extends BaseTransport {
  readonly info: TransportInfo;
  readonly counters: Rcs380Counters = { setupRuns: 0, activations: 0, chipsetCommands: 0 };
  #isoDep: IsoDep | null = null;

  private constructor(
    readonly link: UsbLink,
    private readonly options: Rcs380Options,
  ) {
    super();
    const known = RCS380_DEVICES.find((d) => d.productId === link.device.productId);
    this.info = { kind: 'rcs380', name: known?.name ?? 'Sony RC-S380', simulated: false, extendedApdu: false };
  }

  /**
   * Claims the reader and sets up Type B.
   * @throws {TransportError} when the reader cannot be claimed or does not answer.
   */
  static async open(device: USBDevice, options: Rcs380Options = {}): Promise<Rcs380Transport> {
    const transport = new Rcs380Transport(await UsbLink.open(device, { interfaceNumber: 0 }), options);
    await transport.#setUp();
    return transport;
  }

  async #setUp(signal?: AbortSignal): Promise<void> {
    // An ACK from the host aborts whatever the chip was doing (nfcpy does the same on open).
    await this.link.send(ACK_FRAME, signal);
    for (const data of TYPE_B_SETUP) await this.#command(data, 100, signal);
    this.counters.setupRuns += 1;
  }

  /** One chipset command: one OUT, then the ACK and the answer. Returns the answer's payload. */
  async #command(data: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.link.stale) {
      await this.link.recover();
      this.#isoDep = null;
      await this.#setUp(signal);
    }
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
      for (const data of TYPE_B_SETUP.slice(2)) await this.#command(data, 100, signal);
    }
    const { status, frame: reply } = parseInCommRf(await this.#command(inCommRf(frame, timeoutMs), timeoutMs, signal));
    if (status === 0) return reply;
    throw new RfError(status & RF_STATUS_RECEIVE_TIMEOUT ? 'timeout' : 'transmission');
  }

  /** REQB + ATTRIB. Returns false when no card answers. */
  async #activate(signal?: AbortSignal): Promise<boolean> {
    let atqb: Uint8Array;
    try {
      atqb = await this.#rf(REQB, ACTIVATION_TIMEOUT_MS, signal);
    } catch (error) {
      if (error instanceof RfError) return false;
      throw error;
    }
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
      if (error instanceof RfError) return false;
      throw error;
    }
    this.#isoDep = new IsoDep((f, t, s) => this.#rf(f, t, s), { fsc: frameSize(fsci), fwtMs: frameWaitingTimeMs(fwi) });
    this.counters.activations += 1;
    return true;
  }

  protected async exchange(apdu: Uint8Array, { signal }: TransmitOptions): Promise<Uint8Array> {
    if (!this.#isoDep && !(await this.#activate(signal))) {
      throw new TransportError('transport.no-card', 'no card on the reader');
    }
    try {
      return await this.#isoDep!.exchange(apdu, signal);
    } catch (error) {
      if (error instanceof TransportError && error.code !== 'transport.busy') this.#isoDep = null;
      throw error;
    }
  }

  protected async detectCard({ signal }: TransmitOptions): Promise<boolean> {
    if (this.#isoDep) {
      if (await this.#isoDep.present(signal)) return true;
      this.#isoDep = null;
    }
    return this.#activate(signal);
  }

  async close(): Promise<void> {
    try {
      await this.#isoDep?.deselect();
      await this.#command(Uint8Array.of(0xd6, COMMAND.switchRf, 0x00), 100);
    } catch {
      // The reader may already be gone.
    }
    this.#isoDep = null;
    await this.link.close();
  }
}
