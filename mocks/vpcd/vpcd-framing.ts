/**
 * The vsmartcard vpcd wire format (card-protocol.md §7): each message is a 2-byte big-endian length and its
 * payload, both ways. From the reader, a 1-byte payload is a control message; anything longer is a command
 * APDU to answer.
 */

/** Control messages from vpcd. */
export const VPCD_CONTROL = Object.freeze({ powerOff: 0x00, powerOn: 0x01, reset: 0x02, getAtr: 0x04 });

/** Length-prefixes a payload. */
export function encodeVpcdFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) throw new RangeError('vpcd payload over 65535 bytes');
  const out = new Uint8Array(2 + payload.length);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

/** Splits a TCP byte stream into vpcd payloads, whatever the chunking. */
export class VpcdFrameReader {
  #buffer = new Uint8Array(0);

  /** Adds received bytes; returns every payload now complete. */
  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    const frames: Uint8Array[] = [];
    let at = 0;
    while (joined.length - at >= 2) {
      const length = (joined[at]! << 8) | joined[at + 1]!;
      if (joined.length - at - 2 < length) break;
      frames.push(joined.slice(at + 2, at + 2 + length));
      at += 2 + length;
    }
    this.#buffer = joined.slice(at);
    return frames;
  }

  /** Bytes received but not yet a whole frame. */
  get pending(): number {
    return this.#buffer.length;
  }
}
