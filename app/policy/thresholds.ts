/**
 * Minimum ages by what is being sold (../shared/docs/age-rules-and-card-face.md §2).
 */
import { PolicyError } from './policy-error';

/** Named minimum ages; `custom` takes the operator's value. */
export type ThresholdPresetId = 'alcohol' | 'tobacco' | 'public-racing' | 'toto' | 'adulthood' | 'custom';

/** Presets with a fixed age; `custom` takes the operator's value. */
export const THRESHOLD_PRESETS = Object.freeze({
  /** 二十歳未満ノ者ノ飲酒ノ禁止ニ関スル法律 */
  alcohol: 20,
  /** 二十歳未満ノ者ノ喫煙ノ禁止ニ関スル法律, including smoking devices */
  tobacco: 20,
  /** Horse, bicycle, motorboat and auto race betting */
  'public-racing': 20,
  /** toto / BIG sports lottery */
  toto: 19,
  /** Civil adulthood since 2022-04-01 (contracts), also pachinko and adult content */
  adulthood: 18,
} as const satisfies Record<Exclude<ThresholdPresetId, 'custom'>, number>);

/** Bounds of a custom minimum age, in years. */
export const CUSTOM_MINIMUM_AGE = Object.freeze({ min: 1, max: 120 });

/** True when `age` is an acceptable minimum age. */
export function isValidMinimumAge(age: number): boolean {
  return Number.isInteger(age) && age >= CUSTOM_MINIMUM_AGE.min && age <= CUSTOM_MINIMUM_AGE.max;
}

/**
 * The minimum age of a preset; `custom` uses `customAge`.
 * @throws {PolicyError} `policy.invalid-threshold` for a custom age outside {@link CUSTOM_MINIMUM_AGE}.
 */
export function minimumAgeFor(preset: ThresholdPresetId, customAge?: number): number {
  if (preset !== 'custom') return THRESHOLD_PRESETS[preset];
  if (customAge === undefined || !isValidMinimumAge(customAge)) {
    throw new PolicyError(
      'policy.invalid-threshold',
      `custom minimum age must be a whole number ${CUSTOM_MINIMUM_AGE.min}–${CUSTOM_MINIMUM_AGE.max}`,
    );
  }
  return customAge;
}
