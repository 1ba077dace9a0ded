/**
 * The check session: idle → checking → verdict → (reset) idle. One store per page, created with injected
 * dependencies so tests control the clock. It holds the verdict, never the date of birth.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  decideAge,
  japanDate,
  minimumAgeFor,
  type BirthDateEvidence,
  type FailedEvidence,
  type Verdict,
} from '../policy';
import type { VerdictEvent } from '../audit/audit-record';
import type { MethodId } from '../methods/method-id';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from './settings';

export { METHOD_IDS, type MethodId } from '../methods/method-id';

export type SessionPhase = 'idle' | 'checking' | 'verdict';

export interface SessionState {
  readonly settings: Settings;
  readonly phase: SessionPhase;
  /** The method running or decided, while not idle. */
  readonly method: MethodId | null;
  readonly verdict: Verdict | null;
  /**
   * Starts a check with `method`. Returns the signal that aborts it on reset, or `null` when another check
   * is already running or a verdict is still shown (reset first).
   */
  readonly beginCheck: (method: MethodId) => AbortSignal | null;
  /** Ends the running check with its evidence; ignored unless `method` is the one running. */
  readonly completeCheck: (method: MethodId, evidence: BirthDateEvidence | FailedEvidence) => void;
  /** Back to idle: aborts a running check and forgets the verdict. */
  readonly reset: () => void;
  /** Changes settings; a running check or shown verdict is reset, since it was made under other rules. */
  readonly updateSettings: (patch: Partial<Settings>) => void;
}

export interface SessionStoreDeps {
  /** The current instant; the policy turns it into the Japanese date. */
  readonly now: () => Date;
  readonly initialSettings?: Settings;
  /**
   * Told of every verdict, at the one place a verdict is given: the audit log's writer. It receives the
   * verdict, never the evidence, and its failure cannot change the verdict.
   */
  readonly onVerdict?: (event: VerdictEvent) => void;
  /**
   * Demo mode: every verdict is marked as a demo, whichever reader the card came through — demo mode's fake
   * USB readers run the real drivers, which cannot tell a simulated card from a real one.
   */
  readonly demo?: boolean;
}

export type SessionStore = StoreApi<SessionState>;

/** The minimum age the settings ask for; NaN when the custom value is invalid, which the policy refuses. */
export function minimumAgeOf(settings: Settings): number {
  try {
    return minimumAgeFor(settings.thresholdPreset, settings.customMinimumAge);
  } catch {
    return Number.NaN;
  }
}

/** Creates the session store. */
export function createSessionStore(deps: SessionStoreDeps): SessionStore {
  let running: AbortController | null = null;
  const idle = { phase: 'idle', method: null, verdict: null } as const;

  return createStore<SessionState>()((set, get) => ({
    settings: deps.initialSettings ?? DEFAULT_SETTINGS,
    ...idle,

    beginCheck: (method) => {
      if (get().phase !== 'idle') return null;
      running = new AbortController();
      set({ phase: 'checking', method, verdict: null });
      return running.signal;
    },

    completeCheck: (method, evidence) => {
      const state = get();
      if (state.phase !== 'checking' || state.method !== method) return;
      running = null;
      let today: string;
      try {
        today = japanDate(deps.now());
      } catch {
        today = 'invalid clock';
      }
      const verdict = decideAge({
        evidence: deps.demo === true && evidence.kind === 'date-of-birth' ? { ...evidence, demo: true } : evidence,
        today,
        minimumAge: minimumAgeOf(state.settings),
        mode: state.settings.mode,
        requireRevocationCheck: state.settings.requireRevocationCheck,
      });
      set({ phase: 'verdict', verdict });
      try {
        deps.onVerdict?.({ at: deps.now(), method, threshold: state.settings.thresholdPreset, verdict });
      } catch {
        // The audit is a record of verdicts, not a condition of them.
      }
    },

    reset: () => {
      running?.abort();
      running = null;
      set(idle);
    },

    updateSettings: (patch) => {
      const settings = mergeSettings(get().settings, patch);
      get().reset();
      set({ settings });
    },
  }));
}
