/**
 * The bridge's log: one JSON line per event. The types allow no APDU data, key, code or token in a field: a
 * transmit is logged as its header (CLA INS P1 P2) and status word only, so a VERIFY's PIN never appears, and a
 * refusal by the card policy names its rule and the header only.
 */
import type { PolicyRefusal } from '../app/card/mynumber/card-policy';
import type { BridgeErrorCode } from '../app/readers/pcsc-bridge/protocol';

export type LogEvent =
  | { readonly event: 'listening'; readonly host: string; readonly port: number; readonly origins: readonly string[] }
  | { readonly event: 'pairing-code-issued' }
  | { readonly event: 'client-connected' | 'client-closed'; readonly client: number; readonly origin: string }
  | {
      readonly event: 'handshake-refused';
      readonly reason: 'origin' | 'host';
      readonly origin: string | null;
    }
  /** An unauthenticated socket closed: too slow to authenticate, or pushed out by newer ones. */
  | { readonly event: 'handshake-timeout' | 'evicted'; readonly client: number }
  | { readonly event: 'paired'; readonly client: number; readonly pairing: string }
  | { readonly event: 'pairing-failed'; readonly client: number; readonly code: BridgeErrorCode }
  | { readonly event: 'resumed'; readonly client: number; readonly pairing: string }
  | { readonly event: 'resume-refused'; readonly client: number; readonly code: BridgeErrorCode }
  | { readonly event: 'channel-broken'; readonly client: number }
  | { readonly event: 'pairings-forgotten'; readonly pairings: number; readonly clients: number }
  | { readonly event: 'refused'; readonly client: number; readonly code: BridgeErrorCode; readonly type: string }
  | {
      readonly event: 'policy-refused';
      readonly client: number;
      /** CLA INS P1 P2 in hex: never the data. */
      readonly header: string;
      readonly refusal: PolicyRefusal;
    }
  | {
      readonly event: 'connect' | 'disconnect';
      readonly client: number;
      readonly reader: string;
      /** Why the bridge let go of the card, when it was not the client's own disconnect. */
      readonly reason?: 'closed' | 'idle' | 'card-removed' | 'failed' | 'stale';
    }
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
