/**
 * The reader store as the session's reader port: the open transport, card presence, and a call on every change
 * of either.
 */
import type { ReaderPort } from '../store/ports';
import type { ReaderStore } from '../store/reader-store';

export function readerPort(readers: ReaderStore): ReaderPort {
  return {
    transport: () => readers.getState().transport,
    cardPresent: () => readers.getState().status === 'card-present',
    cardAbsent: () => readers.getState().transport !== null && readers.getState().status === 'no-card',
    subscribe: (listener) =>
      readers.subscribe((state, previous) => {
        if (state.transport !== previous.transport || state.status !== previous.status) listener();
      }),
  };
}
