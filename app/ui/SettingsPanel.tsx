/**
 * The header's settings. A clerk sees the everyday fields inline; in kiosk mode the customer sees only the
 * language, and every setting sits behind the staff PIN (the staff screen, loaded lazily, adds the kiosk idle
 * reset, the audit retention and the audit export).
 */
import { useState } from 'react';
import { useSession, useTranslate } from './session-context';
import { LanguageField, SettingsFields } from './SettingsFields';
import { StaffEntry } from './staff/StaffEntry';

export function SettingsPanel() {
  const t = useTranslate();
  const mode = useSession((s) => s.settings.mode);
  // While the staff screen is open it holds the fields; the inline ones would duplicate them.
  const [staffOpen, setStaffOpen] = useState(false);
  return (
    <section className="settings" aria-label={t('settings.heading')}>
      <div className="settings-row">
        {mode === 'clerk' && !staffOpen ? <SettingsFields /> : <LanguageField />}
        <StaffEntry open={staffOpen} onOpenChange={setStaffOpen} />
      </div>
    </section>
  );
}
