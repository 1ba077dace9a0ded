/**
 * What the reader trace keeps of an ISO 14443 frame: activation commands by name, ISO-DEP blocks by type and
 * block number, and inside I-blocks the APDU summary (header, lengths, status word). It follows chaining both
 * ways, so the header is read from the first block of a command and the status word from the last block of a
 * response. PUPI, ATQB contents and all APDU data are left out.
 */
import { PCB } from '../iso-dep';
import { summarizeCommand, summarizeResponse } from './apdu-summary';

const REQB = 0x05;
const ATTRIB = 0x1d;
const ATQB = 0x50;

export class IsoDepSummary {
  /** A command is being chained to the card: the next I-block continues it. */
  #commandChained = false;
  /** Bytes of a chained response received so far. */
  #responseBytes = 0;
  #lastOut: 'reqb' | 'attrib' | 'block' = 'block';

  /** A frame the reader sends to the card. */
  out(frame: Uint8Array): { summary: string; secret: boolean } {
    const pcb = frame[0];
    if (pcb === undefined) return { summary: 'empty frame', secret: false };
    if (pcb === REQB && frame.length === 3) {
      this.#lastOut = 'reqb';
      return { summary: 'REQB', secret: false };
    }
    if (pcb === ATTRIB) {
      this.#lastOut = 'attrib';
      return { summary: `ATTRIB (${frame.length} B)`, secret: false };
    }
    this.#lastOut = 'block';
    if ((pcb & 0xe2) === PCB.iBlock) {
      const chained = (pcb & PCB.chaining) !== 0;
      const label = `I(${pcb & PCB.blockNumber}${chained ? ', chained' : ''})`;
      const first = !this.#commandChained;
      this.#commandChained = chained;
      this.#responseBytes = 0;
      if (!first) return { summary: `${label} continued, ${frame.length - 1} B`, secret: false };
      const command = summarizeCommand(frame.subarray(1));
      return { summary: `${label} ${command.summary}`, secret: command.secret };
    }
    return { summary: blockLabel(pcb, frame), secret: false };
  }

  /** A frame the card sent back. */
  in(frame: Uint8Array): string {
    const pcb = frame[0];
    if (pcb === undefined) return 'empty frame';
    if (this.#lastOut === 'reqb')
      return pcb === ATQB ? `ATQB (${frame.length} B)` : `answer to REQB (${frame.length} B)`;
    if (this.#lastOut === 'attrib') return `answer to ATTRIB (${frame.length} B)`;
    if ((pcb & 0xe2) === PCB.iBlock) {
      const chained = (pcb & PCB.chaining) !== 0;
      const label = `I(${pcb & PCB.blockNumber}${chained ? ', chained' : ''})`;
      this.#responseBytes += frame.length - 1;
      if (chained) return `${label} part, ${frame.length - 1} B`;
      const total = this.#responseBytes;
      this.#responseBytes = 0;
      // Only the last block holds the status word; the data count covers every part.
      const summary = summarizeResponse(frame.subarray(1));
      return `${label} ${total > frame.length - 1 ? `${summary} (${total - 2} B in all)` : summary}`;
    }
    return blockLabel(pcb, frame);
  }
}

/** R- and S-blocks, and anything else by its PCB alone. */
function blockLabel(pcb: number, frame: Uint8Array): string {
  if ((pcb & 0xe6) === 0xa2) return `R(${pcb & 0x10 ? 'NAK' : 'ACK'}, ${pcb & PCB.blockNumber})`;
  if ((pcb & 0xf7) === PCB.sWtx) return `S(WTX) ${(frame[1] ?? 0) & 0x3f}`;
  if (pcb === PCB.sDeselect) return 'S(DESELECT)';
  return `unknown block PCB ${pcb.toString(16).padStart(2, '0').toUpperCase()} (${frame.length} B)`;
}
