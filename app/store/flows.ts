/**
 * The use cases behind the session store's actions: each runs one method with the ports it needs and moves
 * the attempt through its steps. The methods load on first use (none is in the start-up bundle). What an
 * attempt holds privately — the open JPKI check, the camera stream, the card face's hand-over bytes, number B
 * waiting for the card — is released (stopped, wiped) by {@link FlowRunner.release} whenever the attempt ends.
 */
import type { JpkiCheck } from '../methods/jpki-signature/jpki-signature-check';
import type { FaceNeeds, ReadFace } from '../methods/card-face-ocr/face-reader';
import type { ChipHandover } from '../methods/chip-handover';
import type { MethodId } from '../methods/method-id';
import type { NumberBDigits } from '../methods/number-b/number-b';
import { japanDate, type BirthDateEvidence, type FailedEvidence } from '../policy';
import { errorCodeOf, type ErrorCode } from './errors';
import type { ChipFlow, FaceFlow, FaceView, Step } from './flow-state';
import type { SessionPorts } from './ports';

/** What a flow needs of the session store. */
export interface FlowHost {
  readonly ports: SessionPorts;
  /** One attempt of the customer's session (the store owns its AbortController). */
  kiosk(): boolean;
  /** True while `attempt` is the current one and not aborted: results of older attempts are dropped. */
  live(attempt: FlowAttempt): boolean;
  /** Shows `step` if `attempt` is still live. */
  show(attempt: FlowAttempt, step: Step): void;
  /** The verdict, from evidence or a failure. */
  decide(attempt: FlowAttempt, method: MethodId, evidence: BirthDateEvidence | FailedEvidence): void;
  /** A failure, handled by its code: try again, not possible here, or "cannot verify". */
  fail(attempt: FlowAttempt, code: ErrorCode): void;
  step(): Step;
}

/** The part of an attempt a flow sees. */
export interface FlowAttempt {
  readonly controller: AbortController;
  /** The method that decides when the attempt runs to its end (face → chip switches to number B). */
  method: MethodId;
}

export interface FlowRunner {
  jpki(attempt: FlowAttempt): void;
  submitPassword(attempt: FlowAttempt, password: Uint8Array): void;
  runNumberB(attempt: FlowAttempt, digits: NumberBDigits): void;
  /** The chip's age record with the six birth digits the clerk typed (wiped after use). */
  runAgeRecord(attempt: FlowAttempt, birth: Uint8Array): void;
  readFace(attempt: FlowAttempt, flow: FaceFlow, source: 'camera' | Blob): void;
  confirmFace(attempt: FlowAttempt, choice: 'decide' | 'chip'): void;
  setTorch(attempt: FlowAttempt, on: boolean): void;
  /** The card is on the reader: a flow waiting for it goes on. */
  cardReady(): void;
  /** Ends what the attempt holds: camera stopped, bytes wiped, continuation dropped. */
  release(): void;
  /** Wipes number-B groups the store refused to run. */
  wipe(digits: NumberBDigits): void;
}

const jpkiModule = () => import('../methods/jpki-signature/jpki-signature-check');
const numberBModule = () => import('../methods/number-b/number-b-check');
const ageRecordModule = () => import('../methods/age-record/age-record-check');
const faceFieldsModule = () => import('../methods/card-face-ocr/face-fields');
const handoverModule = () => import('../methods/chip-handover');
const cameraModule = () => import('../methods/card-face-ocr/camera');

/** Zeroes secret bytes (kept here so the store does not load a method module to wipe them). */
function wipeAll(...parts: readonly (Uint8Array | null)[]): void {
  for (const part of parts) part?.fill(0);
}

