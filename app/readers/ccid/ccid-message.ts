/**
 * USB CCID messages (USB Device Class Specification for Integrated Circuit(s) Cards Interface Devices, rev.
 * 1.1, §6): a 10-byte header `<bMessageType> <dwLength u32 LE> <bSlot> <bSeq> <3 message-specific bytes>`
 * followed by `dwLength` data bytes, both ways on the bulk pipes. Builders for the host's commands and the
 * reader's answers (the fake reader uses the latter), a generic decoder, and a typed parser of the answers.
 * Pure codec: no I/O.
 */
import { TransportError } from '../../card/transport';

/** Bytes before the data of every message. */
export const HEADER_LENGTH = 10;

/**
 * Largest data part accepted: an extended response APDU (65 536 bytes + SW1 SW2). A header claiming more is
 * corrupt, and must not make the driver wait for bytes that never come.
 */
export const MAX_DATA_LENGTH = 65_538;

/** `bMessageType` values used here (CCID §6.1, §6.2). */
export const MESSAGE_TYPE = Object.freeze({
  /** PC_to_RDR_IccPowerOn: activate the card, answer is a DataBlock with the ATR. */
  iccPowerOn: 0x62,
  /** PC_to_RDR_IccPowerOff: deactivate the card, answer is a SlotStatus. */
  iccPowerOff: 0x63,
  /** PC_to_RDR_GetSlotStatus: answer is a SlotStatus. */
  getSlotStatus: 0x65,
  /** PC_to_RDR_XfrBlock: one APDU (at APDU level exchange), answer is a DataBlock. */
  xfrBlock: 0x6f,
  /** RDR_to_PC_DataBlock */
  dataBlock: 0x80,
  /** RDR_to_PC_SlotStatus */
  slotStatus: 0x81,
});

/** `bError` values the driver tells apart (CCID §6.2.6, table 6.2-2). */
export const SLOT_ERROR = Object.freeze({
  /** The card did not answer: absent, or removed. */
  iccMute: 0xfe,
  xfrParityError: 0xfd,
  xfrOverrun: 0xfc,
  hwError: 0xfb,
  badAtrTs: 0xf8,
  badAtrTck: 0xf7,
  iccProtocolNotSupported: 0xf6,
  iccClassNotSupported: 0xf5,
  procedureByteConflict: 0xf4,
  deactivatedProtocol: 0xf3,
  busyWithAutoSequence: 0xf2,
  cmdSlotBusy: 0xe0,
  /** Also: the message type is not supported. Values 1–127 name the offending header byte instead. */
  commandNotSupported: 0x00,
});

/** `bStatus` bits 0–1 (bmICCStatus). */
export type IccStatus = 'active' | 'inactive' | 'absent';
/** `bStatus` bits 6–7 (bmCommandStatus). */
export type CommandStatus = 'ok' | 'failed' | 'time-extension';

const ICC_STATUS: readonly IccStatus[] = ['active', 'inactive', 'absent'];
const COMMAND_STATUS: readonly CommandStatus[] = ['ok', 'failed', 'time-extension'];

/** `bStatus` and `bError` of an answer. */
export interface SlotState {
  readonly icc: IccStatus;
  readonly command: CommandStatus;
  /** The error when `command` is 'failed'; the BWT multiplier when it is 'time-extension'. */
  readonly error: number;
}

/** Any message, undecoded beyond its header. */
export interface CcidMessage {
  readonly messageType: number;
  readonly slot: number;
  readonly sequence: number;
  /** Header bytes 7–9, whose meaning depends on the message type. */
  readonly specific: readonly [number, number, number];
  readonly data: Uint8Array;
}

/** An answer from the reader. */
export type CcidResponse =
  | {
      readonly kind: 'data-block';
      readonly slot: number;
      readonly sequence: number;
      readonly state: SlotState;
      /** `bChainParameter`: 0 when the data is one whole response. */
      readonly chainParameter: number;
      readonly data: Uint8Array;
    }
  | {
      readonly kind: 'slot-status';
      readonly slot: number;
      readonly sequence: number;
      readonly state: SlotState;
      readonly clockStatus: number;
    };

const fail = (why: string): never => {
  throw new TransportError('transport.protocol', `CCID message: ${why}`);
};

/**
 * Encodes one message.
 * @throws {RangeError} for a slot, sequence or header byte outside 0–255, or data longer than {@link MAX_DATA_LENGTH}.
 */
export function encodeMessage(
  messageType: number,
  slot: number,
  sequence: number,
  specific: readonly [number, number, number],
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  for (const byte of [messageType, slot, sequence, ...specific]) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) throw new RangeError(`not a byte: ${byte}`);
  }
  if (data.length > MAX_DATA_LENGTH) throw new RangeError(`CCID data of ${data.length} bytes`);
  const message = new Uint8Array(HEADER_LENGTH + data.length);
  const length = data.length;
  message.set([messageType, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24, slot, sequence]);
  message.set(specific, 7);
  message.set(data, HEADER_LENGTH);
  return message;
}

