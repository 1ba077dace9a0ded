/**
 * The chip's own face photo beside a number-B verdict, for the clerk to compare with the customer: J-LIS signed
 * it, and the chip proved itself genuine, so it is the photo the card was issued with. Clerk mode only. Drawn
 * on a canvas (no image URL, no blob, nothing in the DOM but pixels), cleared when the verdict goes; the store
 * wipes the bytes.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../services-context';
import { useSession, useTranslate } from '../session-context';

type PhotoState = 'decoding' | 'shown' | 'failed';

export function ChipPhoto() {
  const t = useTranslate();
  const { chipPhoto } = useServices();
  const jp2 = useStore(chipPhoto, (s) => s.jp2);
  const clerk = useSession((s) => s.settings.mode === 'clerk' && s.phase === 'verdict');
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<PhotoState>('decoding');

  useEffect(() => {
    if (!jp2 || !clerk) return;
    let current = true;
    setState('decoding');
    import('./jp2-decode')
      .then(({ decodeJp2 }) => decodeJp2(jp2))
      .then((image) => {
        const target = canvas.current;
        if (current && target) {
          target.width = image.width;
          target.height = image.height;
          target.getContext('2d')?.putImageData(image, 0, 0);
          setState('shown');
        }
        image.data.fill(0);
      })
      .catch(() => {
        if (current) setState('failed');
      });
    return () => {
      current = false;
      const target = canvas.current;
      if (target) {
        target.getContext('2d')?.clearRect(0, 0, target.width, target.height);
        target.width = 0;
        target.height = 0;
      }
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
