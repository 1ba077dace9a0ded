import { describe, expect, it } from 'vitest';
import { auditCsv, csvField } from './audit-csv';
import type { AuditRecord, StaffCallRecord } from './audit-record';

const record: AuditRecord = {
  at: '2026-11-26T14:30:00.000Z',
  terminalId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  method: 'card-face-ocr',
  threshold: 'custom',
  minimumAge: null,
  verdict: 'staff-check',
  assurance: 'card-face',
  reasons: ['meets-minimum-age', 'kiosk-needs-staff'],
  demo: false,
};

describe('csvField (RFC 4180)', () => {
  it('leaves plain fields alone', () => {
    expect(csvField('of-age')).toBe('of-age');
    expect(csvField('')).toBe('');
  });

  it('quotes fields with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField('lf\n')).toBe('"lf\n"');
  });
});

describe('auditCsv', () => {
  it('writes a header and one CRLF-terminated line per record', () => {
    expect(auditCsv([record])).toBe(
      'time_utc,terminal_id,event,method,threshold,minimum_age,verdict,assurance,reasons,call_reason,demo\r\n' +
        '2026-11-26T14:30:00.000Z,0f8fad5b-d9cb-469f-a165-70867728950e,verdict,card-face-ocr,custom,,staff-check,card-face,meets-minimum-age kiosk-needs-staff,,false\r\n',
    );
  });

  it('writes a staff call with its reason and nothing of a verdict', () => {
    const call: StaffCallRecord = {
      at: '2026-11-26T14:31:00.000Z',
      terminalId: record.terminalId,
      event: 'staff-call',
      reason: 'verdict',
      demo: true,
    };
    expect(auditCsv([call]).split('\r\n')[1]).toBe(
      '2026-11-26T14:31:00.000Z,0f8fad5b-d9cb-469f-a165-70867728950e,staff-call,,,,,,,verdict,true',
    );
  });

  it('writes only the header for an empty log', () => {
    expect(auditCsv([]).split('\r\n')).toHaveLength(2);
  });
});