/** PC_to_RDR_IccPowerOn with bPowerSelect 00: the reader picks the voltage (CCID §6.1.1). */
export function iccPowerOn(slot: number, sequence: number): Uint8Array {
  return encodeMessage(MESSAGE_TYPE.iccPowerOn, slot, sequence, [0x00, 0x00, 0x00]);
}

/** PC_to_RDR_IccPowerOff (CCID §6.1.2). */
export function iccPowerOff(slot: number, sequence: number): Uint8Array {
  return encodeMessage(MESSAGE_TYPE.iccPowerOff, slot, sequence, [0x00, 0x00, 0x00]);
}

/** PC_to_RDR_GetSlotStatus (CCID §6.1.3). */
export function getSlotStatus(slot: number, sequence: number): Uint8Array {
  return encodeMessage(MESSAGE_TYPE.getSlotStatus, slot, sequence, [0x00, 0x00, 0x00]);
}

/**
 * PC_to_RDR_XfrBlock carrying one whole command APDU (CCID §6.1.4): bBWI 00 (the reader's default block
 * waiting time), wLevelParameter 0000 (the APDU begins and ends in this message).
 */
export function xfrBlock(slot: number, sequence: number, apdu: Uint8Array): Uint8Array {
  return encodeMessage(MESSAGE_TYPE.xfrBlock, slot, sequence, [0x00, 0x00, 0x00], apdu);
}

const statusByte = (state: SlotState) => ICC_STATUS.indexOf(state.icc) | (COMMAND_STATUS.indexOf(state.command) << 6);

/** RDR_to_PC_DataBlock (CCID §6.2.1), as a reader sends it. */
export function encodeDataBlock(
  slot: number,
  sequence: number,
  state: SlotState,
  data: Uint8Array = new Uint8Array(0),
  chainParameter = 0,
): Uint8Array {
  return encodeMessage(MESSAGE_TYPE.dataBlock, slot, sequence, [statusByte(state), state.error, chainParameter], data);
}

/** RDR_to_PC_SlotStatus (CCID §6.2.2), as a reader sends it. */
export function encodeSlotStatus(slot: number, sequence: number, state: SlotState, clockStatus = 0): Uint8Array {
  return encodeMessage(MESSAGE_TYPE.slotStatus, slot, sequence, [statusByte(state), state.error, clockStatus]);
}

/**
 * The whole length of the message whose header starts `bytes` (header + dwLength), so a reader of the bulk
 * pipe knows when to stop.
 * @throws {TransportError} `transport.protocol` for fewer than 10 bytes or a dwLength over {@link MAX_DATA_LENGTH}.
 */
export function messageLength(bytes: Uint8Array): number {
  if (bytes.length < HEADER_LENGTH) fail(`header truncated at ${bytes.length} bytes`);
  const dataLength = (bytes[1]! | (bytes[2]! << 8) | (bytes[3]! << 16) | (bytes[4]! << 24)) >>> 0;
  if (dataLength > MAX_DATA_LENGTH) fail(`dwLength ${dataLength} is beyond any answer`);
  return HEADER_LENGTH + dataLength;
}

/**
 * Splits one whole message into header fields and data.
 * @throws {TransportError} `transport.protocol` when the bytes are not exactly one message.
 */
export function decodeMessage(bytes: Uint8Array): CcidMessage {
  const length = messageLength(bytes);
  if (bytes.length < length) fail(`truncated: ${bytes.length} of ${length} bytes`);
  if (bytes.length > length) fail(`${bytes.length - length} bytes after the message`);
  return {
    messageType: bytes[0]!,
    slot: bytes[5]!,
    sequence: bytes[6]!,
    specific: [bytes[7]!, bytes[8]!, bytes[9]!],
    data: bytes.slice(HEADER_LENGTH),
  };
}

/** bStatus: bits 2–5 are RFU and ignored, as libccid does; the RFU value 3 of either field is refused. */
function parseStatus(status: number, error: number): SlotState {
  const icc = ICC_STATUS[status & 0x03];
  const command = COMMAND_STATUS[status >> 6];
  if (icc === undefined) return fail(`ICC status 3 (RFU) in bStatus ${status.toString(16)}`);
  if (command === undefined) return fail(`command status 3 (RFU) in bStatus ${status.toString(16)}`);
  return { icc, command, error };
}

/**
 * Parses one whole answer of the reader.
 * @throws {TransportError} `transport.protocol` for a truncated or oversized message, an unexpected message
 * type, RFU status values, or a SlotStatus that carries data.
 */
export function parseResponse(bytes: Uint8Array): CcidResponse {
  const { messageType, slot, sequence, specific, data } = decodeMessage(bytes);
  const [status, error, last] = specific;
  switch (messageType) {
    case MESSAGE_TYPE.dataBlock:
      return { kind: 'data-block', slot, sequence, state: parseStatus(status, error), chainParameter: last, data };
    case MESSAGE_TYPE.slotStatus:
      if (data.length !== 0) fail(`SlotStatus with ${data.length} data bytes`);
      return { kind: 'slot-status', slot, sequence, state: parseStatus(status, error), clockStatus: last };
    default:
      return fail(`unexpected message type ${messageType.toString(16).padStart(2, '0')}`);
  }
}
