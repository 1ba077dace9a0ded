/**
 * Rate limit on staff PIN entry: a few free tries, then a lock-out that doubles with each further wrong PIN
 * up to a ceiling; a right PIN clears the count. The count and lock-out are kept through `store` (the audit
 * log's database), so reloading the page does not lift them; the lock-out is what makes guessing a 6-digit PIN
 * at the screen impractical.
 */
import { CONFIG } from '../config';
import { pinMatches, type StaffPinHash } from './staff-pin';

export type PinAttempt =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'wrong'; readonly lockedUntil: number | null }
  | { readonly kind: 'locked'; readonly lockedUntil: number }
  | { readonly kind: 'not-configured' };

export interface PinGate {
  attempt(pin: string): Promise<PinAttempt>;
  /** Epoch ms until which attempts are refused, or null. */
  lockedUntil(): number | null;
}

/** The gate's state, as kept between page loads. */
export interface PinLockState {
  readonly wrong: number;
  readonly until: number | null;
}

/** Where the state is kept; failures only lose the state, never open the gate. */
export interface PinLockStore {
  load(): Promise<PinLockState | null>;
  save(state: PinLockState): Promise<void>;
}

export function createPinGate(
  expected: StaffPinHash | null,
  { now = Date.now, store }: { now?: () => number; store?: PinLockStore } = {},
): PinGate {
  const { freeTries, firstLockoutMs, maxLockoutMs } = CONFIG.staffPin;
  let wrong = 0;
  let until: number | null = null;
  let checking = false;
  let loaded: Promise<void> | null = null;
  const lockedUntil = () => (until !== null && until > now() ? until : null);
  const load = () =>
    (loaded ??= (store?.load() ?? Promise.resolve(null)).then(
      (state) => {
        if (state) ({ wrong, until } = state);
      },
      () => undefined,
    ));
  const save = () => store?.save({ wrong, until }).catch(() => undefined);

  return {
    lockedUntil,
    attempt: async (pin) => {
      if (!expected) return { kind: 'not-configured' };
      if (checking) return { kind: 'locked', lockedUntil: now() };
      checking = true; // one check at a time, so parallel guesses cannot slip past the count
      try {
        await load();
        const locked = lockedUntil();
        if (locked !== null) return { kind: 'locked', lockedUntil: locked };
        if (await pinMatches(pin, expected)) {
          wrong = 0;
          until = null;
          await save();
          return { kind: 'accepted' };
        }
        wrong += 1;
        if (wrong >= freeTries) until = now() + Math.min(maxLockoutMs, firstLockoutMs * 2 ** (wrong - freeTries));
        await save();
        return { kind: 'wrong', lockedUntil: lockedUntil() };
      } finally {
        checking = false;
      }
    },
  };
}
