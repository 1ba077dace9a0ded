/**
 * The wire protocol of the local PC/SC bridge, shared by the bridge (`bridge/`, Node) and the page's transport,
 * so the two cannot drift. Pure: no Node, no DOM.
 *
 * Two phases on one WebSocket:
 * 1. **Handshake**, JSON text frames in clear: `hello`; pairing with the 6-digit code through OPAQUE
 *    (`pair-start` → `pair-response` → `pair-finish` → `paired`, see `channel.ts` and `bridge/pairing.ts`); or
 *    `resume` → `resumed` for a page that paired before. Nothing secret travels in this phase.
 * 2. **Channel**: every message is sealed (AES-256-GCM, one key per direction, a sequence number per frame,
 *    `channel.ts`) in a binary frame `02 5E <seq:8> <ciphertext>`. Inside are the requests (`list-readers`,
 *    `connect`, `transmit`, `disconnect`) and the answers and events, as JSON, or as binary `transmit` /
 *    `response` frames (`02 01|81 <id:4> <APDU>`).
 *
 * Every incoming message is validated strictly (size, version, type, each field); anything else is refused with
 * a typed error, never half-understood. Modelled on web-eid's native-host messages: a version handshake, one
 * request id per answer, typed error codes.
 */
import { fromHex, toHex } from '../../card/bytes';

/** Protocol version spoken by this build; a message with another `v` is refused. */
export const BRIDGE_PROTOCOL_VERSION = 2;
export { BRIDGE_DEFAULT_PORT } from './default-port';
/**
 * Largest message either side accepts, bytes. A short APDU is at most 261 bytes and a response at most 258; an
 * OPAQUE login response is 320 bytes (427 in base64url); the rest is the envelope. Anything bigger is not from a
 * well-behaved peer.
 */
export const MAX_MESSAGE_BYTES = 2048;
/** Longest APDU accepted on the wire: short APDUs only (ISO/IEC 7816-4 §5.1, case 4S with Le). */
export const MAX_APDU_BYTES = 261;
/** Digits of the pairing code the bridge prints. */
export const PAIRING_CODE_DIGITS = 6;
/** Bytes of each side's fresh nonce in `resume` / `resumed`. */
export const NONCE_BYTES = 32;
/** Bytes of a pairing id (hex in JSON). */
export const PAIRING_ID_BYTES = 16;
/** Longest reader name accepted (PC/SC names are short; this bounds what reaches the UI). */
const MAX_READER_NAME = 200;
const MAX_READERS = 32;
/** Longest base64url field of the handshake (OPAQUE messages and sealed pairing data are far shorter). */
const MAX_BASE64 = 1024;
/** Request ids are unsigned 32-bit, so they fit the binary header. */
const MAX_ID = 0xffffffff;

const BINARY_TRANSMIT = 0x01;
const BINARY_RESPONSE = 0x81;
const BINARY_SEALED = 0x5e;
const BINARY_HEADER = 6;
/** Version, kind and the 8-byte sequence number. */
export const SEALED_HEADER_BYTES = 10;

/** Why the bridge refused a request. Mapped onto the `CardTransport` errors by `bridgeErrorToTransport`. */
export type BridgeErrorCode =
  /** Not valid JSON, unknown type, a field missing or of the wrong shape, too large. */
  | 'bad-request'
  /** A `v` this side does not speak. */
  | 'unsupported-version'
  /** A request before the channel was set up, or in clear. */
  | 'unauthorized'
  /** The pairing did not complete (the code was wrong). */
  | 'pairing-refused'
  /** The pairing code expired: a new one has been printed. */
  | 'pairing-expired'
  /** Too many wrong codes from this origin: it may try again after a while. */
  | 'pairing-locked'
  /** The bridge has no pairing by that id for this origin (forgotten, or another bridge): pair again. */
  | 'unknown-pairing'
  /** As many paired pages are connected as the bridge serves. */
  | 'capacity'
  /** Another client (or program) holds the card. */
  | 'busy'
  /** No such reader. */
  | 'no-reader'
  | 'no-card'
  | 'card-removed'
  /** The reader, or the PC/SC service, went away. */
  | 'reader-unplugged'
  | 'timeout'
  /** `transmit` or `disconnect` without a `connect` (or after the bridge let go of the card). */
  | 'not-connected'
  /** The card policy refused the command: the app never sends it (`app/card/mynumber/card-policy.ts`). */
  | 'policy-refused'
  | 'internal';

