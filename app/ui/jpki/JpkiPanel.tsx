/**
 * Method 1 on screen: tries left first, then the password (never asked below 2 tries), then progress through
 * reading, signing and verifying; the result goes to the session store as evidence or as a failure code.
 */
import { useRef, useState } from 'react';
import type { JpkiCheck, JpkiStage } from '../../methods/jpki-signature/jpki-signature-check';
import { errorCodeOf } from '../../store/reader-store';
import { useReader } from '../reader-context';
import { useServices } from '../services-context';
import { useSession, useSessionStore, useTranslate } from '../session-context';
import { PasswordPad } from './PasswordPad';

type PanelState =
  | { readonly step: 'ready' }
  | { readonly step: 'opening' }
  | { readonly step: 'password'; readonly triesLeft: number; readonly notice: 'rejected' | 'invalid-format' | null }
  | { readonly step: 'working'; readonly stage: JpkiStage; readonly percent: number };

const METHOD = 'jpki-signature';
const READY: PanelState = { step: 'ready' };

export function JpkiPanel() {
  const t = useTranslate();
  const session = useSessionStore();
  const services = useServices();
  const phase = useSession((s) => s.phase);
  const mine = useSession((s) => s.method === METHOD);
  const transport = useReader((s) => s.transport);
  const cardPresent = useReader((s) => s.status === 'card-present');
  const [local, setState] = useState<PanelState>(READY);
  const [notConfigured, setNotConfigured] = useState(false);
  const check = useRef<JpkiCheck | null>(null);

  // A reset of the session (button, idle timeout, settings) ends whatever this panel was doing.
  const state: PanelState = phase !== 'idle' && mine ? local : READY;

  const fail = (error: unknown) => {
    check.current = null;
    session.getState().completeCheck(METHOD, { kind: 'failed', errorCode: errorCodeOf(error) });
  };

  const start = async () => {
    if (!transport) return;
    const signal = session.getState().beginCheck(METHOD);
    if (!signal) return;
    setState({ step: 'opening' });
    try {
      const trust = await services.loadTrust();
      if (!trust) {
        setNotConfigured(true);
        session.getState().reset();
        return;
      }
      const revocation = await services.loadRevocation();
      const { openJpkiCheck } = await import('../../methods/jpki-signature/jpki-signature-check');
      const opened = await openJpkiCheck({
        transport,
        loadTrust: () => Promise.resolve(trust),
        revocation,
        now: () => new Date(),
        random: (n) => crypto.getRandomValues(new Uint8Array(n)),
        signal,
        onStage: (stage) => {
          setState({ step: 'working', stage, percent: 0 });
        },
        onProgress: ({ done, total }) => {
          setState({ step: 'working', stage: 'reading-certificate', percent: Math.round((100 * done) / total) });
        },
      });
      if (opened.kind === 'refused') {
        fail({ code: opened.triesLeft === 0 ? 'card.pin-blocked' : 'card.pin-too-few-tries' });
        return;
      }
      check.current = opened.check;
      setState({ step: 'password', triesLeft: opened.triesLeft, notice: null });
    } catch (error) {
      fail(error);
    }
  };

  const submit = async (password: Uint8Array) => {
    const current = check.current;
    if (!current || state.step !== 'password') {
      password.fill(0);
      return;
    }
    setState({ step: 'working', stage: 'checking-password', percent: 0 });
    try {
      const result = await current.submitPassword(password);
      if (result.kind === 'evidence') {
        check.current = null;
        session.getState().completeCheck(METHOD, result.evidence);
      } else if (result.kind === 'invalid-format') {
        setState({ ...state, notice: 'invalid-format' });
      } else if (result.canRetry) {
        setState({ step: 'password', triesLeft: result.triesLeft, notice: 'rejected' });
      } else {
        fail({ code: 'card.pin-too-few-tries' });
      }
    } catch (error) {
      fail(error);
    }
  };

  const busyElsewhere = phase !== 'idle' && !mine;
  return (
    <div className="method-body" data-testid="jpki" data-step={state.step}>
      {state.step === 'ready' && (
        <>
          {notConfigured && <p className="notice">{t('jpki.notConfigured')}</p>}
          {!cardPresent && <p className="method-hint">{t('jpki.needsCard')}</p>}
          <button
            type="button"
            className="button-primary"
            data-testid="jpki.start"
            disabled={!transport || !cardPresent || busyElsewhere || phase === 'verdict'}
            onClick={() => void start()}
          >
            {t('jpki.start')}
          </button>
        </>
      )}
      {state.step === 'opening' && <p role="status">{t('jpki.opening')}</p>}
      {state.step === 'password' && (
        <>
          <p data-testid="jpki.tries">{t('jpki.triesLeft', { tries: state.triesLeft })}</p>
          <p>{t('jpki.prompt')}</p>
          {state.notice && (
            <p className="notice" role="alert" data-testid="jpki.notice">
              {state.notice === 'rejected' ? t('jpki.rejected', { tries: state.triesLeft }) : t('jpki.invalidFormat')}
            </p>
          )}
          <PasswordPad
            onSubmit={(password) => void submit(password)}
            onCancel={() => {
              session.getState().reset();
            }}
          />
        </>
      )}
      {state.step === 'working' && (
        <div role="status">
          <p>{t(`jpki.stage.${state.stage}`, { percent: state.percent })}</p>
          {state.stage === 'reading-certificate' && <progress max={100} value={state.percent} />}
        </div>
      )}
    </div>
  );
}
