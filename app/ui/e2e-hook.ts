/**
 * `window.__e2e`: lets Playwright give the session store a bare check of a method with its evidence, to test the
 * verdict screens without running a method.
 * Compiled only in the e2e build (see `app/main.tsx`); the size check proves production has none of it.
 */
import type { BirthDateEvidence, FailedEvidence } from '../policy';
import type { MethodId, SessionStore } from '../store/session-store';

export interface E2eHook {
  beginCheck(method: MethodId): boolean;
  completeCheck(method: MethodId, evidence: BirthDateEvidence | FailedEvidence): void;
  /** In demo mode: what the simulated cards saw (no personal data: counts only). */
  demoDiagnostics(): { privacyViolations: number; verifiesWithSecret: number; apdus: number } | null;
}

declare global {
  interface Window {
    __e2e?: E2eHook;
  }
}

export function installE2eHook(store: SessionStore, diagnostics: E2eHook['demoDiagnostics'] = () => null): void {
  window.__e2e = {
    beginCheck: (method) => store.getState().beginCheck(method) !== null,
    completeCheck: (method, evidence) => {
      store.getState().completeCheck(method, evidence);
    },
    demoDiagnostics: diagnostics,
  };
  document.documentElement.dataset['e2eReady'] = 'true';
}
