/**
 * Entry point: one session store for the page, settings from the launch URL.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSessionStore } from './store/session-store';
import { settingsFromQuery } from './store/settings';
import { App } from './ui/App';
import { SessionProvider } from './ui/session-context';
import './ui/styles.css';

const store = createSessionStore({
  now: () => new Date(),
  initialSettings: settingsFromQuery(window.location.search),
});

// The test hook exists only in the e2e build: Vite replaces MODE at build time, so production drops it.
if (import.meta.env.MODE === 'e2e') {
  void import('./ui/e2e-hook').then(({ installE2eHook }) => {
    installE2eHook(store);
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <SessionProvider store={store}>
      <App />
    </SessionProvider>
  </StrictMode>,
);
