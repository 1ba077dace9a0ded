/**
 * Method 3 on screen, still-image path: the clerk picks a photo of the card's front; the OCR reads the date of
 * birth, the expiry and the security code; the clerk confirms them against the card (one still image needs a
 * person's confirmation), then either decides on the face alone or hands 照合番号B to the chip check. The back
 * is refused. The image and the text are discarded once a decision is taken. The live camera is `CameraReader`.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import type { FaceFields } from '../../methods/card-face-ocr/face-fields';
import { errorCodeOf } from '../../store/reader-store';
import { useServices } from '../services-context';
import { useSession, useSessionStore, useTranslate } from '../session-context';
import { CameraReader, type CameraOutcome } from './CameraReader';

const METHOD = 'card-face-ocr';

type Step =
  | { readonly step: 'idle' }
  | { readonly step: 'camera' }
  | { readonly step: 'gave-up' }
  | { readonly step: 'reading' }
  | { readonly step: 'back' }
  | { readonly step: 'incomplete'; readonly missing: readonly ('birth' | 'expiry')[] }
  /** The birth date and expiry were read; the security code may be missing (the clerk then types it). */
  | {
      readonly step: 'confirm';
      readonly fields: {
        readonly birth: NonNullable<FaceFields['birth']>;
        readonly expiry: string;
        readonly securityCode: string | null;
      };
    }
  | { readonly step: 'handed-over'; readonly to: 'number-b' | 'age-record' };

/** Starts the OCR engine while the camera opens or the clerk picks a file, so the first read does not wait. */
function warmUpOcr(): void {
  void import('../../methods/card-face-ocr/browser-ocr').then(({ warmUp }) => {
    warmUp();
  });
}

