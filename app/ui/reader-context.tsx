/**
 * Gives components the reader store and, in demo mode, the simulated hardware's controls.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ReaderState, ReaderStore } from '../store/reader-store';

/** What the demo panel can do to the simulated hardware. */
export interface DemoControls {
  readonly persona: string;
  /** The demo card's printed face, so number B can be typed as from a real card. */
  readonly face: { readonly birthDateText: string; readonly expiryText: string; readonly securityCode: string };
  readonly setCardsPresent: (present: boolean) => void;
  readonly setReadersPlugged: (plugged: boolean) => void;
}

interface ReaderContextValue {
  readonly store: ReaderStore;
  readonly demo: DemoControls | null;
}

const ReaderContext = createContext<ReaderContextValue | null>(null);

export function ReaderProvider({ store, demo, children }: ReaderContextValue & { children: ReactNode }) {
  return <ReaderContext.Provider value={{ store, demo }}>{children}</ReaderContext.Provider>;
}

function useReaderContext(): ReaderContextValue {
  const value = useContext(ReaderContext);
  if (!value) throw new Error('useReader outside ReaderProvider');
  return value;
}

/** A slice of the reader state. */
export function useReader<T>(selector: (state: ReaderState) => T): T {
  return useStore(useReaderContext().store, selector);
}

/** The demo controls, or null outside demo mode. */
export function useDemoControls(): DemoControls | null {
  return useReaderContext().demo;
}
