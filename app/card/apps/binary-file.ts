/**
 * Reading transparent EFs with short READ BINARY commands, sized so that each answer fits one ISO-DEP frame
 * where the reader has FSD 256 (251 data bytes + SW + PCB + CRC), which keeps one USB round trip per APDU.
 */
import { encodeCommand, INS } from '../apdu';
import { readTlv, readTlvHeader, TlvError } from '../ber-tlv';
import { concatBytes } from '../bytes';
import { CardError, checkSw } from '../card-errors';
import type { CardTransport, TransmitOptions } from '../transport';

/** Largest Le per READ BINARY that fits one 256-byte ISO-DEP frame. */
export const READ_CHUNK = 251;
/** Bytes enough to hold any DER header with a length of up to 4 bytes. */
const DER_HEADER_READ = 6;
/** The universal SEQUENCE tag every certificate starts with. */
const DER_SEQUENCE = 0x30;
/** READ BINARY offsets are 15 bits (P1 bit 8 selects the short-EF form). */
const MAX_OFFSET = 0x7fff;

export interface ReadProgress {
  readonly done: number;
  readonly total: number;
}

export interface ReadOptions extends TransmitOptions {
  readonly onProgress?: (progress: ReadProgress) => void;
}

function readBinary(offset: number, le: number): Uint8Array {
  return encodeCommand({
    cla: 0x00,
    ins: INS.readBinary,
    p1: offset >> 8,
    p2: offset & 0xff,
    data: new Uint8Array(0),
    le,
  });
}

/** Reads `length` bytes from `offset` of the selected EF. */
export async function readBytes(
  transport: CardTransport,
  offset: number,
  length: number,
  options: ReadOptions = {},
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let done = 0;
  while (done < length) {
    const at = offset + done;
    if (at > MAX_OFFSET) throw new CardError('card.parse', 'file longer than READ BINARY can address');
    const chunk = checkSw(await transport.transmit(readBinary(at, Math.min(READ_CHUNK, length - done)), options));
    if (chunk.length === 0) throw new CardError('card.parse', 'the card returned no data');
    parts.push(chunk);
    done += chunk.length;
    options.onProgress?.({ done: Math.min(done, length), total: length });
  }
  return concatBytes(...parts).subarray(0, length);
}

/**
 * Reads the DER object at the start of the selected EF: its header first, then exactly its length (the file
 * is padded after it, card-protocol.md §2).
 * @throws {CardError} `card.parse` when the file does not start with a definite-length DER object.
 */
export async function readDerObject(transport: CardTransport, options: ReadOptions = {}): Promise<Uint8Array> {
  const head = await readBytes(transport, 0, DER_HEADER_READ, {});
  let total: number;
  try {
    // Parse just the header: the value runs past what was read, so measure it from the length field.
    const { tag, headerLength, valueLength } = readTlvHeader(head);
    if (tag !== DER_SEQUENCE) throw new TlvError('not a DER SEQUENCE');
    total = headerLength + valueLength;
  } catch (error) {
    throw new CardError('card.parse', error instanceof Error ? error.message : 'bad DER header');
  }
  const rest =
    total > DER_HEADER_READ
      ? await readBytes(transport, DER_HEADER_READ, total - DER_HEADER_READ, options)
      : new Uint8Array(0);
  const der = concatBytes(head, rest).subarray(0, total);
  try {
    readTlv(der);
  } catch {
    throw new CardError('card.parse', 'truncated DER object');
  }
  return der;
}

/** Enough for a two-byte tag and a three-byte length (`82 hh ll`): every template of the 券面 applications. */
const TEMPLATE_HEADER_READ = 5;

/**
 * Reads the BER-TLV template at the start of the selected EF: its header first, then exactly its length (the
 * card pads the file after it). The caller owns the bytes and wipes them when they held personal data.
 * @throws {CardError} `card.parse` when the file does not start with `tag` or the template is malformed.
 */
export async function readTemplate(
  transport: CardTransport,
  tag: number,
  options: ReadOptions = {},
): Promise<Uint8Array> {
  const head = await readBytes(transport, 0, TEMPLATE_HEADER_READ, {});
  let total: number;
  try {
    const header = readTlvHeader(head);
    if (header.tag !== tag) throw new TlvError(`expected tag ${tag.toString(16)}, found ${header.tag.toString(16)}`);
    total = header.headerLength + header.valueLength;
  } catch (error) {
    head.fill(0);
    throw new CardError('card.parse', error instanceof Error ? error.message : 'bad template header');
  }
  const rest =
    total > head.length ? await readBytes(transport, head.length, total - head.length, options) : new Uint8Array(0);
  const file = concatBytes(head, rest).slice(0, total);
  head.fill(0);
  rest.fill(0);
  return file;
}
