/**
 * Threshold preset, clerk/kiosk mode, language and kiosk idle reset. In kiosk mode it folds into a staff
 * disclosure so the customer sees only the check (a staff PIN is planned with the kiosk hardening work).
 */
import { useId } from 'react';
import { CONFIG } from '../config';
import { CUSTOM_MINIMUM_AGE, type OperatingMode, type ThresholdPresetId } from '../policy';
import { THRESHOLD_PRESET_IDS, type Language } from '../store/settings';
import { useSession, useTranslate } from './session-context';

const MODES: readonly OperatingMode[] = ['clerk', 'kiosk'];
const LANGUAGES: readonly { id: Language; label: string }[] = [
  { id: 'ja', label: '日本語' },
  { id: 'en', label: 'English' },
];

function SettingsFields() {
  const t = useTranslate();
  const settings = useSession((s) => s.settings);
  const update = useSession((s) => s.updateSettings);
  const ids = { threshold: useId(), custom: useId(), idle: useId() };

  return (
    <div className="settings-fields">
      <div className="field">
        <label htmlFor={ids.threshold}>{t('settings.threshold')}</label>
        <select
          id={ids.threshold}
          data-testid="settings.threshold"
          value={settings.thresholdPreset}
          onChange={(e) => { update({ thresholdPreset: e.target.value as ThresholdPresetId }); }}
        >
          {THRESHOLD_PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`preset.${id}`)}
            </option>
          ))}
        </select>
        {settings.thresholdPreset === 'custom' && (
          <>
            <label htmlFor={ids.custom}>{t('settings.customAge')}</label>
            <input
              id={ids.custom}
              data-testid="settings.customAge"
              type="number"
              inputMode="numeric"
              min={CUSTOM_MINIMUM_AGE.min}
              max={CUSTOM_MINIMUM_AGE.max}
              defaultValue={settings.customMinimumAge}
              onChange={(e) => { update({ customMinimumAge: e.target.valueAsNumber }); }}
            />
          </>
        )}
      </div>

      <fieldset className="field segmented">
        <legend>{t('settings.mode')}</legend>
        {MODES.map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name="mode"
              value={mode}
              checked={settings.mode === mode}
              onChange={() => { update({ mode }); }}
            />
            {t(`mode.${mode}`)}
          </label>
        ))}
      </fieldset>

      <fieldset className="field segmented">
        <legend>{t('settings.language')}</legend>
        {LANGUAGES.map(({ id, label }) => (
          <label key={id} lang={id}>
            <input
              type="radio"
              name="language"
              value={id}
              checked={settings.language === id}
              onChange={() => { update({ language: id }); }}
            />
            {label}
          </label>
        ))}
      </fieldset>

      {settings.mode === 'kiosk' && (
        <div className="field">
          <label htmlFor={ids.idle}>{t('settings.idleReset')}</label>
          <input
            id={ids.idle}
            data-testid="settings.idleReset"
            type="number"
            inputMode="numeric"
            min={CONFIG.idleResetSeconds.min}
            max={CONFIG.idleResetSeconds.max}
            defaultValue={settings.idleResetSeconds}
            onChange={(e) => { update({ idleResetSeconds: e.target.valueAsNumber }); }}
          />
        </div>
      )}
    </div>
  );
}

export function SettingsPanel() {
  const t = useTranslate();
  const mode = useSession((s) => s.settings.mode);
  if (mode === 'kiosk') {
    return (
      <details className="settings settings-staff">
        <summary>{t('settings.staff')}</summary>
        <SettingsFields />
      </details>
    );
  }
  return (
    <section className="settings" aria-label={t('settings.heading')}>
      <SettingsFields />
    </section>
  );
}
