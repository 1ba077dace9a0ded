/**
 * Pairing with the local PC/SC bridge, with the code the bridge printed: in the reader panel at the counter,
 * and on the staff screen (behind the staff PIN), where a kiosk pairs. The pairing itself lives below the UI
 * (`reader-store` → `BridgeConnection`): this only shows its state and passes the code on.
 */
import { useId, useState } from 'react';
import { errorMessage } from '../error-messages';
import { useReader } from '../reader-context';
import { useSession, useTranslate } from '../session-context';

export function BridgePairing({ testId = 'bridge' }: { testId?: string }) {
  const t = useTranslate();
  const language = useSession((s) => s.settings.language);
  const bridge = useReader((s) => s.bridge);
  const errorCode = useReader((s) => s.bridgeErrorCode);
  const pairBridge = useReader((s) => s.pairBridge);
  const inputId = useId();
  const hintId = useId();
  const [code, setCode] = useState('');
  if (bridge === 'off') return null;
  return (
    <div className="bridge-pairing" data-testid={testId} data-state={bridge}>
      <h3>{t('bridge.heading')}</h3>
      {bridge === 'absent' && <p className="notice">{t('bridge.absent')}</p>}
      {bridge === 'paired' && <p>{t('bridge.paired')}</p>}
      {bridge === 'untrusted' && (
        <p className="notice" role="alert" data-testid={`${testId}.untrusted`}>
          {t('bridge.untrusted')}
        </p>
      )}
      {(bridge === 'unpaired' || bridge === 'untrusted') && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void pairBridge(code).then(() => {
              setCode('');
            });
          }}
        >
          <p id={hintId}>{t('bridge.pair.hint')}</p>
          <label htmlFor={inputId}>{t('bridge.pair.label')}</label>{' '}
          <input
            id={inputId}
            data-testid={`${testId}.code`}
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            aria-describedby={hintId}
            aria-invalid={errorCode !== null}
            value={code}
            onChange={(e) => {
              setCode(e.target.value.replace(/\D/g, ''));
            }}
          />{' '}
          <button type="submit" data-testid={`${testId}.pair`}>
            {t('bridge.pair.submit')}
          </button>
          {errorCode !== null && (
            <p role="alert" className="notice" data-testid={`${testId}.error`} data-code={errorCode}>
              {errorMessage(errorCode)[language]}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
