/**
 * The terminal's settings: what is sold (threshold), who operates it (clerk or kiosk), the language and the
 * kiosk idle reset, whether certificate revocation must have been checked. Nothing here is personal; settings
 * live in memory and can be preset by the URL a kiosk is launched with, e.g.
 * `/?mode=kiosk&threshold=tobacco&lang=en&idle=30&revocation=required&retention=90&callSound=1`.
 */
import { CONFIG } from '../config';
import { THRESHOLD_PRESETS, isValidMinimumAge, type OperatingMode, type ThresholdPresetId } from '../policy';

export type Language = 'ja' | 'en';

export interface Settings {
  readonly thresholdPreset: ThresholdPresetId;
  /** Used when `thresholdPreset` is `custom`, years. */
  readonly customMinimumAge: number;
  readonly mode: OperatingMode;
  readonly language: Language;
  /** Kiosk idle reset, seconds. */
  readonly idleResetSeconds: number;
  /** Refuse JPKI verdicts whose certificate revocation was not checked. */
  readonly requireRevocationCheck: boolean;
  /** Days the audit log keeps a record. */
  readonly auditRetentionDays: number;
  /** Kiosk: a chime while staff are called (where the browser lets the page play sound). */
  readonly staffCallSound: boolean;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  thresholdPreset: 'alcohol',
  customMinimumAge: CONFIG.defaultCustomMinimumAge,
  mode: 'clerk',
  language: 'ja',
  idleResetSeconds: CONFIG.defaultIdleResetSeconds,
  requireRevocationCheck: false,
  auditRetentionDays: CONFIG.defaultAuditRetentionDays,
  staffCallSound: false,
});

export const THRESHOLD_PRESET_IDS: readonly ThresholdPresetId[] = [
  ...(Object.keys(THRESHOLD_PRESETS) as ThresholdPresetId[]),
  'custom',
];

const isPreset = (v: string): v is ThresholdPresetId => (THRESHOLD_PRESET_IDS as readonly string[]).includes(v);
const isMode = (v: string): v is OperatingMode => v === 'clerk' || v === 'kiosk';
const isLanguage = (v: string): v is Language => v === 'ja' || v === 'en';

/** True when `seconds` is an acceptable idle reset. */
export function isValidIdleReset(seconds: number): boolean {
  const { min, max } = CONFIG.idleResetSeconds;
  return Number.isInteger(seconds) && seconds >= min && seconds <= max;
}

/** True when `days` is an acceptable audit retention. */
export function isValidRetention(days: number): boolean {
  const { min, max } = CONFIG.auditRetentionDays;
  return Number.isInteger(days) && days >= min && days <= max;
}

/**
 * Keeps the valid fields of `patch` over `base`; invalid values are ignored, so a mistyped URL or input can
 * never leave the terminal with an unusable setting.
 */
export function mergeSettings(base: Settings, patch: Partial<Settings>): Settings {
  const next = { ...base };
  if (patch.thresholdPreset !== undefined && isPreset(patch.thresholdPreset))
    next.thresholdPreset = patch.thresholdPreset;
  if (patch.customMinimumAge !== undefined && isValidMinimumAge(patch.customMinimumAge)) {
    next.customMinimumAge = patch.customMinimumAge;
  }
  if (patch.mode !== undefined && isMode(patch.mode)) next.mode = patch.mode;
  if (patch.language !== undefined && isLanguage(patch.language)) next.language = patch.language;
  if (patch.idleResetSeconds !== undefined && isValidIdleReset(patch.idleResetSeconds)) {
    next.idleResetSeconds = patch.idleResetSeconds;
  }
  if (typeof patch.requireRevocationCheck === 'boolean') next.requireRevocationCheck = patch.requireRevocationCheck;
  if (patch.auditRetentionDays !== undefined && isValidRetention(patch.auditRetentionDays)) {
    next.auditRetentionDays = patch.auditRetentionDays;
  }
  if (typeof patch.staffCallSound === 'boolean') next.staffCallSound = patch.staffCallSound;
  return Object.freeze(next);
}

/**
 * Settings from a URL query string (`threshold`, `age`, `mode`, `lang`, `idle`, `revocation`, `retention`,
 * `callSound`); unknown
 * or invalid values
 * keep the defaults.
 */
export function settingsFromQuery(search: string, base: Settings = DEFAULT_SETTINGS): Settings {
  const query = new URLSearchParams(search);
  const text = (key: string) => query.get(key) ?? undefined;
  const number = (key: string) => {
    const value = query.get(key);
    return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const preset = text('threshold');
  const mode = text('mode');
  const language = text('lang');
  const age = number('age');
  const idle = number('idle');
  const retention = number('retention');
  return mergeSettings(base, {
    ...(preset !== undefined && isPreset(preset) ? { thresholdPreset: preset } : {}),
    ...(mode !== undefined && isMode(mode) ? { mode } : {}),
    ...(language !== undefined && isLanguage(language) ? { language } : {}),
    ...(age !== undefined ? { customMinimumAge: age } : {}),
    ...(idle !== undefined ? { idleResetSeconds: idle } : {}),
    ...(query.get('revocation') === 'required' ? { requireRevocationCheck: true } : {}),
    ...(retention !== undefined ? { auditRetentionDays: retention } : {}),
    ...(query.get('callSound') === '1' ? { staffCallSound: true } : {}),
  });
}
