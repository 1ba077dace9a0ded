/**
 * The chip's own face photo beside a number-B verdict, for the clerk to compare with the customer: J-LIS signed
 * it, and the chip proved itself genuine, so it is the photo the card was issued with. Clerk mode only. Drawn
 * on a canvas (no image URL, no blob, nothing in the DOM but pixels), cleared when the verdict goes; the store
 * wipes the bytes.
 */
import { lazy, Suspense } from 'react';
import { useChipPhoto } from '../chip-photo-context';
import { useSession } from '../session-context';

const ChipPhotoCanvas = lazy(() => import('./ChipPhotoCanvas'));

export function ChipPhoto() {
  const jp2 = useChipPhoto();
  const clerk = useSession((s) => s.settings.mode === 'clerk' && s.phase === 'verdict');
  if (!jp2 || !clerk) return null;
  return (
    <Suspense fallback={null}>
      <ChipPhotoCanvas jp2={jp2} />
    </Suspense>
  );
}
