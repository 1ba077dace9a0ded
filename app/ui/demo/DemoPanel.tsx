/**
 * Demo mode's controls for the simulated hardware: what the demo card prints (so number B can be typed as
 * from a real card), taking the card off the reader and putting it back, unplugging the reader. Loaded only in
 * demo mode.
 */
import { useState } from 'react';
import { useDemoControls } from '../reader-context';
import { useTranslate } from '../session-context';

export default function DemoPanel() {
  const t = useTranslate();
  const demo = useDemoControls();
  const [cardIn, setCardIn] = useState(true);
  const [plugged, setPlugged] = useState(true);
  if (!demo) return null;
  return (
    <aside className="demo-panel" data-testid="demo" aria-label={t('demo.heading')}>
      <p className="demo-notice">
        <strong>{t('demo.heading')}</strong> {t('demo.notice')}
      </p>
      <p className="demo-face" data-testid="demo.face">
        {t('demo.face')} <span data-testid="demo.face.birth">{demo.face.birthDateText}</span> /{' '}
        <span data-testid="demo.face.expiry">{demo.face.expiryText}</span> / {t('face.field.code')}{' '}
        <span data-testid="demo.face.code">{demo.face.securityCode}</span>
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button-secondary"
          data-testid="demo.card"
          onClick={() => {
            demo.setCardsPresent(!cardIn);
            setCardIn(!cardIn);
          }}
        >
          {t(cardIn ? 'demo.removeCard' : 'demo.insertCard')}
        </button>
        <button
          type="button"
          className="button-secondary"
          data-testid="demo.reader"
          onClick={() => {
            demo.setReadersPlugged(!plugged);
            setPlugged(!plugged);
          }}
        >
          {t(plugged ? 'demo.unplug' : 'demo.replug')}
        </button>
      </div>
    </aside>
  );
}
