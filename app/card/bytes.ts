/**
 * Byte helpers shared by the card layer, the readers, the mocks and tests.
 */

/** Lower-case hex without separators. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * Bytes from hex text; spaces, colons and line breaks are ignored.
 * @throws {Error} for an odd number of digits or a non-hex character.
 */
export function fromHex(text: string): Uint8Array<ArrayBuffer> {
  const digits = text.replace(/[\s:]/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) throw new Error(`not hex: ${text}`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Template tag for byte literals in tests and tables: hex`00 A4 04 0C`. */
export function hex(strings: TemplateStringsArray, ...values: unknown[]): Uint8Array<ArrayBuffer> {
  return fromHex(String.raw({ raw: strings }, ...values));
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** True when both arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** ASCII (or UTF-8) text as bytes. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** Big-endian unsigned 16-bit value as two bytes. */
export function u16be(value: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff);
}

/** Overwrites secret bytes (PINs, 照合番号B) once they have been sent. */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

/** The unsigned big-endian integer the bytes spell (RSA moduli, signatures). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** `value` as `length` unsigned big-endian bytes (the high bytes beyond `length` are dropped). */
export function bigIntToBytes(value: bigint, length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i -= 1) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}
