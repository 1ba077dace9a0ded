/**
 * The kiosk's first screen, in the customer's words: place the card. The check starts by itself when a card
 * arrives (the customer then types only the password); a card already lying there needs one tap. Anything the
 * kiosk cannot do alone goes to staff.
 */
import { CallStaffButton } from '../kiosk/CallStaffButton';
import { useReader } from '../reader-context';
import { useSession, useTranslate } from '../session-context';

export function KioskHome() {
  const t = useTranslate();
  const ready = useReader((s) => s.transport !== null);
  const cardThere = useReader((s) => s.status === 'card-present');
  const startJpki = useSession((s) => s.startJpki);
  return (
    <section className="home kiosk-home" aria-labelledby="kiosk-title" data-testid="home">
      <div className="card-on-reader" aria-hidden="true">
        <span className="card-shape" />
        <span className="reader-shape" />
      </div>
      <h2 id="kiosk-title" className="kiosk-prompt">
        {ready ? t(cardThere ? 'kiosk.cardThere' : 'kiosk.placeCard') : t('kiosk.notReady')}
      </h2>
      {ready && <p className="kiosk-sub">{t('kiosk.passwordAhead')}</p>}
      {ready && cardThere && (
        <button type="button" className="button-primary button-huge" data-testid="kiosk.start" onClick={startJpki}>
          {t('kiosk.start')}
        </button>
      )}
      <CallStaffButton reason="requested" labelKey="kiosk.noPassword" testId="kiosk.callStaff" />
    </section>
  );
}
