/**
 * Hands 照合番号B read from the card face to the number-B method, in memory only: offered once, taken once.
 */
import { createStore } from 'zustand/vanilla';
import type { NumberBInput } from '../methods/number-b/number-b';

export interface HandoverState {
  readonly numberB: NumberBInput | null;
  readonly offer: (numberB: NumberBInput) => void;
  /** Returns the offered number once and forgets it. */
  readonly take: () => NumberBInput | null;
}

export function createHandoverStore() {
  return createStore<HandoverState>()((set, get) => ({
    numberB: null,
    offer: (numberB) => {
      set({ numberB });
    },
    take: () => {
      const { numberB } = get();
      set({ numberB: null });
      return numberB;
    },
  }));
}

export type HandoverStore = ReturnType<typeof createHandoverStore>;
