import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditRecordOf,
  staffCallRecordOf,
  validateAuditEntry,
  validateAuditRecord,
  validateStaffCallRecord,
  type AuditRecord,
} from './audit-record';

const TERMINAL = '0f8fad5b-d9cb-469f-a165-70867728950e';
const VALID: AuditRecord = {
  at: '2026-11-26T14:30:00.000Z',
  terminalId: TERMINAL,
  method: 'number-b',
  threshold: 'alcohol',
  minimumAge: 20,
  verdict: 'of-age',
  assurance: 'chip-read-with-number-b',
  reasons: ['meets-minimum-age', 'staff-must-compare-photo'],
  demo: false,
};

/** Strings that look like what must never be logged: birth dates in every format the methods see, names, number B. */
const personal = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1900, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .chain(([y, m, d]) => {
      const mm = String(m).padStart(2, '0');
      const dd = String(d).padStart(2, '0');
      return fc.constantFrom(
        `${y}-${mm}-${dd}`,
        `${y}${mm}${dd}`,
        `${y}/${m}/${d}`,
        `昭和55年${m}月${d}日`,
        `S55.${mm}.${dd}`,
      );
    }),
  fc.constantFrom('山田太郎', 'YAMADA TARO', '55021720301234', '1234', 'data:image/png;base64,iVBORw0KGgo='),
  fc.string(),
);

describe('validateAuditRecord', () => {
  it('accepts a complete record and returns a copy of it', () => {
    const record = validateAuditRecord(VALID);
    expect(record).toEqual(VALID);
    expect(record).not.toBe(VALID);
  });

  it('accepts a failed check: no assurance, no minimum age', () => {
    expect(validateAuditRecord({ ...VALID, verdict: 'cannot-verify', assurance: null, minimumAge: null })).not.toBe(
      null,
    );
  });

  it('rejects a record with any extra field, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((k) => !Object.hasOwn(VALID, k)),
        fc.oneof(personal, fc.anything()),
        (key, value) => {
          expect(validateAuditRecord({ ...VALID, [key]: value })).toBeNull();
        },
      ),
    );
  });

  it('rejects a personal-looking string in any field', () => {
    const fields = Object.keys(VALID) as (keyof AuditRecord)[];
    fc.assert(
      fc.property(fc.constantFrom(...fields), personal, (field, value) => {
        fc.pre(!(field === 'at' && /^\d{4}-\d\d-\d\dT/.test(value)));
        expect(validateAuditRecord({ ...VALID, [field]: value })).toBeNull();
      }),
    );
  });

  it('rejects a personal-looking string among the reasons', () => {
    fc.assert(
      fc.property(personal, fc.nat({ max: 2 }), (value, at) => {
        const reasons: unknown[] = [...VALID.reasons];
        reasons.splice(at, 0, value);
        expect(validateAuditRecord({ ...VALID, reasons })).toBeNull();
      }),
    );
  });

  it('rejects arbitrary objects', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(validateAuditRecord(value)).toBeNull();
      }),
    );
  });

  it('accepts every combination of valid parts, returning exactly the nine fields', () => {
    const valid = fc.record({
      at: fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      terminalId: fc.uuid({ version: 4 }),
      method: fc.constantFrom('jpki-signature', 'number-b', 'card-face-ocr'),
      threshold: fc.constantFrom('alcohol', 'tobacco', 'public-racing', 'toto', 'adulthood', 'custom'),
      minimumAge: fc.option(fc.integer({ min: 1, max: 120 })),
      verdict: fc.constantFrom('of-age', 'under-age', 'staff-check', 'cannot-verify'),
      assurance: fc.option(fc.constantFrom('chip-signature-with-password', 'chip-read-with-number-b', 'card-face')),
      reasons: fc.subarray(['check-failed', 'meets-minimum-age', 'kiosk-needs-staff', 'demo-card']),
      demo: fc.boolean(),
    });
    fc.assert(
      fc.property(valid, fc.dictionary(fc.string({ minLength: 1 }), personal, { minKeys: 1 }), (candidate, extra) => {
        expect(validateAuditRecord(candidate)).toEqual(candidate);
        const padded = { ...extra, ...candidate };
        if (Object.keys(padded).length > Object.keys(candidate).length) expect(validateAuditRecord(padded)).toBeNull();
      }),
    );
  });

  it('rejects an instant that is not UTC with milliseconds, a non-UUID terminal id, an out-of-range age', () => {
    expect(validateAuditRecord({ ...VALID, at: '2026-11-26T23:30:00+09:00' })).toBeNull();
    expect(validateAuditRecord({ ...VALID, at: '2026-02-30T00:00:00.000Z' })).toBeNull();
    expect(validateAuditRecord({ ...VALID, terminalId: 'shop-1' })).toBeNull();
    expect(validateAuditRecord({ ...VALID, minimumAge: 20.5 })).toBeNull();
    expect(validateAuditRecord({ ...VALID, minimumAge: 121 })).toBeNull();
    expect(validateAuditRecord({ ...VALID, demo: 'false' })).toBeNull();
  });
});

describe('auditRecordOf', () => {
  it('copies only the closed fields of a verdict (not the age or the date)', () => {
    const record = auditRecordOf(
      {
        at: new Date('2026-11-26T14:30:00Z'),
        method: 'jpki-signature',
        threshold: 'toto',
        verdict: {
          outcome: 'of-age',
          minimumAge: 19,
          age: 46,
          assurance: 'chip-signature-with-password',
          decidedOn: '2026-11-26',
          demo: true,
          errorCode: null,
          reasons: [{ code: 'meets-minimum-age', ja: '…', en: '…' }],
        },
      },
      TERMINAL,
    );
    expect(record).toEqual({
      at: '2026-11-26T14:30:00.000Z',
      terminalId: TERMINAL,
      method: 'jpki-signature',
      threshold: 'toto',
      minimumAge: 19,
      verdict: 'of-age',
      assurance: 'chip-signature-with-password',
      reasons: ['meets-minimum-age'],
      demo: true,
    });
  });
});

describe('staff-call records', () => {
  const CALL = {
    at: '2026-11-26T14:31:00.000Z',
    terminalId: TERMINAL,
    event: 'staff-call',
    reason: 'verdict',
    demo: false,
  };

  it('accept exactly the five closed fields, and are told apart from verdicts by their event', () => {
    expect(validateAuditEntry(CALL)).toEqual(CALL);
    expect(validateAuditEntry(VALID)).toEqual(VALID);
    expect(validateStaffCallRecord({ ...CALL, event: 'staff-call-cleared', reason: 'requested' })).not.toBeNull();
  });

  it('reject anything else: an extra field, a reason or event outside the set, a personal-looking value', () => {
    fc.assert(
      fc.property(fc.constantFrom('at', 'terminalId', 'event', 'reason', 'extra'), personal, (field, value) => {
        fc.pre(!(field === 'at' && /^\d{4}-\d\d-\d\dT/.test(value)));
        expect(validateAuditEntry({ ...CALL, [field]: value })).toBeNull();
      }),
    );
  });

  it('are built from the store event without anything else', () => {
    expect(
      staffCallRecordOf({ at: new Date('2026-11-26T14:31:00Z'), kind: 'cleared', reason: 'trouble' }, TERMINAL, true),
    ).toEqual({ ...CALL, event: 'staff-call-cleared', reason: 'trouble', demo: true });
  });
});
