/**
 * The customer's check as a state machine (`flow-state.ts`), with every use case as an action: `start`,
 * `startJpki`, `submitPassword`, `runNumberB`, `runAgeRecord`, `readCardFace`, `confirmCardFace`, `cancel`,
 * `retry`, `nextCustomer`. The store owns each attempt's AbortController, its camera and its hand-over bytes,
 * and ends them all whenever the attempt ends (cancel, reset, idle timeout, settings change). Components render
 * the state and call actions; the methods load lazily, with their ports injected at the composition point.
 * The store holds the verdict, never the date of birth beyond the confirmation step that shows it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { VerdictEvent } from '../audit/audit-record';
import type { MethodId } from '../methods/method-id';
import type { NumberBDigits } from '../methods/number-b/number-b';
import {
  decideAge,
  japanDate,
  minimumAgeFor,
  type BirthDateEvidence,
  type FailedEvidence,
  type Verdict,
} from '../policy';
import { ERROR_HANDLING, knownErrorCode, type ErrorCode } from './errors';
import { createFlowRunner, type FlowAttempt, type FlowHost } from './flows';
import {
  FLOW_METHOD,
  phaseOf,
  type FaceFlow,
  type FlowId,
  type SessionPhase,
  type StaffCall,
  type StaffCallReason,
  type Step,
} from './flow-state';
import type { SessionPorts } from './ports';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from './settings';

export { METHOD_IDS, type MethodId } from '../methods/method-id';
export type { SessionPhase } from './flow-state';

/** What the audit log hears of staff calls: when, made or cleared, and why (nothing personal). */
export interface StaffCallEvent {
  readonly at: Date;
  readonly kind: 'called' | 'cleared';
  readonly reason: StaffCallReason;
}

export interface SessionState {
  readonly settings: Settings;
  readonly step: Step;
  /** Derived from `step`: idle (home), checking, or a verdict on screen. */
  readonly phase: SessionPhase;
  /** A kiosk's call for staff; survives the idle reset and is cleared only by staff. */
  readonly staffCall: StaffCall | null;
  /** Whether this browser can open a camera at all (the card-face flows need one). */
  readonly cameraAvailable: boolean;

  /** Starts a flow from home (a running check is ended first). */
  readonly start: (flow: FlowId) => void;
  /** The JPKI signature check: tries left first, then the password is asked for. */
  readonly startJpki: () => void;
  /** Tries the signature password once (the bytes are wiped whatever happens). */
  readonly submitPassword: (password: Uint8Array) => void;
  /** Runs number B with the three groups typed by the clerk (the bytes are wiped after use). */
  readonly runNumberB: (digits: NumberBDigits) => void;
  /**
   * Instead of number B: the chip's age record with only the six birth digits the clerk typed (the bytes are
   * wiped after use) — a J-LIS-signed date of birth, when the expiry year or security code is not at hand.
   */
  readonly runAgeRecord: (birth: Uint8Array) => void;
  /** Reads the card face from the camera or a still image, within `flow` (started if at home). */
  readonly readCardFace: (flow: FaceFlow, source: 'camera' | Blob) => void;
  /** After the face was read: decide on the face alone, or confirm with the chip. */
  readonly confirmCardFace: (choice: 'decide' | 'chip') => void;
  /** Switches the camera torch. */
  readonly setTorch: (on: boolean) => void;
  /** Ends the running check without a verdict (nothing is logged) and goes home. */
  readonly cancel: () => void;
  /** After a temporary failure: the same flow again, from its start (secrets are asked for again). */
  readonly retry: () => void;
  /** Leaves the verdict for the next customer. */
  readonly nextCustomer: () => void;
  /** Back home whatever the step (idle timeout, settings): ends the attempt, its camera and its bytes. */
  readonly reset: () => void;
  /** Kiosk: calls staff (a no-op when a call is already on). */
  readonly callStaff: (reason: StaffCallReason) => void;
  /** Clears the staff call; the screens offer it only to staff (PIN, or the staff-only gesture). */
  readonly clearStaffCall: () => void;
  /**
   * Changes settings. A running check or shown verdict is reset, since it was made under other rules — except
   * for the language, which only changes the words.
   */
  readonly updateSettings: (patch: Partial<Settings>) => void;

  /** Starts a bare check of `method` (the e2e hook); null unless at home. */
  readonly beginCheck: (method: MethodId) => AbortSignal | null;
  /** Ends the running check with its evidence; ignored unless `method` is the one running. */
  readonly completeCheck: (method: MethodId, evidence: BirthDateEvidence | FailedEvidence) => void;
}

