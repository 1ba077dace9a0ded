import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from './age';
import {
  CHIP_CHECKS,
  decideAge,
  type Assurance,
  type BirthDateEvidence,
  type DecisionInput,
  type OperatingMode,
} from './decide-age';

const today = '2026-11-26';
/**
 * What each assurance must carry besides the date: chip reads, the genuine-chip checks they passed; the card face,
 * the card's expiry (here one past every date the tests use).
 */
const proven = (assurance: Assurance) =>
  assurance === 'chip-read-with-number-b' || assurance === 'chip-signed-birth-date'
    ? { chipChecks: CHIP_CHECKS }
    : assurance === 'card-face'
      ? { cardExpiry: { date: '2100-12-31' } }
      : {};
const adult = (assurance: Assurance, extra: Partial<BirthDateEvidence> = {}): BirthDateEvidence => ({
  kind: 'date-of-birth',
  dateOfBirth: '1980-02-17',
  assurance,
  ...proven(assurance),
  ...extra,
});
const decide = (
  evidence: DecisionInput['evidence'],
  mode: OperatingMode = 'clerk',
  more: Partial<DecisionInput> = {},
) => decideAge({ evidence, today, minimumAge: 20, mode, ...more });
const codes = (v: { reasons: readonly { code: string }[] }) => v.reasons.map((r) => r.code);

