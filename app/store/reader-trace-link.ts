/**
 * "Record the next card check": the reader trace stops by itself when that check reaches its verdict, so a
 * terminal left recording does not go on filling the trace with the next customers' checks.
 */
import type { ReaderStore } from './reader-store';
import type { SessionStore } from './session-store';

/** Stops a recording reader trace at the next verdict. Returns the unsubscribe function. */
export function stopTraceAtVerdict(session: SessionStore, readers: ReaderStore): () => void {
  return session.subscribe((state, previous) => {
    if (state.phase === 'verdict' && previous.phase !== 'verdict' && readers.getState().trace.state === 'recording') {
      readers.getState().stopTrace();
    }
  });
}
