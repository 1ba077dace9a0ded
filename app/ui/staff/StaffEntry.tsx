/**
 * The button that opens the staff screen. The screen itself (PIN form, settings, audit export) loads lazily:
 * customers never need it, so it stays out of the start-up bundle.
 */
import { lazy, Suspense } from 'react';
import { useTranslate } from '../session-context';

const StaffScreen = lazy(() => import('./StaffScreen'));

export function StaffEntry({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslate();
  return (
    <>
      <button
        type="button"
        className="button-staff"
        data-testid="staff.open"
        aria-haspopup="dialog"
        onClick={() => {
          onOpenChange(true);
        }}
      >
        {t('settings.staff')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <StaffScreen
            onClose={() => {
              onOpenChange(false);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
