/**
 * A button that opens the staff screen. The screen itself (PIN form, settings, reader, audit export) loads
 * lazily: customers never need it, so it stays out of the start-up bundle.
 */
import { lazy, Suspense, useState } from 'react';
import type { MessageKey } from '../i18n/ja';
import { useTranslate } from '../session-context';

const StaffScreen = lazy(() => import('./StaffScreen'));

export function StaffEntry({
  labelKey = 'settings.staff',
  testId = 'staff.open',
  className = 'button-staff',
}: {
  labelKey?: MessageKey;
  testId?: string;
  className?: string;
}) {
  const t = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        data-testid={testId}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
        }}
      >
        {t(labelKey)}
      </button>
      {open && (
        <Suspense fallback={null}>
          <StaffScreen
            onClose={() => {
              setOpen(false);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
