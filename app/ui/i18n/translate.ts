/**
 * Looks up a message and fills its `{name}` parameters.
 */
import type { ErrorCode } from '../../store/errors';
import type { Language } from '../../store/settings';
import { catalogue } from './catalogue';
import type { MessageKey } from './ja';

export type MessageParams = Readonly<Record<string, string | number>>;

/** The text of `key` in `language`, with parameters filled in. A missing parameter stays visible as `{name}`. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return catalogue(language).messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** What to tell the user about `code` in `language`. */
export function errorText(language: Language, code: ErrorCode): string {
  return catalogue(language).errors[code];
}
