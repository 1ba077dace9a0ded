/**
 * Gives components the one session store, read through selectors, and the words of its language.
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ErrorCode } from '../store/errors';
import type { SessionState, SessionStore } from '../store/session-store';
import type { Language } from '../store/settings';
import { loadCatalogue } from './i18n/catalogue';
import type { MessageKey } from './i18n/ja';
import { errorText, translate, type MessageParams } from './i18n/translate';

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

/** The store itself, for actions outside render. */
export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside SessionProvider');
  return store;
}

/** A slice of the session state; the component re-renders when it changes. */
export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(useSessionStore(), selector);
}

/** The translate function for the current language. */
export function useTranslate(): (key: MessageKey, params?: MessageParams) => string {
  const language = useSession((s) => s.settings.language);
  return useCallback((key: MessageKey, params?: MessageParams) => translate(language, key, params), [language]);
}

/** The words for an error code in the current language. */
export function useErrorText(): (code: ErrorCode) => string {
  const language = useSession((s) => s.settings.language);
  return useCallback((code: ErrorCode) => errorText(language, code), [language]);
}

/** Switches the language once its words have loaded (a shown verdict stays). */
export function useSetLanguage(): (language: Language) => void {
  const store = useSessionStore();
  return useCallback(
    (language: Language) => {
      void loadCatalogue(language).then(() => {
        store.getState().updateSettings({ language });
      });
    },
    [store],
  );
}