export interface SessionStoreDeps {
  readonly ports: SessionPorts;
  readonly initialSettings?: Settings;
  /** Whether the browser has a camera API (`navigator.mediaDevices.getUserMedia`). */
  readonly cameraAvailable?: boolean;
  /**
   * Told of every verdict, at the one place a verdict is given: the audit log's writer. It receives the
   * verdict, never the evidence, and its failure cannot change the verdict.
   */
  readonly onVerdict?: (event: VerdictEvent) => void;
  /** Told when a kiosk calls staff and when staff clear the call (the audit log). */
  readonly onStaffCall?: (event: StaffCallEvent) => void;
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

/** The flow a bare check of `method` stands for (e2e hook). */
const METHOD_FLOW: Readonly<Record<MethodId, FlowId>> = {
  'jpki-signature': 'jpki',
  'number-b': 'number-b',
  'card-face-ocr': 'face-only',
  'age-record': 'face-chip',
};

const HOME: Step = { kind: 'home' };

/** One attempt at a check: its abort signal, its flow, and the method that decides if it runs to the end. */
interface Attempt extends FlowAttempt {
  readonly flow: FlowId;
}

/** Creates the session store. */
export function createSessionStore(deps: SessionStoreDeps): SessionStore {
  const { ports } = deps;
  let attempt: Attempt | null = null;

  const get = () => store.getState();
  const setStep = (step: Step) => {
    store.setState({ step, phase: phaseOf(step) });
  };
  const live = (a: FlowAttempt) => a === attempt && !a.controller.signal.aborted;
  const kiosk = () => get().settings.mode === 'kiosk';

  /** Ends the current attempt: aborts it, and the flow runner stops its camera and wipes its bytes. */
  const endAttempt = () => {
    attempt?.controller.abort();
    attempt = null;
    flows.release();
  };

  const begin = (flow: FlowId, method: MethodId = FLOW_METHOD[flow]): Attempt => {
    endAttempt();
    attempt = { controller: new AbortController(), flow, method };
    return attempt;
  };

  const callStaff = (reason: StaffCallReason) => {
    if (get().staffCall) return;
    const since = ports.now();
    store.setState({ staffCall: { reason, since } });
    try {
      deps.onStaffCall?.({ at: since, kind: 'called', reason });
    } catch {
      // The audit records calls; it is not a condition of them.
    }
  };

  const decide = (a: FlowAttempt, method: MethodId, evidence: BirthDateEvidence | FailedEvidence) => {
    if (!live(a) || !attempt) return;
    const { flow } = attempt;
    const { settings } = get();
    let today: string;
    try {
      today = japanDate(ports.now());
    } catch {
      today = 'invalid clock';
    }
    const verdict: Verdict = decideAge({
      evidence: deps.demo === true && evidence.kind === 'date-of-birth' ? { ...evidence, demo: true } : evidence,
      today,
      minimumAge: minimumAgeOf(settings),
      mode: settings.mode,
      requireRevocationCheck: settings.requireRevocationCheck,
    });
    const failure: ErrorCode | null = evidence.kind === 'failed' ? knownErrorCode(evidence.errorCode) : null;
    endAttempt();
    setStep({ kind: 'verdict', flow, method, verdict, failure });
    try {
      deps.onVerdict?.({ at: ports.now(), method, threshold: settings.thresholdPreset, verdict });
    } catch {
      // The audit is a record of verdicts, not a condition of them.
    }
    // A kiosk customer cannot be helped by the screen alone: someone has to come.
    if (settings.mode === 'kiosk' && (verdict.outcome === 'cannot-verify' || verdict.outcome === 'staff-check')) {
      callStaff('verdict');
    }
  };

  const host: FlowHost = {
    ports,
    kiosk,
    live,
    show: (a, step) => {
      if (live(a)) setStep(step);
    },
    decide,
    fail: (a, code) => {
      if (!live(a) || !attempt) return;
      const handling = ERROR_HANDLING[code];
      if (handling === 'verdict') {
        decide(a, a.method, { kind: 'failed', errorCode: code });
        return;
      }
      // Nothing was decided: the customer's session goes on; the attempt's camera and bytes do not.
      const { flow } = attempt;
      flows.release();
      setStep({ kind: handling === 'temporary' ? 'interrupted' : 'blocked', flow, code });
      if (handling === 'setup' && kiosk()) callStaff('trouble');
    },
    step: () => get().step,
  };
  const flows = createFlowRunner(host);

  const startFlow = (flow: FlowId) => {
    if (flow === 'jpki') flows.jpki(begin('jpki'));
    else if (flow === 'number-b') {
      begin('number-b');
      setStep({ kind: 'number-b-entry', feedback: { kind: 'none' } });
    } else flows.readFace(begin(flow, 'card-face-ocr'), flow, 'camera');
  };
  const home = () => {
    endAttempt();
    setStep(HOME);
  };

  const store = createStore<SessionState>()(() => ({
    settings: deps.initialSettings ?? DEFAULT_SETTINGS,
    step: HOME,
    phase: 'idle',
    staffCall: null,
    cameraAvailable: deps.cameraAvailable ?? true,

    start: startFlow,
    startJpki: () => {
      startFlow('jpki');
    },
    submitPassword: (password) => {
      if (!attempt || get().step.kind !== 'password') {
        password.fill(0);
        return;
      }
      flows.submitPassword(attempt, password);
    },
    runNumberB: (digits) => {
      if (!attempt || get().step.kind !== 'number-b-entry') {
        flows.wipe(digits);
        return;
      }
      flows.runNumberB(attempt, digits);
    },
    runAgeRecord: (birth) => {
      if (!attempt || get().step.kind !== 'number-b-entry') {
        birth.fill(0);
        return;
      }
      flows.runAgeRecord(attempt, birth);
    },
    readCardFace: (flow, source) => {
      const { step } = get();
      // From home, a new attempt; within the same face flow (the camera swapped for a still image, a photo
      // where there is no camera, another try after a poor picture) the running read ends and the flow goes on
      // with a new attempt.
      const sameFlow =
        attempt?.flow === flow && (step.kind === 'camera' || step.kind === 'interrupted' || step.kind === 'blocked');
      if (step.kind !== 'home' && !sameFlow) return;
      flows.readFace(begin(flow, 'card-face-ocr'), flow, source);
    },
    confirmCardFace: (choice) => {
      if (attempt && get().step.kind === 'face-confirm') flows.confirmFace(attempt, choice);
    },
    setTorch: (on) => {
      if (attempt) flows.setTorch(attempt, on);
    },
    cancel: () => {
      if (get().step.kind !== 'verdict') home();
    },
    retry: () => {
      const { step } = get();
      if (step.kind === 'interrupted') startFlow(step.flow);
    },
    nextCustomer: home,
    reset: home,
    callStaff,
    clearStaffCall: () => {
      const call = get().staffCall;
      if (!call) return;
      store.setState({ staffCall: null });
      try {
        deps.onStaffCall?.({ at: ports.now(), kind: 'cleared', reason: call.reason });
      } catch {
        // As for calls.
      }
    },
    updateSettings: (patch) => {
      const before = get().settings;
      const settings = mergeSettings(before, patch);
      const onlyWords = (Object.keys(settings) as (keyof Settings)[]).every(
        (key) => key === 'language' || settings[key] === before[key],
      );
      if (!onlyWords) home();
      store.setState({ settings });
    },

    beginCheck: (method) => {
      if (get().step.kind !== 'home') return null;
      const a = begin(METHOD_FLOW[method], method);
      setStep({ kind: 'working', flow: a.flow, stage: 'opening', percent: null });
      return a.controller.signal;
    },
    completeCheck: (method, evidence) => {
      if (!attempt || attempt.method !== method || get().phase !== 'checking') return;
      decide(attempt, method, evidence);
    },
  }));

  // The card on the reader moves things on. Arriving: a chip flow waiting for it continues, and a kiosk at home
  // starts the JPKI check (the customer then types only the password) — only an arrival on a reader seen empty,
  // never a card left on the reader nor one found there as the reader opens, so the next customer is never
  // started on someone else's card. Leaving while the password is typed: the card's session (its tries read,
  // its application selected) is gone, so the attempt stops at once with "place it again and try again".
  let seenEmpty = false;
  ports.reader.subscribe(() => {
    const present = ports.reader.cardPresent() && ports.reader.transport() !== null;
    const arrived = present && seenEmpty;
    seenEmpty = ports.reader.cardAbsent();
    const state = get();
    if (!present) {
      if (seenEmpty && attempt && state.step.kind === 'password') host.fail(attempt, 'transport.card-removed');
      return;
    }
    if (state.step.kind === 'place-card') flows.cardReady();
    else if (arrived && state.step.kind === 'home' && state.settings.mode === 'kiosk' && !state.staffCall) {
      state.startJpki();
    }
  });
  return store;
}
