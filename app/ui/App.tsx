/**
 * The one page: settings, the verdict banner and the three method panels side by side. In kiosk mode it also
 * asks for full screen and blocks the context menu; while a check runs it keeps the screen awake.
 */
import { useEffect } from 'react';
import { METHOD_IDS } from '../store/session-store';
import { useKioskScreen } from './kiosk/use-kiosk-screen';
import { useWakeLock } from './kiosk/use-wake-lock';
import { MethodPanel } from './MethodPanel';
import { ReaderPanel } from './ReaderPanel';
import { SettingsPanel } from './SettingsPanel';
import { useSession, useTranslate } from './session-context';
import { useIdleReset } from './use-idle-reset';
import { VerdictBanner } from './VerdictBanner';

export function App() {
  const t = useTranslate();
  const language = useSession((s) => s.settings.language);
  const mode = useSession((s) => s.settings.mode);
  const showingKioskVerdict = useSession((s) => s.settings.mode === 'kiosk' && s.phase === 'verdict');
  useIdleReset();
  useWakeLock(useSession((s) => s.phase === 'checking'));
  const fullscreenUnavailable = useKioskScreen(mode === 'kiosk');

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  return (
    <div className={`app mode-${mode}`} data-testid="app" data-mode={mode}>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          {mode === 'clerk' && <p className="app-subtitle">{t('app.subtitle')}</p>}
        </div>
        <SettingsPanel />
      </header>
      <main>
        {fullscreenUnavailable && (
          <p className="notice" role="status" data-testid="kiosk.fullscreenUnavailable">
            {t('kiosk.fullscreenUnavailable')}
          </p>
        )}
        <VerdictBanner />
        {!showingKioskVerdict && <ReaderPanel />}
        {!showingKioskVerdict && (
          <div className="methods">
            {METHOD_IDS.map((method) => (
              <MethodPanel key={method} method={method} />
            ))}
          </div>
        )}
      </main>
    </div>
  );
}