export const BRIDGE_ERROR_CODES: readonly BridgeErrorCode[] = [
  'bad-request',
  'unsupported-version',
  'unauthorized',
  'pairing-refused',
  'pairing-expired',
  'pairing-locked',
  'unknown-pairing',
  'capacity',
  'busy',
  'no-reader',
  'no-card',
  'card-removed',
  'reader-unplugged',
  'timeout',
  'not-connected',
  'policy-refused',
  'internal',
];

export interface ReaderInfo {
  readonly name: string;
  readonly cardPresent: boolean;
}

interface Envelope {
  readonly v: typeof BRIDGE_PROTOCOL_VERSION;
  readonly id: number;
}

/** Handshake messages from the page, in clear. Byte fields are base64url in JSON. */
export type ClientHandshake =
  | (Envelope & { readonly type: 'hello' })
  /** OPAQUE KE1 (`startLoginRequest`). */
  | (Envelope & { readonly type: 'pair-start'; readonly request: string })
  /** OPAQUE KE3 (`finishLoginRequest`), and the page's public key sealed under the pairing key. */
  | (Envelope & { readonly type: 'pair-finish'; readonly finish: string; readonly sealed: Uint8Array })
  | (Envelope & { readonly type: 'resume'; readonly pairing: string; readonly nonce: Uint8Array });

/** Requests from the page inside the channel. */
export type ClientRequestMessage =
  | (Envelope & { readonly type: 'list-readers' })
  | (Envelope & { readonly type: 'connect'; readonly reader: string })
  | (Envelope & { readonly type: 'transmit'; readonly apdu: Uint8Array })
  | (Envelope & { readonly type: 'disconnect' });

export type ClientMessage = ClientHandshake | ClientRequestMessage;

/** A message as a caller writes it: the connection adds the envelope (`v`, `id`). */
export type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'v' | 'id'> : never;
export type ClientRequest = WithoutEnvelope<ClientRequestMessage>;

export type BridgeEventKind =
  | 'reader-added'
  | 'reader-removed'
  | 'card-inserted'
  | 'card-removed'
  /** The bridge let go of this page's card (idle too long): the next exchange connects again. */
  | 'card-released';

const EVENT_KINDS: readonly string[] = [
  'reader-added',
  'reader-removed',
  'card-inserted',
  'card-removed',
  'card-released',
];

/** Handshake answers from the bridge, in clear. */
export type BridgeHandshake =
  | (Envelope & { readonly type: 'hello'; readonly versions: readonly number[] })
  /** OPAQUE KE2 (`loginResponse`). */
  | (Envelope & { readonly type: 'pair-response'; readonly response: string })
  /** The pairing id and the bridge's public key, sealed under the pairing key. */
  | (Envelope & { readonly type: 'paired'; readonly sealed: Uint8Array })
  /** The bridge's nonce, and a first sealed frame only the paired bridge can make. */
  | (Envelope & { readonly type: 'resumed'; readonly nonce: Uint8Array; readonly proof: Uint8Array });

/** Answers and events from the bridge: one answer per request id, events with id 0. */
export type BridgeAnswer =
  | (Envelope & { readonly type: 'readers'; readonly readers: readonly ReaderInfo[] })
  | (Envelope & { readonly type: 'connected'; readonly reader: string; readonly atr: Uint8Array })
  | (Envelope & { readonly type: 'response'; readonly apdu: Uint8Array })
  | (Envelope & { readonly type: 'disconnected' })
  | (Envelope & { readonly type: 'error'; readonly code: BridgeErrorCode; readonly message: string })
  | (Envelope & { readonly type: 'event'; readonly event: BridgeEventKind; readonly reader: string });

export type BridgeMessage = BridgeHandshake | BridgeAnswer;

const CLIENT_HANDSHAKE_TYPES: readonly string[] = ['hello', 'pair-start', 'pair-finish', 'resume'];
const BRIDGE_HANDSHAKE_TYPES: readonly string[] = ['hello', 'pair-response', 'paired', 'resumed'];

