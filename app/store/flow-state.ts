/**
 * The states of a customer's check, as the screens render them: one discriminated union, so every screen and
 * the state-machine walk in the e2e tests know every state there is. Nothing here outlives its step: the date
 * of birth read off the card face is shown for confirmation while the clerk looks at it, and dropped with the
 * step; 照合番号B and passwords never enter the state at all.
 */
import type { EraName, Verdict } from '../policy';
import type { MethodId } from '../methods/method-id';
import type { NumberBProblem } from '../methods/number-b/number-b';
import type { ErrorCode } from './errors';

export type { NumberBGroup, NumberBProblem } from '../methods/number-b/number-b';

/**
 * The ways of checking, in the order a clerk should prefer them:
 * - `face-chip`: the camera reads the face, the chip confirms with the digits read (the clerk types nothing):
 *   the six birth digits open the chip's J-LIS-signed age record; at the counter, when the whole 照合番号B was
 *   read, number B instead, which also brings the chip's photo;
 * - `jpki`: the customer types the signature password (the only way that proves the holder);
 * - `number-b`: the clerk types 照合番号B from the face;
 * - `face-only`: the printed face alone (the clerk must check the card).
 */
export type FlowId = 'face-chip' | 'jpki' | 'number-b' | 'face-only';

export const FLOW_IDS: readonly FlowId[] = ['face-chip', 'jpki', 'number-b', 'face-only'];

/** Flows that read the chip and so need a reader with the card on it. */
export type ChipFlow = Exclude<FlowId, 'face-only'>;
/** Flows that start with the card face. */
export type FaceFlow = Extract<FlowId, 'face-chip' | 'face-only'>;

/**
 * The method that decides a flow's verdict when it runs to its end (a flow that hands over to another chip check
 * switches its attempt's method then).
 */
export const FLOW_METHOD: Readonly<Record<FlowId, MethodId>> = {
  'face-chip': 'age-record',
  jpki: 'jpki-signature',
  'number-b': 'number-b',
  'face-only': 'card-face-ocr',
};

/** What a running step is doing, for the progress line. */
export type WorkStage =
  | 'opening'
  | 'checking-password'
  | 'reading-certificate'
  | 'signing'
  | 'verifying'
  | 'checking-revocation'
  | 'reading-face'
  | 'reading-chip';

/** What was read off the card face, for the clerk's eyes while confirming it. */
export interface FaceView {
  /** ISO date of birth and the era printed on the card (null: printed in the Western calendar). */
  readonly birth: { readonly iso: string; readonly era: EraName | null };
  /** ISO expiry date; null when it was not read (a hand-over to the chip needs only the birth date). */
  readonly expiry: string | null;
  /**
   * Whether the security code was read with the expiry (its digits are not shown: the chip checks them). With
   * both, a clerk's chip check is number B and brings the chip's photo; else the six birth digits open the age
   * record.
   */
  readonly securityCode: 'read' | 'missing';
}

/** What the clerk is told after a number-B (or six-digit) attempt. */
export type NumberBFeedback =
  | { readonly kind: 'none' }
  /** The groups do not form a possible number: nothing was sent. */
  | { readonly kind: 'problems'; readonly problems: readonly NumberBProblem[] }
  /** The card refused: the tries left, and a group only when the number itself shows which. */
  | { readonly kind: 'rejected'; readonly triesLeft: number; readonly likelyWrong: 'birth' | 'expiry' | null }
  /** The chip's age record refused the six birth digits: the tries left on that key (its own counter). */
  | { readonly kind: 'birth-rejected'; readonly triesLeft: number };

/** Camera torch: not offered by this camera, off, on. */
export type Torch = 'unavailable' | 'off' | 'on';

export type Step =
  /** Nothing running: the choice of method (clerk) or "place your card" (kiosk). */
  | { readonly kind: 'home' }
  /** A chip flow waits for a reader with the card on it; it goes on by itself once the card is there. */
  | { readonly kind: 'place-card'; readonly flow: ChipFlow }
  /** The signature password, with the tries left (read before asking). */
  | { readonly kind: 'password'; readonly triesLeft: number; readonly notice: 'rejected' | 'invalid-format' | null }
  /** 照合番号B typed by the clerk in three groups. */
  | { readonly kind: 'number-b-entry'; readonly feedback: NumberBFeedback }
  /** The live camera reads the card face. */
  | { readonly kind: 'camera'; readonly flow: FaceFlow; readonly stream: MediaStream | null; readonly torch: Torch }
  /** The clerk confirms what was read from a still image (face → chip) or decides on the face (face only). */
  | { readonly kind: 'face-confirm'; readonly flow: FaceFlow; readonly face: FaceView }
  /** Reading, signing, verifying. */
  | { readonly kind: 'working'; readonly flow: FlowId; readonly stage: WorkStage; readonly percent: number | null }
  /** A temporary failure (card moved, reader unplugged, poor picture): try again or stop; nothing decided. */
  | { readonly kind: 'interrupted'; readonly flow: FlowId; readonly code: ErrorCode }
  /** This terminal cannot run the flow (no camera, no trust anchors): nothing learnt about the customer. */
  | { readonly kind: 'blocked'; readonly flow: FlowId; readonly code: ErrorCode }
  /** The decision, on screen until the next customer. */
  | {
      readonly kind: 'verdict';
      readonly flow: FlowId | null;
      readonly method: MethodId;
      readonly verdict: Verdict;
      /** Why the check failed, as a known code, when it did. */
      readonly failure: ErrorCode | null;
    };

export type StepKind = Step['kind'];

/** The coarse phase other parts of the app care about (updates, wake lock, idle reset). */
export type SessionPhase = 'idle' | 'checking' | 'verdict';

export function phaseOf(step: Step): SessionPhase {
  if (step.kind === 'home') return 'idle';
  return step.kind === 'verdict' ? 'verdict' : 'checking';
}

/** Why a kiosk called staff. */
export type StaffCallReason =
  /** The customer asked (no password, another way, help). */
  | 'requested'
  /** The check gave "cannot verify" or needs a person to look (staff check). */
  | 'verdict'
  /** The check could not run on this terminal, or kept failing. */
  | 'trouble';

/** A kiosk's call for staff: stays until staff clear it, whatever the idle timer does. */
export interface StaffCall {
  readonly reason: StaffCallReason;
  /** When the call was made. */
  readonly since: Date;
}
