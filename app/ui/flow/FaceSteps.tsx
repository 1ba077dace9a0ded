/**
 * After the card face was read: the clerk compares what was read with the card — dates as printed (era) with
 * the Western date beside — and decides on the face, or confirms with the chip (number B with the chip's photo
 * when the whole number was read, else the chip's signed age record with the six birth digits). A face whose
 * expiry was not read can only go to the chip.
 */
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
      <dd data-testid="face.expiry">
        {face.expiry === null ? t('face.expiryMissing') : westernDate(face.expiry, language)}
      </dd>
      {/* 照合番号B takes the expiry year: without it the code is of no use, and the row would only distract. */}
      {face.expiry !== null && (
        <>
          <dt>{t('face.field.code')}</dt>
          <dd data-testid="face.code">{t(face.securityCode === 'read' ? 'face.codeRead' : 'face.codeMissing')}</dd>
        </>
      )}
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
        // A verdict on the face takes the card's expiry: without it, only the chip can decide.
        step.face.expiry === null ? (
          chip
        ) : step.flow === 'face-only' ? (
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