export function CardFacePanel() {
  const t = useTranslate();
  const session = useSessionStore();
  const { handover } = useServices();
  const phase = useSession((s) => s.phase);
  const mine = useSession((s) => s.method === METHOD);
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const [local, setStep] = useState<Step>({ step: 'idle' });
  const file = useRef<HTMLInputElement>(null);
  const busyElsewhere = phase !== 'idle' && !mine;
  // A session reset (button, idle timeout, settings) drops what was read; a hand-over stays to say where it went.
  const state: Step =
    local.step === 'handed-over' || local.step === 'idle' || (phase !== 'idle' && mine) ? local : { step: 'idle' };

  const discard = () => {
    if (file.current) file.current.value = '';
    setStep({ step: 'idle' });
  };

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const image = event.target.files?.[0];
    if (!image) return;
    if (phase === 'idle' && session.getState().beginCheck(METHOD) === null) return;
    setStep({ step: 'reading' });
    try {
      const { readFront } = await import('../../methods/card-face-ocr/browser-ocr');
      const reading = await readFront(image);
      if (file.current) file.current.value = ''; // the image is not kept
      if (reading.kind === 'back') {
        setStep({ step: 'back' });
        return;
      }
      const { birth, expiry, securityCode } = reading.fields;
      if (!birth || !expiry) {
        const missing = [...(birth ? [] : ['birth' as const]), ...(expiry ? [] : ['expiry' as const])];
        setStep({ step: 'incomplete', missing });
        return;
      }
      showFields({ birth, expiry, securityCode });
    } catch (error) {
      discard();
      session.getState().completeCheck(METHOD, { kind: 'failed', errorCode: errorCodeOf(error) });
    }
  };

  /** Clerk mode shows the values for confirmation; a kiosk shows no personal data and hands the face to staff. */
  const showFields = (fields: Extract<Step, { step: 'confirm' }>['fields']) => {
    if (kiosk) void decideOn(fields);
    else setStep({ step: 'confirm', fields });
  };

  const startCamera = () => {
    if (phase === 'idle' && session.getState().beginCheck(METHOD) === null) return;
    warmUpOcr();
    setStep({ step: 'camera' });
  };

  const cameraDone = (outcome: CameraOutcome) => {
    if (outcome.kind === 'back') setStep({ step: 'back' });
    else if (outcome.kind === 'gave-up') setStep({ step: 'gave-up' });
    else if (outcome.kind === 'error') {
      discard();
      session.getState().completeCheck(METHOD, { kind: 'failed', errorCode: outcome.code });
    } else {
      const { birth, expiry, securityCode } = outcome.fields;
      if (birth && expiry) showFields({ birth, expiry, securityCode });
      else setStep({ step: 'gave-up' });
    }
  };

  const decideOn = async ({ birth, expiry }: Extract<Step, { step: 'confirm' }>['fields']) => {
    const { expiryAgreesWithBirthday } = await import('../../methods/card-face-ocr/face-fields');
    discard();
    if (!expiryAgreesWithBirthday(birth, expiry)) {
      session.getState().completeCheck(METHOD, { kind: 'failed', errorCode: 'card-face.expiry-mismatch' });
      return;
    }
    session.getState().completeCheck(METHOD, {
      kind: 'date-of-birth',
      dateOfBirth: birth.iso,
      assurance: 'card-face',
      cardExpiry: { date: expiry },
    });
  };

  const decide = () => {
    if (state.step === 'confirm') void decideOn(state.fields);
  };

  const toChip = async () => {
    if (state.step !== 'confirm') return;
    const { numberBFromFace } = await import('../../methods/card-face-ocr/face-fields');
    // Without a confident security code the clerk types those 4 digits: a guess would cost one of 10 tries.
    const numberB = numberBFromFace({ ...state.fields, securityCode: state.fields.securityCode ?? '' });
    handover
      .getState()
      .offer({ birth: numberB.slice(0, 6), expiryYear: numberB.slice(6, 10), securityCode: numberB.slice(10) });
    session.getState().reset(); // the chip check starts its own session
    setStep({ step: 'handed-over', to: 'number-b' });
  };

  /** Only the six era birth digits go to the chip: they open the age record, no expiry or security code needed. */
  const toAgeRecord = async () => {
    if (state.step !== 'confirm') return;
    const { numberBFromFace } = await import('../../methods/card-face-ocr/face-fields');
    const birth = numberBFromFace({ ...state.fields, securityCode: '' }).slice(0, 6);
    handover.getState().offerAgeRecord({ birth, faceExpiry: state.fields.expiry });
    session.getState().reset();
    setStep({ step: 'handed-over', to: 'age-record' });
  };

  const missingText = (missing: readonly ('birth' | 'expiry')[]) => missing.map((m) => t(`face.field.${m}`)).join('、');

  return (
    <div className="method-body" data-testid="face" data-step={state.step}>
      {state.step !== 'camera' && (
        <button
          type="button"
          className="button-primary"
          data-testid="face.cameraStart"
          disabled={busyElsewhere || state.step === 'reading'}
          onClick={startCamera}
        >
          {t('face.camera')}
        </button>
      )}
      {state.step === 'camera' && <CameraReader onDone={cameraDone} />}
      {state.step === 'gave-up' && (
        <p className="notice" role="alert" data-testid="face.gaveUp">
          {t('face.camera.gaveUp')}
        </p>
      )}
      <label className="file-button">
        {t('face.file')}
        <input
          ref={file}
          type="file"
          accept="image/*"
          data-testid="face.file"
          disabled={busyElsewhere || state.step === 'reading'}
          onClick={warmUpOcr}
          onChange={(e) => void read(e)}
        />
      </label>
      {state.step === 'reading' && <p role="status">{t('face.reading')}</p>}
      {state.step === 'back' && (
        <p className="notice" role="alert" data-testid="face.back">
          {t('face.back')}
        </p>
      )}
      {state.step === 'incomplete' && (
        <p className="notice" role="alert" data-testid="face.incomplete">
          {t('face.incomplete', { fields: missingText(state.missing) })}
        </p>
      )}
      {state.step === 'confirm' && (
        <div className="face-confirm" data-testid="face.confirm">
          <p>{t('face.confirm')}</p>
          <dl>
            <dt>{t('face.field.birth')}</dt>
            <dd data-testid="face.birth">{state.fields.birth.iso}</dd>
            <dt>{t('face.field.expiry')}</dt>
            <dd>{state.fields.expiry}</dd>
            <dt>{t('face.field.code')}</dt>
            <dd>{state.fields.securityCode ?? t('face.codeMissing')}</dd>
          </dl>
          <div className="button-row">
            <button type="button" className="button-primary" data-testid="face.decide" onClick={decide}>
              {t('face.decide')}
            </button>
            <button type="button" data-testid="face.toChip" onClick={() => void toChip()}>
              {t('face.toChip')}
            </button>
            <button type="button" data-testid="face.toAgeRecord" onClick={() => void toAgeRecord()}>
              {t('face.toAgeRecord')}
            </button>
            <button
              type="button"
              onClick={() => {
                discard();
                session.getState().reset();
              }}
            >
              {t('face.discard')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'handed-over' && (
        <p role="status">{t(state.to === 'number-b' ? 'face.handedOver' : 'face.handedOverAgeRecord')}</p>
      )}
    </div>
  );
}
