/**
 * Draws the chip's photo (JPEG 2000, decoded lazily) on a canvas and clears it when the verdict goes. Loaded
 * only when there is a photo to show, so its code stays out of the start-up.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from '../session-context';

type PhotoState = 'decoding' | 'shown' | 'failed';

export default function ChipPhotoCanvas({ jp2 }: { readonly jp2: Uint8Array }) {
  const t = useTranslate();
  const canvas = useRef<HTMLCanvasElement>(null);
  /** The outcome for the photo it was reached for: a new photo starts as decoding again. */
  const [outcome, setOutcome] = useState<{ readonly for: Uint8Array; readonly state: PhotoState } | null>(null);
  const state: PhotoState = outcome && outcome.for === jp2 ? outcome.state : 'decoding';

  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
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
  }, [jp2]);

  return (
    <figure className="chip-photo" data-testid="chip-photo" data-state={state}>
      <canvas ref={canvas} role="img" aria-label={t('chipPhoto.alt')} data-testid="chip-photo.image" />
      <figcaption>{state === 'failed' ? t('chipPhoto.failed') : t('chipPhoto.caption')}</figcaption>
    </figure>
  );
}
