/**
 * The RC-S380's firmware, faked: port100 frames in, ACK + answer frames out, Type B RF to the fake card's
 * ISO-DEP side. It answers as the real chip does in the byte sequences of implementations we did not write:
 * - an InCommRF that gets no answer is `D7 05` + the 4-byte status `80 00 00 00` and no data; a damaged frame
 *   `04 00 00 00` (nfcpy `tests/test_clf_rcs380.py`: `RSP('05 80000000')`, `RSP('05 40000000')`; Linux
 *   `port100_in_comm_rf_complete` reads the status from 4 bytes); a good one `00 00 00 00`, one byte, data;
 * - OUT frames of whole 64-byte packets wait for the zero-length packet that ends them (nfcpy and Linux send
 *   one: `transport.USB.write`, `URB_ZERO_PACKET`);
 * - a card left ACTIVE in the field ignores REQB until the field is switched off (ISO/IEC 14443-3), which the
 *   card side (`iso-dep-target.ts`) implements;
 * - answers queued before the host opened the reader stay in the IN pipe (`queueStaleAnswer`).
 * Counts what the host asks for, so tests can prove the driver sets RF up once and activates once per card.
 */
import { concatBytes, hex } from '../../app/card/bytes';
import { COMMAND } from '../../app/readers/rcs380/chipset';
import { ACK_FRAME, decodeFrame, encodeFrame } from '../../app/readers/rcs380/port100-frame';
import type { VirtualMyNumberCard } from '../card/virtual-card';
import { ContactlessModel } from './contactless-model';
import type { ReaderModel } from './fake-usb';

/** Status 0, then the collision-bits byte (Linux `port100_in_comm_rf_complete` skips it). */
const OK_STATUS = hex`00 00 00 00 00`;
const TIMEOUT_STATUS = hex`80 00 00 00`;
const CRC_ERROR_STATUS = hex`04 00 00 00`;

/** The RC-S380's one vendor-class interface: bulk IN 1, bulk OUT 2, 64-byte packets (nfcpy `transport.USB`). */
export const RCS380_INTERFACES = [
  {
    interfaceNumber: 0,
    interfaceClass: 0xff,
    endpoints: [
      { endpointNumber: 1, direction: 'in', type: 'bulk', packetSize: 64 },
      { endpointNumber: 2, direction: 'out', type: 'bulk', packetSize: 64 },
    ],
  },
] as const;

export class Rcs380Model extends ContactlessModel implements ReaderModel {
  readonly vendorId = 0x054c;
  readonly productName: string;
  readonly needsShortPacket = true;
  readonly interfaces = RCS380_INTERFACES;
  /** What the host asked for; `rfBytes` counts ISO 14443 frames both ways including CRC_B. */
  readonly counts = {
    inSetRf: 0,
    inSetProtocol: 0,
    inCommRf: 0,
    switchRfOff: 0,
    reqb: 0,
    attrib: 0,
    rfBytes: 0,
    hostAcks: 0,
  };
  /** Fault injection at the RF level. */
  readonly rfFaults = { silenceNext: 0, damageNext: 0 };
  #rfOn = false;

  constructor(
    card: VirtualMyNumberCard,
    readonly productId: 0x06c1 | 0x06c3 = 0x06c3,
  ) {
    super(card);
    this.productName = productId === 0x06c1 ? 'RC-S380/S' : 'RC-S380/P';
  }

  onReset(): void {
    this.#rfOn = false;
    this.target.powerOff();
  }

  #answer(cmd: number, payload: Uint8Array): void {
    this.device?.emit(ACK_FRAME.slice());
    this.device?.emit(encodeFrame(concatBytes(Uint8Array.of(0xd7, cmd + 1), payload)));
  }

  /**
   * An answer to a command of an earlier session, left in the IN pipe (a page killed mid-exchange): call
   * before the driver opens the reader.
   */
  queueStaleAnswer(payload: Uint8Array = concatBytes(hex`D7 05`, OK_STATUS, hex`02 90 00`)): void {
    this.device?.emit(ACK_FRAME.slice());
    this.device?.emit(encodeFrame(payload));
  }

  async onOut(_endpoint: number, data: Uint8Array): Promise<void> {
    if (data.length === ACK_FRAME.length && data.every((b, i) => b === ACK_FRAME[i])) {
      this.counts.hostAcks += 1; // host abort
      return;
    }
    const frame = decodeFrame(data);
    if (frame.kind !== 'data' || frame.data[0] !== 0xd6) return;
    const cmd = frame.data[1]!;
    const params = frame.data.subarray(2);
    switch (cmd) {
      case COMMAND.setCommandType:
      case COMMAND.inSetProtocol:
        if (cmd === COMMAND.inSetProtocol) this.counts.inSetProtocol += 1;
        this.#answer(cmd, hex`00`);
        return;
      case COMMAND.inSetRf:
        this.counts.inSetRf += 1;
        this.#rfOn = true;
        this.#answer(cmd, hex`00`);
        return;
      case COMMAND.switchRf:
        if (params[0] === 0x00) {
          this.counts.switchRfOff += 1;
          this.#rfOn = false;
          this.target.powerOff();
        } else {
          this.#rfOn = true;
        }
        this.#answer(cmd, hex`00`);
        return;
      case COMMAND.getFirmwareVersion:
        this.#answer(cmd, hex`11 01`);
        return;
      case COMMAND.inCommRf:
        this.#answer(cmd, await this.#inCommRf(params.subarray(2)));
        return;
      default:
        this.#answer(cmd, hex`01`);
    }
  }

  async #inCommRf(rf: Uint8Array): Promise<Uint8Array> {
    this.counts.inCommRf += 1;
    if (rf[0] === 0x05) this.counts.reqb += 1;
    if (rf[0] === 0x1d) this.counts.attrib += 1;
    if (!this.#rfOn) return TIMEOUT_STATUS;
    this.rfFrame();
    if (this.rfFaults.silenceNext > 0) {
      this.rfFaults.silenceNext -= 1;
      return TIMEOUT_STATUS;
    }
    const reply = await this.target.receive(rf);
    this.counts.rfBytes += rf.length + 2 + (reply ? reply.length + 2 : 0);
    if (this.rfFaults.damageNext > 0) {
      this.rfFaults.damageNext -= 1;
      return CRC_ERROR_STATUS;
    }
    return reply === null ? TIMEOUT_STATUS : concatBytes(OK_STATUS, reply);
  }
}
