/**
 * A CCID reader's transfers for the reader trace: message type, sequence, slot status and error, and the APDU
 * summary of an XfrBlock and its DataBlock (header, lengths, status word). The ATR is counted, not kept.
 */
import { summarizeCommand, summarizeResponse } from '../trace/apdu-summary';
import { CcidReassembly } from '../trace/ccid-reassembly';
import type { FrameRedactor } from '../trace/reader-trace';
import { HEADER_LENGTH, MESSAGE_TYPE } from './ccid-message';

const NAMES: Readonly<Record<number, string>> = {
  [MESSAGE_TYPE.iccPowerOn]: 'IccPowerOn',
  [MESSAGE_TYPE.iccPowerOff]: 'IccPowerOff',
  [MESSAGE_TYPE.getSlotStatus]: 'GetSlotStatus',
  [MESSAGE_TYPE.xfrBlock]: 'XfrBlock',
  [MESSAGE_TYPE.dataBlock]: 'DataBlock',
  [MESSAGE_TYPE.slotStatus]: 'SlotStatus',
};

const two = (value: number) => value.toString(16).padStart(2, '0');

/** A fresh redactor for one recording. */
export function ccidRedactor(): FrameRedactor {
  const incoming = new CcidReassembly();
  let lastCommand = 0;
  return (direction, bytes) => {
    if (direction === 'out') {
      const type = bytes[0] ?? 0;
      lastCommand = type;
      const name = NAMES[type] ?? `message ${two(type)}`;
      if (type !== MESSAGE_TYPE.xfrBlock) return { summary: `${name} seq ${bytes[6]}` };
      const apdu = summarizeCommand(bytes.subarray(HEADER_LENGTH));
      return { summary: `${name} seq ${bytes[6]} | ${apdu.summary}`, hideLength: apdu.secret };
    }
    if (bytes.length === 0) return { summary: 'zero-length packet' };
    const message = incoming.push(bytes);
    if (!message) return { summary: 'part of an answer' };
    const type = message[0] ?? 0;
    const head = `${NAMES[type] ?? `message ${two(type)}`} seq ${message[6]} bStatus ${two(message[7] ?? 0)} bError ${two(message[8] ?? 0)}`;
    const data = message.subarray(HEADER_LENGTH);
    if (type !== MESSAGE_TYPE.dataBlock || data.length === 0) return { summary: head };
    if (lastCommand === MESSAGE_TYPE.iccPowerOn) return { summary: `${head} | ATR (${data.length} B)` };
    return { summary: `${head} | ${summarizeResponse(data)}` };
  };
}
