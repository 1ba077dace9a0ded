/**
 * What to tell the user for each error code that can end a check: one typed, exhaustive map, so a new code
 * without words fails to compile. Later layers (card, transport) add their codes to `ErrorCode`.
 */
import type { PolicyErrorCode } from '../policy';

export type ErrorCode = PolicyErrorCode;

export interface ErrorMessage {
  readonly ja: string;
  readonly en: string;
}

export const ERROR_MESSAGES: Readonly<Record<ErrorCode, ErrorMessage>> = Object.freeze({
  'policy.invalid-date': {
    ja: '日付として正しくありません。',
    en: 'That is not a valid date.',
  },
  'policy.date-outside-era': {
    ja: 'その元号にない日付です（例: 昭和64年1月8日は平成元年）。',
    en: 'That date is not in the given era (e.g. 昭和64年1月8日 is 平成元年).',
  },
  'policy.unrecognised-date': {
    ja: '日付の形式を読み取れません。',
    en: 'The date is not in a recognised format.',
  },
  'policy.unknown-birth-date': {
    ja: '電子証明書に生年月日が記録されていません。',
    en: 'The certificate records no date of birth.',
  },
  'policy.era-code-mismatch': {
    ja: '電子証明書の生年月日が正しくありません。',
    en: "The certificate's date of birth is inconsistent.",
  },
  'policy.birth-date-in-future': {
    ja: '生年月日が今日より後です。',
    en: 'The date of birth is after today.',
  },
  'policy.invalid-threshold': {
    ja: '確認する年齢の設定が正しくありません。',
    en: 'The minimum age setting is invalid.',
  },
});

/** Words for an error code from any layer; codes without an entry get a general message (never silence). */
export function errorMessage(code: string): ErrorMessage {
  return Object.hasOwn(ERROR_MESSAGES, code)
    ? ERROR_MESSAGES[code as ErrorCode]
    : { ja: `エラーが発生しました（${code}）。`, en: `An error occurred (${code}).` };
}
