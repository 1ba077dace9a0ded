import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, settingsFromQuery } from './settings';

describe('settings', () => {
  it('default to alcohol, clerk, Japanese', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ thresholdPreset: 'alcohol', mode: 'clerk', language: 'ja' });
  });

  it('read a kiosk launch URL', () => {
    expect(settingsFromQuery('?mode=kiosk&threshold=tobacco&lang=en&idle=30')).toMatchObject({
      mode: 'kiosk',
      thresholdPreset: 'tobacco',
      language: 'en',
      idleResetSeconds: 30,
    });
    expect(settingsFromQuery('?threshold=custom&age=21')).toMatchObject({
      thresholdPreset: 'custom',
      customMinimumAge: 21,
    });
  });

  it('ignore invalid values and keep the defaults', () => {
    expect(settingsFromQuery('?mode=admin&threshold=beer&lang=fr&idle=1&age=0')).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromQuery('?idle=20.5&age=-3')).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings(DEFAULT_SETTINGS, { customMinimumAge: 300, idleResetSeconds: 100_000 })).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  it('read the audit retention in days, within its bounds', () => {
    expect(DEFAULT_SETTINGS.auditRetentionDays).toBe(90);
    expect(settingsFromQuery('?retention=30').auditRetentionDays).toBe(30);
    for (const bad of ['0', '1826', '7.5', '-1', 'week']) {
      expect(settingsFromQuery(`?retention=${bad}`).auditRetentionDays).toBe(90);
    }
    expect(mergeSettings(DEFAULT_SETTINGS, { auditRetentionDays: 365 }).auditRetentionDays).toBe(365);
  });

  it('turn the staff-call chime on only when asked', () => {
    expect(DEFAULT_SETTINGS.staffCallSound).toBe(false);
    expect(settingsFromQuery('?callSound=1').staffCallSound).toBe(true);
    expect(settingsFromQuery('?callSound=yes').staffCallSound).toBe(false);
  });
});
