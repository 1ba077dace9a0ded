/**
 * 照合番号B typed by the clerk in three labelled groups. The digits stay in the fields (never in React state or
 * the store) and go to the store as bytes, which it wipes after use. A refusal shows the tries left, and names a
 * group only when the number itself shows which is wrong; the clerk corrects it — nothing is retried. While the
 * chip is read the fields stay, disabled, so a refusal can be corrected in place. Without the expiry year or
 * security code at hand, the birth group alone opens the chip's J-LIS-signed age record (offered below the main
 * action: number B, which also brings the chip's photo, comes first).
 */
import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { datesFromEraDigits, eraDigits, erasOf, type EraName } from '../../policy';
import { digitBytes } from '../../store/digit-bytes';
import type { NumberBFeedback, NumberBGroup, NumberBProblem } from '../../store/flow-state';
import { convertBirthText } from '../../store/number-b-entry';
import { printedDate } from '../format-date';
import type { MessageKey } from '../i18n/ja';
import { useSession, useTranslate } from '../session-context';
import { StepFrame } from './StepFrame';

/**
 * The dates six birth digits can stand for (the era is not part of 照合番号B), as printed with the Western date
 * beside, so the clerk sees at once whether what was typed is the card's date.
 */
function birthReadings(digits: string, language: 'ja' | 'en'): string[] {
  const folded = digits.normalize('NFKC').replace(/\s+/g, '');
  const inEra = (iso: string, era: EraName) => {
    try {
      return eraDigits(iso, era) === folded;
    } catch {
      return false;
    }
  };
  return datesFromEraDigits(folded).flatMap((iso) =>
    erasOf(iso)
      .filter((era) => inEra(iso, era.name))
      .map((era) => {
        const { printed, western } = printedDate(iso, era.name, language);
        return western ? `${printed}（${western}）` : printed;
      }),
  );
}

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

export function NumberBEntry({ feedback, working }: { feedback: NumberBFeedback; working: number | null | false }) {
  const t = useTranslate();
  const runNumberB = useSession((s) => s.runNumberB);
  const runAgeRecord = useSession((s) => s.runAgeRecord);
  const ids = { birth: useId(), expiry: useId(), code: useId(), convert: useId() };
  const birth = useRef<HTMLInputElement>(null);
  const expiry = useRef<HTMLInputElement>(null);
  const code = useRef<HTMLInputElement>(null);
  const convert = useRef<HTMLInputElement>(null);
  const [convertFailed, setConvertFailed] = useState(false);
  // What the birth digits read as: a date shown for the clerk to compare, not the digits themselves.
  const [readings, setReadings] = useState<string[]>([]);
  const language = useSession((s) => s.settings.language);
  const busy = working !== false;
  const readBirth = () => {
    setReadings(birthReadings(birth.current?.value ?? '', language));
  };

  const fillBirth = async () => {
    const digits = await convertBirthText(convert.current?.value ?? '');
    setConvertFailed(digits === null);
    if (digits && birth.current) birth.current.value = digits;
    readBirth();
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    runNumberB({
      birth: digitBytes(birth.current?.value ?? ''),
      expiryYear: digitBytes(expiry.current?.value ?? ''),
      securityCode: digitBytes(code.current?.value ?? ''),
    });
  };

  const checkBirthOnly = () => {
    if (busy) return;
    runAgeRecord(digitBytes(birth.current?.value ?? ''));
  };

  const problemsOf = (group: NumberBGroup) =>
    feedback.kind === 'problems' ? feedback.problems.filter((p) => p.group === group) : [];
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
        disabled={busy}
        aria-invalid={
          problemsOf(group).length > 0 ||
          (feedback.kind === 'rejected' && feedback.likelyWrong === group) ||
          (feedback.kind === 'birth-rejected' && group === 'birth')
        }
        // The first group takes the focus when the step opens.
        autoFocus={group === 'birth'}
        onInput={group === 'birth' ? readBirth : undefined}
      />
      {group === 'birth' && readings.length > 0 && (
        <span className="birth-readings" data-testid="numberb.birth.reads" aria-live="polite">
          {t('numberb.birth.reads', { dates: readings.join(' / ') })}
        </span>
      )}
      {problemsOf(group).map((p) => (
        <span key={p.code} className="field-error" role="alert">
          {t(problemMessage(p))}
        </span>
      ))}
    </div>
  );

  return (
    <StepFrame
      kind="number-b-entry"
      title={t('step.numberB.title')}
      focusTitle={false}
      actions={
        <button
          type="submit"
          form="numberb-form"
          className="button-primary"
          data-testid="numberb.submit"
          disabled={busy}
        >
          {t('numberb.submit')}
        </button>
      }
      footer={
        <div className="numberb-birth-only">
          <p className="step-hint">{t('numberb.ageRecord.hint')}</p>
          {/* Beside the button that was pressed, so a phone shows it where the clerk is looking. */}
          {feedback.kind === 'birth-rejected' && (
            <p className="notice" role="alert" data-testid="numberb.birthRejected">
              {t('numberb.birthRejected', { tries: feedback.triesLeft })}
            </p>
          )}
          <button
            type="button"
            className="button-secondary"
            data-testid="numberb.ageRecord"
            disabled={busy}
            onClick={checkBirthOnly}
          >
            {t('numberb.ageRecord')}
          </button>
        </div>
      }
    >
      <form id="numberb-form" className="numberb" data-testid="numberb" onSubmit={submit} noValidate>
        <div className="numberb-groups">
          {field('birth', ids.birth, birth, 6, 'numberb.birth')}
          {field('expiry', ids.expiry, expiry, 4, 'numberb.expiry')}
          {field('code', ids.code, code, 4, 'numberb.code')}
        </div>
        <p className="step-hint">{t('numberb.birth.hint')}</p>
        <details className="numberb-convert">
          <summary data-testid="numberb.convert.open">{t('numberb.convert')}</summary>
          <div className="convert-row">
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
            <button
              type="button"
              className="button-secondary"
              data-testid="numberb.convert.button"
              onClick={() => void fillBirth()}
            >
              {t('numberb.convert.button')}
            </button>
          </div>
          {convertFailed && <span className="field-error">{t('numberb.convert.failed')}</span>}
        </details>
      </form>
      {feedback.kind === 'rejected' && (
        <p className="notice" role="alert" data-testid="numberb.rejected">
          {t('numberb.rejected', { tries: feedback.triesLeft })}{' '}
          {t(feedback.likelyWrong === null ? 'numberb.likely.unknown' : `numberb.likely.${feedback.likelyWrong}`)}
        </p>
      )}
      {busy && (
        <div role="status" className="progress-line">
          <p>{t('stage.reading-chip')}</p>
          {typeof working === 'number' && <progress max={100} value={working} aria-label={t('stage.reading-chip')} />}
        </div>
      )}
    </StepFrame>
  );
}
