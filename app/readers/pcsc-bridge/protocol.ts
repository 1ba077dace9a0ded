/**
 * The wire protocol of the local PC/SC bridge, shared by the bridge (`bridge/`, Node) and the page's transport,
 * so the two cannot drift. Pure: no Node, no DOM.
 *
 * Messages are JSON text frames `{ v, id, type, … }`; APDUs travel as hex in JSON, or as binary frames for
 * `transmit` / `response` (no hex overhead). Every message but `hello` and `pair` carries the token the bridge
 * handed out at pairing. Every incoming message is validated strictly (size, version, type, each field);
 * anything else is refused with a typed error, never half-understood. Modelled on web-eid's native-host
 * messages: a version handshake, one request id per answer, typed error codes.
 *
 * Binary frames (bytes, big-endian):
 * - request  `01 01 <id:4> <token:32> <command APDU>`
 * - response `01 81 <id:4> <response APDU>`
 */
import { fromHex, toHex } from '../../card/bytes';

/** Protocol version spoken by this build; a message with another `v` is refused. */
export const BRIDGE_PROTOCOL_VERSION = 1;
export { BRIDGE_DEFAULT_PORT } from './default-port';
/**
 * Largest message either side accepts, bytes. A short APDU is at most 261 bytes (522 hex digits) and a
 * response at most 258; the rest is the envelope and the token. Anything bigger is not from a well-behaved peer.
 */
export const MAX_MESSAGE_BYTES = 2048;
/** Longest APDU accepted on the wire: short APDUs only (ISO/IEC 7816-4 §5.1, case 4S with Le). */
export const MAX_APDU_BYTES = 261;
/** Token length, bytes (hex in JSON). */
export const TOKEN_BYTES = 32;
/** Digits of the pairing code the bridge prints. */
export const PAIRING_CODE_DIGITS = 6;
/** Longest reader name accepted (PC/SC names are short; this bounds what reaches the UI). */
const MAX_READER_NAME = 200;
const MAX_READERS = 32;
/** Request ids are unsigned 32-bit, so they fit the binary header. */
const MAX_ID = 0xffffffff;

const BINARY_TRANSMIT = 0x01;
const BINARY_RESPONSE = 0x81;
const BINARY_HEADER = 6;

/** Why the bridge refused a request. Mapped onto the `CardTransport` errors by `bridgeErrorToTransport`. */
export type BridgeErrorCode =
  /** Not valid JSON, unknown type, a field missing or of the wrong shape, too large. */
  | 'bad-request'
  /** A `v` this side does not speak. */
  | 'unsupported-version'
  /** Missing or wrong token. */
  | 'unauthorized'
  /** Wrong pairing code (or one already used). */
  | 'pairing-refused'
  /** The pairing code expired: a new one has been printed. */
  | 'pairing-expired'
  /** Too many wrong codes: pairing is closed for a while, then a new code is printed. */
  | 'pairing-locked'
  /** Another client (or program) holds the card. */
  | 'busy'
  /** No such reader. */
  | 'no-reader'
  | 'no-card'
  | 'card-removed'
  /** The reader, or the PC/SC service, went away. */
  | 'reader-unplugged'
  | 'timeout'
  /** `transmit` or `disconnect` without a `connect`. */
  | 'not-connected'
  | 'internal';

