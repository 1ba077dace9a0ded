/**
 * RC-S380 chipset commands (card-protocol.md §6; nfcpy `rcs380.py` class Chipset): data `D6 <cmd> <params>`,
 * answer `D7 <cmd + 1> <payload>`. Pure builders and parsers.
 */
import { concatBytes, hex } from '../../card/bytes';
import { TransportError } from '../../card/transport';

export const COMMAND = Object.freeze({
  inSetRf: 0x00,
  inSetProtocol: 0x02,
  inCommRf: 0x04,
  switchRf: 0x06,
  getFirmwareVersion: 0x20,
  setCommandType: 0x2a,
});

const HOST_TO_DEVICE = 0xd6;
const DEVICE_TO_HOST = 0xd7;

/** Command data for `cmd` with `params`. */
export function command(cmd: number, params: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concatBytes(Uint8Array.of(HOST_TO_DEVICE, cmd), params);
}

/**
 * The payload of the answer to `cmd`.
 * @throws {TransportError} `transport.protocol` when the answer is not for `cmd`.
 */
export function answerPayload(cmd: number, data: Uint8Array): Uint8Array {
  if (data.length < 2 || data[0] !== DEVICE_TO_HOST || data[1] !== cmd + 1) {
    throw new TransportError('transport.protocol', `RC-S380 answered something else than command ${cmd.toString(16)}`);
  }
  return data.subarray(2);
}

/**
 * The RF part of the set-up for Type B at 106 kbit/s, byte for byte as nfcpy `Device.sense_ttb` sends it
 * (`tests/test_clf_rcs380.py` `test_sense_ttb_with_no_target_found`): InSetRF 106B, InSetProtocol defaults,
 * InSetProtocol for Type B (initial guard time 20, SOF/EOF added and checked). It also switches the field on
 * again after SwitchRF off.
 */
export const RF_SETUP: readonly Uint8Array[] = [
  command(COMMAND.inSetRf, hex`03 07 0F 07`),
  command(
    COMMAND.inSetProtocol,
    hex`00 18 01 01 02 01 03 00 04 00 05 00 06 00 07 08 08 00 09 00 0A 00 0B 00 0C 00 0E 04 0F 00 10 00 11 00 12 00 13 06`,
  ),
  command(COMMAND.inSetProtocol, hex`0B 01 09 01 0C 01 0A 01 00 14`),
];

/** The whole set-up after the host's ACK: command type 1 and the field off (nfcpy's open), then {@link RF_SETUP}. */
export const TYPE_B_SETUP: readonly Uint8Array[] = [
  command(COMMAND.setCommandType, hex`01`),
  command(COMMAND.switchRf, hex`00`),
  ...RF_SETUP,
];

/** InCommRF parameters: timeout (u16 LE, 0.1 ms units) then the RF frame. */
export function inCommRf(frame: Uint8Array, timeoutMs: number): Uint8Array {
  const units = Math.min(0xffff, Math.max(1, Math.round(timeoutMs * 10)));
  return command(COMMAND.inCommRf, concatBytes(Uint8Array.of(units & 0xff, units >> 8), frame));
}

/**
 * InCommRF status bits (u32 LE), as named by nfcpy `rcs380.CommunicationError` and tested there byte for
 * byte (`tests/test_clf_rcs380.py` TestCommunicationError); Linux `port100.c` treats 0x80 as -ETIMEDOUT and
 * any other non-zero status as -EIO.
 */
export const RF_STATUS = Object.freeze({
  protocolError: 0x00000001,
  parityError: 0x00000002,
  crcError: 0x00000004,
  collisionError: 0x00000008,
  overflowError: 0x00000010,
  temperatureError: 0x00000040,
  receiveTimeout: 0x00000080,
  crypto1Error: 0x00000100,
  rfcaError: 0x00000200,
  rfOffError: 0x00000400,
  transmitTimeout: 0x00000800,
  receiveLengthError: 0x80000000,
});

/** Bits meaning the card's frame arrived damaged: ISO-DEP recovers with R(NAK). */
const DAMAGED_FRAME =
  RF_STATUS.protocolError |
  RF_STATUS.parityError |
  RF_STATUS.crcError |
  RF_STATUS.collisionError |
  RF_STATUS.overflowError |
  RF_STATUS.receiveLengthError;

/**
 * What one InCommRF did: the card's frame; no answer in time (no card in the field, or it left); a damaged
 * frame; or a fault of the reader itself (temperature, RF field, transmit timeout), named by its status.
 */
export type InCommRfResult =
  | { readonly outcome: 'ok'; readonly frame: Uint8Array }
  | { readonly outcome: 'timeout' | 'damaged' }
  | { readonly outcome: 'reader-fault'; readonly status: number };

/**
 * Reads the InCommRF answer payload (after `D7 05`): a 4-byte status, then — only when the status is 0 — one
 * byte (collision bits, Linux `port100_in_comm_rf_complete`) and the card's frame. An error answer is the
 * 4-byte status alone (nfcpy's vectors: `D7 05 80 00 00 00` for an empty field), so 4 bytes are enough.
 * @throws {TransportError} `transport.protocol` for an answer shorter than the status.
 */
export function parseInCommRf(payload: Uint8Array): InCommRfResult {
  if (payload.length < 4) throw new TransportError('transport.protocol', 'InCommRF answer shorter than its status');
  const status = (payload[0]! | (payload[1]! << 8) | (payload[2]! << 16) | (payload[3]! << 24)) >>> 0;
  if (status === 0) return { outcome: 'ok', frame: payload.subarray(5) };
  if (status & RF_STATUS.receiveTimeout) return { outcome: 'timeout' };
  if (status & DAMAGED_FRAME) return { outcome: 'damaged' };
  return { outcome: 'reader-fault', status };
}
