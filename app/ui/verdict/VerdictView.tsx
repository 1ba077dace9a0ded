/**
 * The verdict takes over the screen until 「次のお客様」: a modal dialog, focus moved to it, so it is in view
 * and announced (its name is the headline) wherever the clerk was on the page. The outcome is told by a symbol
 * and words; the strength of the evidence by blocks, a border style and words — never by colour alone. A clerk
 * also sees what the verdict rests on and what to do before selling; a kiosk customer sees the verdict only.
 * The date of birth is never shown. Beside a clerk's of-age verdict from number B, the chip's own photo
 * (`ChipPhoto`: J-LIS signed, drawn on a canvas, wiped with the verdict).
 */
import { useEffect, useId, useRef } from 'react';
import { LanguageToggle } from '../TopBar';
import { useErrorText, useSession, useTranslate } from '../session-context';
import { ChipPhoto } from './ChipPhoto';
import { STRENGTH, Strength } from './Strength';

export function VerdictView() {
  const t = useTranslate();
  const errorText = useErrorText();
  const step = useSession((s) => s.step);
  const language = useSession((s) => s.settings.language);
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const idleSeconds = useSession((s) => s.settings.idleResetSeconds);
  const staffCalled = useSession((s) => s.staffCall !== null);
  const nextCustomer = useSession((s) => s.nextCustomer);
  const dialog = useRef<HTMLDialogElement>(null);
  const headlineId = useId();
  const strengthId = useId();

  // Modal: the page behind is inert and the verdict is on top, whatever was scrolled where. The focus goes to
  // the dialog itself, so a screen reader reads the headline first.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    element.focus();
  }, []);

  if (step.kind !== 'verdict') return null;
  const { verdict, failure } = step;
  const { outcome } = verdict;
  const reasons = verdict.reasons.map((r) => r[language]);
  if (failure) reasons.unshift(errorText(failure));
  const needsStaff = outcome === 'staff-check' || outcome === 'cannot-verify';

  return (
    <dialog
      ref={dialog}
      className={`verdict outcome-${outcome}`}
      data-strength={verdict.assurance ? STRENGTH[verdict.assurance].level : undefined}
      aria-labelledby={headlineId}
      aria-describedby={verdict.assurance && !kiosk ? strengthId : undefined}
      tabIndex={-1}
      data-testid="verdict"
      data-outcome={outcome}
      data-failure={failure ?? undefined}
      onCancel={(event) => {
        // Escape does not dismiss a verdict: only 「次のお客様」 does.
        event.preventDefault();
      }}
    >
      <div className="verdict-body">
        <p className="verdict-headline">
          <span className="verdict-symbol" aria-hidden="true">
            {t(`verdict.symbol.${outcome}`)}
          </span>
          <span id={headlineId} data-testid="verdict.headline">
            {t(`verdict.${outcome}`, { age: verdict.minimumAge })}
          </span>
          {verdict.demo && <span className="demo-badge">{t('verdict.demo')}</span>}
        </p>
        {kiosk ? (
          <>
            {needsStaff && (
              <p className="verdict-hint" data-testid="verdict.staffCalled">
                {t(staffCalled ? 'verdict.kiosk.staffCalled' : `verdict.kiosk.${outcome}`)}
              </p>
            )}
            <p className="verdict-auto-reset">{t('verdict.autoReset', { seconds: idleSeconds })}</p>
          </>
        ) : (
          <div className="verdict-details">
            <div className="verdict-text">
              {outcome === 'cannot-verify' && (
                <p className="verdict-next-step" data-testid="verdict.nextStep">
                  {t('verdict.clerk.cannot-verify')}
                </p>
              )}
              {verdict.assurance && <Strength assurance={verdict.assurance} id={strengthId} />}
              {Number.isFinite(verdict.minimumAge) && (
                <p className="verdict-meta">{t('verdict.threshold', { age: verdict.minimumAge })}</p>
              )}
              <ul className="verdict-reasons" data-testid="verdict.reasons">
                {reasons.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </div>
            <ChipPhoto />
          </div>
        )}
        <div className="verdict-actions">
          <button
            type="button"
            className="button-primary button-huge"
            data-testid="verdict.next"
            onClick={nextCustomer}
          >
            {t('verdict.next')}
          </button>
          {kiosk && <LanguageToggle />}
        </div>
      </div>
    </dialog>
  );
}
