/**
 * Whether a transport can feed a reader trace. Apart from the trace so the reader store can ask at start-up
 * while the trace code loads only when staff start a recording.
 */
import type { ReaderTrace } from './reader-trace';

/** A transport that can feed a trace (the WebUSB drivers). */
export interface TraceableTransport {
  /** Starts sending every transfer to `trace` (redacted by the driver), or stops with `null`. */
  traceTo(trace: ReaderTrace | null): void;
}

/** Whether a transport can be traced. */
export function isTraceable(transport: object): transport is TraceableTransport {
  return typeof (transport as Partial<TraceableTransport>).traceTo === 'function';
}
