/**
 * Ports for store tests: a reader whose transport and card presence the test sets, a fixed clock, and methods
 * that are not configured unless the test supplies them. Imported by tests only.
 */
import type { CardTransport } from '../card/transport';
import { CardFaceError } from '../methods/card-face-ocr/face-errors';
import type { ReaderPort, SessionPorts } from './ports';

/**
 * A reader the test controls: `set` changes the transport or presence and tells the subscribers. Presence
 * `null` is "not known yet" (the reader still connecting).
 */
export interface TestReader extends ReaderPort {
  set(change: { transport?: CardTransport | null; present?: boolean | null }): void;
}

export function testReader(transport: CardTransport | null = null, present = transport !== null): TestReader {
  const listeners = new Set<() => void>();
  let current: { transport: CardTransport | null; present: boolean | null } = { transport, present };
  return {
    transport: () => current.transport,
    cardPresent: () => current.present === true,
    cardAbsent: () => current.transport !== null && current.present === false,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (change) => {
      current = { ...current, ...change };
      for (const listener of listeners) listener();
    },
  };
}

/** Ports with `now`, an empty reader and no trust (JPKI or CV), camera or OCR, overridden by `overrides`. */
export function testPorts(overrides: Partial<SessionPorts> & { now: () => Date }): SessionPorts {
  return {
    reader: testReader(),
    random: (length) => new Uint8Array(length).fill(7),
    loadTrust: () => Promise.resolve(null),
    loadRevocation: () => Promise.resolve(null),
    loadCvTrust: () => Promise.resolve(null),
    showChipPhoto: (jp2) => {
      jp2.fill(0);
    },
    openCamera: () => Promise.reject(new CardFaceError('camera.unavailable')),
    faceReader: () => Promise.reject(new CardFaceError('camera.unavailable')),
    ...overrides,
  };
}