/** Whether a page message belongs to the handshake (in clear) rather than the channel. */
export function isClientHandshake(message: ClientMessage): message is ClientHandshake {
  return CLIENT_HANDSHAKE_TYPES.includes(message.type);
}

/** Whether a bridge message belongs to the handshake (`error` may come in either phase). */
export function isBridgeHandshake(message: BridgeMessage): message is BridgeHandshake {
  return BRIDGE_HANDSHAKE_TYPES.includes(message.type);
}

/** What a decoder refused, with the request id when it could be read (so the peer can answer it). */
export interface DecodeFailure {
  readonly ok: false;
  readonly id: number;
  readonly code: 'bad-request' | 'unsupported-version';
  readonly reason: string;
}

export type Decoded<T> = { readonly ok: true; readonly message: T } | DecodeFailure;

/** A frame as it comes off a WebSocket: text, or bytes. */
export type Frame = string | Uint8Array;

type Json = Record<string, unknown>;

class Invalid extends Error {
  constructor(
    readonly code: DecodeFailure['code'],
    message: string,
  ) {
    super(message);
  }
}

const fail = (reason: string): never => {
  throw new Invalid('bad-request', reason);
};

/** base64url without padding (RFC 4648 §5), as OPAQUE's library writes its messages. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Bytes of a base64url string (no padding).
 * @throws {Error} for characters outside the alphabet or an impossible length.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function field(obj: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function str(obj: Json, key: string, max: number): string {
  const value = field(obj, key);
  if (typeof value !== 'string' || value.length === 0 || value.length > max) fail(`bad ${key}`);
  return value as string;
}

function hexField(obj: Json, key: string, maxBytes: number, minBytes = 1): Uint8Array {
  const value = str(obj, key, maxBytes * 2);
  if (!/^(?:[0-9a-f]{2})+$/i.test(value) || value.length / 2 < minBytes) fail(`bad ${key}`);
  return fromHex(value);
}

/** A base64url field as text (OPAQUE messages are passed on as the library writes them). */
function base64Text(obj: Json, key: string): string {
  const value = str(obj, key, MAX_BASE64);
  try {
    fromBase64Url(value);
  } catch {
    fail(`bad ${key}`);
  }
  return value;
}

function base64Bytes(obj: Json, key: string, exactBytes?: number): Uint8Array {
  const bytes = fromBase64Url(base64Text(obj, key));
  if (exactBytes !== undefined && bytes.length !== exactBytes) fail(`bad ${key}`);
  return bytes;
}

function parseEnvelope(frame: string): { obj: Json; id: number; type: string } {
  if (frame.length > MAX_MESSAGE_BYTES) fail('message too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return fail('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('not an object');
  const obj = parsed as Json;
  const id = field(obj, 'id');
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_ID) fail('bad id');
  if (field(obj, 'v') !== BRIDGE_PROTOCOL_VERSION) throw new Invalid('unsupported-version', 'unsupported version');
  const type = field(obj, 'type');
  if (typeof type !== 'string') fail('bad type');
  return { obj, id: id as number, type: type as string };
}

function decodeWith<T>(frame: Frame, text: (frame: string) => T, binary: (frame: Uint8Array) => T): Decoded<T> {
  let id = 0;
  try {
    if (typeof frame === 'string') {
      id = peekId(frame);
      return { ok: true, message: text(frame) };
    }
    if (frame.length > MAX_MESSAGE_BYTES) fail('message too large');
    // A JSON message sealed in the channel arrives as its UTF-8 bytes.
    if (frame[0] === 0x7b) return decodeWith(new TextDecoder('utf-8', { fatal: true }).decode(frame), text, binary);
    if (frame.length >= BINARY_HEADER) id = readU32(frame, 2);
    return { ok: true, message: binary(frame) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, id, code: error.code, reason: error.message };
    return { ok: false, id, code: 'bad-request', reason: 'malformed' };
  }
}

