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

/** The fixed set-up sequence for Type B at 106 kbit/s, from card-protocol.md §6 (nfcpy's values). */
export const TYPE_B_SETUP: readonly Uint8Array[] = [
  command(COMMAND.setCommandType, hex`01`),
  command(COMMAND.switchRf, hex`00`),
  command(COMMAND.inSetRf, hex`03 07 0F 07`),
  command(
    COMMAND.inSetProtocol,
    hex`00 18 01 01 02 01 03 00 04 00 05 00 06 00 07 08 08 00 09 00 0A 00 0B 00 0C 00 0E 04 0F 00 10 00 11 00 12 00 13 06`,
  ),
  command(COMMAND.inSetProtocol, hex`0B 01 09 01 0C 01 0A 01 00 14`),
];

/** InCommRF parameters: timeout (u16 LE, 0.1 ms units) then the RF frame. */
export function inCommRf(frame: Uint8Array, timeoutMs: number): Uint8Array {
  const units = Math.min(0xffff, Math.max(1, Math.round(timeoutMs * 10)));
  return command(COMMAND.inCommRf, concatBytes(Uint8Array.of(units & 0xff, units >> 8), frame));
}

/** InCommRF error flags (nfcpy `CommunicationError`): the card did not answer in time. */
export const RF_STATUS_RECEIVE_TIMEOUT = 0x00000080;

/** Splits the InCommRF answer: 4-byte status (LE, 0 = ok), one reserved byte, then the card's frame. */
export function parseInCommRf(payload: Uint8Array): { status: number; frame: Uint8Array } {
  if (payload.length < 5) throw new TransportError('transport.protocol', 'short InCommRF answer');
  const status = (payload[0]! | (payload[1]! << 8) | (payload[2]! << 16) | (payload[3]! << 24)) >>> 0;
  return { status, frame: payload.subarray(5) };
}
