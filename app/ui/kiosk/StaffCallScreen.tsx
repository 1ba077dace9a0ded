/**
 * A kiosk's call for staff, on screen until staff clear it: a distinct, striped look (and no motion for those
 * who ask for none), a chime when the terminal is set to, in the customer's language. The idle reset does not clear it. Staff clear it from the staff
 * screen after the PIN; a kiosk launched without a staff PIN is cleared by holding 「係員の方へ」 for
 * {@link HOLD_MS} (the staff-only gesture documented in the README).
 */
import { useRef } from 'react';
import { useSession, useTranslate } from '../session-context';
import { StaffEntry } from '../staff/StaffEntry';
import { useStaffServices } from '../staff/staff-context';
import { useChime } from './use-chime';

/** How long staff hold the button to clear a call on a kiosk without a staff PIN, milliseconds. */
export const HOLD_MS = 5000;

/** Calls `onHold` when the element is pressed for `ms` without letting go. */
function useHold(ms: number, onHold: () => void) {
  const timer = useRef<number | null>(null);
  const stop = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    onPointerDown: () => {
      stop();
      timer.current = window.setTimeout(onHold, ms);
    },
    onPointerUp: stop,
    onPointerLeave: stop,
    onPointerCancel: stop,
  };
}

export default function StaffCallScreen() {
  const t = useTranslate();
  const call = useSession((s) => s.staffCall);
  const clear = useSession((s) => s.clearStaffCall);
  const sound = useSession((s) => s.settings.staffCallSound);
  const { pinConfigured } = useStaffServices();
  useChime(sound && call !== null);
  const hold = useHold(HOLD_MS, clear);
  if (!call) return null;
  return (
    <section
      className="staff-call"
      aria-labelledby="staff-call-title"
      data-testid="staffcall"
      data-reason={call.reason}
    >
      <p className="staff-call-symbol" aria-hidden="true">
        !
      </p>
      <div role="status">
        <h2 id="staff-call-title">{t('staffcall.title')}</h2>
        <p className="staff-call-wait">{t('staffcall.wait')}</p>
      </div>
      <p className="staff-call-reason">{t(`staffcall.reason.${call.reason}`)}</p>
      {pinConfigured ? (
        <StaffEntry labelKey="staffcall.staff" testId="staffcall.staff" className="button-secondary" />
      ) : (
        <button type="button" className="button-secondary" data-testid="staffcall.staff" {...hold}>
          {t('staffcall.staff')}
        </button>
      )}
    </section>
  );
}
