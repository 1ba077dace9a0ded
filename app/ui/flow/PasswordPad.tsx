/**
 * Masked entry of the signature password with an on-screen keyboard (a kiosk has no physical keyboard) that
 * also takes typed keys. The characters live only in a byte buffer, never in a string, React state or the
 * DOM: letters are folded to upper case and anything but A–Z 0–9 is ignored. The buffer is handed over as
 * bytes and zeroed here.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslate } from '../session-context';

const KEYS = Array.from('1234567890QWERTYUIOPASDFGHJKLZXCVBNM');
const MAX_LENGTH = 16;

export function PasswordPad({
  onSubmit,
  onCancel,
  describedBy,
}: {
  onSubmit: (password: Uint8Array) => void;
  onCancel: () => void;
  /** The tries left and any notice, read with the field. */
  describedBy?: string;
}) {
  const t = useTranslate();
  const buffer = useRef(new Uint8Array(MAX_LENGTH));
  const [count, setCount] = useState(0);
  const length = useRef(0);

  // Whatever happens to the panel, the typed characters do not outlive it.
  useEffect(() => {
    const bytes = buffer.current;
    return () => {
      bytes.fill(0);
    };
  }, []);

  const type = (key: string) => {
    const upper = key.toUpperCase();
    if (!/^[A-Z0-9]$/.test(upper) || length.current >= MAX_LENGTH) return;
    buffer.current[length.current] = upper.charCodeAt(0);
    length.current += 1;
    setCount(length.current);
  };
  const backspace = () => {
    if (length.current === 0) return;
    length.current -= 1;
    buffer.current[length.current] = 0;
    setCount(length.current);
  };
  const clear = () => {
    buffer.current.fill(0);
    length.current = 0;
    setCount(0);
  };
  const submit = () => {
    const password = buffer.current.slice(0, length.current);
    clear();
    onSubmit(password);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') submit();
    else if (event.key === 'Backspace') backspace();
    else if (event.key === 'Escape') onCancel();
    else if (event.key.length === 1) type(event.key);
    else return;
    event.preventDefault();
  };

  return (
    <div className="password-pad">
      <div
        className="password-field"
        role="textbox"
        aria-label={t('jpki.field')}
        aria-describedby={describedBy}
        aria-description={t('jpki.entered', { count })}
        tabIndex={0}
        data-testid="jpki.password"
        data-count={count}
        onKeyDown={onKeyDown}
        // Focus on mount, so a physical keyboard works at once.
        ref={(element) => element?.focus()}
      >
        {'●'.repeat(count) || ' '}
      </div>
      <div className="keypad" role="group" aria-label={t('jpki.field')}>
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className="key"
            onClick={() => {
              type(key);
            }}
            data-key={key}
          >
            {key}
          </button>
        ))}
        <button
          type="button"
          className="key key-wide"
          data-key="backspace"
          onClick={backspace}
          aria-label={t('jpki.backspace')}
        >
          ⌫
        </button>
        <button type="button" className="key key-wide" data-key="clear" onClick={clear}>
          {t('jpki.clear')}
        </button>
      </div>
      <button type="button" className="button-primary button-huge" data-testid="jpki.submit" onClick={submit}>
        {t('jpki.submit')}
      </button>
    </div>
  );
}
