/**
 * Six digits of the era birth date (YYMMDD, as in 照合番号B): one field, numeric keyboard, nothing kept in
 * React state — the digits stay in the input element until the check takes them.
 */
import { useId, type RefObject } from 'react';
import { useTranslate } from '../session-context';

export function SixDigitEntry({
  inputRef,
  invalid,
  testId,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  invalid: boolean;
  testId: string;
}) {
  const t = useTranslate();
  const id = useId();
  const hint = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('sixDigits.label')}</label>
      <input
        id={id}
        ref={inputRef}
        data-testid={testId}
        inputMode="numeric"
        autoComplete="off"
        maxLength={6}
        size={8}
        aria-describedby={hint}
        aria-invalid={invalid}
      />
      <span id={hint} className="method-hint">
        {t('sixDigits.hint')}
      </span>
      {invalid && (
        <span className="field-error" role="alert">
          {t('sixDigits.invalid')}
        </span>
      )}
    </div>
  );
}
