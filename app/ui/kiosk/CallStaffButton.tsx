/**
 * A kiosk customer's way to staff, on every screen that may need one: it starts the staff call (which stays
 * until staff clear it).
 */
import type { StaffCallReason } from '../../store/flow-state';
import type { MessageKey } from '../i18n/ja';
import { useSession, useTranslate } from '../session-context';

export function CallStaffButton({
  reason,
  labelKey,
  testId,
}: {
  reason: StaffCallReason;
  labelKey: MessageKey;
  testId: string;
}) {
  const t = useTranslate();
  const callStaff = useSession((s) => s.callStaff);
  return (
    <button
      type="button"
      className="button-secondary"
      data-testid={testId}
      onClick={() => {
        callStaff(reason);
      }}
    >
      {t(labelKey)}
    </button>
  );
}
