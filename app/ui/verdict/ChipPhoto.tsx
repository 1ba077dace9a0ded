/**
 * The chip's own face photo beside a number-B verdict, for the clerk to compare with the customer: J-LIS signed
 * it, and the chip proved itself genuine, so it is the photo the card was issued with. Clerk mode only. Drawn
 * on a canvas (no image URL, no blob, nothing in the DOM but pixels), cleared when the verdict goes; the store
 * wipes the bytes.
 */
import { useEffect, useRef, useState } from 'react';
import { useChipPhoto } from '../chip-photo-context';
import { useSession, useTranslate } from '../session-context';

type PhotoState = 'decoding' | 'shown' | 'failed';

export function ChipPhoto() {
  const t = useTranslate();
  const jp2 = useChipPhoto();
  const clerk = useSession((s) => s.settings.mode === 'clerk' && s.phase === 'verdict');
  const canvas = useRef<HTMLCanvasElement>(null);
  /** The outcome for the photo it was reached for: a new photo starts as decoding again. */
  const [outcome, setOutcome] = useState<{ readonly for: Uint8Array; readonly state: PhotoState } | null>(null);
  const state: PhotoState = outcome && outcome.for === jp2 ? outcome.state : 'decoding';

  useEffect(() => {
    const target = canvas.current;
    if (!jp2 || !clerk || !target) return;
    let current = true;
    import('./jp2-decode')
      .then(({ decodeJp2 }) => decodeJp2(jp2))
      .then((image) => {
        if (current) {
          target.width = image.width;
          target.height = image.height;
          target.getContext('2d')?.putImageData(image, 0, 0);
          setOutcome({ for: jp2, state: 'shown' });
        }
        image.data.fill(0);
      })
      .catch(() => {
        if (current) setOutcome({ for: jp2, state: 'failed' });
      });
    return () => {
      current = false;
      target.getContext('2d')?.clearRect(0, 0, target.width, target.height);
      target.width = 0;
      target.height = 0;
    };
  }, [jp2, clerk]);

  if (!jp2 || !clerk) return null;
  return (
    <figure className="chip-photo" data-testid="chip-photo" data-state={state}>
      <canvas ref={canvas} role="img" aria-label={t('chipPhoto.alt')} data-testid="chip-photo.image" />
      <figcaption>{state === 'failed' ? t('chipPhoto.failed') : t('chipPhoto.caption')}</figcaption>
    </figure>
  );
}
