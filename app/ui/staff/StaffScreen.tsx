/**
 * The staff screen, in a modal dialog: first the staff PIN (rate-limited by the page's PIN gate), then every
 * setting and the audit log (count, terminal id, CSV export). It closes by itself after the idle time in kiosk
 * mode, so a screen left open never reaches the next customer.
 */
import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { auditCsv } from '../../audit/audit-csv';
import type { AuditLog } from '../../audit/audit-log';
import { downloadText } from '../download';
import { useSession, useTranslate } from '../session-context';
import { SettingsFields } from '../SettingsFields';
import { useIdleTimeout } from '../use-idle-reset';
import { BridgePairing } from './BridgePairing';
import { ReaderDiagnostics } from './ReaderDiagnostics';
import { useStaffServices } from './staff-context';

type Gate =
  | { readonly kind: 'pin'; readonly notice: 'wrong' | 'locked' | 'not-configured' | null; readonly seconds: number }
  | { readonly kind: 'checking' }
  | { readonly kind: 'open' };

export default function StaffScreen({ onClose }: { onClose: () => void }) {
  const t = useTranslate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [gate, setGate] = useState<Gate>({ kind: 'pin', notice: null, seconds: 0 });
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const idleSeconds = useSession((s) => s.settings.idleResetSeconds);
  const titleId = useId();

  // No close() on clean-up: removing the element closes it, and a close() there would fire `close` after a
  // StrictMode re-run had opened it again, shutting the screen at once.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const close = useCallback(() => {
    dialog.current?.close();
  }, []);
  useIdleTimeout(kiosk, idleSeconds, close);

  return (
    <dialog
      ref={dialog}
      className="staff-screen"
      aria-labelledby={titleId}
      data-testid="staff"
      data-state={gate.kind}
      onClose={onClose}
    >
      <h2 id={titleId}>{t('staff.title')}</h2>
      {gate.kind === 'open' ? <StaffPanel /> : <PinForm gate={gate} onGate={setGate} />}
      <div className="button-row">
        <button type="button" data-testid="staff.close" onClick={close}>
          {t('staff.close')}
        </button>
      </div>
    </dialog>
  );
}

function PinForm({ gate, onGate }: { gate: Gate; onGate: (gate: Gate) => void }) {
  const t = useTranslate();
  const { gate: pinGate } = useStaffServices();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const noticeId = useId();

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const pin = input.current?.value ?? '';
    if (input.current) input.current.value = '';
    onGate({ kind: 'checking' });
    const result = await pinGate.attempt(pin);
    if (result.kind === 'accepted') {
      onGate({ kind: 'open' });
      return;
    }
    const lockedUntil = result.kind === 'not-configured' ? null : result.lockedUntil;
    const seconds = lockedUntil === null ? 0 : Math.ceil((lockedUntil - Date.now()) / 1000);
    const notice = result.kind === 'not-configured' ? result.kind : seconds > 0 ? 'locked' : 'wrong';
    onGate({ kind: 'pin', notice, seconds });
    input.current?.focus();
  };

  const notice = gate.kind === 'pin' ? gate.notice : null;
  return (
    <form className="staff-pin" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={id}>{t('staff.pin')}</label>
        <input
          id={id}
          ref={input}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          data-testid="staff.pin"
          aria-describedby={notice ? noticeId : undefined}
          aria-invalid={notice === 'wrong' || notice === 'locked'}
          // The dialog opens for this field: focus it at once.
          autoFocus
        />
      </div>
      {notice && gate.kind === 'pin' && (
        <p id={noticeId} className="notice" role="alert" data-testid="staff.notice" data-notice={notice}>
          {notice === 'wrong' && t('staff.wrongPin')}
          {notice === 'locked' && `${t('staff.wrongPin')} ${t('staff.locked', { seconds: gate.seconds })}`}
          {notice === 'not-configured' && t('staff.notConfigured')}
        </p>
      )}
      <button type="submit" className="button-primary" data-testid="staff.unlock" disabled={gate.kind === 'checking'}>
        {t('staff.unlock')}
      </button>
    </form>
  );
}

type AuditView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly log: AuditLog; readonly count: number }
  | { readonly kind: 'unavailable' };

function StaffPanel() {
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
    <div className="staff-panel" data-testid="staff.panel">
      <BridgePairing testId="staff.bridge" />
      <SettingsFields staff />
      <section className="staff-audit" aria-labelledby={auditTitleId}>
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
      <ReaderDiagnostics />
    </div>
  );
}
