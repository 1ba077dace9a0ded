/**
 * Hands what the card face gave to a chip method, in memory only: 照合番号B to the number-B method, or the six
 * era birth digits (with the printed expiry) to the age-record method. Offered once, taken once.
 */
import { createStore } from 'zustand/vanilla';
import type { AgeRecordInput } from '../methods/age-record/age-record-check';
import type { NumberBInput } from '../methods/number-b/number-b';

export interface HandoverState {
  readonly numberB: NumberBInput | null;
  readonly ageRecord: AgeRecordInput | null;
  readonly offer: (numberB: NumberBInput) => void;
  readonly offerAgeRecord: (input: AgeRecordInput) => void;
  /** Returns the offered number once and forgets it. */
  readonly take: () => NumberBInput | null;
  /** Returns the offered six digits once and forgets them. */
  readonly takeAgeRecord: () => AgeRecordInput | null;
}

export function createHandoverStore() {
  return createStore<HandoverState>()((set, get) => ({
    numberB: null,
    ageRecord: null,
    offer: (numberB) => {
      set({ numberB });
    },
    offerAgeRecord: (ageRecord) => {
      set({ ageRecord });
    },
    take: () => {
      const { numberB } = get();
      set({ numberB: null });
      return numberB;
    },
    takeAgeRecord: () => {
      const { ageRecord } = get();
      set({ ageRecord: null });
      return ageRecord;
    },
  }));
}

export type HandoverStore = ReturnType<typeof createHandoverStore>;
