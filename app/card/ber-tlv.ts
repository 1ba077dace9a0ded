/**
 * BER-TLV (ISO/IEC 7816-4 §5.2, ISO/IEC 8825-1): the shared reader and writer for the card's templates
 * (support AP EF 0002 `FF20`, surface AP `FF10`, FCI `6F`). Strict: a length that runs past the input is an
 * error, never a silent truncation.
 */
import { concatBytes } from './bytes';

/** One data object. `tag` holds all tag bytes big-endian (e.g. `0xDF24`, `0xFF20`, `0x7F21`). */
export interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
  /** Offset of the byte after this object in the input. */
  readonly end: number;
}

/** Thrown for input that is not well-formed BER-TLV. */
export class TlvError extends Error {
  override readonly name = 'TlvError';
}

/** Tags up to three bytes, lengths up to four bytes: more than any card file here needs. */
const MAX_TAG_BYTES = 3;
const MAX_LENGTH_BYTES = 4;

/** The tag and length of a data object, read without its value (which may not have been read yet). */
export interface TlvHeader {
  readonly tag: number;
  /** Bytes of tag and length fields. */
  readonly headerLength: number;
  readonly valueLength: number;
}

/**
 * Reads the tag and length fields at `offset`; the value need not be present (a file's first bytes are enough
 * to learn how much more to read).
 * @throws {TlvError} for a truncated tag or length field, or an over-long tag or length field.
 */
export function readTlvHeader(bytes: Uint8Array, offset = 0): TlvHeader {
  let at = offset;
  const next = (what: string): number => {
    const byte = bytes[at];
    if (byte === undefined) throw new TlvError(`truncated ${what} at ${at}`);
    at += 1;
    return byte;
  };
  const first = next('tag');
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Multi-byte tag: subsequent bytes follow while bit 8 is set.
    let count = 1;
    let byte: number;
    do {
      byte = next('tag');
      tag = tag * 256 + byte;
      count += 1;
      if (count > MAX_TAG_BYTES) throw new TlvError(`tag longer than ${MAX_TAG_BYTES} bytes`);
    } while (byte & 0x80);
  }
  let length = next('length');
  if (length === 0x80) throw new TlvError('indefinite length is not used by this card');
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > MAX_LENGTH_BYTES) throw new TlvError('length field too long');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + next('length');
  }
  return { tag, headerLength: at - offset, valueLength: length };
}

/**
 * Reads the data object that starts at `offset`.
 * @throws {TlvError} for a truncated tag, length or value, or an over-long tag or length field.
 */
export function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  const { tag, headerLength, valueLength } = readTlvHeader(bytes, offset);
  const at = offset + headerLength;
  if (at + valueLength > bytes.length) throw new TlvError(`value of tag ${tag.toString(16)} runs past the input`);
  return { tag, value: bytes.subarray(at, at + valueLength), end: at + valueLength };
}

/**
 * Reads consecutive data objects filling `bytes` exactly.
 * @throws {TlvError} for malformed input.
 */
export function readTlvList(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tlv = readTlv(bytes, offset);
    out.push(tlv);
    offset = tlv.end;
  }
  return out;
}

function encodeTag(tag: number): Uint8Array {
  const out: number[] = [];
  let rest = tag;
  do {
    out.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  return Uint8Array.from(out);
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const out: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) out.unshift(rest & 0xff);
  return Uint8Array.from([0x80 | out.length, ...out]);
}

/** Encodes one data object with the shortest length form. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  return concatBytes(encodeTag(tag), encodeLength(value.length), value);
}
