/**
 * The RC-S300's firmware, faked: CCID escape messages on the vendor interface, Sony `FF 50` pseudo-APDUs, Type B
 * activation by the reader on "switch protocol", and transceive to the fake card's ISO-DEP side. Answers go out
 * as 64-byte packets, with a zero-length packet after a message that fills its last packet, as a USB device
 * sends them. It implements the [open] choices of `app/readers/rcs300/driver.ts` (RF status words, layouts), and
 * counts what the host asks for, so tests can prove the driver sets RF up once and activates once per card.
 * What the real reader does and the fake copies, with its source:
 * - ending a session when none is open is harmless (every public client ends one at open, unconditionally);
 * - starting a session while one is open — a tab that crashed — is refused [open: the status is ours, `69 8A`
 *   "no access authority", the reading the public Rust Port-400 client gives that status];
 * - "the card did not answer" comes in several status words (`noAnswerStatus`; see `RF_STATUS`).
 */
import { bytesEqual, concatBytes, hex } from '../../app/card/bytes';
import { HEADER_LENGTH, MESSAGE_TYPE } from '../../app/readers/rcs300/escape-frame';
import {
  encodeDataObject,
  readDataObjects,
  RF_STATUS,
  SESSION,
  SWITCH_TYPE_B_LAYER_4,
  TAG,
  TRANSCEIVE_HEADER,
  TRANSCEIVE_TRAILER,
} from '../../app/readers/rcs300/sony-commands';
import type { VirtualMyNumberCard } from '../card/virtual-card';
import { ContactlessModel } from './contactless-model';
import type { ReaderModel } from './fake-usb';

/** wMaxPacketSize of the bulk endpoints. */
export const PACKET_SIZE = 64;
/** Bulk OUT endpoint of the vendor interface (assumed; the driver finds it from the descriptors). */
const VENDOR_OUT_ENDPOINT = 2;

/** RDR_to_PC_SlotStatus, the CCID answer to a message type the reader does not know. */
const SLOT_STATUS = 0x81;
/** bStatus: bmCommandStatus 1 (failed). */
const STATUS_FAILED = 0x40;
/** bStatus: bmCommandStatus 2 (time extension requested). */
const STATUS_TIME_EXTENSION = 0x80;

const SW_OK = hex`90 00`;
/** CLA not supported. */
const SW_CLA = hex`6E 00`;
/** Conditions of use not satisfied: no transparent session. */
const SW_NO_SESSION = hex`69 85`;
/** Generic status of a session start while another session is open [open]. */
const SESSION_HELD = 0x698a;
const SW_WRONG_LENGTH = hex`67 00`;
const SW_WRONG_DATA = hex`6A 80`;
const SW_WRONG_P1P2 = hex`6A 86`;

/** REQB as the reader sends it: AFI 00 (all families), PARAM 00 (REQB, one slot). */
const REQB = hex`05 00 00`;
/** ATTRIB parameters after the PUPI: defaults, FSDI 8 (256 bytes) at 106 kbit/s, ISO/IEC 14443-4, CID 0. */
const ATTRIB_PARAMS = hex`00 08 01 00`;

const genericStatus = (position: number, sw: number) =>
  encodeDataObject(TAG.genericStatus, Uint8Array.of(position, sw >> 8, sw & 0xff));
const OK_ANSWER = concatBytes(genericStatus(0, RF_STATUS.ok), SW_OK);

