import { describe, expect, it } from 'vitest';
import { PolicyError } from './policy-error';
import { THRESHOLD_PRESETS, minimumAgeFor } from './thresholds';

describe('threshold presets', () => {
  it('match the law', () => {
    expect(THRESHOLD_PRESETS).toEqual({ alcohol: 20, tobacco: 20, 'public-racing': 20, toto: 19, adulthood: 18 });
    expect(Object.isFrozen(THRESHOLD_PRESETS)).toBe(true);
  });

  it('use the custom age only for custom, and only a whole number 1–120', () => {
    expect(minimumAgeFor('alcohol', 15)).toBe(20);
    expect(minimumAgeFor('custom', 21)).toBe(21);
    for (const bad of [undefined, 0, 121, 20.5, Number.NaN]) {
      expect(() => minimumAgeFor('custom', bad)).toThrow(PolicyError);
    }
  });
});
