/**
 * Rate limit on staff PIN entry: a few free tries, then a lock-out that doubles with each further wrong PIN
 * up to a ceiling; a right PIN clears the count. The count and lock-out are kept through `store` (the audit
 * log's database), so reloading the page does not lift them, and they are one count for every tab of the app:
 * - each attempt is counted as wrong *before* the PIN is checked, in one read-modify-write of the store (an
 *   IndexedDB transaction), and taken back only when the PIN was right, so a second tab, or a tab closed in the
 *   middle of a check, never gets a free guess or overwrites another tab's count;
 * - where the browser has Web Locks, whole attempts of all tabs run one after another.
 * The lock-out is what makes guessing a 6-digit PIN at the screen impractical.
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
  /** Epoch ms until which attempts are refused, as last seen by this tab, or null. */
  lockedUntil(): number | null;
}

/** The gate's state, as kept between page loads and shared by tabs. */
export interface PinLockState {
  readonly wrong: number;
  readonly until: number | null;
}

/** Where the state is kept. `update` must read and write in one transaction. */
export interface PinLockStore {
  /** Applies `change` to the stored state atomically and returns what was stored. */
  update(change: (state: PinLockState | null) => PinLockState): Promise<PinLockState>;
}

/** What the gate needs of the Web Locks API (`navigator.locks`). */
export interface LockManagerPort {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The Web Lock's name: one per origin, so every tab of the app queues on it. */
export const STAFF_PIN_LOCK = 'age-check-staff-pin';

/** A store in this tab's memory (no persistent store configured, or tests). */
export function memoryPinLockStore(): PinLockStore {
  let kept: PinLockState | null = null;
  return {
    update: (change) => {
      kept = change(kept);
      return Promise.resolve(kept);
    },
  };
}

export function createPinGate(
  expected: StaffPinHash | null,
  {
    now = Date.now,
    store = memoryPinLockStore(),
    locks = (globalThis.navigator as { locks?: LockManagerPort } | undefined)?.locks,
  }: { now?: () => number; store?: PinLockStore; locks?: LockManagerPort } = {},
): PinGate {
  const { freeTries, firstLockoutMs, maxLockoutMs } = CONFIG.staffPin;
  let seen: PinLockState = { wrong: 0, until: null };
  /** This tab's attempts, one at a time even without Web Locks. */
  let queue: Promise<unknown> = Promise.resolve();
  const lockedUntil = () => (seen.until !== null && seen.until > now() ? seen.until : null);

  const attemptNow = async (pin: string): Promise<PinAttempt> => {
    const outcome = { refused: false };
    // Count first, in one transaction: the attempt is wrong until the PIN proves otherwise.
    seen = await store.update((state) => {
      const current = state ?? { wrong: 0, until: null };
      if (current.until !== null && current.until > now()) {
        outcome.refused = true;
        return current;
      }
      const wrong = current.wrong + 1;
      const until =
        wrong >= freeTries ? now() + Math.min(maxLockoutMs, firstLockoutMs * 2 ** (wrong - freeTries)) : null;
      return { wrong, until };
    });
    if (outcome.refused) return { kind: 'locked', lockedUntil: seen.until ?? now() };
    if (await pinMatches(pin, expected as StaffPinHash)) {
      seen = await store.update(() => ({ wrong: 0, until: null }));
      return { kind: 'accepted' };
    }
    return { kind: 'wrong', lockedUntil: lockedUntil() };
  };

  return {
    lockedUntil,
    attempt: (pin) => {
      if (!expected) return Promise.resolve({ kind: 'not-configured' });
      const run = () => attemptNow(pin);
      const result = queue.then(() => (locks ? locks.request(STAFF_PIN_LOCK, run) : run()));
      queue = result.catch(() => undefined);
      // A store that fails keeps the gate shut: the attempt is refused, never let through.
      return result.catch(() => ({ kind: 'locked', lockedUntil: now() }) as const);
    },
  };
}
