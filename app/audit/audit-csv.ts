/**
 * The audit log as CSV (RFC 4180): CRLF line ends, a header line, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled. Loaded with the staff screen only.
 */
import type { AUDIT_FIELDS, AuditEntry, AuditRecord, StaffCallRecord } from './audit-record';

/**
 * The columns: a verdict fills all but `call_reason`; a staff call (made or cleared) fills the time, terminal,
 * event, its reason and the demo flag.
 */
export const AUDIT_CSV_COLUMNS = [
  'time_utc',
  'terminal_id',
  'event',
  'method',
  'threshold',
  'minimum_age',
  'verdict',
  'assurance',
  'reasons',
  'call_reason',
  'demo',
] as const;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function verdictCells(record: AuditRecord): string[] {
  const cell = (field: (typeof AUDIT_FIELDS)[number]) => {
    const value = record[field];
    if (value === null) return '';
    if (Array.isArray(value)) return value.join(' ');
    return String(value);
  };
  return [
    cell('at'),
    cell('terminalId'),
    'verdict',
    cell('method'),
    cell('threshold'),
    cell('minimumAge'),
    cell('verdict'),
    cell('assurance'),
    cell('reasons'),
    '',
    cell('demo'),
  ];
}

function callCells(record: StaffCallRecord): string[] {
  return [record.at, record.terminalId, record.event, '', '', '', '', '', '', record.reason, String(record.demo)];
}

/** The whole CSV text, header first, each line ending in CRLF. */
export function auditCsv(records: readonly AuditEntry[]): string {
  const lines = [
    [...AUDIT_CSV_COLUMNS],
    ...records.map((r) => ('event' in r ? callCells(r) : verdictCells(r)).map(csvField)),
  ];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}
