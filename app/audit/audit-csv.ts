/**
 * The audit log as CSV (RFC 4180): CRLF line ends, a header line, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled. Loaded with the staff screen only.
 */
import { AUDIT_FIELDS, type AuditRecord } from './audit-record';

/** Column names, in the order of {@link AUDIT_FIELDS}. */
export const AUDIT_CSV_COLUMNS: Readonly<Record<(typeof AUDIT_FIELDS)[number], string>> = {
  at: 'time_utc',
  terminalId: 'terminal_id',
  method: 'method',
  threshold: 'threshold',
  minimumAge: 'minimum_age',
  verdict: 'verdict',
  assurance: 'assurance',
  reasons: 'reasons',
  demo: 'demo',
};

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function cell(record: AuditRecord, field: (typeof AUDIT_FIELDS)[number]): string {
  const value = record[field];
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

/** The whole CSV text, header first, each line ending in CRLF. */
export function auditCsv(records: readonly AuditRecord[]): string {
  const lines = [
    AUDIT_FIELDS.map((f) => csvField(AUDIT_CSV_COLUMNS[f])),
    ...records.map((r) => AUDIT_FIELDS.map((f) => csvField(cell(r, f)))),
  ];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}
