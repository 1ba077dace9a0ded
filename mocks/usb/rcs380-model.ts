/**
 * The RC-S380's firmware, faked: port100 frames in, ACK + answer frames out, Type B RF to the fake card's
 * ISO-DEP side. Counts what the host asks for, so tests can prove the driver sets RF up once and activates
 * the card once per presence.
 */
import { concatBytes, hex } from '../../app/card/bytes';
import { COMMAND } from '../../app/readers/rcs380/chipset';
import { ACK_FRAME, decodeFrame, encodeFrame } from '../../app/readers/rcs380/port100-frame';
import type { VirtualMyNumberCard } from '../card/virtual-card';
import { ContactlessModel } from './contactless-model';
import type { ReaderModel } from './fake-usb';

const OK_STATUS = hex`00 00 00 00 00`;
const TIMEOUT_STATUS = hex`80 00 00 00 00`;
const CRC_ERROR_STATUS = hex`04 00 00 00 00`;

export class Rcs380Model extends ContactlessModel implements ReaderModel {
  readonly vendorId = 0x054c;
  readonly productName: string;
  readonly interfaces = [
    {
      interfaceNumber: 0,
      interfaceClass: 0xff,
      endpoints: [
        { endpointNumber: 1, direction: 'in', type: 'bulk', packetSize: 64 },
        { endpointNumber: 2, direction: 'out', type: 'bulk', packetSize: 64 },
      ],
    },
  ] as const;
  /** What the host asked for; `rfBytes` counts ISO 14443 frames both ways including CRC_B. */
  readonly counts = { inSetRf: 0, inSetProtocol: 0, inCommRf: 0, reqb: 0, attrib: 0, rfBytes: 0 };
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

  async onOut(_endpoint: number, data: Uint8Array): Promise<void> {
    if (data.length === ACK_FRAME.length && data.every((b, i) => b === ACK_FRAME[i])) return; // host abort
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
          this.#rfOn = false;
          this.target.powerOff();
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
