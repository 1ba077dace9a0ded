import { describe, expect, it } from 'vitest';
import { CHIP_CHECKS, type BirthDateEvidence } from '../policy';
import { createSessionStore } from './session-store';
import { DEFAULT_SETTINGS } from './settings';

// 2026-11-26 20:00 UTC is already 27 November in Japan.
const clock = () => new Date('2026-11-26T20:00:00Z');
const bornOn = (dateOfBirth: string): BirthDateEvidence => ({
  kind: 'date-of-birth',
  dateOfBirth,
  assurance: 'chip-signature-with-password',
});

describe('session store', () => {
  it('goes idle → checking → verdict → idle', () => {
    const store = createSessionStore({ now: clock });
    expect(store.getState()).toMatchObject({ phase: 'idle', method: null, verdict: null });
    const signal = store.getState().beginCheck('jpki-signature');
    expect(signal?.aborted).toBe(false);
    expect(store.getState()).toMatchObject({ phase: 'checking', method: 'jpki-signature' });
    store.getState().completeCheck('jpki-signature', bornOn('1980-02-17'));
    expect(store.getState().phase).toBe('verdict');
    expect(store.getState().verdict?.outcome).toBe('of-age');
    store.getState().reset();
    expect(store.getState()).toMatchObject({ phase: 'idle', method: null, verdict: null });
  });

  it('decides with the Japanese date, not the UTC date', () => {
    const store = createSessionStore({ now: clock });
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', bornOn('2006-11-27'));
    expect(store.getState().verdict).toMatchObject({ outcome: 'of-age', decidedOn: '2026-11-27', age: 20 });
  });

  it('tells the audit writer of each verdict, once, and a failing writer changes nothing', () => {
    const events: unknown[] = [];
    const store = createSessionStore({
      now: clock,
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
    expect(store.getState().verdict?.outcome).toBe('of-age');
    expect(events).toEqual([
      { at: clock(), method: 'number-b', threshold: 'alcohol', verdict: store.getState().verdict },
    ]);
  });

  it('marks every verdict of demo mode as a demo, whatever the reader said', () => {
    const store = createSessionStore({ now: clock, demo: true });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(store.getState().verdict).toMatchObject({ outcome: 'of-age', demo: true });
    const real = createSessionStore({ now: clock });
    real.getState().beginCheck('number-b');
    real.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(real.getState().verdict).toMatchObject({ outcome: 'of-age', demo: false });
  });

  it('keeps the verdict but never the date of birth', () => {
    const store = createSessionStore({ now: clock });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-02-17'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(JSON.stringify(store.getState())).not.toContain('1980');
  });

  it('runs one check at a time and drops results of other methods', () => {
    const store = createSessionStore({ now: clock });
    store.getState().beginCheck('number-b');
    expect(store.getState().beginCheck('jpki-signature')).toBeNull();
    store.getState().completeCheck('jpki-signature', bornOn('1980-02-17'));
    expect(store.getState().phase).toBe('checking');
    expect(store.getState().method).toBe('number-b');
  });

  it('aborts a running check on reset and ignores its late result', () => {
    const store = createSessionStore({ now: clock });
    const signal = store.getState().beginCheck('card-face-ocr');
    store.getState().reset();
    expect(signal?.aborted).toBe(true);
    store.getState().completeCheck('card-face-ocr', bornOn('1980-02-17'));
    expect(store.getState()).toMatchObject({ phase: 'idle', verdict: null });
  });

  it('turns a failed method into cannot-verify', () => {
    const store = createSessionStore({ now: clock });
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', { kind: 'failed', errorCode: 'transport.timeout' });
    expect(store.getState().verdict).toMatchObject({ outcome: 'cannot-verify', errorCode: 'transport.timeout' });
  });

  it('fails closed on a broken clock', () => {
    const store = createSessionStore({ now: () => new Date(Number.NaN) });
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', bornOn('1980-02-17'));
    expect(store.getState().verdict?.outcome).toBe('cannot-verify');
  });

  it('uses the threshold and mode of the settings', () => {
    const store = createSessionStore({
      now: clock,
      initialSettings: { ...DEFAULT_SETTINGS, thresholdPreset: 'adulthood' },
    });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('2008-01-01'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(store.getState().verdict).toMatchObject({ outcome: 'of-age', minimumAge: 18 });

    store.getState().updateSettings({ mode: 'kiosk', thresholdPreset: 'custom', customMinimumAge: 25 });
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', {
      ...bornOn('1980-01-01'),
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
    });
    expect(store.getState().verdict).toMatchObject({ outcome: 'staff-check', minimumAge: 25 });
  });

  it('resets a shown verdict when the settings change', () => {
    const store = createSessionStore({ now: clock });
    store.getState().beginCheck('jpki-signature');
    store.getState().completeCheck('jpki-signature', bornOn('2007-01-01'));
    expect(store.getState().verdict?.outcome).toBe('under-age');
    store.getState().updateSettings({ thresholdPreset: 'adulthood' });
    expect(store.getState()).toMatchObject({ phase: 'idle', verdict: null });
  });
});
