/**
 * Command and response APDUs (ISO/IEC 7816-4 §5.1): immutable values, an encoder with an explicit case,
 * and a strict parser (used by the simulator and trace tools).
 */
import { concatBytes } from './bytes';

/** Instruction bytes the app and the simulator use (ISO/IEC 7816-4 §5.1.2; SIGN is JPKI's, with CLA 80). */
export const INS = Object.freeze({
  select: 0xa4,
  verify: 0x20,
  readBinary: 0xb0,
  getResponse: 0xc0,
  /** JPKI SIGN (`80 2A 00 80`), PERFORM SECURITY OPERATION in ISO terms. */
  sign: 0x2a,
});

/**
 * Instructions whose data is a secret (ISO/IEC 7816-4 §11.5: VERIFY, CHANGE REFERENCE DATA, RESET RETRY
 * COUNTER): such a command is sent exactly once, whatever comes back — a resend would present the secret
 * again and could cost a second try.
 */
export const SECRET_BEARING_INS: readonly number[] = [0x20, 0x24, 0x2c];

/**
 * Whether a command APDU carries a secret: a secret-bearing INS with anything after the header. Decided on the
 * raw bytes, so that a malformed command is treated as carrying one (never corrected, never resent).
 */
export function carriesSecret(command: Uint8Array): boolean {
  return command.length > 4 && SECRET_BEARING_INS.includes(command[1] ?? -1);
}

/** A command APDU. `le` is the number of bytes expected (256 = short `00`, 65536 = extended `0000`). */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** Absent: no response data expected (case 1 or 3). */
  readonly le?: number;
}

/** A response APDU split into data and status word. */
export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

/** The four ISO cases, from whether data is sent and whether data is expected. */
export type ApduCase = 1 | 2 | 3 | 4;

export function apduCase(apdu: CommandApdu): ApduCase {
  const sends = apdu.data.length > 0;
  const expects = apdu.le !== undefined;
  if (sends) return expects ? 4 : 3;
  return expects ? 2 : 1;
}

/** Thrown for a byte string that is no well-formed command APDU. */
export class MalformedApduError extends Error {
  override readonly name = 'MalformedApduError';
}

/**
 * Encodes a command APDU, short unless `extended` is true or a field needs it.
 * @throws {MalformedApduError} for data longer than 65535 bytes or an Le above 65536.
 */
export function encodeCommand(apdu: CommandApdu, extended = false): Uint8Array {
  const { data, le } = apdu;
  if (data.length > 0xffff || (le !== undefined && (le < 1 || le > 0x10000))) {
    throw new MalformedApduError('data or Le out of range');
  }
  const long = extended || data.length > 255 || (le !== undefined && le > 256);
  const header = Uint8Array.of(apdu.cla, apdu.ins, apdu.p1, apdu.p2);
  const lc =
    data.length === 0
      ? new Uint8Array(0)
      : long
        ? Uint8Array.of(0, data.length >> 8, data.length & 0xff)
        : Uint8Array.of(data.length);
  let leBytes = new Uint8Array(0);
  if (le !== undefined) {
    const value = long ? le & 0xffff : le & 0xff; // 256 → 00, 65536 → 0000
    leBytes = long
      ? data.length === 0
        ? Uint8Array.of(0, value >> 8, value & 0xff)
        : Uint8Array.of(value >> 8, value & 0xff)
      : Uint8Array.of(value);
  }
  return concatBytes(header, lc, data, leBytes);
}

/**
 * Parses a command APDU in any of the short or extended cases (ISO/IEC 7816-4 §5.1, table 1).
 * @throws {MalformedApduError} when the length fields do not match the bytes.
 */
export function parseCommand(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4) throw new MalformedApduError('shorter than a header');
  const [cla, ins, p1, p2] = bytes as unknown as [number, number, number, number];
  const body = bytes.subarray(4);
  const make = (data: Uint8Array, le?: number): CommandApdu =>
    le === undefined ? { cla, ins, p1, p2, data } : { cla, ins, p1, p2, data, le };
  if (body.length === 0) return make(new Uint8Array(0)); // case 1
  const b0 = body[0]!;
  if (body.length === 1) return make(new Uint8Array(0), b0 === 0 ? 256 : b0); // case 2 short
  if (b0 !== 0 || body.length < 3) {
    // Short Lc.
    const lc = b0;
    if (lc === 0) throw new MalformedApduError('short Lc of zero');
    if (body.length === 1 + lc) return make(body.slice(1)); // case 3 short
    if (body.length === 2 + lc) {
      const le = body[1 + lc]!;
      return make(body.slice(1, 1 + lc), le === 0 ? 256 : le); // case 4 short
    }
    throw new MalformedApduError('Lc does not match the data');
  }
  // Extended: 00 followed by two length bytes.
  const n = (body[1]! << 8) | body[2]!;
  if (body.length === 3) return make(new Uint8Array(0), n === 0 ? 65536 : n); // case 2 extended
  if (n === 0) throw new MalformedApduError('extended Lc of zero');
  if (body.length === 3 + n) return make(body.slice(3)); // case 3 extended
  if (body.length === 5 + n) {
    const le = (body[3 + n]! << 8) | body[4 + n]!;
    return make(body.slice(3, 3 + n), le === 0 ? 65536 : le); // case 4 extended
  }
  throw new MalformedApduError('extended Lc does not match the data');
}

/** Builds response bytes: data then SW1 SW2. */
export function encodeResponse(data: Uint8Array, sw: number): Uint8Array {
  return concatBytes(data, Uint8Array.of((sw >> 8) & 0xff, sw & 0xff));
}

/**
 * Splits response bytes into data and status word.
 * @throws {MalformedApduError} for fewer than two bytes.
 */
export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new MalformedApduError('response shorter than a status word');
  const sw = (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!;
  return { data: bytes.slice(0, -2), sw };
}
