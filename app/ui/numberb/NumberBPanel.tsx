/**
 * Method 2 on screen: 照合番号B in three labelled groups, checked before anything is sent. The digits stay in
 * the input elements (never in React state or the store) and go to the card layer as bytes, wiped after use.
 * A refusal shows the tries left and the group most likely wrong; the clerk corrects it — nothing is retried.
 */
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useStore } from 'zustand';
import type { NumberBGroup, NumberBProblem } from '../../methods/number-b/number-b';
import { japanDate } from '../../policy';
import { errorCodeOf } from '../../store/reader-store';
import type { MessageKey } from '../i18n/messages';
import { useReader } from '../reader-context';
import { useServices } from '../services-context';
import { useSession, useSessionStore, useTranslate } from '../session-context';

const METHOD = 'number-b';

function problemMessage(problem: NumberBProblem): MessageKey {
  switch (problem.group) {
    case 'birth':
      return `numberb.problem.birth.${problem.code}`;
    case 'expiry':
      return `numberb.problem.expiry.${problem.code}`;
    case 'code':
      return `numberb.problem.code.${problem.code}`;
  }
}

type Feedback =
  | { readonly kind: 'none' }
  | { readonly kind: 'problems'; readonly problems: readonly NumberBProblem[] }
  | { readonly kind: 'rejected'; readonly triesLeft: number; readonly likelyWrong: NumberBGroup };

