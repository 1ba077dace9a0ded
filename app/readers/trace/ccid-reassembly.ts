/**
 * Joins IN transfers into CCID-framed messages (10-byte header, dwLength u32 LE at bytes 1–4: USB CCID and the
 * RC-S300's escape messages), for the reader trace: a long answer arrives in 64-byte packets, and its status
 * word is at the end.
 */
import { concatBytes } from '../../card/bytes';

const HEADER = 10;
/** A header claiming more is garbage: stop collecting. */
const MAX_MESSAGE = 70_000;

export class CcidReassembly {
  #parts: Uint8Array[] = [];
  #have = 0;
  #want: number | null = null;

  /** Adds one transfer; returns the whole message once it is complete, else null. */
  push(transfer: Uint8Array): Uint8Array | null {
    if (transfer.length === 0 && this.#have === 0) return null; // a ZLP between messages
    this.#parts.push(transfer);
    this.#have += transfer.length;
    if (this.#want === null && this.#have >= HEADER) {
      const first = this.#joined();
      const length = new DataView(first.buffer, first.byteOffset, first.byteLength).getUint32(1, true);
      this.#want = length > MAX_MESSAGE ? this.#have : HEADER + length;
    }
    if (this.#want === null || this.#have < this.#want) return null;
    const message = this.#joined();
    this.#parts = [];
    this.#have = 0;
    this.#want = null;
    return message;
  }

  #joined(): Uint8Array {
    return concatBytes(...this.#parts);
  }
}
