/**
 * The session's state in one live region: the prompt while idle, progress while checking, and the verdict.
 * The verdict is told by words and a symbol, not by colour alone. Kiosk mode shows the verdict only; clerk
 * mode adds what it rests on and what the clerk must still do. The date of birth is never shown.
 */
import { errorMessage } from './error-messages';
import { ChipPhoto } from './verdict/ChipPhoto';
import { useSession, useSessionStore, useTranslate } from './session-context';

export function VerdictBanner() {
  const t = useTranslate();
  const store = useSessionStore();
  const phase = useSession((s) => s.phase);
  const verdict = useSession((s) => s.verdict);
  const language = useSession((s) => s.settings.language);
  const mode = useSession((s) => s.settings.mode);
  const idleSeconds = useSession((s) => s.settings.idleResetSeconds);

  if (phase !== 'verdict' || !verdict) {
    return (
      <div className="banner banner-prompt" role="status" aria-live="polite" data-testid="verdict" data-outcome="none">
        <p>{t(phase === 'checking' ? 'session.checking' : 'session.idle')}</p>
      </div>
    );
  }

  const { outcome } = verdict;
  const kiosk = mode === 'kiosk';
  const kioskHint = outcome === 'staff-check' || outcome === 'cannot-verify' ? t(`verdict.kiosk.${outcome}`) : null;
  const reasons = verdict.reasons.map((r) => r[language]);
  if (verdict.errorCode) reasons.push(errorMessage(verdict.errorCode)[language]);

  return (
    <div
      className={`banner banner-verdict outcome-${outcome}`}
      role="status"
      aria-live="assertive"
      aria-atomic="true"
      data-testid="verdict"
      data-outcome={outcome}
    >
      <p className="verdict-headline">
        <span className="verdict-symbol" aria-hidden="true">
          {t(`verdict.symbol.${outcome}`)}
        </span>
        <span data-testid="verdict.headline">{t(`verdict.${outcome}`, { age: verdict.minimumAge })}</span>
        {verdict.demo && <span className="demo-badge">{t('verdict.demo')}</span>}
      </p>
      {kiosk ? (
        <>
          {kioskHint && <p className="verdict-hint">{kioskHint}</p>}
          <p className="verdict-auto-reset">{t('verdict.autoReset', { seconds: idleSeconds })}</p>
        </>
      ) : (
        <>
          <p className="verdict-meta">
            {Number.isFinite(verdict.minimumAge) && <span>{t('verdict.threshold', { age: verdict.minimumAge })}</span>}
            {verdict.assurance && (
              <span>{t('verdict.assurance', { assurance: t(`assurance.${verdict.assurance}`) })}</span>
            )}
          </p>
          <div className="verdict-body">
            <ul className="verdict-reasons" data-testid="verdict.reasons">
              {reasons.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
            <ChipPhoto />
          </div>
        </>
      )}
      <button
        type="button"
        className="button-primary"
        data-testid="verdict.next"
        onClick={() => {
          store.getState().reset();
        }}
      >
        {t('verdict.next')}
      </button>
    </div>
  );
}
