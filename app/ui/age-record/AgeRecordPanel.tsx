/**
 * The age-record check on screen: six era birth digits (typed, or handed over from the card face) open the
 * chip's J-LIS-signed date of birth. A refusal shows the tries left; nothing is retried.
 */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useStore } from 'zustand';
import type { AgeRecordInput } from '../../methods/age-record/age-record-check';
import { japanDate } from '../../policy';
import { errorCodeOf } from '../../store/reader-store';
import { useReader } from '../reader-context';
import { useServices } from '../services-context';
import { useSession, useSessionStore, useTranslate } from '../session-context';
import { SixDigitEntry } from './SixDigitEntry';

const METHOD = 'age-record';

type Feedback =
  { readonly kind: 'none' } | { readonly kind: 'invalid' } | { readonly kind: 'rejected'; readonly triesLeft: number };

export function AgeRecordPanel() {
  const t = useTranslate();
  const session = useSessionStore();
  const phase = useSession((s) => s.phase);
  const mine = useSession((s) => s.method === METHOD);
  const transport = useReader((s) => s.transport);
  const cardPresent = useReader((s) => s.status === 'card-present');
  const { handover, loadCvTrust } = useServices();
  const offered = useStore(handover, (h) => h.ageRecord !== null);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' });
  const [working, setWorking] = useState(false);
  const birth = useRef<HTMLInputElement>(null);
  /** The printed expiry, when the digits came from the card face (an expired card is then refused). */
  const faceExpiry = useRef<string | undefined>(undefined);
  const busyElsewhere = phase !== 'idle' && !mine;
  const shown: Feedback = busyElsewhere ? { kind: 'none' } : feedback;

  useEffect(() => {
    if (!offered) return;
    const input = handover.getState().takeAgeRecord();
    if (!input || !birth.current) return;
    birth.current.value = input.birth;
    faceExpiry.current = input.faceExpiry;
  }, [offered, handover]);

  const clear = () => {
    if (birth.current) birth.current.value = '';
    faceExpiry.current = undefined;
  };

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!transport || working) return;
    const today = japanDate(new Date());
    const { runAgeRecordCheck, birthDigits } = await import('../../methods/age-record/age-record-check');
    const input: AgeRecordInput = {
      birth: birth.current?.value ?? '',
      ...(faceExpiry.current ? { faceExpiry: faceExpiry.current } : {}),
    };
    if (birthDigits(input.birth, today) === null) {
      setFeedback({ kind: 'invalid' });
      return;
    }
    const signal = mine && phase === 'checking' ? undefined : session.getState().beginCheck(METHOD);
    if (signal === null) return;
    setWorking(true);
    try {
      const result = await runAgeRecordCheck(
        {
          transport,
          today,
          loadCvTrust,
          random: (length) => crypto.getRandomValues(new Uint8Array(length)),
          ...(signal ? { signal } : {}),
        },
        input,
      );
      if (result.kind === 'evidence') {
        clear();
        setFeedback({ kind: 'none' });
        session.getState().completeCheck(METHOD, result.evidence);
      } else if (result.kind === 'rejected') {
        setFeedback({ kind: 'rejected', triesLeft: result.triesLeft });
      } else if (result.kind === 'too-few-tries') {
        clear();
        session.getState().completeCheck(METHOD, {
          kind: 'failed',
          errorCode: result.triesLeft === 0 ? 'card.pin-blocked' : 'age-record.too-few-tries',
        });
      } else {
        setFeedback({ kind: 'invalid' });
      }
    } catch (error) {
      clear();
      setFeedback({ kind: 'none' });
      session.getState().completeCheck(METHOD, { kind: 'failed', errorCode: errorCodeOf(error) });
    } finally {
      setWorking(false);
    }
  };

  return (
    <form className="method-body agerecord" data-testid="agerecord" onSubmit={(e) => void submit(e)} noValidate>
      {!cardPresent && <p className="method-hint">{t('jpki.needsCard')}</p>}
      <SixDigitEntry inputRef={birth} invalid={shown.kind === 'invalid'} testId="agerecord.birth" />
      {shown.kind === 'rejected' && (
        <p className="notice" role="alert" data-testid="agerecord.rejected">
          {t('agerecord.rejected', { tries: shown.triesLeft })}
        </p>
      )}
      {working && <p role="status">{t('numberb.working')}</p>}
      <div className="button-row">
        <button
          type="submit"
          className="button-primary"
          data-testid="agerecord.submit"
          disabled={!transport || !cardPresent || busyElsewhere || phase === 'verdict' || working}
        >
          {t('agerecord.submit')}
        </button>
        {mine && phase === 'checking' && (
          <button
            type="button"
            onClick={() => {
              clear();
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
