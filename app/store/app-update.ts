/**
 * A new version of the app that has been downloaded and waits to take over (a service worker installed but
 * not yet active). The page offers it between customers only (the verdict covers the screen until the next
 * customer) and applies it when staff say so: an update never interrupts a check. Nothing here is personal.
 */
import { createStore } from 'zustand/vanilla';
import type { SessionPhase, SessionStore } from './session-store';

export interface AppUpdateState {
  /** A new version waits; `apply` switches to it (the page then reloads). */
  readonly waiting: boolean;
  /** Set by the service worker registration when a new version is installed. */
  readonly offer: (apply: () => Promise<void>) => void;
  readonly apply: () => Promise<void>;
}

export function createAppUpdateStore() {
  let applyUpdate: (() => Promise<void>) | null = null;
  return createStore<AppUpdateState>()((set) => ({
    waiting: false,
    offer: (apply) => {
      applyUpdate = apply;
      set({ waiting: true });
    },
    apply: async () => {
      await applyUpdate?.();
    },
  }));
}

export type AppUpdateStore = ReturnType<typeof createAppUpdateStore>;

/** Whether the update may be offered: between customers (the first screen), never during a check or a verdict. */
export function mayOfferUpdate(phase: SessionPhase): boolean {
  return phase === 'idle';
}

/** Runs `action` once, as soon as the session's phase allows it: now, or when the phase next changes to one. */
export function runWhenPhase(
  session: SessionStore,
  allowed: (phase: SessionPhase) => boolean,
  action: () => void,
): void {
  if (allowed(session.getState().phase)) {
    action();
    return;
  }
  const unsubscribe = session.subscribe((state) => {
    if (!allowed(state.phase)) return;
    unsubscribe();
    action();
  });
}
