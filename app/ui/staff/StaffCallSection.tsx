/**
 * The staff screen's first section on a kiosk that called staff: what the call was for, and clearing it once
 * staff have come (the only way a call ends, besides the staff-only gesture on a kiosk without a PIN).
 */
import { useId } from 'react';
import { useSession, useTranslate } from '../session-context';

export function StaffCallSection() {
  const t = useTranslate();
  const call = useSession((s) => s.staffCall);
  const clear = useSession((s) => s.clearStaffCall);
  const titleId = useId();
  if (!call) return null;
  return (
    <section className="staff-section staff-call-section" aria-labelledby={titleId} data-testid="staff.call">
      <h3 id={titleId}>{t('staff.call.title')}</h3>
      <p>{t(`staffcall.reason.${call.reason}`)}</p>
      <button type="button" className="button-primary" data-testid="staff.call.clear" onClick={clear}>
        {t('staff.call.clear')}
      </button>
    </section>
  );
}
