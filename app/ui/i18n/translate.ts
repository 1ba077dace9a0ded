/**
 * Looks up a message and fills its `{name}` parameters.
 */
import type { Language } from '../../store/settings';
import { MESSAGES, type MessageKey } from './messages';

export type MessageParams = Readonly<Record<string, string | number>>;

/** The text of `key` in `language`, with parameters filled in. A missing parameter stays visible as `{name}`. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
