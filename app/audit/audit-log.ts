/**
 * The audit log in IndexedDB (through `idb`): validated records only, purged past the retention on opening and
 * after every write, and the terminal's random id. The only persistent storage of the app; it holds nothing
 * personal because {@link validateAuditRecord} admits nothing personal.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  auditRecordOf,
  staffCallRecordOf,
  validateAuditEntry,
  type AuditEntry,
  type StaffCallEvent,
  type VerdictEvent,
} from './audit-record';
import { isTerminalId, newTerminalId } from './terminal-id';

export const AUDIT_DB_NAME = 'age-check-audit';
const DAY_MS = 86_400_000;

/** The staff PIN lock-out, kept beside the log so that reloading the page does not lift it. */
export interface StaffLock {
  readonly wrong: number;
  readonly until: number | null;
}

interface AuditSchema extends DBSchema {
  records: { key: number; value: AuditEntry; indexes: { at: string } };
  meta: { key: 'terminalId' | 'staffLock'; value: unknown };
}

function isStaffLock(value: unknown): value is StaffLock {
  if (typeof value !== 'object' || value === null) return false;
  const { wrong, until } = value as Record<string, unknown>;
  return Number.isSafeInteger(wrong) && (until === null || Number.isSafeInteger(until));
}

export interface AuditLogDeps {
  readonly now: () => Date;
  /** Days a record is kept; read at each purge, so a change in the staff screen applies at the next write. */
  readonly retentionDays: () => number;
  /** The operator's terminal id from the launch URL, if any; otherwise a stored random one. */
  readonly terminalId?: string | null;
}

export interface AuditLog {
  readonly terminalId: string;
  /** Writes the verdict's record (then purges); false when it was refused or could not be stored. */
  record(event: VerdictEvent): Promise<boolean>;
  /** Writes the record of a kiosk's staff call, made or cleared. */
  recordStaffCall(event: StaffCallEvent, demo: boolean): Promise<boolean>;
  /** Writes a record after validating it; false when refused. */
  append(record: unknown): Promise<boolean>;
  /** Every kept record, oldest first. */
  all(): Promise<AuditEntry[]>;
  /** Deletes records older than the retention; returns how many. */
  purge(): Promise<number>;
  loadStaffLock(): Promise<StaffLock | null>;
  /**
   * Reads, changes and writes the staff PIN lock-out in one transaction, so tabs counting at the same time
   * never overwrite each other's count.
   */
  updateStaffLock(change: (lock: StaffLock | null) => StaffLock): Promise<StaffLock>;
  close(): void;
}

/** The earliest instant kept: records before it are purged. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

async function terminalIdOf(db: IDBPDatabase<AuditSchema>, configured: string | null | undefined): Promise<string> {
  if (isTerminalId(configured)) return configured;
  const stored = await db.get('meta', 'terminalId');
  if (isTerminalId(stored)) return stored;
  const id = newTerminalId();
  await db.put('meta', id, 'terminalId');
  return id;
}

/** Opens (creating if needed) the audit log and purges what is past the retention. */
export async function openAuditLog(deps: AuditLogDeps): Promise<AuditLog> {
  const db = await openDB<AuditSchema>(AUDIT_DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('records', { autoIncrement: true }).createIndex('at', 'at');
      database.createObjectStore('meta');
    },
  });
  const terminalId = await terminalIdOf(db, deps.terminalId);

  const purge = async () => {
    const cutoff = retentionCutoff(deps.now(), deps.retentionDays());
    const tx = db.transaction('records', 'readwrite');
    let purged = 0;
    for await (const cursor of tx.store.index('at').iterate(IDBKeyRange.upperBound(cutoff, true))) {
      await cursor.delete();
      purged += 1;
    }
    await tx.done;
    return purged;
  };

  const append = async (candidate: unknown) => {
    const record = validateAuditEntry(candidate);
    if (!record) return false;
    await db.add('records', record);
    await purge();
    return true;
  };

  await purge();
  return {
    terminalId,
    append,
    record: (event) => {
      const record = auditRecordOf(event, terminalId);
      return record ? append(record) : Promise.resolve(false);
    },
    recordStaffCall: (event, demo) => {
      const record = staffCallRecordOf(event, terminalId, demo);
      return record ? append(record) : Promise.resolve(false);
    },
    all: async () => (await db.getAllFromIndex('records', 'at')).flatMap((r) => validateAuditEntry(r) ?? []),
    purge,
    loadStaffLock: async () => {
      const lock = await db.get('meta', 'staffLock');
      return isStaffLock(lock) ? { wrong: lock.wrong, until: lock.until } : null;
    },
    updateStaffLock: async (change) => {
      const tx = db.transaction('meta', 'readwrite');
      const current: unknown = await tx.store.get('staffLock');
      const { wrong, until } = change(isStaffLock(current) ? { wrong: current.wrong, until: current.until } : null);
      await tx.store.put({ wrong, until }, 'staffLock');
      await tx.done;
      return { wrong, until };
    },
    close: () => {
      db.close();
    },
  };
}
