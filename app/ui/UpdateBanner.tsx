/**
 * Offers a downloaded new version of the app. Shown only between customers (never during a check, nor under a
 * verdict), and applied only when staff press the button: an update never interrupts a customer's check. A kiosk shows
 * customers no such offer: it applies the update by itself once the session is back to idle.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { mayOfferUpdate, type AppUpdateStore } from '../store/app-update';
import { useSession, useTranslate } from './session-context';

export function UpdateBanner({ updates }: { updates: AppUpdateStore }) {
  const t = useTranslate();
  const waiting = useStore(updates, (s) => s.waiting);
  const offerable = useSession((s) => mayOfferUpdate(s.phase));
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  // A kiosk waiting for staff keeps its screen: the update waits until the call is cleared.
  const idle = useSession((s) => s.phase === 'idle' && s.staffCall === null);
  useEffect(() => {
    if (kiosk && waiting && idle) void updates.getState().apply();
  }, [kiosk, waiting, idle, updates]);
  if (kiosk || !waiting || !offerable) return null;
  return (
    <div className="update-banner" role="status" data-testid="update">
      <p>{t('update.ready')}</p>
      <button type="button" data-testid="update.apply" onClick={() => void updates.getState().apply()}>
        {t('update.apply')}
      </button>
    </div>
  );
}
