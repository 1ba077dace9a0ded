/**
 * The staff screen's one place on the page, and the buttons that open it. The screen (PIN form, settings,
 * reader, audit export) loads lazily — customers never need it, so it stays out of the start-up bundle — and
 * lives above the screens that open it, so clearing a staff call (which removes the call screen) leaves the
 * staff screen open.
 */
import { createContext, lazy, Suspense, useContext, useState, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/ja';
import { useTranslate } from '../session-context';

const StaffScreen = lazy(() => import('./StaffScreen'));

const OpenStaffScreen = createContext<(() => void) | null>(null);

/** Holds the staff screen for the page; buttons anywhere below open it. */
export function StaffScreenHost({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <OpenStaffScreen.Provider
      value={() => {
        setOpen(true);
      }}
    >
      {children}
      {open && (
        <Suspense fallback={null}>
          <StaffScreen
            onClose={() => {
              setOpen(false);
            }}
          />
        </Suspense>
      )}
    </OpenStaffScreen.Provider>
  );
}

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
  const open = useContext(OpenStaffScreen);
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      aria-haspopup="dialog"
      onClick={() => {
        open?.();
      }}
    >
      {t(labelKey)}
    </button>
  );
}
