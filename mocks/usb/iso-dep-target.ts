/**
 * The card's side of ISO-DEP (ISO/IEC 14443-4), in front of the virtual card, for the fake contactless
 * readers: Type B activation (REQB/ATQB, ATTRIB), block numbering (rules C–E, 8–13), chaining both ways,
 * R(NAK) retransmission, optional S(WTX) and S(DESELECT). Frames exclude CRC_B, as the reader chip handles it.
 */
import { concatBytes, hex } from '../../app/card/bytes';
import { PCB } from '../../app/readers/iso-dep';
import type { VirtualMyNumberCard } from '../card/virtual-card';

const { iBlock: PCB_I, chaining: PCB_CHAINING, rAck: PCB_R_ACK, sWtx: PCB_S_WTX, sDeselect: PCB_S_DESELECT } = PCB;
const REQB = 0x05;
const ATTRIB = 0x1d;

/** Fixed PUPI of the fake card. */
export const FAKE_PUPI = hex`3A 5F 91 C2`;
/**
 * ATQB: 50, PUPI, application data, protocol info: 106 kbit/s only; FSCI 8 (256 bytes) + ISO 14443-4;
 * FWI 8 (≈ 77 ms), ADC 0, FO 0.
 */
export const FAKE_ATQB = concatBytes(hex`50`, FAKE_PUPI, hex`00 00 00 00`, hex`00 81 80`);

const frameSizes = [16, 24, 32, 40, 48, 64, 96, 128, 256];

export type TargetState = 'idle' | 'ready' | 'active' | 'halt';

export class IsoDepTarget {
  state: TargetState = 'idle';
  /** Rule C: the PICC block number starts at 1. */
  #bn = 1;
  #fsd = 256;
  #command: Uint8Array[] = [];
  #response: Uint8Array | null = null;
  #lastBlock: Uint8Array | null = null;
  /** S(WTX) requests to send before the next response (fault injection). */
  wtxBeforeNextResponse = 0;
  #pendingAfterWtx: Uint8Array | null = null;

  constructor(readonly card: VirtualMyNumberCard) {}

  /** The field was switched off or the card taken away: back to idle. */
  powerOff(): void {
    this.state = 'idle';
    this.#bn = 1;
    this.#command = [];
    this.#response = null;
    this.#lastBlock = null;
    this.card.reset();
  }

  /** Answers one RF frame; `null` means silence (the reader sees an RF timeout). */
  async receive(frame: Uint8Array): Promise<Uint8Array | null> {
    if (!this.card.present || frame.length === 0) return null;
    const first = frame[0]!;
    if (this.state !== 'active') {
      if (first === REQB && frame.length === 3 && this.state !== 'halt') {
        this.state = 'ready';
        return FAKE_ATQB.slice();
      }
      if (first === ATTRIB && this.state === 'ready' && frame.length >= 9) {
        const pupi = frame.subarray(1, 5);
        if (pupi.some((b, i) => b !== FAKE_PUPI[i])) return null;
        this.#fsd = frameSizes[Math.min(frame[6]! & 0x0f, 8)] ?? 256;
        this.state = 'active';
        this.#bn = 1;
        return hex`00`; // MBLI 0, CID 0
      }
      return null;
    }
    return this.#block(frame);
  }

  #send(block: Uint8Array): Uint8Array {
    this.#lastBlock = block;
    return block;
  }

  /** The next part of the pending response as an I-block. */
  #nextResponseBlock(): Uint8Array {
    const response = this.#response ?? new Uint8Array(0);
    const maxInf = this.#fsd - 3;
    const more = response.length > maxInf;
    const block = concatBytes(
      Uint8Array.of(PCB_I | this.#bn | (more ? PCB_CHAINING : 0)),
      response.subarray(0, maxInf),
    );
    this.#response = more ? response.subarray(maxInf) : null;
    return this.#send(block);
  }

  async #block(frame: Uint8Array): Promise<Uint8Array | null> {
    const pcb = frame[0]!;
    if ((pcb & 0xe2) === PCB_I) {
      this.#bn ^= 1; // rule D
      this.#command.push(frame.subarray(1));
      if (pcb & PCB_CHAINING) return this.#send(Uint8Array.of(PCB_R_ACK | this.#bn)); // rule 2
      const apdu = concatBytes(...this.#command);
      this.#command = [];
      this.#response = await this.card.transmit(apdu);
      if (this.wtxBeforeNextResponse > 0) {
        this.wtxBeforeNextResponse -= 1;
        this.#pendingAfterWtx = Uint8Array.of(PCB_S_WTX, 0x01);
        return this.#send(this.#pendingAfterWtx);
      }
      return this.#nextResponseBlock();
    }
    if ((pcb & 0xf7) === PCB_S_WTX && this.#pendingAfterWtx) {
      if (this.wtxBeforeNextResponse > 0) {
        this.wtxBeforeNextResponse -= 1;
        return this.#send(this.#pendingAfterWtx);
      }
      this.#pendingAfterWtx = null;
      return this.#nextResponseBlock();
    }
    if ((pcb & 0xe6) === 0xa2) {
      const bn = pcb & 1;
      if (pcb & 0x10) {
        // R(NAK): same block number → send the last block again (rule 11); otherwise R(ACK) (rule 12).
        if (bn === this.#bn && this.#lastBlock) return this.#lastBlock;
        return Uint8Array.of(PCB_R_ACK | this.#bn);
      }
      // R(ACK): the reader wants the next part of a chained response (rule 13) …
      if (bn !== this.#bn) {
        this.#bn ^= 1;
        if (this.#response) return this.#nextResponseBlock();
        return null;
      }
      // … or, with our own block number, it lost our last block: send it again.
      return this.#lastBlock;
    }
    if (pcb === PCB_S_DESELECT) {
      this.state = 'halt';
      return Uint8Array.of(PCB_S_DESELECT);
    }
    return null;
  }
}
