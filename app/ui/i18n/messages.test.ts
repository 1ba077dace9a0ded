import { describe, expect, it } from 'vitest';
import { EN_ERRORS, en } from './en';
import { JA_ERRORS, ja, type MessageKey } from './ja';
import { loadCatalogue } from './catalogue';
import { errorText, translate } from './translate';

describe('message catalogue', () => {
  it('has the same keys, all non-empty, in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const table of [ja, en] as readonly Readonly<Record<string, string>>[]) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same parameters in both languages', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja) as MessageKey[]) expect(params(en[key]), key).toEqual(params(ja[key]));
  });

  it('words every error code in both languages', () => {
    expect(Object.keys(EN_ERRORS).sort()).toEqual(Object.keys(JA_ERRORS).sort());
    for (const table of [JA_ERRORS, EN_ERRORS]) {
      for (const [code, text] of Object.entries(table)) expect(text.trim(), code).not.toBe('');
    }
  });

  it('loads English when asked, and speaks Japanese until then', async () => {
    expect(translate('en', 'verdict.next')).toBe('次のお客様');
    await loadCatalogue('en');
    expect(translate('en', 'verdict.next')).toBe('Next customer');
    expect(errorText('en', 'transport.aborted')).toBe('Cancelled.');
  });

  it('fills parameters', async () => {
    await loadCatalogue('en');
    expect(translate('ja', 'verdict.of-age', { age: 20 })).toBe('20歳以上です');
    expect(translate('en', 'verdict.under-age', { age: 18 })).toBe('Under 18');
    expect(translate('en', 'verdict.of-age')).toBe('{age} or older');
  });
});