describe('decideAge', () => {
  it.each<[Assurance, OperatingMode, string, string]>([
    ['chip-signature-with-password', 'clerk', 'of-age', 'holder-proven-by-password'],
    ['chip-signature-with-password', 'kiosk', 'of-age', 'holder-proven-by-password'],
    ['chip-read-with-number-b', 'clerk', 'of-age', 'staff-must-compare-photo'],
    ['chip-read-with-number-b', 'kiosk', 'staff-check', 'kiosk-needs-staff'],
    ['chip-signed-birth-date', 'clerk', 'of-age', 'holder-not-proven'],
    ['chip-signed-birth-date', 'kiosk', 'staff-check', 'kiosk-needs-staff'],
    ['card-face', 'clerk', 'of-age', 'staff-must-check-card'],
    ['card-face', 'kiosk', 'staff-check', 'kiosk-needs-staff'],
  ])('an adult with %s in %s mode → %s (%s)', (assurance, mode, outcome, why) => {
    const verdict = decide(adult(assurance), mode);
    expect(verdict.outcome).toBe(outcome);
    expect(codes(verdict)).toContain(why);
    expect(verdict.assurance).toBe(assurance);
    expect(verdict.age).toBe(46);
    expect(verdict.minimumAge).toBe(20);
    expect(verdict.decidedOn).toBe(today);
    for (const r of verdict.reasons) {
      expect(r.ja.length).toBeGreaterThan(0);
      expect(r.en.length).toBeGreaterThan(0);
    }
  });

  it.each<[Assurance, OperatingMode]>([
    ['chip-signature-with-password', 'kiosk'],
    ['chip-read-with-number-b', 'kiosk'],
    ['card-face', 'kiosk'],
    ['card-face', 'clerk'],
  ])('a minor with %s in %s mode is under age', (assurance, mode) => {
    const verdict = decide({ kind: 'date-of-birth', dateOfBirth: '2006-11-27', assurance, ...proven(assurance) }, mode);
    expect(verdict.outcome).toBe('under-age');
    expect(verdict.age).toBe(19);
  });

  it('turns 20 on the birthday itself, not the day after', () => {
    expect(decide({ ...adult('chip-signature-with-password'), dateOfBirth: '2006-11-26' }).outcome).toBe('of-age');
    expect(decide({ ...adult('chip-signature-with-password'), dateOfBirth: '2006-11-27' }).outcome).toBe('under-age');
  });

  it('fails closed on a failed method and keeps its error code', () => {
    const verdict = decide({ kind: 'failed', errorCode: 'transport.card-removed' });
    expect(verdict).toMatchObject({ outcome: 'cannot-verify', errorCode: 'transport.card-removed', age: null });
    expect(codes(verdict)).toEqual(['check-failed']);
  });

  it.each([
    ['an impossible date of birth', { dateOfBirth: '1980-02-30' }, {}, 'invalid-birth-date'],
    ['a non-ISO date of birth', { dateOfBirth: '昭和55年2月17日' }, {}, 'invalid-birth-date'],
    ['a date of birth after today', { dateOfBirth: '2026-11-27' }, {}, 'birth-date-in-future'],
    ['an invalid today', {}, { today: '2026-02-30' }, 'invalid-clock'],
    ['a zero threshold', {}, { minimumAge: 0 }, 'invalid-threshold'],
    ['a fractional threshold', {}, { minimumAge: 19.5 }, 'invalid-threshold'],
    ['a NaN threshold', {}, { minimumAge: Number.NaN }, 'invalid-threshold'],
    ['a card that expired yesterday', { cardExpiry: { date: '2026-11-25' } }, {}, 'card-expired'],
    ['an unreadable expiry', { cardExpiry: { date: '2035-02-30' } }, {}, 'invalid-card-expiry'],
    ['an expiry year already past', { cardExpiry: { year: 2025 } }, {}, 'card-expired'],
    ['an expiry year whose birthday has passed', { cardExpiry: { year: 2026 } }, {}, 'card-expired'],
    ['a fractional expiry year', { cardExpiry: { year: 2030.5 } }, {}, 'invalid-card-expiry'],
    ['an expiry year before the birth', { cardExpiry: { year: 1970 } }, {}, 'invalid-card-expiry'],
    ['a revoked certificate', { revocation: 'revoked' as const }, {}, 'certificate-revoked'],
    ['an unknown assurance', { assurance: 'selfie' as Assurance }, {}, 'check-failed'],
  ])('gives cannot-verify for %s', (_, evidence, input, why) => {
    for (const mode of ['clerk', 'kiosk'] as const) {
      const verdict = decide({ ...adult('chip-signature-with-password'), ...evidence }, mode, input);
      expect(verdict.outcome).toBe('cannot-verify');
      expect(codes(verdict)).toContain(why);
    }
  });

  it('cannot verify a card face without the card expiry: the face is only as good as the card it is on', () => {
    const noExpiry: BirthDateEvidence = { kind: 'date-of-birth', dateOfBirth: '1980-02-17', assurance: 'card-face' };
    expect(decide(noExpiry).outcome).toBe('cannot-verify');
    expect(codes(decide(noExpiry, 'kiosk'))).toContain('invalid-card-expiry');
    // The chip's reads stand on the chip: an expiry is checked when given, never required.
    expect(decide(adult('chip-signed-birth-date')).outcome).toBe('of-age');
  });

  it('accepts a card valid until today, and an expiry year whose birthday is still ahead', () => {
    expect(decide(adult('card-face', { cardExpiry: { date: today } })).outcome).toBe('of-age');
    const lateBirthday = { ...adult('chip-read-with-number-b'), dateOfBirth: '1980-12-01', cardExpiry: { year: 2026 } };
    expect(decide(lateBirthday).outcome).toBe('of-age');
  });

  it('treats a 29 February expiry in a common year as 28 February (the safe side)', () => {
    const leapling = { ...adult('chip-read-with-number-b'), dateOfBirth: '2000-02-29', cardExpiry: { year: 2027 } };
    expect(decideAge({ evidence: leapling, today: '2027-02-28', minimumAge: 20, mode: 'clerk' }).outcome).toBe(
      'of-age',
    );
    expect(decideAge({ evidence: leapling, today: '2027-03-01', minimumAge: 20, mode: 'clerk' }).outcome).toBe(
      'cannot-verify',
    );
  });

  it('says when revocation was not checked, and refuses when settings require the check', () => {
    const unchecked = adult('chip-signature-with-password', { revocation: 'not-checked' });
    const allowed = decide(unchecked);
    expect(allowed.outcome).toBe('of-age');
    expect(codes(allowed)).toContain('revocation-not-checked');
    const refused = decide(unchecked, 'kiosk', { requireRevocationCheck: true });
    expect(refused.outcome).toBe('cannot-verify');
    expect(codes(refused)).toContain('revocation-check-required');
    expect(
      decide(adult('chip-signature-with-password', { revocation: 'good' }), 'kiosk', { requireRevocationCheck: true })
        .outcome,
    ).toBe('of-age');
  });

  it('marks demo verdicts', () => {
    const verdict = decide(adult('chip-signature-with-password', { demo: true }));
    expect(verdict.demo).toBe(true);
    expect(codes(verdict)).toContain('demo-card');
    expect(decide(adult('chip-signature-with-password')).demo).toBe(false);
  });

  it('never throws, whatever arrives at run time', () => {
    const junk = [null, undefined, {}, { kind: 'date-of-birth' }, { kind: 'date-of-birth', dateOfBirth: 19800217 }];
    for (const evidence of junk) {
      const verdict = decideAge({
        evidence: evidence as unknown as BirthDateEvidence,
        today,
        minimumAge: 20,
        mode: 'kiosk',
      });
      expect(verdict.outcome).toBe('cannot-verify');
    }
  });
});