/** The id of a text frame, if it has a valid one, so a refusal can still name the request it answers. */
function peekId(frame: string): number {
  if (frame.length > MAX_MESSAGE_BYTES) return 0;
  try {
    const parsed: unknown = JSON.parse(frame);
    if (typeof parsed !== 'object' || parsed === null) return 0;
    const id = (parsed as Json)['id'];
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= MAX_ID ? id : 0;
  } catch {
    return 0;
  }
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function checkBinaryHeader(frame: Uint8Array, kind: number, minLength: number): void {
  if (frame.length < minLength) fail('binary frame too short');
  if (frame[0] !== BRIDGE_PROTOCOL_VERSION) throw new Invalid('unsupported-version', 'unsupported version');
  if (frame[1] !== kind) fail('unknown binary frame');
}

/**
 * Decodes and validates a frame from the page (used by the bridge): a handshake message in clear, or a request
 * from inside the channel (its opened plaintext). The caller checks that each kind came the way it must.
 * Never throws: a refusal comes back as `{ ok: false }`.
 */
export function decodeClientMessage(frame: Frame): Decoded<ClientMessage> {
  return decodeWith<ClientMessage>(
    frame,
    (text) => {
      const { obj, id, type } = parseEnvelope(text);
      const v = BRIDGE_PROTOCOL_VERSION;
      switch (type) {
        case 'hello':
        case 'list-readers':
        case 'disconnect':
          return { v, id, type };
        case 'pair-start':
          return { v, id, type, request: base64Text(obj, 'request') };
        case 'pair-finish':
          return { v, id, type, finish: base64Text(obj, 'finish'), sealed: base64Bytes(obj, 'sealed') };
        case 'resume': {
          const pairing = str(obj, 'pairing', PAIRING_ID_BYTES * 2);
          if (!new RegExp(`^[0-9a-f]{${PAIRING_ID_BYTES * 2}}$`).test(pairing)) fail('bad pairing');
          return { v, id, type, pairing, nonce: base64Bytes(obj, 'nonce', NONCE_BYTES) };
        }
        case 'connect':
          return { v, id, type, reader: str(obj, 'reader', MAX_READER_NAME) };
        case 'transmit':
          return { v, id, type, apdu: hexField(obj, 'apdu', MAX_APDU_BYTES, 4) };
        default:
          return fail('unknown type');
      }
    },
    (bytes) => {
      checkBinaryHeader(bytes, BINARY_TRANSMIT, BINARY_HEADER + 4);
      const apdu = bytes.slice(BINARY_HEADER);
      if (apdu.length > MAX_APDU_BYTES) fail('APDU too long');
      return { v: BRIDGE_PROTOCOL_VERSION, id: readU32(bytes, 2), type: 'transmit', apdu };
    },
  );
}

/** Decodes and validates a frame from the bridge (used by the page). Never throws. */
export function decodeBridgeMessage(frame: Frame): Decoded<BridgeMessage> {
  return decodeWith<BridgeMessage>(
    frame,
    (text) => {
      const { obj, id, type } = parseEnvelope(text);
      const v = BRIDGE_PROTOCOL_VERSION;
      switch (type) {
        case 'hello': {
          const versions = field(obj, 'versions');
          if (!Array.isArray(versions) || versions.length > 8 || !versions.every((x) => Number.isInteger(x))) {
            fail('bad versions');
          }
          return { v, id, type, versions: versions as number[] };
        }
        case 'pair-response':
          return { v, id, type, response: base64Text(obj, 'response') };
        case 'paired':
          return { v, id, type, sealed: base64Bytes(obj, 'sealed') };
        case 'resumed':
          return { v, id, type, nonce: base64Bytes(obj, 'nonce', NONCE_BYTES), proof: base64Bytes(obj, 'proof') };
        case 'readers': {
          const list = field(obj, 'readers');
          if (!Array.isArray(list) || list.length > MAX_READERS) fail('bad readers');
          const readers = (list as unknown[]).map((item) => {
            if (typeof item !== 'object' || item === null) return fail('bad reader');
            const r = item as Json;
            const cardPresent = field(r, 'cardPresent');
            if (typeof cardPresent !== 'boolean') fail('bad cardPresent');
            return { name: str(r, 'name', MAX_READER_NAME), cardPresent: cardPresent as boolean };
          });
          return { v, id, type, readers };
        }
        case 'connected':
          return { v, id, type, reader: str(obj, 'reader', MAX_READER_NAME), atr: hexField(obj, 'atr', 33) };
        case 'response':
          return { v, id, type, apdu: hexField(obj, 'apdu', MAX_APDU_BYTES, 2) };
        case 'disconnected':
          return { v, id, type };
        case 'error': {
          const code = field(obj, 'code');
          if (typeof code !== 'string' || !(BRIDGE_ERROR_CODES as readonly string[]).includes(code)) {
            fail('bad error code');
          }
          const message = field(obj, 'message');
          return {
            v,
            id,
            type,
            code: code as BridgeErrorCode,
            message: typeof message === 'string' ? message.slice(0, 200) : '',
          };
        }
        case 'event': {
          const event = field(obj, 'event');
          if (typeof event !== 'string' || !EVENT_KINDS.includes(event)) fail('bad event');
          return { v, id, type, event: event as BridgeEventKind, reader: str(obj, 'reader', MAX_READER_NAME) };
        }
        default:
          return fail('unknown type');
      }
    },
    (bytes) => {
      checkBinaryHeader(bytes, BINARY_RESPONSE, BINARY_HEADER + 2);
      const apdu = bytes.slice(BINARY_HEADER);
      if (apdu.length > MAX_APDU_BYTES) fail('APDU too long');
      return { v: BRIDGE_PROTOCOL_VERSION, id: readU32(bytes, 2), type: 'response', apdu };
    },
  );
}

/** Bytes become base64url in the handshake and hex inside the channel (where APDUs usually go binary). */
function toWire(message: ClientMessage | BridgeMessage): Json {
  const handshake = ['pair-finish', 'resume', 'paired', 'resumed'].includes(message.type);
  const out: Json = {};
  for (const [key, value] of Object.entries(message)) {
    out[key] = value instanceof Uint8Array ? (handshake ? toBase64Url(value) : toHex(value)) : value;
  }
  return out;
}

/** Encodes a message from the page. `binary` sends a `transmit` as a binary frame. */
export function encodeClientMessage(message: ClientMessage, { binary = false } = {}): Frame {
  if (binary && message.type === 'transmit') {
    const out = new Uint8Array(BINARY_HEADER + message.apdu.length);
    out.set([BRIDGE_PROTOCOL_VERSION, BINARY_TRANSMIT, ...u32(message.id)]);
    out.set(message.apdu, BINARY_HEADER);
    return out;
  }
  return JSON.stringify(toWire(message));
}

/** Encodes a message from the bridge. `binary` sends a `response` as a binary frame. */
export function encodeBridgeMessage(message: BridgeMessage, { binary = false } = {}): Frame {
  if (binary && message.type === 'response') {
    const out = new Uint8Array(BINARY_HEADER + message.apdu.length);
    out.set([BRIDGE_PROTOCOL_VERSION, BINARY_RESPONSE, ...u32(message.id)]);
    out.set(message.apdu, BINARY_HEADER);
    return out;
  }
  return JSON.stringify(toWire(message));
}

/** A frame's bytes, for sealing: text as UTF-8. */
export function frameBytes(frame: Frame): Uint8Array {
  return typeof frame === 'string' ? new TextEncoder().encode(frame) : frame;
}

/** Whether a binary frame is a sealed channel frame (`02 5E …`). */
export function isSealedFrame(frame: Frame): frame is Uint8Array {
  return (
    typeof frame !== 'string' &&
    frame.length > SEALED_HEADER_BYTES &&
    frame[0] === BRIDGE_PROTOCOL_VERSION &&
    frame[1] === BINARY_SEALED
  );
}

/** The header of a sealed frame with sequence number `seq` (also the AEAD's additional data). */
export function sealedHeader(seq: bigint): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(SEALED_HEADER_BYTES);
  header[0] = BRIDGE_PROTOCOL_VERSION;
  header[1] = BINARY_SEALED;
  new DataView(header.buffer).setBigUint64(2, seq);
  return header;
}

/** The sequence number of a sealed frame. */
export function sealedSeq(frame: Uint8Array): bigint {
  return new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getBigUint64(2);
}

/** The first four bytes of a command (CLA INS P1 P2): the only part of an APDU that may be logged. */
export function apduHeader(apdu: Uint8Array): string {
  return toHex(apdu.subarray(0, 4));
}