/** A fake RC-S300/S or /P with the virtual card in its field; plug it into a `FakeUsbDevice`. */
export class Rcs300Model extends ContactlessModel implements ReaderModel {
  readonly vendorId = 0x054c;
  readonly productName: string;
  readonly interfaces = [
    {
      // The CCID interface: WebUSB refuses to claim it (protected class).
      interfaceNumber: 0,
      interfaceClass: 0x0b,
      endpoints: [
        { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: PACKET_SIZE },
        { endpointNumber: 1, direction: 'in', type: 'bulk', packetSize: PACKET_SIZE },
        { endpointNumber: 3, direction: 'in', type: 'interrupt', packetSize: 8 },
      ],
    },
    {
      interfaceNumber: 1,
      interfaceClass: 0xff,
      endpoints: [
        { endpointNumber: VENDOR_OUT_ENDPOINT, direction: 'out', type: 'bulk', packetSize: PACKET_SIZE },
        { endpointNumber: 2, direction: 'in', type: 'bulk', packetSize: PACKET_SIZE },
      ],
    },
  ] as const;
  readonly counts = {
    escapes: 0,
    startSession: 0,
    endSession: 0,
    rfOn: 0,
    rfOff: 0,
    switchProtocol: 0,
    transceive: 0,
    reqb: 0,
    attrib: 0,
  };
  /** Fault injection at the RF level: the next transceives get "no answer" / "transmission error". */
  readonly rfFaults = { silenceNext: 0, damageNext: 0 };
  /** CCID time extensions sent before the next answer. */
  timeExtensionsBeforeNext = 0;
  /** Payloads sent as they are instead of the next transceive answers (to fuzz the driver's parsers). */
  readonly scriptedAnswers: Uint8Array[] = [];
  /** The generic-status word this reader uses for "the card did not answer". */
  noAnswerStatus: number = RF_STATUS.noAnswer;
  #session = false;
  #rfOn = false;

  constructor(
    card: VirtualMyNumberCard,
    readonly productId: 0x0dc8 | 0x0dc9 = 0x0dc9,
  ) {
    super(card);
    this.productName = productId === 0x0dc8 ? 'RC-S300/S' : 'RC-S300/P';
  }

  onReset(): void {
    this.#session = false;
    this.#rfOn = false;
    this.target.powerOff();
  }

  /** A tab that held the reader crashed: its transparent session is still open and RF still on. */
  leaveSessionOpen(): void {
    this.#session = true;
    this.#rfOn = true;
  }

  /** An answer to a command of an earlier session, left in the IN pipe: call before the driver opens the reader. */
  queueStaleAnswer(): void {
    this.#emitMessage(MESSAGE_TYPE.escapeAnswer, 0x2a, 0x00, 0x00, OK_ANSWER);
  }

  async onOut(endpoint: number, data: Uint8Array): Promise<void> {
    if (endpoint !== VENDOR_OUT_ENDPOINT || data.length < HEADER_LENGTH) return;
    this.counts.escapes += 1;
    const seq = data[6]!;
    const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(1, true);
    if (data[0] !== MESSAGE_TYPE.escape || data.length !== HEADER_LENGTH + length) {
      this.#emitMessage(SLOT_STATUS, seq, STATUS_FAILED, 0x00, new Uint8Array(0)); // bError 0: not supported
      return;
    }
    const answer = await this.#pseudoApdu(data.subarray(HEADER_LENGTH));
    for (; this.timeExtensionsBeforeNext > 0; this.timeExtensionsBeforeNext -= 1) {
      this.#emitMessage(MESSAGE_TYPE.escapeAnswer, seq, STATUS_TIME_EXTENSION, 0x01, new Uint8Array(0));
    }
    this.#emitMessage(MESSAGE_TYPE.escapeAnswer, seq, 0x00, 0x00, answer);
  }

