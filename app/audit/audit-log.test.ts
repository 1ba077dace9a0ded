import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { BirthDateEvidence } from '../policy';
import { createSessionStore } from '../store/session-store';
import { testPorts } from '../store/test-support';
import { DEFAULT_SETTINGS } from '../store/settings';
import { AUDIT_DB_NAME, openAuditLog, type AuditLog } from './audit-log';
import type { AuditRecord } from './audit-record';

const TERMINAL = '0f8fad5b-d9cb-469f-a165-70867728950e';
const record = (at: string): AuditRecord => ({
  at,
  terminalId: TERMINAL,
  method: 'jpki-signature',
  threshold: 'alcohol',
  minimumAge: 20,
  verdict: 'of-age',
  assurance: 'chip-signature-with-password',
  reasons: ['meets-minimum-age', 'holder-proven-by-password'],
  demo: false,
});

let opened: AuditLog[] = [];
async function open(now: () => Date, retentionDays = 30, terminalId?: string | null): Promise<AuditLog> {
  const log = await openAuditLog({ now, retentionDays: () => retentionDays, terminalId });
  opened.push(log);
  return log;
}

afterEach(async () => {
  for (const log of opened) log.close();
  opened = [];
  await deleteDB(AUDIT_DB_NAME);
});

describe('audit log', () => {
  it('stores validated records and refuses anything else', async () => {
    const log = await open(() => new Date('2026-11-26T00:00:00Z'));
    expect(await log.append(record('2026-11-25T10:00:00.000Z'))).toBe(true);
    expect(await log.append({ ...record('2026-11-25T11:00:00.000Z'), dateOfBirth: '1980-02-17' })).toBe(false);
    expect(await log.all()).toEqual([record('2026-11-25T10:00:00.000Z')]);
  });

  it('purges records past the retention on opening and on every write', async () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const log = await open(() => now, 30);
    await log.append(record('2026-10-05T00:00:00.000Z'));
    await log.append(record('2026-10-20T00:00:00.000Z'));
    expect(await log.all()).toHaveLength(2);

    now = new Date('2026-11-10T00:00:00Z'); // cutoff 2026-10-11: the first goes at the next write
    await log.append(record('2026-11-09T00:00:00.000Z'));
    expect((await log.all()).map((r) => r.at)).toEqual(['2026-10-20T00:00:00.000Z', '2026-11-09T00:00:00.000Z']);
    log.close();

    const reopened = await open(() => new Date('2026-12-01T00:00:00Z'), 30); // cutoff 2026-11-01
    expect((await reopened.all()).map((r) => r.at)).toEqual(['2026-11-09T00:00:00.000Z']);
  });

  it('keeps a generated terminal id across openings unless the launch URL sets one', async () => {
    const first = await open(() => new Date());
    first.close();
    const second = await open(() => new Date());
    expect(second.terminalId).toBe(first.terminalId);
    expect(second.terminalId).toMatch(/^[0-9a-f-]{36}$/);
    second.close();
    expect((await open(() => new Date(), 30, TERMINAL)).terminalId).toBe(TERMINAL);
  });

  it('keeps the staff PIN lock-out', async () => {
    const log = await open(() => new Date());
    expect(await log.loadStaffLock()).toBeNull();
    await log.updateStaffLock(() => ({ wrong: 4, until: 1_700_000_000_000 }));
    expect(await log.loadStaffLock()).toEqual({ wrong: 4, until: 1_700_000_000_000 });
    // Read and written in one transaction: parallel updates (two tabs) both count.
    await Promise.all([
      log.updateStaffLock((lock) => ({ wrong: (lock?.wrong ?? 0) + 1, until: null })),
      log.updateStaffLock((lock) => ({ wrong: (lock?.wrong ?? 0) + 1, until: null })),
    ]);
    expect(await log.loadStaffLock()).toEqual({ wrong: 6, until: null });
  });

  it('receives every verdict from the session store, and no personal data reaches it', async () => {
    const now = () => new Date('2026-11-26T05:00:00Z');
    const log = await open(now, 30, TERMINAL);
    const writes: Promise<boolean>[] = [];
    const store = createSessionStore({
      ports: testPorts({ now }),
      initialSettings: DEFAULT_SETTINGS,
      onVerdict: (event) => writes.push(log.record(event)),
    });
    const births = ['1980-02-17', '2010-06-05', '2006-11-26'];
    const evidences: BirthDateEvidence[] = [
      { kind: 'date-of-birth', dateOfBirth: births[0]!, assurance: 'chip-signature-with-password', demo: true },
      {
        kind: 'date-of-birth',
        dateOfBirth: births[1]!,
        assurance: 'chip-read-with-number-b',
        cardExpiry: { year: 2030 },
        chipChecks: ['cv-certificate', 'signed-record', 'fresh-challenge'],
      },
      { kind: 'date-of-birth', dateOfBirth: births[2]!, assurance: 'card-face', cardExpiry: { date: '2031-11-26' } },
    ];
    const methods = ['jpki-signature', 'number-b', 'card-face-ocr'] as const;
    for (const [i, method] of methods.entries()) {
      store.getState().beginCheck(method);
      store.getState().completeCheck(method, evidences[i]!);
      store.getState().reset();
    }
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', { kind: 'failed', errorCode: 'card.pin-blocked' });
    expect(await Promise.all(writes)).toEqual([true, true, true, true]);

    const stored = await log.all();
    expect(stored.map((r) => ('method' in r ? [r.method, r.verdict] : [r.event]))).toEqual([
      ['jpki-signature', 'of-age'],
      ['number-b', 'under-age'],
      ['card-face-ocr', 'of-age'],
      ['number-b', 'cannot-verify'],
    ]);
    const text = JSON.stringify(stored);
    for (const birth of births) {
      const [y, m, d] = birth.split('-');
      const era = String(Number(y) - (Number(y) >= 1989 ? 1988 : 1925)).padStart(2, '0');
      for (const form of [birth, `${y}${m}${d}`, `${y}/${m}/${d}`, `${era}${m}${d}`, y!]) {
        expect(text).not.toContain(form);
      }
    }
    expect(text).not.toMatch(/age":\s*\d|dateOfBirth|decidedOn|2030|2031/);
  });
});