export function NumberBPanel() {
  const t = useTranslate();
  const session = useSessionStore();
  const phase = useSession((s) => s.phase);
  const mine = useSession((s) => s.method === METHOD);
  const transport = useReader((s) => s.transport);
  const cardPresent = useReader((s) => s.status === 'card-present');
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' });
  const [working, setWorking] = useState(false);
  const [convertFailed, setConvertFailed] = useState(false);
  const ids = { birth: useId(), expiry: useId(), code: useId(), convert: useId() };
  const birth = useRef<HTMLInputElement>(null);
  const expiry = useRef<HTMLInputElement>(null);
  const code = useRef<HTMLInputElement>(null);
  const convert = useRef<HTMLInputElement>(null);
  const { handover, loadCvTrust, chipPhoto } = useServices();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const offered = useStore(handover, (h) => h.numberB !== null);
  // Number B read from the card face: fill the three groups (in the DOM only) and forget the offer.
  useEffect(() => {
    if (!offered) return;
    const numberB = handover.getState().take();
    if (!numberB) return;
    if (birth.current) birth.current.value = numberB.birth;
    if (expiry.current) expiry.current.value = numberB.expiryYear;
    if (code.current) code.current.value = numberB.securityCode;
  }, [offered, handover]);
  const busyElsewhere = phase !== 'idle' && !mine;
  const shown: Feedback = phase !== 'idle' && !mine ? { kind: 'none' } : feedback;

  const clearInputs = () => {
    for (const input of [birth, expiry, code, convert]) if (input.current) input.current.value = '';
  };

  const fillBirth = async () => {
    const { birthDigitsFromText } = await import('../../methods/number-b/number-b');
    const digits = birthDigitsFromText(convert.current?.value ?? '');
    setConvertFailed(digits === null);
    if (digits && birth.current) birth.current.value = digits;
  };

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!transport || working) return;
    const input = {
      birth: birth.current?.value ?? '',
      expiryYear: expiry.current?.value ?? '',
      securityCode: code.current?.value ?? '',
    };
    const today = japanDate(new Date());
    const { runNumberBCheck, validateNumberB } = await Promise.all([
      import('../../methods/number-b/number-b-check'),
      import('../../methods/number-b/number-b'),
    ]).then(([check, entry]) => ({ ...check, ...entry }));
    const problems = validateNumberB(input, today);
    if (problems.length > 0) {
      setFeedback({ kind: 'problems', problems });
      return;
    }
    const signal = mine && phase === 'checking' ? undefined : session.getState().beginCheck(METHOD);
    if (signal === null) return;
    setWorking(true);
    try {
      const result = await runNumberBCheck(
        {
          transport,
          today,
          // The chip's photo is for the clerk's eyes: a kiosk never reads it.
          readPhoto: !kiosk,
          loadCvTrust,
          random: (length) => crypto.getRandomValues(new Uint8Array(length)),
          ...(signal ? { signal } : {}),
        },
        input,
      );
      if (result.kind === 'evidence') {
        clearInputs();
        setFeedback({ kind: 'none' });
        session.getState().completeCheck(METHOD, result.evidence);
        // Beside an of-age verdict only, where the clerk must compare faces; otherwise it is wiped unseen.
        if (result.photo && session.getState().verdict?.outcome === 'of-age') chipPhoto.getState().show(result.photo);
        else result.photo?.fill(0);
      } else if (result.kind === 'rejected') {
        setFeedback({ kind: 'rejected', triesLeft: result.triesLeft, likelyWrong: result.likelyWrong });
      } else if (result.kind === 'too-few-tries') {
        clearInputs();
        session.getState().completeCheck(METHOD, {
          kind: 'failed',
          errorCode: result.triesLeft === 0 ? 'card.pin-blocked' : 'number-b.too-few-tries',
        });
      } else {
        setFeedback({ kind: 'problems', problems: result.problems });
      }
    } catch (error) {
      clearInputs();
      setFeedback({ kind: 'none' });
      session.getState().completeCheck(METHOD, { kind: 'failed', errorCode: errorCodeOf(error) });
    } finally {
      setWorking(false);
    }
  };

  const problemFor = (group: NumberBGroup) =>
    shown.kind === 'problems' ? shown.problems.filter((p) => p.group === group) : [];
  const field = (
    group: NumberBGroup,
    id: string,
    ref: React.RefObject<HTMLInputElement | null>,
    length: number,
    label: MessageKey,
  ) => (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <input
        id={id}
        ref={ref}
        data-testid={`numberb.${group}`}
        inputMode="numeric"
        autoComplete="off"
        maxLength={length}
        size={length + 2}
        aria-invalid={problemFor(group).length > 0 || (shown.kind === 'rejected' && shown.likelyWrong === group)}
      />
      {problemFor(group).map((p) => (
        <span key={p.code} className="field-error" role="alert">
          {t(problemMessage(p))}
        </span>
      ))}
    </div>
  );

  return (
    <form className="method-body numberb" data-testid="numberb" onSubmit={(e) => void submit(e)} noValidate>
      {!cardPresent && <p className="method-hint">{t('jpki.needsCard')}</p>}
      <div className="numberb-groups">
        {field('birth', ids.birth, birth, 6, 'numberb.birth')}
        {field('expiry', ids.expiry, expiry, 4, 'numberb.expiry')}
        {field('code', ids.code, code, 4, 'numberb.code')}
      </div>
      <p className="method-hint">{t('numberb.birth.hint')}</p>
      <details className="numberb-convert">
        <summary data-testid="numberb.convert.open">{t('numberb.convert')}</summary>
        <label htmlFor={ids.convert} className="visually-hidden">
          {t('numberb.convert')}
        </label>
        <input
          id={ids.convert}
          ref={convert}
          data-testid="numberb.convert"
          placeholder={t('numberb.convert.placeholder')}
          autoComplete="off"
        />
        <button type="button" data-testid="numberb.convert.button" onClick={() => void fillBirth()}>
          {t('numberb.convert.button')}
        </button>
        {convertFailed && <span className="field-error">{t('numberb.convert.failed')}</span>}
      </details>
      {shown.kind === 'rejected' && (
        <p className="notice" role="alert" data-testid="numberb.rejected">
          {t('numberb.rejected', { tries: shown.triesLeft })} {t(`numberb.likely.${shown.likelyWrong}`)}
        </p>
      )}
      {working && <p role="status">{t('numberb.working')}</p>}
      <div className="button-row">
        <button
          type="submit"
          className="button-primary"
          data-testid="numberb.submit"
          disabled={!transport || !cardPresent || busyElsewhere || phase === 'verdict' || working}
        >
          {t('numberb.submit')}
        </button>
        {mine && phase === 'checking' && (
          <button
            type="button"
            onClick={() => {
              clearInputs();
              setFeedback({ kind: 'none' });
              session.getState().reset();
            }}
          >
            {t('numberb.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
