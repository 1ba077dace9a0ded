/**
 * The staff screen, in a modal dialog: first the staff PIN (rate-limited by the page's PIN gate), then its
 * sections — a kiosk's staff call, the settings, the card reader, the PC/SC bridge, the audit log. The sections
 * are one list ({@link STAFF_SECTIONS}): a new one is a component added there. It closes by itself after the
 * idle time in kiosk mode, so a screen left open never reaches the next customer.
 */
import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useSession, useTranslate } from '../session-context';
import { useIdleTimeout } from '../use-idle-reset';
import { STAFF_SECTIONS } from './sections';
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
      {gate.kind === 'open' ? (
        <div className="staff-panel" data-testid="staff.panel">
          {STAFF_SECTIONS.map(({ id, Section }) => (
            <Section key={id} />
          ))}
        </div>
      ) : (
        <PinForm gate={gate} onGate={setGate} />
      )}
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
