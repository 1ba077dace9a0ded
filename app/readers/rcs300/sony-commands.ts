/**
 * The RC-S300's Sony `FF 50` pseudo-APDUs (card-protocol.md §6), carried in escape messages: transparent
 * session control, protocol switch and transceive, answered with BER-TLV data objects and `90 00`. The data
 * objects follow PC/SC Part 3 Supplement (transparent exchange): `C0` generic error status, `5F 46` timer,
 * `95` transceive, `96` response status, `97` response data. Pure builders and parsers.
 */
import { concatBytes, hex } from '../../card/bytes';
import { TransportError } from '../../card/transport';

/** Transparent-session control: `FF 50 00 00 02 <data object 81–84, empty> 00`. */
export const SESSION = Object.freeze({
  start: hex`FF 50 00 00 02 81 00 00`,
  end: hex`FF 50 00 00 02 82 00 00`,
  rfOff: hex`FF 50 00 00 02 83 00 00`,
  rfOn: hex`FF 50 00 00 02 84 00 00`,
});

/** Switch protocol (data object `8F 02 <type> <layer>`): Type B (01), ISO/IEC 14443-4 (04): the reader activates. */
export const SWITCH_TYPE_B_LAYER_4 = hex`FF 50 00 02 04 8F 02 01 04 00`;

/** Header of a transceive pseudo-APDU; an extended Lc (`00 <u16 BE>`) follows. */
export const TRANSCEIVE_HEADER = hex`FF 50 00 01`;
/** Trailer after the data objects, as in the FeliCa clients proven on the RC-S300. */
export const TRANSCEIVE_TRAILER = hex`00 00 00`;

/** Data object tags. */
export const TAG = Object.freeze({
  genericStatus: 0xc0,
  switchProtocol: 0x8f,
  timer: 0x5f46,
  transceive: 0x95,
  responseStatus: 0x96,
  responseData: 0x97,
});

/**
 * Status words in the generic error status `C0 03 <failing object> <SW1 SW2>` (our choice [open]; the position
 * byte is not interpreted): `90 00` ok, `64 01` the card did not answer in time, `64 02` the card's frame
 * arrived damaged (CRC, parity, framing). Any other value is a reader error.
 */
export const RF_STATUS = Object.freeze({ ok: 0x9000, noAnswer: 0x6401, transmissionError: 0x6402 });

/** Largest frame the host sends, bytes: an ISO-DEP block never exceeds FSC 256 (ISO/IEC 14443-4 §5.2.3). */
export const MAX_FRAME = 256;

const fail = (why: string): never => {
  throw new TransportError('transport.protocol', `RC-S300 answer: ${why}`);
};

/** One BER-TLV data object. */
export interface DataObject {
  /** One- or two-byte tag as a number (`5F 46` → 0x5f46). */
  readonly tag: number;
  readonly value: Uint8Array;
}

/** BER length bytes: short form below 128, then `81 xx` and `82 xx xx`. */
export function berLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  return Uint8Array.of(0x82, (length >> 8) & 0xff, length & 0xff);
}

/** Encodes one data object with the shortest length form. */
export function encodeDataObject(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes = tag > 0xff ? Uint8Array.of(tag >> 8, tag & 0xff) : Uint8Array.of(tag);
  return concatBytes(tagBytes, berLength(value.length), value);
}

/**
 * Reads a sequence of data objects (tags of one or two bytes, definite lengths up to `82 xx xx`).
 * @throws {TransportError} `transport.protocol` for a truncated or unsupported encoding.
 */
export function readDataObjects(bytes: Uint8Array): DataObject[] {
  const objects: DataObject[] = [];
  let at = 0;
  const next = (what: string): number => {
    const byte = bytes[at];
    if (byte === undefined) return fail(`truncated ${what}`);
    at += 1;
    return byte;
  };
  while (at < bytes.length) {
    let tag = next('tag');
    if ((tag & 0x1f) === 0x1f) {
      // ISO/IEC 8825-1 §8.1.2.4: a second tag byte; none of these objects needs a third.
      const second = next('tag');
      if (second & 0x80) fail('tag longer than two bytes');
      tag = (tag << 8) | second;
    }
    let length = next('length');
    if (length === 0x81) length = next('length');
    else if (length === 0x82) length = (next('length') << 8) | next('length');
    else if (length >= 0x80) fail(`length form ${length.toString(16)}`);
    if (at + length > bytes.length) fail('value runs past the end');
    objects.push({ tag, value: bytes.slice(at, at + length) });
    at += length;
  }
  return objects;
}

