/**
 * The RC-S380's transfers for the reader trace: port100 frame kind, chipset command by name, InCommRF's
 * timeout and status, and the ISO-DEP/APDU summary of the RF frame inside. Nothing else of the bytes.
 */
import type { FrameRedactor } from '../trace/reader-trace';
import { IsoDepSummary } from '../trace/iso-dep-summary';
import { COMMAND, RF_STATUS } from './chipset';
import { decodeFrame } from './port100-frame';

const NAMES: Readonly<Record<number, string>> = {
  [COMMAND.inSetRf]: 'InSetRF',
  [COMMAND.inSetProtocol]: 'InSetProtocol',
  [COMMAND.inCommRf]: 'InCommRF',
  [COMMAND.switchRf]: 'SwitchRF',
  [COMMAND.getFirmwareVersion]: 'GetFirmwareVersion',
  [COMMAND.setCommandType]: 'SetCommandType',
};

const hex = (value: number, bytes: number) =>
  value
    .toString(16)
    .padStart(bytes * 2, '0')
    .toUpperCase();
/** nfcpy's names of the InCommRF status bits, for whoever reads the trace. */
const STATUS_NAMES = Object.entries(RF_STATUS).map(([name, bit]) => [bit, name] as const);
const statusNames = (status: number) =>
  STATUS_NAMES.filter(([bit]) => (status & bit) !== 0)
    .map(([, name]) => name)
    .join(', ') || 'unknown';
const nameOf = (cmd: number) => NAMES[cmd] ?? `command ${hex(cmd, 1)}`;

/** A fresh redactor for one recording (it follows ISO-DEP chaining across transfers). */
export function rcs380Redactor(): FrameRedactor {
  const isoDep = new IsoDepSummary();
  return (direction, bytes) => {
    let frame;
    try {
      frame = decodeFrame(bytes);
    } catch {
      return { summary: bytes.length === 0 ? 'zero-length packet' : 'unreadable port100 frame' };
    }
    if (frame.kind === 'ack') return { summary: 'ACK' };
    const data = frame.data;
    const cmd = data[1] ?? 0;
    if (direction === 'out') {
      if (cmd !== COMMAND.inCommRf || data.length < 4) {
        // SwitchRF's one byte says off or on: a setting, no data.
        const detail = cmd === COMMAND.switchRf ? (data[2] === 0 ? ' off' : ' on') : ` (${data.length - 2} B)`;
        return { summary: `${nameOf(cmd)}${detail}` };
      }
      const timeout = (data[2] ?? 0) | ((data[3] ?? 0) << 8);
      const rf = isoDep.out(data.subarray(4));
      return { summary: `InCommRF timeout ${timeout / 10} ms | ${rf.summary}`, hideLength: rf.secret };
    }
    const answered = nameOf(cmd - 1);
    const payload = data.subarray(2);
    if (cmd - 1 !== COMMAND.inCommRf) return { summary: `${answered} answer, status ${hex(payload[0] ?? 0, 1)}` };
    if (payload.length < 4) return { summary: `InCommRF answer shorter than its status (${payload.length} B)` };
    const status = (payload[0]! | (payload[1]! << 8) | (payload[2]! << 16) | (payload[3]! << 24)) >>> 0;
    // The status as it is on the wire (nfcpy's notation, e.g. 80000000 for a receive timeout), then its name.
    const wire = [0, 1, 2, 3].map((i) => hex(payload[i]!, 1)).join('');
    if (status !== 0) return { summary: `InCommRF status ${wire} (${statusNames(status)})` };
    return { summary: `InCommRF status ${wire} | ${isoDep.in(payload.subarray(5))}` };
  };
}
