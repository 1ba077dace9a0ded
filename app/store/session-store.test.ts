import { describe, expect, it, vi } from 'vitest';
import { utf8 } from '../card/bytes';
import { demoAnchors } from '../card/jpki-trust-anchors';
import { CardFaceError } from '../methods/card-face-ocr/face-errors';
import { usable, type FaceNeeds, type FaceReader, type ReadFace } from '../methods/card-face-ocr/face-reader';
import type { NumberBDigits } from '../methods/number-b/number-b';
import { CHIP_CHECKS, parseCardDate, type BirthDateEvidence } from '../policy';
import { VirtualCardTransport } from '../readers/virtual-card/driver';
import { createPersonaCard } from '../../mocks/card/persona-card';
import type { PersonaId } from '../../mocks/card/personas';
import { simulatorCvAnchors } from '../../mocks/card/pki/chip-pki';
import { caCertificates } from '../../mocks/card/pki/simulator-pki';
import type { Step } from './flow-state';
import type { SessionPorts } from './ports';
import { createSessionStore, type SessionStore, type SessionStoreDeps } from './session-store';
import { DEFAULT_SETTINGS } from './settings';
import { testPorts, testReader } from './test-support';

// 2026-11-26 20:00 UTC is already 27 November in Japan.
const clock = () => new Date('2026-11-26T20:00:00Z');
const TODAY = '2026-11-27';
const bornOn = (dateOfBirth: string): BirthDateEvidence => ({
  kind: 'date-of-birth',
  dateOfBirth,
  assurance: 'chip-signature-with-password',
});
const bare = (deps: Partial<SessionStoreDeps> = {}) =>
  createSessionStore({ ports: testPorts({ now: clock }), ...deps });

