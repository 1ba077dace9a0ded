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

/** A whole-number field; the store ignores values outside its bounds, so the last valid one stays in force. */
function NumberField(props: {
  id: string;
  testId: string;
  label: string;
  min: number;
  max: number;
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        data-testid={props.testId}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        defaultValue={props.value}
        onChange={(e) => {
          props.onChange(e.target.valueAsNumber);
        }}
      />
    </>
  );
}

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
          onChange={(e) => {
            update({ thresholdPreset: e.target.value as ThresholdPresetId });
          }}
        >
          {THRESHOLD_PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`preset.${id}`)}
            </option>
          ))}
        </select>
        {settings.thresholdPreset === 'custom' && (
          <NumberField
            id={ids.custom}
            testId="settings.customAge"
            label={t('settings.customAge')}
            {...CUSTOM_MINIMUM_AGE}
            value={settings.customMinimumAge}
            onChange={(customMinimumAge) => {
              update({ customMinimumAge });
            }}
          />
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
              onChange={() => {
                update({ mode });
              }}
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
              onChange={() => {
                update({ language: id });
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>

      <label className="field checkbox">
        <input
          type="checkbox"
          data-testid="settings.revocationRequired"
          checked={settings.requireRevocationCheck}
          onChange={(e) => {
            update({ requireRevocationCheck: e.target.checked });
          }}
        />
        {t('settings.revocationRequired')}
      </label>

      {settings.mode === 'kiosk' && (
        <div className="field">
          <NumberField
            id={ids.idle}
            testId="settings.idleReset"
            label={t('settings.idleReset')}
            {...CONFIG.idleResetSeconds}
            value={settings.idleResetSeconds}
            onChange={(idleResetSeconds) => {
              update({ idleResetSeconds });
            }}
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