  /** Sends a CCID message in 64-byte packets, ending a full last packet with a zero-length packet. */
  #emitMessage(type: number, seq: number, status: number, error: number, payload: Uint8Array): void {
    const message = new Uint8Array(HEADER_LENGTH + payload.length);
    message[0] = type;
    new DataView(message.buffer).setUint32(1, payload.length, true);
    message.set([0x00, seq, status, error, 0x00], 5);
    message.set(payload, HEADER_LENGTH);
    for (let at = 0; at < message.length; at += PACKET_SIZE) this.device?.emit(message.slice(at, at + PACKET_SIZE));
    if (message.length % PACKET_SIZE === 0) this.device?.emit(new Uint8Array(0));
  }

  async #pseudoApdu(apdu: Uint8Array): Promise<Uint8Array> {
    if (apdu[0] !== 0xff || apdu[1] !== 0x50) return SW_CLA;
    if (bytesEqual(apdu, SESSION.start)) {
      this.counts.startSession += 1;
      if (this.#session) return concatBytes(genericStatus(1, SESSION_HELD), SW_OK);
      this.#session = true;
      return OK_ANSWER;
    }
    if (bytesEqual(apdu, SESSION.end)) {
      this.counts.endSession += 1;
      this.#session = false;
      this.#switchRfOff();
      return OK_ANSWER;
    }
    if (!this.#session) return SW_NO_SESSION;
    if (bytesEqual(apdu, SESSION.rfOff)) {
      this.counts.rfOff += 1;
      this.#switchRfOff();
      return OK_ANSWER;
    }
    if (bytesEqual(apdu, SESSION.rfOn)) {
      this.counts.rfOn += 1;
      this.#rfOn = true;
      return OK_ANSWER;
    }
    if (bytesEqual(apdu, SWITCH_TYPE_B_LAYER_4)) return this.#switchProtocol();
    if (bytesEqual(apdu.subarray(0, TRANSCEIVE_HEADER.length), TRANSCEIVE_HEADER)) return this.#transceive(apdu);
    return SW_WRONG_P1P2;
  }

  #switchRfOff(): void {
    this.#rfOn = false;
    this.target.powerOff();
  }

  /** The reader activates the card: REQB, then ATTRIB with the PUPI from the ATQB. */
  async #switchProtocol(): Promise<Uint8Array> {
    this.counts.switchProtocol += 1;
    const noCard = concatBytes(genericStatus(1, this.noAnswerStatus), SW_OK);
    if (!this.#rfOn) return noCard;
    this.counts.reqb += 1;
    const atqb = await this.target.receive(REQB);
    if (!atqb || atqb.length < 12) return noCard;
    this.counts.attrib += 1;
    const attribAnswer = await this.target.receive(concatBytes(hex`1D`, atqb.subarray(1, 5), ATTRIB_PARAMS));
    return attribAnswer ? OK_ANSWER : noCard;
  }

  /** `FF 50 00 01 00 <u16 BE> <data objects> 00 00 00`; the frame is in `95`, the timer `5F 46` is ignored. */
  async #transceive(apdu: Uint8Array): Promise<Uint8Array> {
    this.counts.transceive += 1;
    const scripted = this.scriptedAnswers.shift();
    if (scripted) return scripted;
    if (apdu.length < 10 || apdu[4] !== 0x00) return SW_WRONG_LENGTH;
    const length = (apdu[5]! << 8) | apdu[6]!;
    if (apdu.length !== 7 + length + TRANSCEIVE_TRAILER.length) return SW_WRONG_LENGTH;
    if (!bytesEqual(apdu.subarray(7 + length), TRANSCEIVE_TRAILER)) return SW_WRONG_LENGTH;
    let objects;
    try {
      objects = readDataObjects(apdu.subarray(7, 7 + length));
    } catch {
      return SW_WRONG_DATA;
    }
    const index = objects.findIndex((o) => o.tag === TAG.transceive);
    const frame = objects[index]?.value;
    if (!frame) return SW_WRONG_DATA;
    // The generic error status names the failing data object by its position, counted from 1.
    const rfError = (sw: number) => concatBytes(genericStatus(index + 1, sw), SW_OK);
    if (!this.#rfOn) return rfError(this.noAnswerStatus);
    this.rfFrame();
    if (this.rfFaults.silenceNext > 0) {
      this.rfFaults.silenceNext -= 1;
      return rfError(this.noAnswerStatus);
    }
    const reply = await this.target.receive(frame);
    if (this.rfFaults.damageNext > 0) {
      this.rfFaults.damageNext -= 1;
      return rfError(RF_STATUS.transmissionError);
    }
    if (reply === null) return rfError(this.noAnswerStatus);
    return concatBytes(
      genericStatus(0, RF_STATUS.ok),
      encodeDataObject(TAG.responseStatus, hex`00 00`),
      encodeDataObject(TAG.responseData, reply),
      SW_OK,
    );
  }
}