export const BRIDGE_ERROR_CODES: readonly BridgeErrorCode[] = [
  'bad-request',
  'unsupported-version',
  'unauthorized',
  'pairing-refused',
  'pairing-expired',
  'pairing-locked',
  'busy',
  'no-reader',
  'no-card',
  'card-removed',
  'reader-unplugged',
  'timeout',
  'not-connected',
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

/** Messages from the page to the bridge. */
export type ClientMessage =
  | (Envelope & { readonly type: 'hello' })
  | (Envelope & { readonly type: 'pair'; readonly code: string })
  | (Envelope & { readonly type: 'list-readers'; readonly token: string })
  | (Envelope & { readonly type: 'connect'; readonly token: string; readonly reader: string })
  | (Envelope & { readonly type: 'transmit'; readonly token: string; readonly apdu: Uint8Array })
  | (Envelope & { readonly type: 'disconnect'; readonly token: string });

/** A request as a caller writes it: the connection adds the envelope (`v`, `id`) and the token. */
export type ClientRequest = ClientMessage extends infer M
  ? M extends ClientMessage
    ? Omit<M, 'v' | 'id' | 'token'>
    : never
  : never;

export type BridgeEventKind = 'reader-added' | 'reader-removed' | 'card-inserted' | 'card-removed';

/** Messages from the bridge to the page: one answer per request id, plus events (id 0). */
export type BridgeMessage =
  | (Envelope & { readonly type: 'hello'; readonly versions: readonly number[] })
  | (Envelope & { readonly type: 'paired'; readonly token: string })
  | (Envelope & { readonly type: 'readers'; readonly readers: readonly ReaderInfo[] })
  | (Envelope & { readonly type: 'connected'; readonly reader: string; readonly atr: Uint8Array })
  | (Envelope & { readonly type: 'response'; readonly apdu: Uint8Array })
  | (Envelope & { readonly type: 'disconnected' })
  | (Envelope & { readonly type: 'error'; readonly code: BridgeErrorCode; readonly message: string })
  | (Envelope & { readonly type: 'event'; readonly event: BridgeEventKind; readonly reader: string });

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

function tokenField(obj: Json): string {
  const value = str(obj, 'token', TOKEN_BYTES * 2);
  if (!/^[0-9a-f]+$/.test(value) || value.length !== TOKEN_BYTES * 2) fail('bad token');
  return value;
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
 * Decodes and validates a frame from the page (used by the bridge).
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
          return { v, id, type };
        case 'pair': {
          const code = str(obj, 'code', PAIRING_CODE_DIGITS);
          if (!/^\d+$/.test(code) || code.length !== PAIRING_CODE_DIGITS) fail('bad code');
          return { v, id, type, code };
        }
        case 'list-readers':
        case 'disconnect':
          return { v, id, type, token: tokenField(obj) };
        case 'connect':
          return { v, id, type, token: tokenField(obj), reader: str(obj, 'reader', MAX_READER_NAME) };
        case 'transmit':
          return { v, id, type, token: tokenField(obj), apdu: hexField(obj, 'apdu', MAX_APDU_BYTES, 4) };
        default:
          return fail('unknown type');
      }
    },
    (bytes) => {
      const tokenEnd = BINARY_HEADER + TOKEN_BYTES;
      checkBinaryHeader(bytes, BINARY_TRANSMIT, tokenEnd + 4);
      const apdu = bytes.slice(tokenEnd);
      if (apdu.length > MAX_APDU_BYTES) fail('APDU too long');
      const id = readU32(bytes, 2);
      return {
        v: BRIDGE_PROTOCOL_VERSION,
        id,
        type: 'transmit',
        token: toHex(bytes.subarray(BINARY_HEADER, tokenEnd)),
        apdu,
      };
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
        case 'paired':
          return { v, id, type, token: tokenField(obj) };
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
          const kinds: readonly string[] = ['reader-added', 'reader-removed', 'card-inserted', 'card-removed'];
          if (typeof event !== 'string' || !kinds.includes(event)) fail('bad event');
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

/** JSON-safe copy of a message: bytes become hex. */
function toWire(message: ClientMessage | BridgeMessage): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(message)) out[key] = value instanceof Uint8Array ? toHex(value) : value;
  return out;
}

/**
 * Encodes a message from the page. `binary` sends a `transmit` as a binary frame.
 * @throws {Error} when the token of a binary frame is not 32 bytes of hex (a programming error).
 */
export function encodeClientMessage(message: ClientMessage, { binary = false } = {}): Frame {
  if (binary && message.type === 'transmit') {
    const token = fromHex(message.token);
    if (token.length !== TOKEN_BYTES) throw new Error('token must be 32 bytes');
    const out = new Uint8Array(BINARY_HEADER + TOKEN_BYTES + message.apdu.length);
    out.set([BRIDGE_PROTOCOL_VERSION, BINARY_TRANSMIT, ...u32(message.id)]);
    out.set(token, BINARY_HEADER);
    out.set(message.apdu, BINARY_HEADER + TOKEN_BYTES);
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

/** The first four bytes of a command (CLA INS P1 P2): the only part of an APDU that may be logged. */
export function apduHeader(apdu: Uint8Array): string {
  return toHex(apdu.subarray(0, 4));
}
