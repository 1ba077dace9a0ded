/**
 * The one page: settings, the verdict banner and the three method panels side by side.
 */
import { useEffect } from 'react';
import { METHOD_IDS } from '../store/session-store';
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