/** Resolves once the store's step is of `kind` (flows run asynchronously). */
function stepOf<K extends Step['kind']>(store: SessionStore, kind: K): Promise<Extract<Step, { kind: K }>> {
  return vi.waitFor(
    () => {
      const { step } = store.getState();
      if (step.kind !== kind) throw new Error(`step is ${step.kind}, not ${kind}`);
      return step as Extract<Step, { kind: K }>;
    },
    { timeout: 5000, interval: 5 },
  );
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const digitsOf = (numberB: string): NumberBDigits => ({
  birth: ascii(numberB.slice(0, 6)),
  expiryYear: ascii(numberB.slice(6, 10)),
  securityCode: ascii(numberB.slice(10)),
});
const wiped = (digits: NumberBDigits) =>
  [...digits.birth, ...digits.expiryYear, ...digits.securityCode].every((b) => b === 0);

/** A persona's card on a reader, with the simulator's trust anchors and CV keys, as demo mode wires it. */
async function withCard(id: PersonaId, overrides: Partial<SessionPorts> = {}, deps: Partial<SessionStoreDeps> = {}) {
  const { card, persona } = await createPersonaCard(id, TODAY);
  const anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
  const reader = testReader(new VirtualCardTransport(card));
  const verdicts: unknown[] = [];
  /** Photos handed to the clerk's verdict view. */
  const photos: Uint8Array[] = [];
  const store = createSessionStore({
    ports: testPorts({
      now: clock,
      reader,
      loadTrust: () => Promise.resolve(anchors),
      loadCvTrust: simulatorCvAnchors,
      random: (n) => crypto.getRandomValues(new Uint8Array(n)),
      showChipPhoto: (jp2) => photos.push(jp2),
      ...overrides,
    }),
    onVerdict: (event) => verdicts.push(event),
    ...deps,
  });
  const verifies = () => card.trace.filter((t) => t.command[1] === 0x20 && t.command.length > 5).length;
  return { card, persona, reader, store, verdicts, verifies, photos };
}

describe('session store: the bare check (e2e hook)', () => {
  it('goes home → checking → verdict → home', () => {
    const store = bare();
    expect(store.getState()).toMatchObject({ phase: 'idle', step: { kind: 'home' } });
    const signal = store.getState().beginCheck('jpki-signature');
    expect(signal?.aborted).toBe(false);
    expect(store.getState().phase).toBe('checking');
    store.getState().completeCheck('jpki-signature', bornOn('1980-02-17'));
    expect(store.getState().step).toMatchObject({
      kind: 'verdict',
      method: 'jpki-signature',
      verdict: { outcome: 'of-age' },
    });
    store.getState().nextCustomer();
    expect(store.getState()).toMatchObject({ phase: 'idle', step: { kind: 'home' } });
  });

  it('decides with the Japanese date, not the UTC date', () => {
    const store = bare();
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', bornOn('2006-11-27'));
    expect(store.getState().step).toMatchObject({ verdict: { outcome: 'of-age', decidedOn: '2026-11-27', age: 20 } });
  });

  it('tells the audit writer of each verdict, once, and a failing writer changes nothing', () => {
    const events: unknown[] = [];
    const store = bare({
      onVerdict: (event) => {
        events.push(event);
        throw new Error('disk full');
      },
    });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    store.getState().completeCheck('number-b', bornOn('1980-02-17')); // ignored: not checking
    const { step } = store.getState();
    expect(step.kind === 'verdict' && step.verdict.outcome).toBe('of-age');
    expect(events).toEqual([
      { at: clock(), method: 'number-b', threshold: 'alcohol', verdict: step.kind === 'verdict' && step.verdict },
    ]);
  });

  it('marks every verdict of demo mode as a demo, whatever the reader said', () => {
    const store = bare({ demo: true });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(store.getState().step).toMatchObject({ verdict: { outcome: 'of-age', demo: true } });
    const real = bare();
    real.getState().beginCheck('number-b');
    real.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(real.getState().step).toMatchObject({ verdict: { outcome: 'of-age', demo: false } });
  });

  it('keeps the verdict but never the date of birth', () => {
    const store = bare();
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(JSON.stringify(store.getState())).not.toContain('1980');
  });

  it('runs one check at a time and drops results of other methods', () => {
    const store = bare();
    store.getState().beginCheck('number-b');
    expect(store.getState().beginCheck('jpki-signature')).toBeNull();
    store.getState().completeCheck('jpki-signature', bornOn('1980-02-17'));
    expect(store.getState().phase).toBe('checking');
  });

  it('aborts a running check on reset and ignores its late result', () => {
    const store = bare();
    const signal = store.getState().beginCheck('card-face-ocr');
    store.getState().reset();
    expect(signal?.aborted).toBe(true);
    store.getState().completeCheck('card-face-ocr', bornOn('1980-02-17'));
    expect(store.getState()).toMatchObject({ phase: 'idle', step: { kind: 'home' } });
  });

  it('turns a failed method into cannot-verify with a known code; an unknown code becomes unexpected', () => {
    const store = bare();
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', { kind: 'failed', errorCode: 'transport.timeout' });
    expect(store.getState().step).toMatchObject({
      verdict: { outcome: 'cannot-verify' },
      failure: 'transport.timeout',
    });
    store.getState().nextCustomer();
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', { kind: 'failed', errorCode: 'made.up' });
    expect(store.getState().step).toMatchObject({ verdict: { outcome: 'cannot-verify' }, failure: 'unexpected' });
  });

  it('fails closed on a broken clock', () => {
    const store = createSessionStore({ ports: testPorts({ now: () => new Date(Number.NaN) }) });
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', bornOn('1980-02-17'));
    expect(store.getState().step).toMatchObject({ verdict: { outcome: 'cannot-verify' } });
  });

  it('uses the threshold and mode of the settings', () => {
    const store = bare({ initialSettings: { ...DEFAULT_SETTINGS, thresholdPreset: 'adulthood' } });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('2008-01-01'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(store.getState().step).toMatchObject({ verdict: { outcome: 'of-age', minimumAge: 18 } });

    store.getState().updateSettings({ mode: 'kiosk', thresholdPreset: 'custom', customMinimumAge: 25 });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-01-01'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(store.getState().step).toMatchObject({ verdict: { outcome: 'staff-check', minimumAge: 25 } });
  });

  it('resets a shown verdict when the rules change, but keeps it when only the language does', () => {
    const store = bare();
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    store.getState().updateSettings({ language: 'en' });
    expect(store.getState()).toMatchObject({ step: { kind: 'verdict' }, settings: { language: 'en' } });
    store.getState().updateSettings({ thresholdPreset: 'adulthood' });
    expect(store.getState().step.kind).toBe('home');
  });
});

describe('session store: kiosk staff call', () => {
  it('calls staff on "cannot verify", keeps the call through the idle reset, and clears it only on request', () => {
    const calls: unknown[] = [];
    const store = bare({
      initialSettings: { ...DEFAULT_SETTINGS, mode: 'kiosk' },
      onStaffCall: (event) => calls.push(event),
    });
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', { kind: 'failed', errorCode: 'card.pin-blocked' });
    expect(store.getState().staffCall).toEqual({ reason: 'verdict', since: clock() });
    store.getState().reset(); // the idle timer
    expect(store.getState()).toMatchObject({ step: { kind: 'home' }, staffCall: { reason: 'verdict' } });
    store.getState().callStaff('requested'); // already on: not a second call
    store.getState().clearStaffCall();
    expect(store.getState().staffCall).toBeNull();
    expect(calls).toEqual([
      { at: clock(), kind: 'called', reason: 'verdict' },
      { at: clock(), kind: 'cleared', reason: 'verdict' },
    ]);
  });

  it('does not call staff for a verdict the customer can act on', () => {
    const store = bare({ initialSettings: { ...DEFAULT_SETTINGS, mode: 'kiosk' } });
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', bornOn('2015-01-01'));
    expect(store.getState()).toMatchObject({ step: { verdict: { outcome: 'under-age' } }, staffCall: null });
  });
});

describe('session store: JPKI flow on the virtual card', () => {
  it('tries left first, then the password; a wrong one is not retried; the right one decides', async () => {
    const { store, verdicts, verifies } = await withCard('adult-35');
    store.getState().startJpki();
    expect(await stepOf(store, 'password')).toEqual({ kind: 'password', triesLeft: 5, notice: null });
    const wrong = utf8('WRONG1');
    store.getState().submitPassword(wrong);
    expect(await stepOf(store, 'password')).toEqual({ kind: 'password', triesLeft: 4, notice: 'rejected' });
    expect(wrong.every((b) => b === 0)).toBe(true);
    expect(verifies()).toBe(1);
    store.getState().submitPassword(utf8('ABC123'));
    const verdict = await stepOf(store, 'verdict');
    expect(verdict).toMatchObject({ flow: 'jpki', method: 'jpki-signature', verdict: { outcome: 'of-age' } });
    expect(verifies()).toBe(2);
    expect(verdicts).toHaveLength(1);
  });

  it('waits for the card, then goes on by itself', async () => {
    const { store, reader } = await withCard('adult-35');
    reader.set({ present: false });
    store.getState().startJpki();
    expect(store.getState().step).toEqual({ kind: 'place-card', flow: 'jpki' });
    reader.set({ present: true });
    expect(await stepOf(store, 'password')).toMatchObject({ triesLeft: 5 });
  });

  it('the card lifted while the password is typed: stopped at once, to be placed again', async () => {
    const { store, reader, verifies } = await withCard('adult-35');
    store.getState().startJpki();
    await stepOf(store, 'password');
    reader.set({ present: false });
    expect(store.getState().step).toEqual({ kind: 'interrupted', flow: 'jpki', code: 'transport.card-removed' });
    const typed = utf8('ABC123');
    store.getState().submitPassword(typed); // too late: nothing is sent
    expect(typed.every((b) => b === 0)).toBe(true);
    expect(verifies()).toBe(0);
  });

  it('a card taken away is a temporary failure: try again asks for the password again; nothing logged', async () => {
    const { store, card, verdicts } = await withCard('adult-35');
    store.getState().startJpki();
    await stepOf(store, 'password');
    card.remove();
    store.getState().submitPassword(utf8('ABC123'));
    expect(await stepOf(store, 'interrupted')).toEqual({
      kind: 'interrupted',
      flow: 'jpki',
      code: 'transport.card-removed',
    });
    expect(verdicts).toEqual([]);
    card.insert();
    store.getState().retry();
    expect(await stepOf(store, 'password')).toMatchObject({ kind: 'password' });
  });

  it('cancel ends the attempt: home, nothing logged, the open check dropped', async () => {
    const { store, verdicts, verifies } = await withCard('adult-35');
    store.getState().startJpki();
    await stepOf(store, 'password');
    store.getState().cancel();
    expect(store.getState().step).toEqual({ kind: 'home' });
    const late = utf8('ABC123');
    store.getState().submitPassword(late); // no password step: wiped, not sent
    expect(late.every((b) => b === 0)).toBe(true);
    expect(verifies()).toBe(0);
    expect(verdicts).toEqual([]);
  });

  it('cancelled mid-exchange and started again: the new attempt waits for the card, never "busy"', async () => {
    const { card } = await createPersonaCard('adult-35', TODAY);
    const anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
    const slowCard = {
      get present() {
        return card.present;
      },
      transmit: async (apdu: Uint8Array) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return card.transmit(apdu);
      },
    };
    const reader = testReader(new VirtualCardTransport(slowCard));
    const store = createSessionStore({
      ports: testPorts({ now: clock, reader, loadTrust: () => Promise.resolve(anchors) }),
    });
    store.getState().startJpki();
    await vi.waitFor(() => {
      expect(card.trace.length).toBeGreaterThan(0); // an exchange has been answered; more are under way
    });
    store.getState().cancel();
    store.getState().startJpki();
    expect(await stepOf(store, 'password')).toMatchObject({ triesLeft: 5 });
  });

  it('refuses a card with one try left without asking, and says why', async () => {
    const { store, verifies } = await withCard('one-password-try-left');
    store.getState().startJpki();
    expect(await stepOf(store, 'verdict')).toMatchObject({
      verdict: { outcome: 'cannot-verify' },
      failure: 'card.pin-too-few-tries',
    });
    expect(verifies()).toBe(0);
  });

  it('without trust anchors the check is not offered: blocked, and a kiosk calls staff', async () => {
    const { store } = await withCard(
      'adult-35',
      { loadTrust: () => Promise.resolve(null) },
      { initialSettings: { ...DEFAULT_SETTINGS, mode: 'kiosk' } },
    );
    store.getState().startJpki();
    expect(await stepOf(store, 'blocked')).toEqual({ kind: 'blocked', flow: 'jpki', code: 'jpki.not-configured' });
    expect(store.getState().staffCall).toMatchObject({ reason: 'trouble' });
  });

  it('kiosk: a card arriving at home starts the check; a card left on the reader does not start the next', async () => {
    const { store, reader } = await withCard(
      'adult-35',
      {},
      { initialSettings: { ...DEFAULT_SETTINGS, mode: 'kiosk' } },
    );
    reader.set({ present: false });
    reader.set({ present: true });
    await stepOf(store, 'password');
    store.getState().reset();
    reader.set({ present: true }); // still there: no arrival
    expect(store.getState().step).toEqual({ kind: 'home' });
  });
});

describe('session store: number B on the virtual card', () => {
  it('decides from the typed groups and wipes them', async () => {
    const { store, persona, verifies } = await withCard('adult-35');
    store.getState().start('number-b');
    expect(store.getState().step).toEqual({ kind: 'number-b-entry', feedback: { kind: 'none' } });
    const digits = digitsOf(persona.numberB);
    store.getState().runNumberB(digits);
    expect(await stepOf(store, 'verdict')).toMatchObject({
      method: 'number-b',
      verdict: { outcome: 'of-age', assurance: 'chip-read-with-number-b' },
    });
    expect(wiped(digits)).toBe(true);
    // Number B goes to two credentials, once each: the support AP's and the surface AP's (the chip photo).
    expect(verifies()).toBe(2);
  });

  it('a refusal goes back to the entry with the tries left and no group it cannot know', async () => {
    const { store, persona } = await withCard('adult-35');
    store.getState().start('number-b');
    const code = persona.numberB.slice(10);
    const digits = digitsOf(persona.numberB.slice(0, 10) + (code === '0000' ? '0001' : '0000'));
    store.getState().runNumberB(digits);
    await vi.waitFor(() => {
      expect(store.getState().step).toEqual({
        kind: 'number-b-entry',
        feedback: { kind: 'rejected', triesLeft: 9, likelyWrong: null },
      });
    });
    expect(wiped(digits)).toBe(true);
  });

  it('an impossible number is not sent', async () => {
    const { store, verifies } = await withCard('adult-35');
    store.getState().start('number-b');
    store.getState().runNumberB(digitsOf('55131720351234'));
    await vi.waitFor(() => {
      expect(store.getState().step).toMatchObject({ feedback: { kind: 'problems' } });
    });
    expect(verifies()).toBe(0);
  });
});

/** A camera stream whose tracks record being stopped. */
function fakeStream() {
  const track = { stop: vi.fn(), getCapabilities: () => ({}) };
  return { track, stream: { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream };
}

/**
 * A card-face reader that gives `face` (or throws it) from the camera and from an image, as the real one does
 * for what it was asked (`usable`); `asked` collects what each read was asked for.
 */
function faceReader(face: ReadFace | Error, asked: FaceNeeds[] = []): FaceReader {
  const give = (needs: FaceNeeds) => {
    asked.push(needs);
    return face instanceof Error ? Promise.reject(face) : Promise.resolve(usable(face, needs));
  };
  return {
    warmUp: () => undefined,
    readImage: (_image, _signal, needs) => give(needs),
    readCamera: (_stream, _signal, needs) => give(needs),
  };
}

/** What the card-face reader gives for a persona's printed face. */
function faceOf(persona: { dateOfBirth: string; face: { expiryText: string; securityCode: string } }): ReadFace {
  return {
    birth: { iso: persona.dateOfBirth, era: null },
    expiry: parseCardDate(persona.face.expiryText),
    securityCode: persona.face.securityCode,
  };
}

describe('session store: card face → chip', () => {
  it('clerk, whole number read: number B without a key pressed, and the chip photo beside the of-age verdict', async () => {
    const { stream, track } = fakeStream();
    const setUp = await createPersonaCard('adult-35', TODAY);
    const face = faceOf(setUp.persona);
    const { store, verifies, photos } = await withCard('adult-35', {
      openCamera: () => Promise.resolve(stream),
      faceReader: () => Promise.resolve(faceReader(face)),
    });
    store.getState().start('face-chip');
    expect(await stepOf(store, 'verdict')).toMatchObject({
      flow: 'face-chip',
      method: 'number-b',
      verdict: { outcome: 'of-age', assurance: 'chip-read-with-number-b' },
    });
    expect(track.stop).toHaveBeenCalled();
    // One VERIFY each for the support AP and the surface AP (the photo): two credentials, each sent once.
    expect(verifies()).toBe(2);
    expect(photos).toHaveLength(1);
  });

  // Number B needs the code and the expiry year: without either (the code read but no expiry, too), one
  // credential, the six birth digits.
  it.each([
    ['a readable security code', { securityCode: null }],
    ['the expiry', { expiry: null }],
  ] as const)('without %s: the six birth digits open the age record, nothing to type', async (_, missing) => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const face = { ...faceOf(setUp.persona), ...missing };
    const asked: FaceNeeds[] = [];
    const { store, verifies, photos } = await withCard('adult-35', {
      openCamera: () => Promise.resolve(fakeStream().stream),
      faceReader: () => Promise.resolve(faceReader(face, asked)),
    });
    store.getState().start('face-chip');
    expect(await stepOf(store, 'verdict')).toMatchObject({
      flow: 'face-chip',
      method: 'age-record',
      verdict: { outcome: 'of-age', assurance: 'chip-signed-birth-date' },
    });
    expect(verifies()).toBe(1);
    expect(photos).toHaveLength(0);
    expect(asked).toEqual(['birth']);
  });

  it('the face alone asks for both dates: a face read without its expiry is "try again", never a verdict', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const asked: FaceNeeds[] = [];
    const { store, verdicts } = await withCard('adult-35', {
      openCamera: () => Promise.resolve(fakeStream().stream),
      faceReader: () => Promise.resolve(faceReader({ ...faceOf(setUp.persona), expiry: null }, asked)),
    });
    store.getState().start('face-only');
    expect(await stepOf(store, 'interrupted')).toMatchObject({ code: 'card-face.unreadable' });
    expect(asked).toEqual(['both-dates']);
    expect(verdicts).toEqual([]);
  });

  /** A face-chip attempt that read `face` from a photo (no camera): on the clerk's confirmation screen. */
  async function confirming(face: ReadFace) {
    const card = await withCard('adult-35', {
      openCamera: () => Promise.reject(new CardFaceError('camera.unavailable')),
      faceReader: () => Promise.resolve(faceReader(face)),
    });
    card.store.getState().start('face-chip');
    await stepOf(card.store, 'blocked');
    card.store.getState().readCardFace('face-chip', new Blob([]));
    return { ...card, confirm: await stepOf(card.store, 'face-confirm') };
  }

  it('a photo read without its expiry: the clerk can only send it to the chip; a stale "decide" is ignored', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const { store, verdicts, confirm } = await confirming({ ...faceOf(setUp.persona), expiry: null });
    expect(confirm.face).toEqual({
      birth: { iso: setUp.persona.dateOfBirth, era: null },
      expiry: null,
      securityCode: 'missing',
    });
    // The screen offers no such button; a stale tap must still not decide on a face without its expiry.
    store.getState().confirmCardFace('decide');
    await Promise.resolve();
    expect(store.getState().step).toBe(confirm);
    expect(verdicts).toEqual([]);
    store.getState().confirmCardFace('chip');
    expect(await stepOf(store, 'verdict')).toMatchObject({ method: 'age-record', verdict: { outcome: 'of-age' } });
  });

  it('a double tap on "confirm with the chip" sends the birth digits once, even when the card refuses them', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const wrongBirth = { iso: '1985-01-01', era: null };
    const { store, verifies } = await confirming({ ...faceOf(setUp.persona), birth: wrongBirth, securityCode: null });
    store.getState().confirmCardFace('chip');
    store.getState().confirmCardFace('chip');
    expect((await stepOf(store, 'number-b-entry')).feedback).toMatchObject({ kind: 'birth-rejected' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(verifies()).toBe(1);
  });

  it('the answer to the birth digits lost: "cannot verify", never a "try again" that would send them twice', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const wrongBirth = { iso: '1985-01-01', era: null };
    const { store, card, verifies } = await confirming({
      ...faceOf(setUp.persona),
      birth: wrongBirth,
      securityCode: null,
    });
    // The card takes the VERIFY (and a try), then the reader loses its answer.
    const transmit = card.transmit.bind(card);
    card.transmit = async (apdu) => {
      const response = await transmit(apdu);
      if (apdu[1] === 0x20 && apdu.length > 5) throw new Error('answer lost');
      return response;
    };
    store.getState().confirmCardFace('chip');
    expect(await stepOf(store, 'verdict')).toMatchObject({
      verdict: { outcome: 'cannot-verify' },
      failure: 'card.verify-unanswered',
    });
    expect(verifies()).toBe(1);
  });

  it('an expired card is refused on the age record too, when the face showed its expiry', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const { store } = await confirming({ ...faceOf(setUp.persona), expiry: '2026-11-26', securityCode: null });
    store.getState().confirmCardFace('chip');
    const step = await stepOf(store, 'verdict');
    expect(step).toMatchObject({ method: 'age-record', verdict: { outcome: 'cannot-verify' } });
    expect(step.verdict.reasons.map((r) => r.code)).toContain('card-expired');
  });

  it('kiosk: the face goes to staff as a face, so both dates are asked for', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const asked: FaceNeeds[] = [];
    const kiosk = { initialSettings: { ...DEFAULT_SETTINGS, mode: 'kiosk' as const } };
    const { store } = await withCard(
      'adult-35',
      {
        openCamera: () => Promise.resolve(fakeStream().stream),
        faceReader: () => Promise.resolve(faceReader({ ...faceOf(setUp.persona), expiry: null }, asked)),
      },
      kiosk,
    );
    store.getState().start('face-chip');
    expect(await stepOf(store, 'interrupted')).toMatchObject({ code: 'card-face.unreadable' });
    expect(asked).toEqual(['both-dates']);
  });

  it('an under-age verdict from number B shows no photo; its bytes are wiped', async () => {
    const { store, persona, photos } = await withCard('minor-17');
    store.getState().start('number-b');
    await stepOf(store, 'number-b-entry');
    store.getState().runNumberB(digitsOf(persona.numberB));
    expect(await stepOf(store, 'verdict')).toMatchObject({ verdict: { outcome: 'under-age' } });
    expect(photos).toHaveLength(0);
  });

  it('the clerk checks with the six birth digits alone from the number-B entry; the bytes are wiped', async () => {
    const { store, persona, verifies } = await withCard('adult-35');
    store.getState().start('number-b');
    await stepOf(store, 'number-b-entry');
    const birth = ascii(persona.numberB.slice(0, 6));
    store.getState().runAgeRecord(birth);
    expect(await stepOf(store, 'verdict')).toMatchObject({
      method: 'age-record',
      verdict: { outcome: 'of-age', assurance: 'chip-signed-birth-date' },
    });
    expect(birth.every((b) => b === 0)).toBe(true);
    expect(verifies()).toBe(1);
  });

  it('kiosk: number B (never offered on its screens) reads no photo: one VERIFY, a staff check', async () => {
    const kiosk = { initialSettings: { ...DEFAULT_SETTINGS, mode: 'kiosk' as const } };
    const { store, persona, verifies, photos } = await withCard('adult-35', {}, kiosk);
    store.getState().start('number-b');
    await stepOf(store, 'number-b-entry');
    store.getState().runNumberB(digitsOf(persona.numberB));
    expect(await stepOf(store, 'verdict')).toMatchObject({
      method: 'number-b',
      verdict: { outcome: 'staff-check', assurance: 'chip-read-with-number-b' },
    });
    // Only the support AP's credential: the surface AP (the photo) is never opened for a kiosk.
    expect(verifies()).toBe(1);
    expect(photos).toHaveLength(0);
  });

  it('kiosk: a card face, even with the whole number read, goes to staff before any chip check', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const kiosk = { initialSettings: { ...DEFAULT_SETTINGS, mode: 'kiosk' as const } };
    const { store, verifies, photos } = await withCard(
      'adult-35',
      {
        openCamera: () => Promise.resolve(fakeStream().stream),
        faceReader: () => Promise.resolve(faceReader(faceOf(setUp.persona))),
      },
      kiosk,
    );
    store.getState().start('face-chip');
    expect(await stepOf(store, 'verdict')).toMatchObject({
      method: 'card-face-ocr',
      verdict: { outcome: 'staff-check', assurance: 'card-face' },
    });
    expect(verifies()).toBe(0);
    expect(photos).toHaveLength(0);
  });

  it('wrong six digits: the tries left on that key, once, and the entry stays for the clerk', async () => {
    const { store, persona, verifies } = await withCard('adult-35');
    store.getState().start('number-b');
    await stepOf(store, 'number-b-entry');
    const right = persona.numberB.slice(0, 6);
    // Another date that exists in some era: the card refuses it.
    store.getState().runAgeRecord(ascii(right === '550101' ? '550102' : '550101'));
    expect((await stepOf(store, 'number-b-entry')).feedback).toMatchObject({ kind: 'birth-rejected' });
    expect(verifies()).toBe(1);
  });

  it('the back shown is a temporary failure; a reset stops the camera', async () => {
    const { stream, track } = fakeStream();
    let reads = 0;
    const reader: FaceReader = {
      warmUp: () => undefined,
      readImage: () => Promise.reject(new CardFaceError('card-face.back-shown')),
      readCamera: () => {
        reads += 1;
        return reads === 1 ? Promise.reject(new CardFaceError('card-face.back-shown')) : new Promise(() => undefined);
      },
    };
    const { store } = await withCard('adult-35', {
      openCamera: () => Promise.resolve(stream),
      faceReader: () => Promise.resolve(reader),
    });
    store.getState().start('face-chip');
    expect(await stepOf(store, 'interrupted')).toMatchObject({ code: 'card-face.back-shown' });
    expect(track.stop).toHaveBeenCalledTimes(1);
    store.getState().retry();
    await vi.waitFor(() => {
      expect(store.getState().step).toMatchObject({ kind: 'camera', stream });
    });
    store.getState().reset();
    expect(track.stop).toHaveBeenCalledTimes(2);
  });

  it('card face only: the clerk sees what was read, then decides on the face', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const face = faceOf(setUp.persona);
    const { store, verifies } = await withCard('adult-35', {
      openCamera: () => Promise.resolve(fakeStream().stream),
      faceReader: () => Promise.resolve(faceReader(face)),
    });
    store.getState().start('face-only');
    expect((await stepOf(store, 'face-confirm')).face).toEqual({
      birth: { iso: setUp.persona.dateOfBirth, era: null },
      expiry: face.expiry,
      securityCode: 'read',
    });
    store.getState().confirmCardFace('decide');
    expect(await stepOf(store, 'verdict')).toMatchObject({
      method: 'card-face-ocr',
      verdict: { outcome: 'of-age', assurance: 'card-face' },
    });
    expect(verifies()).toBe(0);
    expect(JSON.stringify(store.getState().step)).not.toContain(setUp.persona.dateOfBirth);
  });

  it('camera refused: blocked, nothing logged; a photo goes on with the same flow', async () => {
    const setUp = await createPersonaCard('adult-35', TODAY);
    const { store, verdicts } = await withCard('adult-35', {
      openCamera: () => Promise.reject(new CardFaceError('camera.denied')),
      faceReader: () => Promise.resolve(faceReader(faceOf(setUp.persona))),
    });
    store.getState().start('face-only');
    expect(await stepOf(store, 'blocked')).toEqual({ kind: 'blocked', flow: 'face-only', code: 'camera.denied' });
    expect(verdicts).toEqual([]);
    store.getState().readCardFace('face-only', new Blob([]));
    expect(await stepOf(store, 'face-confirm')).toMatchObject({ flow: 'face-only' });
  });
});
