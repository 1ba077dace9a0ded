/**
 * Pairing with the local PC/SC bridge (launch URL `bridge=`), on the staff screen (behind the staff PIN, where a
 * kiosk pairs too): the 6-digit code the bridge printed. The pairing itself lives below the UI (`reader-store`
 * → `BridgeConnection`: OPAQUE over the code, a pairing that lasts through reloads): this only shows its state
 * and passes the code on. Shown only when a bridge is configured.
 */
import { useId, useState } from 'react';
import { useReader } from '../reader-context';
import { useErrorText, useTranslate } from '../session-context';

export function BridgePairing() {
  const t = useTranslate();
  const errorText = useErrorText();
  const bridge = useReader((s) => s.bridge);
  const errorCode = useReader((s) => s.bridgeErrorCode);
  const pairBridge = useReader((s) => s.pairBridge);
  const inputId = useId();
  const hintId = useId();
  const [code, setCode] = useState('');
  if (bridge === 'off') return null;
  return (
    <section
      className="staff-section bridge-pairing"
      data-testid="bridge"
      data-state={bridge}
      aria-labelledby={`${inputId}-title`}
    >
      <h3 id={`${inputId}-title`}>{t('bridge.heading')}</h3>
      {bridge === 'absent' && <p className="notice">{t('bridge.absent')}</p>}
      {bridge === 'paired' && <p>{t('bridge.paired')}</p>}
      {bridge === 'untrusted' && (
        <p className="notice" role="alert" data-testid="bridge.untrusted">
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
            data-testid="bridge.code"
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
          <button type="submit" data-testid="bridge.pair">
            {t('bridge.pair.submit')}
          </button>
          {errorCode !== null && (
            <p role="alert" className="notice" data-testid="bridge.error" data-code={errorCode}>
              {errorText(errorCode)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
