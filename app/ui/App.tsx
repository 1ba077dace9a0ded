/**
 * The one page: the top bar, and below it what the session is doing — the choice of method (clerk), "place
 * your card" (kiosk), a running check one step at a time, or the staff call — with the verdict over everything
 * until the next customer. In kiosk mode it also asks for full screen and blocks the context menu; while a
 * check runs it keeps the screen awake.
 */
import { lazy, Suspense, useEffect } from 'react';
import { ClerkHome } from './home/ClerkHome';
import { KioskHome } from './home/KioskHome';
import { useKioskScreen } from './kiosk/use-kiosk-screen';
import { useWakeLock } from './kiosk/use-wake-lock';
import { useDemoControls, useReader } from './reader-context';
import { useSession, useTranslate } from './session-context';
import { StaffScreenHost } from './staff/StaffEntry';
import { TopBar } from './TopBar';
import { useIdleReset } from './use-idle-reset';
import { VerdictView } from './verdict/VerdictView';

/** The steps of a running check load after the first screen (see `main.tsx`, which fetches them early). */
export const loadFlowScreen = () => import('./flow/FlowScreen');
const FlowScreen = lazy(loadFlowScreen);
const DemoPanel = lazy(() => import('./demo/DemoPanel'));
/** The kiosk's staff call is rare, so it loads when a customer calls (the service worker has it offline). */
const StaffCallScreen = lazy(() => import('./kiosk/StaffCallScreen'));

function Screen() {
  const t = useTranslate();
  const kind = useSession((s) => s.step.kind);
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const staffCall = useSession((s) => s.staffCall !== null);
  if (kind === 'home') {
    if (kiosk && staffCall) {
      return (
        <Suspense fallback={<p role="status">{t('flow.loading')}</p>}>
          <StaffCallScreen />
        </Suspense>
      );
    }
    return kiosk ? <KioskHome /> : <ClerkHome />;
  }
  if (kind === 'verdict') return null;
  return (
    <Suspense fallback={<p role="status">{t('flow.loading')}</p>}>
      <FlowScreen />
    </Suspense>
  );
}

export function App() {
  const t = useTranslate();
  const language = useSession((s) => s.settings.language);
  const mode = useSession((s) => s.settings.mode);
  const kind = useSession((s) => s.step.kind);
  const staffCall = useSession((s) => s.staffCall !== null);
  const demo = useDemoControls();
  // For the e2e tests and for styling: whether the reader sees a card (no personal data).
  const readerStatus = useReader((s) => s.status);
  useIdleReset();
  useWakeLock(useSession((s) => s.phase === 'checking'));
  const fullscreenUnavailable = useKioskScreen(mode === 'kiosk');

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  return (
    <StaffScreenHost>
      <div
        className={`app mode-${mode}${staffCall ? ' staff-called' : ''}`}
        data-testid="app"
        data-mode={mode}
        data-step={kind}
        data-reader={readerStatus}
      >
        <TopBar />
        <main className="app-main">
          {fullscreenUnavailable && (
            <p className="notice" role="status" data-testid="kiosk.fullscreenUnavailable">
              {t('kiosk.fullscreenUnavailable')}
            </p>
          )}
          <Screen />
        </main>
        {demo && (
          <Suspense fallback={null}>
            <DemoPanel />
          </Suspense>
        )}
        {kind === 'verdict' && <VerdictView />}
      </div>
    </StaffScreenHost>
  );
}
