/**
 * Rate limit on staff PIN entry: a few free tries, then a lock-out that doubles with each further wrong PIN
 * up to a ceiling; a right PIN clears the count. Kept in memory for the page's life (a kiosk browser has no
 * reload button); the lock-out is what makes guessing a 6-digit PIN at the screen impractical.
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

export function createPinGate(expected: StaffPinHash | null, now: () => number = Date.now): PinGate {
  const { freeTries, firstLockoutMs, maxLockoutMs } = CONFIG.staffPin;
  let wrong = 0;
  let until: number | null = null;
  let checking = false;
  const lockedUntil = () => (until !== null && until > now() ? until : null);

  return {
    lockedUntil,
    attempt: async (pin) => {
      if (!expected) return { kind: 'not-configured' };
      const locked = lockedUntil();
      if (locked !== null || checking) return { kind: 'locked', lockedUntil: locked ?? now() };
      checking = true; // one check at a time, so parallel guesses cannot slip past the count
      try {
        if (await pinMatches(pin, expected)) {
          wrong = 0;
          until = null;
          return { kind: 'accepted' };
        }
      } finally {
        checking = false;
      }
      wrong += 1;
      if (wrong >= freeTries) until = now() + Math.min(maxLockoutMs, firstLockoutMs * 2 ** (wrong - freeTries));
      return { kind: 'wrong', lockedUntil: lockedUntil() };
    },
  };
}
