/**
 * The simulator's APDU trace: every exchange with its timing, for tests and the demo's diagnostics view.
 * Secrets never enter it: VERIFY data (PINs, 照合番号B) is replaced by `*` bytes of the same length.
 */
import { concatBytes } from '../../app/card/bytes';

export interface TraceEntry {
  /** Milliseconds since the card was made. */
  readonly at: number;
  /** The command, with VERIFY data redacted. */
  readonly command: Uint8Array;
  readonly response: Uint8Array;
  /** Time the simulator took to answer, milliseconds. */
  readonly durationMs: number;
}

const INS_VERIFY = 0x20;
const ASTERISK = 0x2a;

/** The command as it may be recorded: header and lengths kept, VERIFY data masked. */
export function redactCommand(command: Uint8Array): Uint8Array {
  if (command.length <= 5 || command[1] !== INS_VERIFY) return command.slice();
  // Short case 3 (the only form a PIN is sent in): header, Lc, data.
  return concatBytes(command.subarray(0, 5), new Uint8Array(command.length - 5).fill(ASTERISK));
}
