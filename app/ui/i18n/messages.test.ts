import { describe, expect, it } from 'vitest';
import { en, ja } from './messages';
import { translate } from './translate';

describe('message catalogue', () => {
  it('has the same keys, all non-empty, in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const table of [ja, en]) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same parameters in both languages', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) expect(params(en[key]), key).toEqual(params(ja[key]));
  });

  it('fills parameters', () => {
    expect(translate('ja', 'verdict.of-age', { age: 20 })).toBe('20歳以上です');
    expect(translate('en', 'verdict.under-age', { age: 18 })).toBe('Under 18');
    expect(translate('en', 'verdict.of-age')).toBe('{age} or older');
  });
});
