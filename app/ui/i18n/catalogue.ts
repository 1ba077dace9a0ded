/**
 * The loaded word lists. Japanese is built in (it is also the type of every list); English loads when it is
 * first needed — at start-up when the launch URL asks for it, else when someone switches — so a Japanese
 * terminal never downloads it.
 */
import type { ErrorCode } from '../../store/errors';
import type { Language } from '../../store/settings';
import { JA_ERRORS, ja, type MessageKey } from './ja';

export interface Catalogue {
  readonly messages: Readonly<Record<MessageKey, string>>;
  /** What to tell the user for each error code: typed over every code, so a code without words fails to compile. */
  readonly errors: Readonly<Record<ErrorCode, string>>;
}

const loaded: Partial<Record<Language, Catalogue>> = { ja: { messages: ja, errors: JA_ERRORS } };

/** Loads `language`'s list if it is not loaded yet. */
export async function loadCatalogue(language: Language): Promise<void> {
  if (loaded[language]) return;
  const { en, EN_ERRORS } = await import('./en');
  loaded.en = { messages: en, errors: EN_ERRORS };
}

/** The list of `language`, or Japanese until it has loaded. */
export function catalogue(language: Language): Catalogue {
  return loaded[language] ?? { messages: ja, errors: JA_ERRORS };
}
