/**
 * The RC-S300's Sony `FF 50` pseudo-APDUs (card-protocol.md §6), carried in escape messages: transparent
 * session control, protocol switch and transceive, answered with BER-TLV data objects and `90 00`. The data
 * objects follow PC/SC Part 3 Supplement (transparent exchange): `C0` generic error status, `5F 46` timer,
 * `95` transceive, `96` response status, `97` response data. Pure builders and parsers.
 */
import { encodeTlv, readTlvList, TlvError, type Tlv } from '../../card/ber-tlv';
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
  deviceState: 0x80,
  switchProtocol: 0x8f,
  atr: 0x5f51,
  timer: 0x5f46,
  transceive: 0x95,
  receptionBitFraming: 0x92,
  responseStatus: 0x96,
  responseData: 0x97,
  /** Sony's vendor-specific object (`FF 6D`, as the public Rust Port-400 client reads it). */
  vendor: 0xff6d,
});

/**
 * Status words in the generic error status `C0 03 <failing object> <SW1 SW2>` (the position byte is not
 * interpreted), with what confirms each reading:
 * | SW | meaning here | evidence |
 * |---|---|---|
 * | `90 00` | ok | PC/SC Part 3 supplement; every public RC-S300 client |
 * | `64 01` | the card did not answer | PC/SC Part 3 "no response from ICC" (as implemented in `wsrf2009/contactless-driver` `pcsc.c`); a public Rust Port-400 client maps it to a timeout — confirmed |
 * | `64 00` | the card did not answer | that Rust client maps it to a timeout; PC/SC Part 3 says "no response from the reader" — single |
 * | `6A 81` | the card did not answer | public RC-S300 notes (issue 13): no card; PC/SC Part 3 says "data object not supported" — open |
 * | `63 01` | the card did not answer | public RC-S300 notes (issue 13): RF timeout; PC/SC Part 3 says "execution stopped", the Rust client "invalid status" — open, sources disagree |
 * | `64 02` | the card's frame arrived damaged | our assumption, no public source — open |
 * Treating the open ones as "no answer" is the safe reading: while polling it means "no card", inside an exchange
 * ISO-DEP asks again with R(NAK) and then reports the card gone; it never resets the reader and never yields
 * a verdict. Any other value is a reader error (`transport.protocol`, named, no USB reset).
 */
export const RF_STATUS = Object.freeze({ ok: 0x9000, noAnswer: 0x6401, transmissionError: 0x6402 });

/** Generic-status words read as "the card did not answer" (see {@link RF_STATUS}). */
export const NO_ANSWER_STATUSES: readonly number[] = [0x6401, 0x6400, 0x6a81, 0x6301];

/** Largest frame the host sends, bytes: an ISO-DEP block never exceeds FSC 256 (ISO/IEC 14443-4 §5.2.3). */
export const MAX_FRAME = 256;

const fail = (why: string): never => {
  throw new TransportError('transport.protocol', `RC-S300 answer: ${why}`);
};

/** One BER-TLV data object. */
export type DataObject = Pick<Tlv, 'tag' | 'value'>;

/** Encodes one data object with the shortest length form (the shared BER-TLV codec). */
export function encodeDataObject(tag: number, value: Uint8Array): Uint8Array {
  return encodeTlv(tag, value);
}

/**
 * Reads a sequence of data objects with the shared BER-TLV codec.
 * @throws {TransportError} `transport.protocol` for a truncated or malformed encoding.
 */
export function readDataObjects(bytes: Uint8Array): DataObject[] {
  try {
    return readTlvList(bytes);
  } catch (error) {
    if (error instanceof TlvError) return fail(error.message);
    throw error;
  }
}

/**
 * Data objects a reader answer may carry, by answer kind (PC/SC Part 3 supplement; the public Rust Port-400
 * client parses the same set): anything else means the reader speaks a dialect this driver does not know, so
 * it fails closed and names the object rather than guess.
 */
const KNOWN_OBJECTS: Readonly<Record<'control' | 'transceive', readonly number[]>> = Object.freeze({
  /** Session, RF on/off, switch protocol: status, device state, protocol metadata, ATR, Sony's vendor object. */
  control: [TAG.genericStatus, TAG.deviceState, TAG.switchProtocol, TAG.atr, TAG.vendor],
  /** Transceive: status, received bit framing, response status, response data, Sony's vendor object. */
  transceive: [TAG.genericStatus, TAG.receptionBitFraming, TAG.responseStatus, TAG.responseData, TAG.vendor],
});

/**
 * Splits an answer into its data objects by tag, checking the trailing `90 00` and that every object is one
 * this kind of answer may carry.
 * @throws {TransportError} `transport.protocol` for another status word, malformed or unknown data objects.
 */
export function answerObjects(payload: Uint8Array, kind: keyof typeof KNOWN_OBJECTS = 'control'): DataObject[] {
  if (payload.length < 2) fail('shorter than a status word');
  const sw1 = payload[payload.length - 2]!;
  const sw2 = payload[payload.length - 1]!;
  if (sw1 !== 0x90 || sw2 !== 0x00) fail(`status ${((sw1 << 8) | sw2).toString(16)}`);
  const objects = readDataObjects(payload.subarray(0, payload.length - 2));
  const unknown = objects.find((o) => !KNOWN_OBJECTS[kind].includes(o.tag));
  if (unknown) fail(`unknown data object ${unknown.tag.toString(16).toUpperCase()} in a ${kind} answer`);
  return objects;
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
  if (NO_ANSWER_STATUSES.includes(sw)) return 'no-answer';
  if (sw === RF_STATUS.transmissionError) return 'transmission-error';
  return fail(`reader error ${status.value[0]!.toString(16)} ${sw.toString(16)}`);
}

/**
 * The outcome of a control command (session, RF on/off, switch protocol).
 * @throws {TransportError} `transport.protocol` for a malformed answer or a reader error.
 */
export function parseControlAnswer(payload: Uint8Array): RfOutcome {
  return rfOutcome(answerObjects(payload, 'control'));
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
  const objects = answerObjects(payload, 'transceive');
  if (!objects.some((o) => o.tag === TAG.genericStatus)) fail('no generic error status');
  const outcome = rfOutcome(objects);
  if (outcome !== 'ok') return { outcome };
  const responseStatus = objects.find((o) => o.tag === TAG.responseStatus);
  if (responseStatus && responseStatus.value.some((b) => b !== 0)) return { outcome: 'transmission-error' };
  const data = objects.find((o) => o.tag === TAG.responseData);
  if (!data) return fail('no response data');
  return { outcome: 'ok', frame: data.value };
}
