/**
 * The bridge's log: one JSON line per event. The types allow no APDU data, token or code in a field: a
 * transmit is logged as its header (CLA INS P1 P2) and status word only, so a VERIFY's PIN never appears.
 */
import type { BridgeErrorCode } from '../app/readers/pcsc-bridge/protocol';

export type LogEvent =
  | { readonly event: 'listening'; readonly host: string; readonly port: number; readonly origins: readonly string[] }
  | { readonly event: 'pairing-code-issued' }
  | { readonly event: 'client-connected' | 'client-closed'; readonly client: number; readonly origin: string }
  | {
      readonly event: 'handshake-refused';
      readonly reason: 'origin' | 'host' | 'capacity';
      readonly origin: string | null;
    }
  | { readonly event: 'paired'; readonly client: number }
  | { readonly event: 'pairing-failed'; readonly client: number; readonly code: BridgeErrorCode }
  | { readonly event: 'refused'; readonly client: number; readonly code: BridgeErrorCode; readonly type: string }
  | { readonly event: 'connect' | 'disconnect'; readonly client: number; readonly reader: string }
  | {
      readonly event: 'transmit';
      readonly client: number;
      /** CLA INS P1 P2 in hex: never the data. */
      readonly header: string;
      readonly sw: string | null;
      readonly ms: number;
      readonly error?: BridgeErrorCode;
    }
  | { readonly event: 'reader'; readonly change: string; readonly reader: string }
  | { readonly event: 'pcsc-error'; readonly code: BridgeErrorCode };

export type Logger = (entry: LogEvent) => void;

/** A logger writing JSON lines with a timestamp to `write` (stdout by default). */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return (entry) => {
    write(`${JSON.stringify({ t: new Date().toISOString(), ...entry })}\n`);
  };
}
