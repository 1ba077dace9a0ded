/**
 * ISO-DEP (ISO/IEC 14443-4) on the reader side, shared by the Sony drivers: I-block chaining both ways, block
 * numbering (rules A–B and 1–7 of §7.5.4), bounded R(NAK) recovery, S(WTX) and the R(NAK) presence check.
 * No CID or NAD: ATTRIB asks for neither. Frames exclude CRC_B, which the reader chip adds and checks.
 * Model: nfcpy `src/nfc/tag/tt4.py` (IsoDepInitiator); what breaks without it: aruneko `Type4B.ts`.
 */
import { concatBytes } from '../card/bytes';
import { TransportError, throwIfAborted } from '../card/transport';

/** Protocol control bytes (§7.1.1). */
export const PCB = Object.freeze({
  /** I-block; OR the block number (bit 1) and CHAINING. */
  iBlock: 0x02,
  chaining: 0x10,
  /** R(ACK); OR the block number. */
  rAck: 0xa2,
  /** R(NAK); OR the block number. */
  rNak: 0xb2,
  /** S(WTX) without CID; the INF byte carries WTXM. */
  sWtx: 0xf2,
  /** S(DESELECT) without CID. */
  sDeselect: 0xc2,
  blockNumber: 0x01,
});

const isIBlock = (pcb: number) => (pcb & 0xe2) === 0x02;
const isRBlock = (pcb: number) => (pcb & 0xe6) === 0xa2;
const isNak = (pcb: number) => (pcb & 0x10) !== 0;
const isWtx = (pcb: number) => (pcb & 0xf7) === PCB.sWtx;

/** Raised by a reader's RF exchange: the card did not answer, or the frame arrived damaged (CRC, parity). */
export class RfError extends Error {
  override readonly name = 'RfError';
  constructor(readonly kind: 'timeout' | 'transmission') {
    super(`RF ${kind}`);
  }
}

/**
 * One RF exchange through the reader: send a frame, return the card's frame.
 * @throws {RfError} for an RF timeout or transmission error; {@link TransportError} for USB-level failures.
 */
export type RfTransceive = (frame: Uint8Array, timeoutMs: number, signal?: AbortSignal) => Promise<Uint8Array>;

/** Frame sizes indexed by FSCI/FSDI (§5.2.3, table 4; codes above 8 mean 256). */
const FRAME_SIZES = [16, 24, 32, 40, 48, 64, 96, 128, 256];

/** Frame size for an FSCI/FSDI code. */
export function frameSize(code: number): number {
  return FRAME_SIZES[Math.min(code, 8)] ?? 256;
}

/** Frame waiting time for an FWI code (§7.2): (256 × 16 / fc) × 2^FWI, in milliseconds. */
export function frameWaitingTimeMs(fwi: number): number {
  const code = fwi > 14 ? 4 : fwi; // FWI 15 is RFU: the default 4 applies
  return ((256 * 16) / 13.56e6) * 2 ** code * 1000;
}

export interface IsoDepOptions {
  /** The card's maximum frame size (FSC), bytes including PCB and CRC. */
  readonly fsc: number;
  /** The card's frame waiting time, milliseconds. */
  readonly fwtMs: number;
  /** R(NAK) attempts after a lost or damaged frame before giving up (§7.5.4.2 allows at least 2). */
  readonly maxRetries?: number;
  /** Upper bound of consecutive S(WTX) requests, so a confused card cannot hold the reader forever. */
  readonly maxWtx?: number;
}

/** PCB + CRC_B overhead of an I-block without CID/NAD. */
const FRAME_OVERHEAD = 3;
/** Margin added to the card's FWT for the reader's own latency, milliseconds. */
const FWT_MARGIN_MS = 20;

export class IsoDep {
  /** Current block number (rule A: starts at 0 after activation). */
  #bn = 0;
  readonly #maxRetries: number;
  readonly #maxWtx: number;

  constructor(
    private readonly transceive: RfTransceive,
    private readonly options: IsoDepOptions,
  ) {
    this.#maxRetries = options.maxRetries ?? 2;
    this.#maxWtx = options.maxWtx ?? 60;
  }