/**
 * Splits an answer into its data objects, checking the trailing `90 00`.
 * @throws {TransportError} `transport.protocol` for another status word or malformed data objects.
 */
export function answerObjects(payload: Uint8Array): DataObject[] {
  if (payload.length < 2) fail('shorter than a status word');
  const sw1 = payload[payload.length - 2]!;
  const sw2 = payload[payload.length - 1]!;
  if (sw1 !== 0x90 || sw2 !== 0x00) fail(`status ${((sw1 << 8) | sw2).toString(16)}`);
  return readDataObjects(payload.subarray(0, payload.length - 2));
}

/** What the reader says about the RF part of a command. */
export type RfOutcome = 'ok' | 'no-answer' | 'transmission-error';

/**
 * Reads the generic error status `C0`; an answer without one counts as ok (session commands may omit it [open]).
 * @throws {TransportError} `transport.protocol` for a malformed status or one meaning a reader error.
 */
export function rfOutcome(objects: readonly DataObject[]): RfOutcome {
  const status = objects.find((o) => o.tag === TAG.genericStatus);
  if (!status) return 'ok';
  if (status.value.length !== 3) fail('generic error status of the wrong size');
  const sw = (status.value[1]! << 8) | status.value[2]!;
  if (sw === RF_STATUS.ok && status.value[0] === 0) return 'ok';
  if (sw === RF_STATUS.noAnswer) return 'no-answer';
  if (sw === RF_STATUS.transmissionError) return 'transmission-error';
  return fail(`reader error ${status.value[0]!.toString(16)} ${sw.toString(16)}`);
}

/**
 * The outcome of a control command (session, RF on/off, switch protocol).
 * @throws {TransportError} `transport.protocol` for a malformed answer or a reader error.
 */
export function parseControlAnswer(payload: Uint8Array): RfOutcome {
  return rfOutcome(answerObjects(payload));
}

/**
 * A transceive pseudo-APDU: the reader's RF timeout (`5F 46 04 <µs u32 LE>`), then the frame (`95 82 <u16>`:
 * the two-byte length form, as in the FeliCa clients proven on the RC-S300, whatever the frame's size).
 * @throws {TransportError} `transport.protocol` for a frame longer than {@link MAX_FRAME}.
 */
export function transceiveCommand(frame: Uint8Array, timeoutMs: number): Uint8Array {
  if (frame.length > MAX_FRAME) fail('frame too long');
  const micros = Math.min(0xffffffff, Math.max(1, Math.round(timeoutMs * 1000)));
  const timer = new Uint8Array(4);
  new DataView(timer.buffer).setUint32(0, micros, true);
  const objects = concatBytes(
    hex`5F 46 04`,
    timer,
    Uint8Array.of(TAG.transceive, 0x82, frame.length >> 8, frame.length & 0xff),
    frame,
  );
  return concatBytes(
    TRANSCEIVE_HEADER,
    Uint8Array.of(0x00, objects.length >> 8, objects.length & 0xff),
    objects,
    TRANSCEIVE_TRAILER,
  );
}

/** The card's answer to a transceive. */
export type TransceiveResult =
  { readonly outcome: 'ok'; readonly frame: Uint8Array } | { readonly outcome: 'no-answer' | 'transmission-error' };

/**
 * Reads a transceive answer: `C0` (required), `96` response status (optional; non-zero means a damaged frame)
 * and `97` the card's frame.
 * @throws {TransportError} `transport.protocol` for a malformed answer, a missing status or frame, a reader error.
 */
export function parseTransceiveAnswer(payload: Uint8Array): TransceiveResult {
  const objects = answerObjects(payload);
  if (!objects.some((o) => o.tag === TAG.genericStatus)) fail('no generic error status');
  const outcome = rfOutcome(objects);
  if (outcome !== 'ok') return { outcome };
  const responseStatus = objects.find((o) => o.tag === TAG.responseStatus);
  if (responseStatus && responseStatus.value.some((b) => b !== 0)) return { outcome: 'transmission-error' };
  const data = objects.find((o) => o.tag === TAG.responseData);
  if (!data) return fail('no response data');
  return { outcome: 'ok', frame: data.value };
}
