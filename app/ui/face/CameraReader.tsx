/**
 * The live camera path of method 3: the rear camera with a card-shaped guide; frames are recognised one after
 * another and a field is accepted only when two consecutive frames read it identically. The back of the card
 * stops the camera at once. Frames are drawn to a canvas that is cleared after each recognition; nothing is
 * kept.
 */
import { useEffect, useRef, useState } from 'react';
import type { FaceFields } from '../../methods/card-face-ocr/face-fields';
import { useTranslate } from '../session-context';

/** Pause between frames, milliseconds: recognition itself takes most of a second. */
const FRAME_GAP_MS = 150;
/** Give up after this many frames without agreement. */
const MAX_FRAMES = 20;

export type CameraOutcome =
  | { readonly kind: 'fields'; readonly fields: FaceFields }
  | { readonly kind: 'back' }
  | { readonly kind: 'gave-up' }
  | { readonly kind: 'error'; readonly code: string };

export function CameraReader({ onDone }: { onDone: (outcome: CameraOutcome) => void }) {
  const t = useTranslate();
  const video = useRef<HTMLVideoElement>(null);
  const [torch, setTorch] = useState<{ available: boolean; on: boolean }>({ available: false, on: false });
  const stream = useRef<MediaStream | null>(null);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });

  useEffect(() => {
    // An object, not a `let`: the cleanup flips it while the loop below is awaiting.
    const run = { stopped: false };
    const stillRunning = () => !run.stopped;
    const canvas = document.createElement('canvas');
    const stop = () => {
      run.stopped = true;
      for (const track of stream.current?.getTracks() ?? []) track.stop();
      stream.current = null;
      canvas.width = 0; // drop the last frame's pixels
    };
    const finish = (outcome: CameraOutcome) => {
      if (run.stopped) return;
      stop();
      done.current(outcome);
    };

    void (async () => {
      try {
        const media = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
          audio: false,
        });
        if (run.stopped) {
          for (const track of media.getTracks()) track.stop();
          return;
        }
        stream.current = media;
        const [track] = media.getVideoTracks();
        // `torch` is not in TypeScript's DOM types yet (Image Capture extension to MediaTrackCapabilities).
        const capabilities: object = track?.getCapabilities() ?? {};
        setTorch({ available: 'torch' in capabilities && capabilities.torch === true, on: false });
        const element = video.current;
        if (!element) return;
        element.srcObject = media;
        await element.play();
        const [{ readFront }, { agreeingFields }] = await Promise.all([
          import('../../methods/card-face-ocr/browser-ocr'),
          import('../../methods/card-face-ocr/face-fields'),
        ]);
        let previous: FaceFields | null = null;
        for (let frame = 0; frame < MAX_FRAMES && stillRunning(); frame += 1) {
          canvas.width = element.videoWidth;
          canvas.height = element.videoHeight;
          canvas.getContext('2d')?.drawImage(element, 0, 0);
          const reading = await readFront(canvas);
          if (reading.kind === 'back') {
            finish({ kind: 'back' });
            return;
          }
          if (previous) {
            const agreed = agreeingFields(previous, reading.fields);
            if (agreed.birth && agreed.expiry) {
              finish({ kind: 'fields', fields: agreed });
              return;
            }
          }
          previous = reading.fields;
          await new Promise((resolve) => setTimeout(resolve, FRAME_GAP_MS));
        }
        finish({ kind: 'gave-up' });
      } catch (error) {
        const name = error instanceof DOMException ? error.name : '';
        finish({ kind: 'error', code: name === 'NotAllowedError' ? 'camera.denied' : 'camera.unavailable' });
      }
    })();
    return stop;
  }, []);

  const toggleTorch = async () => {
    const track = stream.current?.getVideoTracks()[0];
    if (!track) return;
    const on = !torch.on;
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    setTorch({ available: true, on });
  };

  return (
    <div className="camera" data-testid="face.camera">
      <div className="camera-view">
        <video ref={video} muted playsInline aria-label={t('face.camera.preview')} />
        <div className="card-guide" aria-hidden="true" />
      </div>
      <p role="status">{t('face.camera.hint')}</p>
      {torch.available && (
        <button type="button" onClick={() => void toggleTorch()}>
          {t(torch.on ? 'face.camera.torchOff' : 'face.camera.torchOn')}
        </button>
      )}
    </div>
  );
}
