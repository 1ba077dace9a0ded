/**
 * The counter's card reader, for staff: which reader to use, connecting a USB one, and a reader test that reads
 * the authentication certificate (no personal data) to prove the path to the card. When the system will not let
 * the browser open the reader, a note for the administrator says what to change on this system.
 */
import { useId } from 'react';
import { ReaderAccessHelp } from '../ReaderAccessHelp';
import { useReader } from '../reader-context';
import { useErrorText, useTranslate } from '../session-context';

export function ReaderSection() {
  const t = useTranslate();
  const errorText = useErrorText();
  const selectId = useId();
  const { webUsb, webNfc, choices, selectedId, status, errorCode, check } = useReader((s) => s);
  const select = useReader((s) => s.select);
  const requestReader = useReader((s) => s.requestReader);
  const runReaderCheck = useReader((s) => s.runReaderCheck);
  const hasTransport = useReader((s) => s.transport !== null);
  const statusText = status === 'error' && errorCode ? errorText(errorCode) : t(`reader.status.${status}`);
  return (
    <section className="staff-section" aria-labelledby={`${selectId}-title`} data-testid="staff.reader">
      <h3 id={`${selectId}-title`}>{t('reader.heading')}</h3>
      {!webUsb && <p className="notice">{t('reader.noWebUsb')}</p>}
      {webNfc && <p className="notice">{t('reader.webNfc')}</p>}
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
              {choice.simulated
                ? t('reader.virtual')
                : choice.bridge
                  ? t('reader.bridgeChoice', { name: choice.label })
                  : choice.label}
            </option>
          ))}
        </select>
        {webUsb && (
          <button type="button" data-testid="staff.reader.connect" onClick={() => void requestReader()}>
            {t('reader.connect')}
          </button>
        )}
      </div>
      <p className="reader-status" data-testid="staff.reader.status" data-status={status}>
        {statusText}
      </p>
      {status === 'error' && <ReaderAccessHelp errorCode={errorCode} />}
      {hasTransport && (
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
          <span data-testid="reader.check.result" data-state={check.state} role="status">
            {check.state === 'ok' && t('reader.check.ok')}
            {check.state === 'failed' && t('reader.check.failed')}
          </span>
        </div>
      )}
    </section>
  );
}
