/**
 * A running check, one step at a time: whatever the store says the step is, with its way out. Loaded lazily
 * (after the first screen), so the start-up carries only the choice of method.
 */
import { useId } from 'react';
import type { Step } from '../../store/flow-state';
import { CallStaffButton } from '../kiosk/CallStaffButton';
import { useReader } from '../reader-context';
import { useErrorText, useSession, useTranslate } from '../session-context';
import { CameraStep } from './CameraStep';
import { FaceConfirm } from './FaceSteps';
import { FilePicker, PhotoSource } from './FilePicker';
import { NumberBEntry } from './NumberBEntry';
import { PasswordPad } from './PasswordPad';
import { StepFrame } from './StepFrame';

function PlaceCard({ step }: { step: Extract<Step, { kind: 'place-card' }> }) {
  const t = useTranslate();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const ready = useReader((s) => s.transport !== null);
  const webUsb = useReader((s) => s.webUsb);
  const requestReader = useReader((s) => s.requestReader);
  const title = kiosk ? 'kiosk.placeCard' : step.flow === 'jpki' ? 'step.placeCard.customer' : 'step.placeCard.title';
  return (
    <StepFrame
      kind="place-card"
      title={t(ready ? title : 'step.placeCard.noReader')}
      actions={
        !ready &&
        webUsb &&
        !kiosk && (
          <button
            type="button"
            className="button-primary"
            data-testid="reader.connect"
            onClick={() => void requestReader()}
          >
            {t('reader.connect')}
          </button>
        )
      }
    >
      <div className="card-on-reader" aria-hidden="true">
        <span className="card-shape" />
        <span className="reader-shape" />
      </div>
      <p className="step-hint">{t(step.flow === 'face-chip' ? 'step.placeCard.faceRead' : 'step.placeCard.hint')}</p>
    </StepFrame>
  );
}

function Working({ step }: { step: Extract<Step, { kind: 'working' }> }) {
  const t = useTranslate();
  return (
    <StepFrame kind="working" title={t(`stage.${step.stage}`)}>
      <div role="status" className="progress-line" data-testid="flow.progress" data-stage={step.stage}>
        <p>{t('step.working.keepStill')}</p>
        {step.percent !== null && (
          <>
            <progress max={100} value={step.percent} aria-label={t(`stage.${step.stage}`)} />
            <span data-testid="flow.percent">{step.percent}%</span>
          </>
        )}
      </div>
    </StepFrame>
  );
}

function PasswordStep({ step }: { step: Extract<Step, { kind: 'password' }> }) {
  const t = useTranslate();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const submitPassword = useSession((s) => s.submitPassword);
  const cancel = useSession((s) => s.cancel);
  const triesId = useId();
  return (
    <StepFrame kind="password" title={t(kiosk ? 'step.password.title' : 'step.password.clerk')} focusTitle={false}>
      <p id={triesId} data-testid="jpki.tries" className="step-hint">
        {t('jpki.triesLeft', { tries: step.triesLeft })}
      </p>
      {step.notice && (
        <p className="notice" role="alert" data-testid="jpki.notice">
          {step.notice === 'rejected' ? t('jpki.rejected', { tries: step.triesLeft }) : t('jpki.invalidFormat')}
        </p>
      )}
      <PasswordPad onSubmit={submitPassword} onCancel={cancel} describedBy={triesId} />
    </StepFrame>
  );
}

/** A temporary failure: try again (the same flow from its start), or stop. */
function Interrupted({ step }: { step: Extract<Step, { kind: 'interrupted' }> }) {
  const t = useTranslate();
  const errorText = useErrorText();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const retry = useSession((s) => s.retry);
  const face = step.flow === 'face-chip' || step.flow === 'face-only';
  return (
    <StepFrame
      kind="interrupted"
      title={t('step.interrupted.title')}
      actions={
        <>
          <button type="button" className="button-primary" data-testid="flow.retry" data-exit="" onClick={retry}>
            {t('flow.retry')}
          </button>
          {face && !kiosk && <FilePicker />}
          {kiosk && <CallStaffButton reason="trouble" labelKey="kiosk.callStaff" testId="flow.callStaff" />}
        </>
      }
    >
      <p className="notice" data-testid="flow.error" data-code={step.code}>
        {errorText(step.code)}
      </p>
    </StepFrame>
  );
}

/** This terminal cannot run the flow: nothing was learnt about the customer; choose another way. */
function Blocked({ step }: { step: Extract<Step, { kind: 'blocked' }> }) {
  const t = useTranslate();
  const errorText = useErrorText();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const camera = step.code === 'camera.denied' || step.code === 'camera.unavailable';
  const face = step.flow === 'face-chip' || step.flow === 'face-only';
  return (
    <StepFrame
      kind="blocked"
      title={t(kiosk ? 'step.blocked.kiosk' : 'step.blocked.title')}
      actions={camera && face && !kiosk && <FilePicker />}
    >
      <p className="notice" data-testid="flow.error" data-code={step.code}>
        {errorText(step.code)}
      </p>
    </StepFrame>
  );
}

export default function FlowScreen() {
  const flow = useSession((s) => ('flow' in s.step ? s.step.flow : null));
  return (
    <PhotoSource flow={flow}>
      <CurrentStep />
    </PhotoSource>
  );
}

function CurrentStep() {
  const step = useSession((s) => s.step);
  switch (step.kind) {
    case 'place-card':
      return <PlaceCard step={step} />;
    case 'password':
      return <PasswordStep step={step} />;
    case 'number-b-entry':
      return <NumberBEntry feedback={step.feedback} working={false} />;
    case 'working':
      // Number B keeps its fields on screen while the chip is read, so a refusal is corrected in place.
      return step.flow === 'number-b' && step.stage === 'reading-chip' ? (
        <NumberBEntry feedback={{ kind: 'none' }} working={step.percent} />
      ) : (
        <Working step={step} />
      );
    case 'camera':
      return <CameraStep step={step} />;
    case 'face-confirm':
      return <FaceConfirm step={step} />;
    case 'interrupted':
      return <Interrupted step={step} />;
    case 'blocked':
      return <Blocked step={step} />;
    case 'home':
    case 'verdict':
      return null;
  }
}
