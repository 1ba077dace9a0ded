/**
 * The live camera: the stream the store opened, shown with a card-shaped guide. The store reads the frames; this
 * only shows them. The torch is offered where the camera has one; the clerk may use a photo instead.
 */
import { useEffect, useRef } from 'react';
import type { Step } from '../../store/flow-state';
import { useSession, useTranslate } from '../session-context';
import { FilePicker } from './FilePicker';
import { StepFrame } from './StepFrame';

export function CameraStep({ step }: { step: Extract<Step, { kind: 'camera' }> }) {
  const t = useTranslate();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const setTorch = useSession((s) => s.setTorch);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return undefined;
    element.srcObject = step.stream;
    if (step.stream) element.play().catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [step.stream]);
  return (
    <StepFrame
      kind="camera"
      title={t('step.camera.title')}
      actions={
        <>
          {step.torch !== 'unavailable' && (
            <button
              type="button"
              className="button-secondary"
              data-testid="face.torch"
              aria-pressed={step.torch === 'on'}
              onClick={() => {
                setTorch(step.torch !== 'on');
              }}
            >
              {t('face.camera.torch')}
            </button>
          )}
          {!kiosk && <FilePicker />}
        </>
      }
    >
      <div className="camera-view" data-testid="face.camera">
        <video ref={video} muted playsInline aria-label={t('face.camera.preview')} />
        <div className="card-guide" aria-hidden="true" />
      </div>
      <p role="status" className="step-hint">
        {t(step.stream ? 'face.camera.hint' : 'face.camera.opening')}
      </p>
    </StepFrame>
  );
}