describe('chip reads must prove the chip genuine', () => {
  it.each<[Assurance, readonly string[]]>([
    ['chip-read-with-number-b', []],
    ['chip-read-with-number-b', ['cv-certificate', 'signed-record']],
    ['chip-signed-birth-date', ['cv-certificate', 'fresh-challenge']],
  ])('%s with checks %j → cannot verify, even for a minor', (assurance, passed) => {
    for (const dateOfBirth of ['1980-02-17', '2015-01-01']) {
      const verdict = decide(
        { kind: 'date-of-birth', dateOfBirth, assurance, chipChecks: passed as typeof CHIP_CHECKS },
        'clerk',
      );
      expect(verdict.outcome).toBe('cannot-verify');
      expect(codes(verdict)).toEqual(['chip-not-genuine']);
    }
  });

  it('the chip photo changes what the clerk is asked to compare, and only the genuine wording says "genuine"', () => {
    expect(codes(decide(adult('chip-read-with-number-b', { chipPhoto: true })))).toEqual([
      'meets-minimum-age',
      'chip-proven-genuine',
      'staff-must-compare-chip-photo',
    ]);
    expect(codes(decide(adult('chip-read-with-number-b')))).toEqual([
      'meets-minimum-age',
      'chip-proven-genuine',
      'staff-must-compare-photo',
    ]);
    expect(codes(decide(adult('card-face')))).not.toContain('chip-proven-genuine');
  });
});

describe('decideAge properties', () => {
  const isoDay = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const assurance = fc.constantFrom<Assurance>(
    'chip-signature-with-password',
    'chip-read-with-number-b',
    'chip-signed-birth-date',
    'card-face',
  );
  const mode = fc.constantFrom<OperatingMode>('clerk', 'kiosk');

  it('is of-age only when age ≥ minimum, and in a kiosk only with a holder-proving method', () => {
    fc.assert(
      fc.property(isoDay, isoDay, fc.integer({ min: 1, max: 120 }), assurance, mode, (a, b, minimumAge, how, m) => {
        const [dateOfBirth, day] = a <= b ? [a, b] : [b, a];
        const verdict = decideAge({
          evidence: { kind: 'date-of-birth', dateOfBirth, assurance: how, ...proven(how) },
          today: day,
          minimumAge,
          mode: m,
        });
        const age = ageOn(dateOfBirth, day);
        if (age < minimumAge) expect(verdict.outcome).toBe('under-age');
        else if (m === 'kiosk' && how !== 'chip-signature-with-password') expect(verdict.outcome).toBe('staff-check');
        else expect(verdict.outcome).toBe('of-age');
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('never says of-age for arbitrary strings as dates', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (dateOfBirth, day) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || !/^\d{4}-\d{2}-\d{2}$/.test(day));
        const verdict = decideAge({
          evidence: { kind: 'date-of-birth', dateOfBirth, assurance: 'chip-signature-with-password' },
          today: day,
          minimumAge: 20,
          mode: 'clerk',
        });
        expect(verdict.outcome).toBe('cannot-verify');
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
