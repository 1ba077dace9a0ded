/**
 * The audit log for staff: how many records are kept, the terminal id, and the CSV export. Opening the log also
 * purges what is past the retention.
 */
import { useEffect, useId, useState } from 'react';
import { auditCsv } from '../../audit/audit-csv';
import type { AuditLog } from '../../audit/audit-log';
import { useTranslate } from '../session-context';
import { downloadText } from '../download';
import { useStaffServices } from './staff-context';

type AuditView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly log: AuditLog; readonly count: number }
  | { readonly kind: 'unavailable' };

export function AuditSection() {
  const t = useTranslate();
  const { auditLog } = useStaffServices();
  const [audit, setAudit] = useState<AuditView>({ kind: 'loading' });
  const auditTitleId = useId();

  useEffect(() => {
    let live = true;
    auditLog()
      .then(async (log) => {
        await log.purge();
        const count = (await log.all()).length;
        if (live) setAudit({ kind: 'ready', log, count });
      })
      .catch(() => {
        if (live) setAudit({ kind: 'unavailable' });
      });
    return () => {
      live = false;
    };
  }, [auditLog]);

  const exportCsv = async () => {
    if (audit.kind !== 'ready') return;
    const records = await audit.log.all();
    downloadText(
      `age-check-audit-${new Date().toISOString().slice(0, 10)}.csv`,
      auditCsv(records),
      'text/csv;charset=utf-8',
    );
  };

  return (
    <section className="staff-section staff-audit" aria-labelledby={auditTitleId} data-testid="staff.audit">
      <h3 id={auditTitleId}>{t('staff.audit')}</h3>
      <p>{t('staff.audit.about')}</p>
      {audit.kind === 'unavailable' && <p className="notice">{t('staff.audit.unavailable')}</p>}
      {audit.kind === 'ready' && (
        <>
          <p data-testid="staff.audit.count">{t('staff.audit.count', { count: audit.count })}</p>
          <p className="staff-terminal">{t('staff.audit.terminal', { id: audit.log.terminalId })}</p>
        </>
      )}
      <button
        type="button"
        className="button-primary"
        data-testid="staff.export"
        disabled={audit.kind !== 'ready'}
        onClick={() => void exportCsv()}
      >
        {t('staff.audit.export')}
      </button>
    </section>
  );
}
