/**
 * The RC-S300's vendor interface framing (card-protocol.md §6): CCID messages (USB CCID rev. 1.1 §6) with a
 * 10-byte header. The host sends `PC_to_RDR_Escape` `6B <dwLength u32 LE> <bSlot> <bSeq> 00 00 00 <payload>`;
 * the reader answers `RDR_to_PC_Escape` `83 <dwLength u32 LE> <bSlot> <bSeq> <bStatus> <bError> <bRFU>
 * <payload>`. Pure codec; the reassembly of IN transfers takes its transfers from an injected function.
 */
import { concatBytes } from '../../card/bytes';
import { TransportError } from '../../card/transport';

/** Message types (CCID §6.1.8, §6.2.4). */
export const MESSAGE_TYPE = Object.freeze({
  /** PC_to_RDR_Escape */
  escape: 0x6b,
  /** RDR_to_PC_Escape */
  escapeAnswer: 0x83,
});

/** Bytes before the payload, both ways. */
export const HEADER_LENGTH = 10;

/**
 * Largest payload accepted, bytes: about four times the largest answer (a 256-byte card frame in its data
 * objects). A header claiming more is corrupt and must not make the driver wait for bytes that never come.
 */
export const MAX_PAYLOAD = 1014;

/** Largest whole message, bytes (16 packets of 64). */
export const MAX_MESSAGE = HEADER_LENGTH + MAX_PAYLOAD;

/** The RC-S300 has one slot. */
const SLOT = 0;

/** Empty IN transfers (zero-length packets ending a message of a multiple of 64 bytes) skipped before a header. */
const MAX_EMPTY_TRANSFERS = 4;

const fail = (why: string): never => {
  throw new TransportError('transport.protocol', `RC-S300 escape frame: ${why}`);
};

/**
 * Wraps a payload in a `PC_to_RDR_Escape` message with sequence number `seq` (taken modulo 256).
 * @throws {TransportError} `transport.protocol` for a payload longer than {@link MAX_PAYLOAD}.
 */
export function encodeEscape(payload: Uint8Array, seq: number): Uint8Array<ArrayBuffer> {
  if (payload.length > MAX_PAYLOAD) fail('payload too long');
  const message = new Uint8Array(HEADER_LENGTH + payload.length);
  const view = new DataView(message.buffer);
  message[0] = MESSAGE_TYPE.escape;
  view.setUint32(1, payload.length, true);
  message[5] = SLOT;
  message[6] = seq & 0xff;
  message.set(payload, HEADER_LENGTH);
  return message;
}

/** The fields of an answer's header. */
export interface EscapeHeader {
  readonly messageType: number;
  /** Payload length (dwLength). */
  readonly length: number;
  readonly slot: number;
  readonly seq: number;
  readonly status: number;
  readonly error: number;
}

/**
 * Reads the header at the start of `bytes`.
 * @throws {TransportError} `transport.protocol` for a short header, another message type or an absurd length.
 */
export function decodeEscapeHeader(bytes: Uint8Array): EscapeHeader {
  if (bytes.length < HEADER_LENGTH) fail('truncated header');
  if (bytes[0] !== MESSAGE_TYPE.escapeAnswer) fail(`message type ${bytes[0]!.toString(16)} instead of 83`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, true);
  if (length > MAX_PAYLOAD) fail(`length ${length} out of range`);
  return { messageType: bytes[0]!, length, slot: bytes[5]!, seq: bytes[6]!, status: bytes[7]!, error: bytes[8]! };
}

/** What a complete answer says. */
export type EscapeAnswer =
  /** The reader needs more time (bmCommandStatus 2); the real answer follows with the same sequence number. */
  | { readonly kind: 'time-extension'; readonly multiplier: number }
  | { readonly kind: 'answer'; readonly payload: Uint8Array };

/**
 * Decodes one complete answer to the command with sequence number `seq`.
 * @throws {TransportError} `transport.protocol` for a bad header, a length that disagrees with the header,
 *   another slot or sequence number, or a failed command.
 */
export function decodeEscapeAnswer(message: Uint8Array, seq: number): EscapeAnswer {
  const header = decodeEscapeHeader(message);
  if (message.length !== HEADER_LENGTH + header.length) fail('length disagrees with the header');
  if (header.slot !== SLOT) fail(`slot ${header.slot}`);
  if (header.seq !== (seq & 0xff)) fail(`sequence ${header.seq} instead of ${seq & 0xff}`);
  // bmCommandStatus, bits 6–7 of bStatus (CCID §6.2.6); bmICCStatus (bits 0–1) means nothing for RF here.
  switch (header.status >> 6) {
    case 0:
      return { kind: 'answer', payload: message.slice(HEADER_LENGTH) };
    case 2:
      return { kind: 'time-extension', multiplier: header.error };
    case 1:
      return fail(`the reader failed the command (bError ${header.error.toString(16)})`);
    default:
      return fail(`bStatus ${header.status.toString(16)}`);
  }
}

/**
 * Collects one answer from IN transfers: a transfer may hold a whole message (a real host reads until a short
 * packet) or one 64-byte packet (the fake), so it reads until the header's length is satisfied. Empty
 * transfers before the header are zero-length packets ending the previous message and are skipped.
 * @param receive one bulk IN transfer.
 * @throws {TransportError} `transport.protocol` for a malformed or truncated message; whatever `receive` throws.
 */
export async function receiveEscapeAnswer(receive: () => Promise<Uint8Array>, seq: number): Promise<EscapeAnswer> {
  let first = await receive();
  for (let empty = 0; first.length === 0; empty += 1) {
    if (empty >= MAX_EMPTY_TRANSFERS) fail('only empty transfers');
    first = await receive();
  }
  const header = decodeEscapeHeader(first);
  const parts = [first];
  let received = first.length;
  while (received < HEADER_LENGTH + header.length) {
    const part = await receive();
    if (part.length === 0) fail('message ended before its length');
    parts.push(part);
    received += part.length;
  }
  return decodeEscapeAnswer(concatBytes(...parts), seq);
}
