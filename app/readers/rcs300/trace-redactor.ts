/**
 * The RC-S300's transfers for the reader trace: the CCID escape header (type, sequence, status), the Sony
 * pseudo-APDU by function, the generic and response status objects, and the ISO-DEP/APDU summary of the RF
 * frame inside a transceive. IN packets are joined into whole messages first.
 */
import { readTlvList } from '../../card/ber-tlv';
import { toHex } from '../../card/bytes';
import { CcidReassembly } from '../trace/ccid-reassembly';
import type { FrameRedactor, RedactedFrame } from '../trace/reader-trace';
import { IsoDepSummary } from '../trace/iso-dep-summary';
import { HEADER_LENGTH, MESSAGE_TYPE } from './escape-frame';
import { TAG } from './sony-commands';

const SESSION_OBJECTS: Readonly<Record<number, string>> = {
  0x81: 'start session',
  0x82: 'end session',
  0x83: 'RF off',
  0x84: 'RF on',
};

const hexOf = (bytes: Uint8Array) => toHex(bytes).toUpperCase();

function outSummary(payload: Uint8Array, isoDep: IsoDepSummary): RedactedFrame {
  if (payload[0] !== 0xff || payload[1] !== 0x50) return { summary: `pseudo-APDU ${hexOf(payload.subarray(0, 2))}` };
  const function_ = payload[3];
  if (payload[2] === 0x00 && function_ === 0x00) {
    const tag = payload[5] ?? 0;
    return { summary: SESSION_OBJECTS[tag] ?? `session object ${tag.toString(16)}` };
  }
  if (payload[2] === 0x00 && function_ === 0x02) {
    // 8F 02 <type> <layer>: which protocol, a setting.
    return { summary: `switch protocol type ${payload[7] ?? '?'} layer ${payload[8] ?? '?'}` };
  }
  if (payload[2] === 0x00 && function_ === 0x01 && payload.length >= 10) {
    const length = ((payload[5] ?? 0) << 8) | (payload[6] ?? 0);
    const objects = readTlvList(payload.subarray(7, 7 + length));
    const timer = objects.find((o) => o.tag === TAG.timer)?.value;
    const micros = timer && timer.length === 4 ? new DataView(timer.buffer, timer.byteOffset, 4).getUint32(0, true) : 0;
    const frame = objects.find((o) => o.tag === TAG.transceive)?.value ?? new Uint8Array(0);
    const rf = isoDep.out(frame);
    return { summary: `transceive timeout ${micros / 1000} ms | ${rf.summary}`, hideLength: rf.secret };
  }
  return { summary: `pseudo-APDU FF 50 ${hexOf(payload.subarray(2, 4))}` };
}

function inSummary(payload: Uint8Array, isoDep: IsoDepSummary): string {
  if (payload.length < 2) return `answer without status word (${payload.length} B)`;
  const parts: string[] = [];
  for (const object of readTlvList(payload.subarray(0, -2))) {
    if (object.tag === TAG.genericStatus) parts.push(`status ${hexOf(object.value)}`);
    else if (object.tag === TAG.responseStatus) parts.push(`response status ${hexOf(object.value)}`);
    else if (object.tag === TAG.responseData) parts.push(isoDep.in(object.value));
    else parts.push(`object ${object.tag.toString(16).toUpperCase()} (${object.value.length} B)`);
  }
  parts.push(`SW ${hexOf(payload.subarray(-2))}`);
  return parts.join(' | ');
}

/** A fresh redactor for one recording. */
export function rcs300Redactor(): FrameRedactor {
  const isoDep = new IsoDepSummary();
  const incoming = new CcidReassembly();
  return (direction, bytes) => {
    if (direction === 'out') {
      if (bytes.length < HEADER_LENGTH || bytes[0] !== MESSAGE_TYPE.escape) return { summary: 'not an escape message' };
      let payload: RedactedFrame;
      try {
        payload = outSummary(bytes.subarray(HEADER_LENGTH), isoDep);
      } catch {
        payload = { summary: 'unreadable pseudo-APDU' };
      }
      return { summary: `escape seq ${bytes[6]} | ${payload.summary}`, hideLength: payload.hideLength };
    }
    if (bytes.length === 0) return { summary: 'zero-length packet' };
    const message = incoming.push(bytes);
    if (!message) return { summary: 'part of an answer' };
    if (message[0] !== MESSAGE_TYPE.escapeAnswer) return { summary: `message type ${message[0]?.toString(16)}` };
    const status = message[7] ?? 0;
    const head = `answer seq ${message[6]} bStatus ${status.toString(16).padStart(2, '0')} bError ${(message[8] ?? 0).toString(16).padStart(2, '0')}`;
    if (status >> 6 !== 0) return { summary: head };
    try {
      return { summary: `${head} | ${inSummary(message.subarray(HEADER_LENGTH), isoDep)}` };
    } catch {
      return { summary: `${head} | unreadable data objects` };
    }
  };
}
