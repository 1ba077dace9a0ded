/**
 * The terminal's settings, behind the staff PIN: threshold preset, clerk/kiosk mode, language, revocation, the
 * kiosk idle reset and the audit retention. The launch URL presets all of them.
 */
import { useId } from 'react';
import { CONFIG } from '../../config';
import { CUSTOM_MINIMUM_AGE, type OperatingMode, type ThresholdPresetId } from '../../policy';
import { THRESHOLD_PRESET_IDS, type Language, type Settings } from '../../store/settings';
import type { MessageKey } from '../i18n/ja';
import { useSession, useSetLanguage, useTranslate } from '../session-context';

const MODES: readonly OperatingMode[] = ['clerk', 'kiosk'];
const LANGUAGES: readonly { id: Language; label: string }[] = [
  { id: 'ja', label: '日本語' },
  { id: 'en', label: 'English' },
];

/** The whole-number settings only staff may change, with their bounds. */
const STAFF_NUMBERS = [
  {
    key: 'idleResetSeconds',
    testId: 'settings.idleReset',
    label: 'settings.idleReset',
    bounds: CONFIG.idleResetSeconds,
  },
  {
    key: 'auditRetentionDays',
    testId: 'settings.retention',
    label: 'settings.retention',
    bounds: CONFIG.auditRetentionDays,
  },
] as const satisfies readonly {
  key: keyof Settings;
  testId: string;
  label: MessageKey;
  bounds: { min: number; max: number };
}[];

/** The on/off settings. */
const SWITCHES = [
  { key: 'requireRevocationCheck', testId: 'settings.revocationRequired', label: 'settings.revocationRequired' },
  { key: 'staffCallSound', testId: 'settings.callSound', label: 'settings.callSound' },
] as const satisfies readonly { key: keyof Settings; testId: string; label: MessageKey }[];

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

/** The terminal's language (customers switch it with the top bar's button). */
function LanguageField() {
  const t = useTranslate();
  const language = useSession((s) => s.settings.language);
  const setLanguage = useSetLanguage();
  return (
    <fieldset className="field segmented">
      <legend>{t('settings.language')}</legend>
      {LANGUAGES.map(({ id, label }) => (
        <label key={id} lang={id}>
          <input
            type="radio"
            name="language"
            value={id}
            checked={language === id}
            onChange={() => {
              setLanguage(id);
            }}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Every setting of the terminal. */
export function SettingsFields() {
  const t = useTranslate();
  const settings = useSession((s) => s.settings);
  const update = useSession((s) => s.updateSettings);
  const ids = { threshold: useId(), custom: useId(), staff: useId() };

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

      <LanguageField />

      {SWITCHES.map(({ key, testId, label }) => (
        <label className="field checkbox" key={key}>
          <input
            type="checkbox"
            data-testid={testId}
            checked={settings[key]}
            onChange={(e) => {
              update({ [key]: e.target.checked });
            }}
          />
          {t(label)}
        </label>
      ))}

      {STAFF_NUMBERS.map(({ key, testId, label, bounds }) => (
        <div className="field" key={key}>
          <NumberField
            id={`${ids.staff}-${key}`}
            testId={testId}
            label={t(label)}
            {...bounds}
            value={settings[key]}
            onChange={(value) => {
              update({ [key]: value });
            }}
          />
        </div>
      ))}
    </div>
  );
}

/** The settings as a section of the staff screen. */
export function SettingsSection() {
  const t = useTranslate();
  const titleId = useId();
  return (
    <section className="staff-section" aria-labelledby={titleId} data-testid="staff.settings">
      <h3 id={titleId}>{t('settings.heading')}</h3>
      <SettingsFields />
    </section>
  );
}
