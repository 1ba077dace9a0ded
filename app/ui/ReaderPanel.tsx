/**
 * The card reader shared by the chip methods: choose or connect a reader, see whether a card is on it, and
 * (for staff) test the path to the card. In demo mode it also offers the simulator's controls.
 */
import { useEffect, useId, useState } from 'react';
import { CONFIG } from '../config';
import { BridgePairing } from './staff/BridgePairing';
import { errorMessage } from './error-messages';
import { ReaderAccessHelp } from './ReaderAccessHelp';
import { useDemoControls, useReader } from './reader-context';
import { useSession, useTranslate } from './session-context';

/** Checks card presence every `CONFIG.readerPollIntervalMs` while a reader is open. */
function usePresencePolling(): void {
  const poll = useReader((s) => s.poll);
  const hasTransport = useReader((s) => s.transport !== null);
  useEffect(() => {
    if (!hasTransport) return undefined;
    const timer = window.setInterval(() => void poll(), CONFIG.readerPollIntervalMs);
    return () => {
      window.clearInterval(timer);
    };
  }, [hasTransport, poll]);
}

function DemoPanel() {
  const t = useTranslate();
  const demo = useDemoControls();
  const [cardIn, setCardIn] = useState(true);
  const [plugged, setPlugged] = useState(true);
  if (!demo) return null;
  return (
    <div className="demo-panel" data-testid="demo">
      <p className="demo-notice">
        <strong>{t('demo.heading')}</strong> {t('demo.notice')} {t('demo.persona', { persona: demo.persona })}
      </p>
      <p className="demo-face" data-testid="demo.face">
        {t('demo.face')} <span data-testid="demo.face.birth">{demo.face.birthDateText}</span> /{' '}
        <span data-testid="demo.face.expiry">{demo.face.expiryText}</span> / {t('numberb.code')}{' '}
        <span data-testid="demo.face.code">{demo.face.securityCode}</span>
      </p>
      <div className="button-row">
        <button
          type="button"
          data-testid="demo.card"
          onClick={() => {
            demo.setCardsPresent(!cardIn);
            setCardIn(!cardIn);
          }}
        >
          {t(cardIn ? 'demo.removeCard' : 'demo.insertCard')}
        </button>
        <button
          type="button"
          data-testid="demo.reader"
          onClick={() => {
            demo.setReadersPlugged(!plugged);
            setPlugged(!plugged);
          }}
        >
          {t(plugged ? 'demo.unplug' : 'demo.replug')}
        </button>
      </div>
    </div>
  );
}

export function ReaderPanel() {
  const t = useTranslate();
  const language = useSession((s) => s.settings.language);
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const selectId = useId();
  const { webUsb, webNfc, choices, selectedId, status, errorCode, check } = useReader((s) => s);
  const select = useReader((s) => s.select);
  const requestReader = useReader((s) => s.requestReader);
  const runReaderCheck = useReader((s) => s.runReaderCheck);
  const hasTransport = useReader((s) => s.transport !== null);
  usePresencePolling();

  const statusText = status === 'error' && errorCode ? errorMessage(errorCode)[language] : t(`reader.status.${status}`);
  const symbol = status === 'card-present' ? '●' : status === 'error' ? '!' : '○';

  return (
    <section className="reader-panel" aria-labelledby="reader-heading" data-testid="reader" data-status={status}>
      <h2 id="reader-heading">{t('reader.heading')}</h2>
      {!webUsb && <p className="notice">{t('reader.noWebUsb')}</p>}
      {webNfc && <p className="notice">{t('reader.webNfc')}</p>}
      {!kiosk && (
        <div className="reader-controls">
          <label htmlFor={selectId}>{t('reader.choose')}</label>
          <select
            id={selectId}
            data-testid="reader.choice"
            value={selectedId ?? ''}
            onChange={(e) => {
              if (e.target.value) void select(e.target.value);
            }}
          >
            <option value="">{t('reader.none')}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.bridge ? t('reader.bridgeChoice', { name: choice.label }) : choice.label}
              </option>
            ))}
          </select>
          {webUsb && (
            <button type="button" data-testid="reader.connect" onClick={() => void requestReader()}>
              {t('reader.connect')}
            </button>
          )}
        </div>
      )}
      <p className="reader-status" role="status" data-testid="reader.status">
        <span aria-hidden="true">{symbol} </span>
        {statusText}
      </p>
      {!kiosk && status === 'error' && <ReaderAccessHelp errorCode={errorCode} />}
      {!kiosk && hasTransport && (
        <div className="reader-check">
          <button
            type="button"
            data-testid="reader.check"
            disabled={check.state === 'running'}
            onClick={() => void runReaderCheck()}
          >
            {t('reader.check')}
          </button>
          {check.state === 'running' && (
            <>
              <progress max={1} value={check.progress} aria-label={t('reader.check')} />
              <span>{t('reader.check.running', { percent: Math.round(check.progress * 100) })}</span>
            </>
          )}
          <span data-testid="reader.check.result" data-state={check.state}>
            {check.state === 'ok' && t('reader.check.ok', { bytes: check.certificateBytes ?? 0 })}
            {check.state === 'failed' && t('reader.check.failed')}
          </span>
        </div>
      )}
      {!kiosk && <BridgePairing />}
      {!kiosk && <DemoPanel />}
    </section>
  );
}
