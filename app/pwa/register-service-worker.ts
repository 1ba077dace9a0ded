/**
 * Registers the service worker that keeps the app usable offline (built by vite-plugin-pwa, see
 * `scripts/pwa.ts`). Loaded lazily after the first render, in builds only. A new version is offered through
 * the update store and never applied by itself; the page reloads into it only when no check is running.
 */
/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';
import { mayOfferUpdate, runWhenPhase, type AppUpdateStore } from '../store/app-update';
import type { SessionStore } from '../store/session-store';

/** A kiosk can stay open for days: look for a new version this often (ignored while offline). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(updates: AppUpdateStore, session: SessionStore): void {
  const reload = () => {
    window.location.reload();
  };
  let appliedHere = false;
  let takenOver = false;
  const updateServiceWorker = registerSW({
    onNeedRefresh: () => {
      updates.getState().offer(async () => {
        appliedHere = true;
        // Another tab may have switched to the new version already: then only this page's reload is left.
        if (takenOver) reload();
        else await updateServiceWorker(true);
      });
    },
    // The new version has taken over. Applied from this page: reload unless a check has started since. Applied
    // from another tab: keep a verdict on screen too, until the session is back to idle.
    onNeedReload: () => {
      takenOver = true;
      runWhenPhase(session, (phase) => (appliedHere ? mayOfferUpdate(phase) : phase === 'idle'), reload);
    },
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      // The OCR core this browser runs is kept for offline use (the worker precaches none of the three).
      void import('../methods/card-face-ocr/ocr-core')
        .then(({ keepOcrCoreOffline }) => keepOcrCoreOffline(document.baseURI))
        .catch(() => undefined);
      setInterval(() => {
        registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError: (error: unknown) => {
      // The app works without the worker (online only); no personal data is in the error.
      console.warn('service worker not registered', error);
    },
  });
}