  get #timeoutMs(): number {
    return this.options.fwtMs + FWT_MARGIN_MS;
  }

  /**
   * Sends a command APDU and returns the response APDU.
   * @throws {TransportError} `card-removed` when the card stops answering, `protocol` for a block sequence that
   *   cannot be recovered, or any USB-level error of the reader.
   */
  async exchange(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const maxInf = this.options.fsc - FRAME_OVERHEAD;
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < apdu.length || chunks.length === 0; at += maxInf) chunks.push(apdu.subarray(at, at + maxInf));

    let reply: Uint8Array = new Uint8Array(0);
    for (const [index, chunk] of chunks.entries()) {
      const last = index === chunks.length - 1;
      const block = concatBytes(Uint8Array.of(PCB.iBlock | this.#bn | (last ? 0 : PCB.chaining)), chunk);
      reply = await this.#sendBlock(block, signal);
      if (!last) {
        // Rule 2 (PICC side): each chained I-block is acknowledged with R(ACK) carrying our block number.
        if (!isRBlock(reply[0]!) || isNak(reply[0]!) || (reply[0]! & PCB.blockNumber) !== this.#bn) {
          throw new TransportError('transport.protocol', 'chained I-block not acknowledged');
        }
        this.#bn ^= 1; // rule B
      }
    }
    const parts: Uint8Array[] = [];
    for (;;) {
      const pcb = reply[0]!;
      if (!isIBlock(pcb) || (pcb & PCB.blockNumber) !== this.#bn) {
        throw new TransportError('transport.protocol', `unexpected block ${pcb.toString(16)}`);
      }
      parts.push(reply.subarray(1));
      this.#bn ^= 1; // rule B
      if ((pcb & PCB.chaining) === 0) break;
      // Rule 3: acknowledge a chained response with R(ACK) and our (toggled) block number.
      reply = await this.#sendBlock(Uint8Array.of(PCB.rAck | this.#bn), signal);
    }
    return concatBytes(...parts);
  }

  /**
   * Presence check: R(NAK) with the current block number; a card in the field answers R(ACK) (NFC Forum
   * Digital, ISO-DEP presence check). Does not change the block number.
   */
  async present(signal?: AbortSignal): Promise<boolean> {
    try {
      const reply = await this.transceive(Uint8Array.of(PCB.rNak | this.#bn), this.#timeoutMs, signal);
      return reply.length === 1 && isRBlock(reply[0]!) && !isNak(reply[0]!);
    } catch (error) {
      if (error instanceof RfError) return false;
      throw error;
    }
  }

  /** S(DESELECT): the card goes to HALT; errors are ignored since the card may be gone. */
  async deselect(signal?: AbortSignal): Promise<void> {
    try {
      await this.transceive(Uint8Array.of(PCB.sDeselect), this.#timeoutMs, signal);
    } catch (error) {
      if (!(error instanceof RfError)) throw error;
    }
  }

  /**
   * Sends one block and returns the card's answer that is not S(WTX), recovering lost or damaged frames with
   * R(NAK) (rule 4) and re-sending our last I-block when the card acknowledges the previous one (rule 6).
   */
  async #sendBlock(block: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    let outgoing = block;
    let timeout = this.#timeoutMs;
    let failures = 0;
    let wtx = 0;
    for (;;) {
      throwIfAborted(signal);
      let reply: Uint8Array;
      try {
        reply = await this.transceive(outgoing, timeout, signal);
        timeout = this.#timeoutMs;
        if (reply.length === 0) throw new RfError('transmission');
      } catch (error) {
        if (!(error instanceof RfError)) throw error;
        failures += 1;
        if (failures > this.#maxRetries) {
          throw error.kind === 'timeout'
            ? new TransportError('transport.card-removed', 'the card stopped answering', { cause: error })
            : new TransportError('transport.protocol', 'repeated transmission errors', { cause: error });
        }
        // Rule 4: R(NAK) after a lost or damaged answer, except while the card is chaining: then R(ACK) again.
        outgoing = isRBlock(block[0]!) ? block : Uint8Array.of(PCB.rNak | this.#bn);
        continue;
      }
      const pcb = reply[0]!;
      if (isWtx(pcb)) {
        wtx += 1;
        if (wtx > this.#maxWtx || reply.length !== 2) throw new TransportError('transport.protocol', 'too many S(WTX)');
        const wtxm = reply[1]! & 0x3f;
        if (wtxm === 0) throw new TransportError('transport.protocol', 'S(WTX) with WTXM 0');
        // Answer with the same WTXM; the next answer may take WTXM × FWT (§7.3), capped at the maximum FWT.
        outgoing = Uint8Array.of(PCB.sWtx, wtxm);
        timeout = Math.min(this.options.fwtMs * wtxm, frameWaitingTimeMs(14)) + FWT_MARGIN_MS;
        continue;
      }
      if (isRBlock(pcb) && !isNak(pcb) && (pcb & PCB.blockNumber) !== this.#bn && isIBlock(block[0]!)) {
        // Rule 6: the card acknowledged our previous block, so our I-block was lost: send it again.
        failures += 1;
        if (failures > this.#maxRetries) throw new TransportError('transport.protocol', 'I-block never received');
        outgoing = block;
        continue;
      }
      return reply;
    }
  }
}
