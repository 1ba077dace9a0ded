/**
 * Sony "port100" frames of the RC-S380 (nfcpy `src/nfc/clf/rcs380.py`, class Frame):
 * extended frame `00 00 FF FF FF <LEN lo> <LEN hi> <LCS> <DATA> <DCS> 00` with LCS = −(LEN lo + LEN hi) and
 * DCS = −ΣDATA (mod 256); ACK `00 00 FF 00 FF 00`; the device's error frame `00 00 FF 01 FF 7F 81 00`.
 * Pure codec: no I/O.
 */
import { TransportError } from '../../card/transport';

export const ACK_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00);
const ERROR_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00);

const checksum = (bytes: Iterable<number>) => {
  let sum = 0;
  for (const byte of bytes) sum += byte;
  return -sum & 0xff;
};

/** Wraps chipset command data in an extended frame. */
export function encodeFrame(data: Uint8Array): Uint8Array {
  const length = data.length;
  const frame = new Uint8Array(10 + length);
  frame.set([0x00, 0x00, 0xff, 0xff, 0xff, length & 0xff, length >> 8, checksum([length & 0xff, length >> 8])]);
  frame.set(data, 8);
  frame[8 + length] = checksum(data);
  frame[9 + length] = 0x00;
  return frame;
}

export type DecodedFrame = { readonly kind: 'ack' } | { readonly kind: 'data'; readonly data: Uint8Array };

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const fail = (why: string): never => {
  throw new TransportError('transport.protocol', `port100 frame: ${why}`);
};

/**
 * Decodes one frame from the device (extended or normal form).
 * @throws {TransportError} `transport.protocol` for a bad preamble, checksum, length or the error frame.
 */
export function decodeFrame(frame: Uint8Array): DecodedFrame {
  if (same(frame, ACK_FRAME)) return { kind: 'ack' };
  if (same(frame.subarray(0, ERROR_FRAME.length), ERROR_FRAME)) fail('the reader reported an error frame');
  if (frame.length < 6 || frame[0] !== 0x00 || frame[1] !== 0x00 || frame[2] !== 0xff) fail('bad preamble');
  let length: number;
  let start: number;
  if (frame[3] === 0xff && frame[4] === 0xff) {
    if (frame.length < 10) fail('truncated header');
    length = frame[5]! | (frame[6]! << 8);
    if (((frame[5]! + frame[6]! + frame[7]!) & 0xff) !== 0) fail('length checksum');
    start = 8;
  } else {
    length = frame[3]!;
    if (((frame[3]! + frame[4]!) & 0xff) !== 0) fail('length checksum');
    start = 5;
  }
  if (frame.length < start + length + 2) fail('truncated data');
  const data = frame.subarray(start, start + length);
  if (checksum(data) !== frame[start + length]) fail('data checksum');
  if (frame[start + length + 1] !== 0x00) fail('missing postamble');
  return { kind: 'data', data: data.slice() };
}
