/**
 * Reader diagnostics on the staff screen: records the USB transfers of the next card check, redacted by the
 * reader's driver (command codes, lengths, status words — never card data, PINs or 照合番号B), shows them and
 * saves them as a text file the operator can send to the developers.
 */
import { useId, useState } from 'react';
import { downloadText } from '../download';
import { useReader } from '../reader-context';
import { useTranslate } from '../session-context';

export function ReaderDiagnostics() {
  const t = useTranslate();
  const titleId = useId();
  const trace = useReader((s) => s.trace);
  const startTrace = useReader((s) => s.startTrace);
  const stopTrace = useReader((s) => s.stopTrace);
  const clearTrace = useReader((s) => s.clearTrace);
  const traceText = useReader((s) => s.traceText);
  const [shown, setShown] = useState<string | null>(null);
  const text = () => traceText(new Date().toISOString(), `mynumber-age-check ${import.meta.env.MODE}`);

  return (
    <section className="staff-section staff-diagnostics" aria-labelledby={titleId} data-testid="staff.diagnostics">
      <h3 id={titleId}>{t('staff.diagnostics')}</h3>
      <p>{t('staff.diagnostics.about')}</p>
      <p role="status" data-testid="staff.diagnostics.state" data-state={trace.state}>
        {trace.state === 'off' && t('staff.diagnostics.off')}
        {trace.state === 'recording' && t('staff.diagnostics.recording')}
        {trace.state === 'stopped' && t('staff.diagnostics.stopped', { lines: trace.lines })}
        {trace.state === 'unsupported' && t('staff.diagnostics.unsupported')}
      </p>
      <div className="button-row">
        {trace.state === 'recording' ? (
          <button type="button" data-testid="staff.diagnostics.stop" onClick={stopTrace}>
            {t('staff.diagnostics.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="button-primary"
            data-testid="staff.diagnostics.start"
            onClick={() => {
              setShown(null);
              void startTrace();
            }}
          >
            {t('staff.diagnostics.start')}
          </button>
        )}
        <button
          type="button"
          data-testid="staff.diagnostics.show"
          disabled={trace.state !== 'stopped'}
          onClick={() => {
            setShown(text());
          }}
        >
          {t('staff.diagnostics.show')}
        </button>
        <button
          type="button"
          data-testid="staff.diagnostics.save"
          disabled={trace.state !== 'stopped'}
          onClick={() => {
            const content = text();
            if (content)
              downloadText(
                `reader-trace-${new Date().toISOString().slice(0, 10)}.txt`,
                content,
                'text/plain;charset=utf-8',
              );
          }}
        >
          {t('staff.diagnostics.save')}
        </button>
        <button
          type="button"
          data-testid="staff.diagnostics.clear"
          disabled={trace.state === 'off'}
          onClick={() => {
            setShown(null);
            clearTrace();
          }}
        >
          {t('staff.diagnostics.clear')}
        </button>
      </div>
      {shown !== null && (
        <pre className="staff-trace" data-testid="staff.diagnostics.text" tabIndex={0}>
          {shown}
        </pre>
      )}
    </section>
  );
}
