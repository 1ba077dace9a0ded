/**
 * Bridge refusals as the app's errors, translated once here: card-path failures become the `CardTransport`
 * errors every reader throws; pairing failures, which no other reader has, get their own small family.
 */
import { TransportError, type TransportErrorCode } from '../../card/transport';
import { AppError } from '../../errors/app-error';
import type { BridgeErrorCode } from './protocol';

/** What the clerk can be told about pairing and reaching the bridge. */
export type BridgeUiErrorCode =
  /** Wrong code, one already used, or the program on the port is not the bridge (the page cannot tell which). */
  | 'bridge.pairing-refused'
  | 'bridge.pairing-expired'
  | 'bridge.pairing-locked'
  /** Not six digits: nothing was sent. */
  | 'bridge.code-format'
  /** Nothing answers on the configured port. */
  | 'bridge.unreachable'
  /** This page has no pairing with the bridge (never paired, or the bridge forgot it). */
  | 'bridge.unpaired'
  /** Something answers on the port but cannot prove it is the paired bridge: nothing was sent to it. */
  | 'bridge.untrusted';

declare module '../../errors/app-error' {
  interface ErrorCodeRegistry extends Record<BridgeUiErrorCode, true> {}
}

/** Pairing with the bridge failed; the clerk may try again with the next code. */
export class BridgeError extends AppError<BridgeUiErrorCode> {
  override readonly name = 'BridgeError';
  readonly retriable = true;
}

/** Every bridge code onto a transport code: typed exhaustively, so a new bridge code must be placed. */
const TO_TRANSPORT: Readonly<Record<BridgeErrorCode, TransportErrorCode>> = {
  'bad-request': 'transport.protocol',
  'unsupported-version': 'transport.not-supported',
  unauthorized: 'transport.permission-denied',
  'pairing-refused': 'transport.permission-denied',
  'pairing-expired': 'transport.permission-denied',
  'pairing-locked': 'transport.permission-denied',
  'unknown-pairing': 'transport.permission-denied',
  capacity: 'transport.busy',
  busy: 'transport.busy',
  'no-reader': 'transport.reader-unplugged',
  'no-card': 'transport.no-card',
  'card-removed': 'transport.card-removed',
  'reader-unplugged': 'transport.reader-unplugged',
  timeout: 'transport.timeout',
  // The bridge let go of our connection (the socket was re-opened): the card session is gone.
  'not-connected': 'transport.card-removed',
  // The bridge's card policy refused a command the app never sends: fail closed, no retry.
  'policy-refused': 'transport.permission-denied',
  internal: 'transport.protocol',
};

export function bridgeErrorToTransport(code: BridgeErrorCode, message: string): TransportError {
  return new TransportError(TO_TRANSPORT[code], `bridge: ${message || code}`);
}

const PAIRING_CODES: Partial<Record<BridgeErrorCode, BridgeUiErrorCode>> = {
  'pairing-refused': 'bridge.pairing-refused',
  'pairing-expired': 'bridge.pairing-expired',
  'pairing-locked': 'bridge.pairing-locked',
  'bad-request': 'bridge.code-format',
};

/** A refusal of `pair` as the clerk's error. */
export function pairingError(code: BridgeErrorCode): BridgeError {
  return new BridgeError(PAIRING_CODES[code] ?? 'bridge.pairing-refused');
}

/**
 * A failure to reach the paired bridge as a transport error: unreachable means the reader is gone; unpaired or
 * untrusted means the page may not use it. Anything else passes through.
 */
export function bridgeFailureToTransport(error: unknown): unknown {
  if (!(error instanceof BridgeError)) return error;
  return error.code === 'bridge.unreachable'
    ? new TransportError('transport.reader-unplugged', 'no PC/SC bridge')
    : new TransportError('transport.permission-denied', `PC/SC bridge: ${error.code}`);
}