function wipeDigits(digits: NumberBDigits): void {
  wipeAll(digits.birth, digits.expiryYear, digits.securityCode);
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export function createFlowRunner(host: FlowHost): FlowRunner {
  const { ports } = host;
  let jpki: JpkiCheck | null = null;
  let stream: MediaStream | null = null;
  let handover: ChipHandover | null = null;
  let face: { readonly read: ReadFace; readonly view: FaceView } | null = null;
  /** Number B or six birth digits waiting for the card, wiped if the attempt ends first. */
  let pending: NumberBDigits | null = null;
  let pendingBirth: Uint8Array | null = null;
  let waiting: (() => void) | null = null;

  /**
   * The card's conversations one after another: an attempt that was ended (cancel, reset) stops between two
   * exchanges, so the next attempt waits for its last exchange rather than finding the reader busy.
   */
  let cardWork: Promise<void> = Promise.resolve();
  const onCard = (work: () => Promise<void>): void => {
    const run = cardWork.then(work, work);
    cardWork = run.catch(() => undefined);
  };

  const cardOnReader = () => (ports.reader.cardPresent() ? ports.reader.transport() : null);
  const fail = (attempt: FlowAttempt, error: unknown) => {
    host.fail(attempt, errorCodeOf(error));
  };
  /** Shows "place the card" and goes on with `then` once it is there. */
  const waitForCard = (attempt: FlowAttempt, flow: ChipFlow, then: () => void) => {
    waiting = () => {
      waiting = null;
      if (host.live(attempt)) then();
    };
    host.show(attempt, { kind: 'place-card', flow });
  };
  const today = () => japanDate(ports.now());

  const runner: FlowRunner = {
    jpki: (attempt) => {
      const transport = cardOnReader();
      if (!transport) {
        waitForCard(attempt, 'jpki', () => {
          runner.jpki(attempt);
        });
        return;
      }
      host.show(attempt, { kind: 'working', flow: 'jpki', stage: 'opening', percent: null });
      onCard(async () => {
        if (!host.live(attempt)) return;
        try {
          const [trust, revocation, { openJpkiCheck }] = await Promise.all([
            ports.loadTrust(),
            ports.loadRevocation(),
            jpkiModule(),
          ]);
          if (!host.live(attempt)) return;
          if (!trust) {
            host.fail(attempt, 'jpki.not-configured');
            return;
          }
          const opened = await openJpkiCheck({
            transport,
            loadTrust: () => Promise.resolve(trust),
            revocation,
            now: ports.now,
            random: ports.random,
            signal: attempt.controller.signal,
            onStage: (stage) => {
              host.show(attempt, { kind: 'working', flow: 'jpki', stage, percent: null });
            },
            onProgress: ({ done, total }) => {
              const percent = total > 0 ? Math.round((100 * done) / total) : 0;
              host.show(attempt, { kind: 'working', flow: 'jpki', stage: 'reading-certificate', percent });
            },
          });
          if (!host.live(attempt)) return;
          if (opened.kind === 'refused') {
            host.fail(attempt, opened.triesLeft === 0 ? 'card.pin-blocked' : 'card.pin-too-few-tries');
            return;
          }
          jpki = opened.check;
          host.show(attempt, { kind: 'password', triesLeft: opened.triesLeft, notice: null });
        } catch (error) {
          fail(attempt, error);
        }
      });
    },

    submitPassword: (attempt, password) => {
      const check = jpki;
      const asked = host.step();
      if (!check || asked.kind !== 'password') {
        password.fill(0);
        return;
      }
      host.show(attempt, { kind: 'working', flow: 'jpki', stage: 'checking-password', percent: null });
      onCard(async () => {
        try {
          // The check wipes the password bytes whatever happens.
          const result = await check.submitPassword(password);
          if (!host.live(attempt)) return;
          if (result.kind === 'evidence') {
            jpki = null;
            host.decide(attempt, 'jpki-signature', result.evidence);
          } else if (result.kind === 'invalid-format') {
            host.show(attempt, { ...asked, notice: 'invalid-format' });
          } else if (result.canRetry) {
            host.show(attempt, { kind: 'password', triesLeft: result.triesLeft, notice: 'rejected' });
          } else {
            host.fail(attempt, result.triesLeft === 0 ? 'card.pin-blocked' : 'card.pin-too-few-tries');
          }
        } catch (error) {
          fail(attempt, error);
        }
      });
    },

    runNumberB: (attempt, digits) => {
      runChip(attempt, 'number-b', digits);
    },

    runAgeRecord: (attempt, birth) => {
      runAgeRecord(attempt, 'number-b', birth);
    },

    readFace: (attempt, flow, source) => {
      void (async () => {
        try {
          const reader = await ports.faceReader();
          if (!host.live(attempt)) return;
          reader.warmUp();
          // A verdict on the face takes the card's expiry; the chip's age record needs only the birth date. A kiosk
          // hands every face to staff as a face (see `afterFace`).
          const needs: FaceNeeds = flow === 'face-chip' && !host.kiosk() ? 'birth' : 'both-dates';
          let read: ReadFace;
          if (source === 'camera') {
            host.show(attempt, { kind: 'camera', flow, stream: null, torch: 'unavailable' });
            const opened = await ports.openCamera();
            if (!host.live(attempt)) {
              stopStream(opened);
              return;
            }
            stream = opened;
            const { hasTorch } = await cameraModule();
            host.show(attempt, {
              kind: 'camera',
              flow,
              stream: opened,
              torch: hasTorch(opened) ? 'off' : 'unavailable',
            });
            read = await reader.readCamera(opened, attempt.controller.signal, needs);
            if (stream === opened) {
              stopStream(opened);
              stream = null;
            }
          } else {
            host.show(attempt, { kind: 'working', flow, stage: 'reading-face', percent: null });
            read = await reader.readImage(source, attempt.controller.signal, needs);
          }
          if (!host.live(attempt)) return;
          await afterFace(attempt, flow, read, source !== 'camera');
        } catch (error) {
          fail(attempt, error);
        }
      })();
    },

    confirmFace: (attempt, choice) => {
      const read = face?.read;
      // A verdict on the face takes its expiry; the screen offers no such choice without one, so a stale tap is
      // ignored (the read stays for the chip).
      if (!read || (choice === 'decide' && read.expiry === null)) return;
      // Claimed at once: a second tap before the screen changes finds nothing, so the face's secret is sent once.
      face = null;
      const given = handover;
      handover = null;
      if (choice === 'decide') {
        if (given) wipeAll(given.birth, given.expiryYear, given.securityCode);
        decideOnFace(attempt, read);
        return;
      }
      void (async () => {
        try {
          const { handoverFromFace } = await handoverModule();
          toChip(attempt, given ?? handoverFromFace(read), read.expiry);
        } catch (error) {
          if (given) wipeAll(given.birth, given.expiryYear, given.securityCode);
          fail(attempt, error);
        }
      })();
    },

    setTorch: (attempt, on) => {
      const current = stream;
      const step = host.step();
      if (!current || step.kind !== 'camera' || step.torch === 'unavailable') return;
      void (async () => {
        const { setTorch } = await cameraModule();
        if (!(await setTorch(current, on))) return;
        const now = host.step();
        if (now.kind === 'camera' && stream === current) host.show(attempt, { ...now, torch: on ? 'on' : 'off' });
      })();
    },

    cardReady: () => {
      waiting?.();
    },

    release: () => {
      jpki = null;
      if (stream) stopStream(stream);
      stream = null;
      if (handover) wipeAll(handover.birth, handover.expiryYear, handover.securityCode);
      handover = null;
      if (pending) wipeDigits(pending);
      pending = null;
      pendingBirth?.fill(0);
      pendingBirth = null;
      face = null;
      waiting = null;
    },

    wipe: wipeDigits,
  };

  /** A verdict on the face alone: it takes the card's expiry, so a face read without one cannot be verified. */
  function decideOnFace(attempt: FlowAttempt, read: ReadFace): void {
    if (read.expiry === null) {
      host.fail(attempt, 'card-face.unreadable');
      return;
    }
    const evidence: BirthDateEvidence = {
      kind: 'date-of-birth',
      dateOfBirth: read.birth.iso,
      assurance: 'card-face',
      cardExpiry: { date: read.expiry },
    };
    host.decide(attempt, 'card-face-ocr', evidence);
  }

  /** After the face was read: a kiosk hands it to staff; a clerk confirms it, or it goes straight to the chip. */
  async function afterFace(attempt: FlowAttempt, flow: FaceFlow, read: ReadFace, still: boolean): Promise<void> {
    const [{ expiryAgreesWithBirthday }, { handoverFromFace }] = await Promise.all([
      faceFieldsModule(),
      handoverModule(),
    ]);
    if (!host.live(attempt)) return;
    if (read.expiry !== null && !expiryAgreesWithBirthday(read.birth, read.expiry)) {
      host.fail(attempt, 'card-face.expiry-mismatch');
      return;
    }
    // A kiosk shows the customer no value: the face goes to staff as it is.
    if (host.kiosk()) {
      decideOnFace(attempt, read);
      return;
    }
    const view: FaceView = {
      birth: { iso: read.birth.iso, era: read.birth.era },
      expiry: read.expiry,
      // 照合番号B takes the expiry year: without it, the code read is of no use.
      securityCode: read.securityCode === null || read.expiry === null ? 'missing' : 'read',
    };
    // A still image is one frame that nothing has cross-checked: a person confirms it. The face alone is decided
    // only after the clerk has looked at what was read.
    if (flow === 'face-only' || still) {
      face = { read, view };
      if (flow === 'face-chip') handover = handoverFromFace(read);
      host.show(attempt, { kind: 'face-confirm', flow, face: view });
    } else toChip(attempt, handoverFromFace(read), read.expiry);
  }

  /**
   * Face → chip, with what the face gave: at the counter, when the whole 照合番号B was read, number B (the chip's
   * photo comes with it); otherwise — and always at a kiosk, where no photo is shown — the six birth digits to
   * the age record, with the printed expiry when it was read, so that an expired card is refused there too. The
   * hand-over is wiped here; what goes on is a copy the chip check wipes.
   */
  function toChip(attempt: FlowAttempt, given: ChipHandover, expiry: string | null): void {
    void (async () => {
      let groups: NumberBDigits | null;
      try {
        const { numberBFromHandover } = await handoverModule();
        groups = host.kiosk() ? null : numberBFromHandover(given);
      } catch (error) {
        wipeAll(given.birth, given.expiryYear, given.securityCode);
        fail(attempt, error);
        return;
      }
      const birth = given.birth.slice();
      wipeAll(given.birth, given.expiryYear, given.securityCode);
      if (!host.live(attempt)) {
        if (groups) wipeDigits(groups);
        birth.fill(0);
        return;
      }
      if (groups) {
        birth.fill(0);
        runChip(attempt, 'face-chip', groups);
      } else runAgeRecord(attempt, 'face-chip', birth, expiry);
    })();
  }

  /** Shows a photo beside an of-age clerk verdict; otherwise it is wiped unseen. */
  function handPhoto(photo: Uint8Array | null): void {
    if (!photo) return;
    const step = host.step();
    if (!host.kiosk() && step.kind === 'verdict' && step.verdict.outcome === 'of-age') ports.showChipPhoto(photo);
    else photo.fill(0);
  }

  /**
   * The age record on the chip with the six birth digits, once the card is there; the digits are wiped after.
   * @param faceExpiry the expiry printed on the face, when it was read (the chip's record holds none)
   */
  function runAgeRecord(
    attempt: FlowAttempt,
    flow: 'number-b' | 'face-chip',
    birth: Uint8Array,
    faceExpiry: string | null = null,
  ): void {
    const transport = cardOnReader();
    if (!transport) {
      pendingBirth = birth;
      waitForCard(attempt, flow, () => {
        pendingBirth = null;
        runAgeRecord(attempt, flow, birth, faceExpiry);
      });
      return;
    }
    attempt.method = 'age-record';
    host.show(attempt, { kind: 'working', flow, stage: 'reading-chip', percent: null });
    onCard(async () => {
      try {
        const { runAgeRecordCheck } = await ageRecordModule();
        if (!host.live(attempt)) return;
        const result = await runAgeRecordCheck(
          {
            transport,
            today: today(),
            loadCvTrust: ports.loadCvTrust,
            random: ports.random,
            signal: attempt.controller.signal,
          },
          { birth: String.fromCharCode(...birth), ...(faceExpiry === null ? {} : { faceExpiry }) },
        );
        if (!host.live(attempt)) return;
        switch (result.kind) {
          case 'evidence':
            host.decide(attempt, 'age-record', result.evidence);
            break;
          case 'invalid':
            if (flow === 'face-chip') host.fail(attempt, 'card-face.unreadable');
            else
              host.show(attempt, {
                kind: 'number-b-entry',
                feedback: { kind: 'problems', problems: [{ group: 'birth', code: 'no-such-date' }] },
              });
            break;
          case 'rejected':
            // Nothing is retried: the clerk checks the digits against the card and types them.
            host.show(attempt, {
              kind: 'number-b-entry',
              feedback: { kind: 'birth-rejected', triesLeft: result.triesLeft },
            });
            break;
          case 'too-few-tries':
            host.fail(attempt, result.triesLeft === 0 ? 'card.pin-blocked' : 'age-record.too-few-tries');
            break;
        }
      } catch (error) {
        fail(attempt, error);
      } finally {
        birth.fill(0);
      }
    });
  }

  /** Number B on the chip, once the card is there; the groups are wiped after use whatever happens. */
  function runChip(attempt: FlowAttempt, flow: 'number-b' | 'face-chip', digits: NumberBDigits): void {
    const transport = cardOnReader();
    if (!transport) {
      pending = digits;
      waitForCard(attempt, flow, () => {
        pending = null;
        runChip(attempt, flow, digits);
      });
      return;
    }
    attempt.method = 'number-b';
    host.show(attempt, { kind: 'working', flow, stage: 'reading-chip', percent: null });
    onCard(async () => {
      try {
        const { runNumberBCheck } = await numberBModule();
        if (!host.live(attempt)) return;
        const result = await runNumberBCheck(
          {
            transport,
            today: today(),
            // The chip's photo is for the clerk's eyes: a kiosk never reads it.
            readPhoto: !host.kiosk(),
            loadCvTrust: ports.loadCvTrust,
            random: ports.random,
            signal: attempt.controller.signal,
            onProgress: ({ done, total }) => {
              const percent = total > 0 ? Math.round((100 * done) / total) : 0;
              host.show(attempt, { kind: 'working', flow, stage: 'reading-chip', percent });
            },
          },
          digits,
        );
        if (!host.live(attempt)) {
          if (result.kind === 'evidence') result.photo?.fill(0);
          return;
        }
        switch (result.kind) {
          case 'evidence':
            host.decide(attempt, 'number-b', result.evidence);
            handPhoto(result.photo);
            break;
          case 'invalid':
            host.show(attempt, { kind: 'number-b-entry', feedback: { kind: 'problems', problems: result.problems } });
            break;
          case 'rejected':
            // Nothing is retried: the clerk checks the number against the card and types it.
            host.show(attempt, {
              kind: 'number-b-entry',
              feedback: { kind: 'rejected', triesLeft: result.triesLeft, likelyWrong: result.likelyWrong },
            });
            break;
          case 'too-few-tries':
            host.fail(attempt, result.triesLeft === 0 ? 'card.pin-blocked' : 'number-b.too-few-tries');
            break;
        }
      } catch (error) {
        fail(attempt, error);
      } finally {
        wipeDigits(digits);
      }
    });
  }

  return runner;
}
