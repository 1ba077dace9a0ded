/**
 * After the card face was read: the clerk compares what was read with the card — dates as printed (era) with
 * the Western date beside — and decides on the face, or confirms with the chip. When the security code could
 * not be read, the clerk types those 4 digits for the chip (a guess would cost one of the card's tries).
 */
import { useId, useRef, type SyntheticEvent } from 'react';
import { digitBytes } from '../../store/digit-bytes';
import type { FaceView, Step } from '../../store/flow-state';
import { printedDate, westernDate } from '../format-date';
import { useSession, useTranslate } from '../session-context';
import { StepFrame } from './StepFrame';

function ReadFields({ face }: { face: FaceView }) {
  const t = useTranslate();
  const language = useSession((s) => s.settings.language);
  const birth = printedDate(face.birth.iso, face.birth.era, language);
  return (
    <dl className="read-fields" data-testid="face.fields">
      <dt>{t('face.field.birth')}</dt>
      <dd data-testid="face.birth">
        <span className="printed">{birth.printed}</span>
        {birth.western && <span className="western"> （{birth.western}）</span>}
      </dd>
      <dt>{t('face.field.expiry')}</dt>
      <dd data-testid="face.expiry">{westernDate(face.expiry, language)}</dd>
      <dt>{t('face.field.code')}</dt>
      <dd data-testid="face.code">{t(face.securityCode === 'read' ? 'face.codeRead' : 'face.codeMissing')}</dd>
    </dl>
  );
}

export function FaceConfirm({ step }: { step: Extract<Step, { kind: 'face-confirm' }> }) {
  const t = useTranslate();
  const confirm = useSession((s) => s.confirmCardFace);
  const decide = (
    <button
      type="button"
      className={step.flow === 'face-only' ? 'button-primary' : 'button-secondary'}
      data-testid="face.decide"
      onClick={() => {
        confirm('decide');
      }}
    >
      {t('face.decide')}
    </button>
  );
  const chip = (
    <button
      type="button"
      className={step.flow === 'face-chip' ? 'button-primary' : 'button-secondary'}
      data-testid="face.toChip"
      onClick={() => {
        confirm('chip');
      }}
    >
      {t('face.toChip')}
    </button>
  );
  return (
    <StepFrame
      kind="face-confirm"
      title={t('step.faceConfirm.title')}
      actions={
        step.flow === 'face-only' ? (
          <>
            {decide}
            {chip}
          </>
        ) : (
          <>
            {chip}
            {decide}
          </>
        )
      }
    >
      <ReadFields face={step.face} />
      <p className="step-hint">{t(step.flow === 'face-only' ? 'face.onlyHint' : 'face.chipHint')}</p>
    </StepFrame>
  );
}

export function SecurityCodeEntry({ step }: { step: Extract<Step, { kind: 'security-code' }> }) {
  const t = useTranslate();
  const submitCode = useSession((s) => s.submitSecurityCode);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = digitBytes(input.current?.value ?? '');
    if (input.current) input.current.value = '';
    submitCode(code);
  };
  return (
    <StepFrame kind="security-code" title={t('step.securityCode.title')} focusTitle={false}>
      <ReadFields face={step.face} />
      <form className="code-form" onSubmit={submit} noValidate>
        <label htmlFor={id}>{t('numberb.code')}</label>
        <input
          id={id}
          ref={input}
          data-testid="face.securityCode"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          size={6}
          // The step exists for this field: focus it at once.
          autoFocus
        />
        <button type="submit" className="button-primary" data-testid="face.securityCode.submit">
          {t('face.toChip')}
        </button>
      </form>
    </StepFrame>
  );
}
