import { describe, expect, it } from 'vitest';
import { createPinGate, type PinLockState } from './pin-gate';
import { hashStaffPin, pinMatches, staffPinFromQuery } from './staff-pin';

describe('staff PIN hash', () => {
  it('round-trips through the launch URL and matches only the right PIN', async () => {
    const value = await hashStaffPin('246813');
    expect(value).toMatch(/^v1\.[0-9a-f]{32}\.[0-9a-f]{64}$/);
    expect(value).not.toContain('246813');
    const parsed = staffPinFromQuery(`?mode=kiosk&staffPin=${value}`);
    expect(parsed).not.toBeNull();
    expect(await pinMatches('246813', parsed!)).toBe(true);
    expect(await pinMatches('246814', parsed!)).toBe(false);
    expect(await pinMatches('', parsed!)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashStaffPin('246813')).not.toBe(await hashStaffPin('246813'));
  });

  it('refuses short or non-digit PINs and malformed hashes', async () => {
    await expect(hashStaffPin('1234')).rejects.toThrow();
    await expect(hashStaffPin('abcdef')).rejects.toThrow();
    expect(staffPinFromQuery('?staffPin=1234')).toBeNull();
    expect(staffPinFromQuery('')).toBeNull();
  });
});

describe('PIN gate', () => {
  it('locks out after three wrong PINs, doubling, and a right PIN clears the count', async () => {
    const expected = staffPinFromQuery(`?staffPin=${await hashStaffPin('246813')}`);
    let now = 1_000_000;
    const gate = createPinGate(expected, { now: () => now });
    expect(await gate.attempt('000000')).toEqual({ kind: 'wrong', lockedUntil: null });
    expect(await gate.attempt('000001')).toEqual({ kind: 'wrong', lockedUntil: null });
    expect(await gate.attempt('000002')).toEqual({ kind: 'wrong', lockedUntil: now + 30_000 });
    // Even the right PIN is refused while locked out.
    expect(await gate.attempt('246813')).toEqual({ kind: 'locked', lockedUntil: now + 30_000 });
    now += 30_001;
    expect(await gate.attempt('000003')).toEqual({ kind: 'wrong', lockedUntil: now + 60_000 });
    now += 60_001;
    expect(await gate.attempt('246813')).toEqual({ kind: 'accepted' });
    expect(gate.lockedUntil()).toBeNull();
    expect(await gate.attempt('000004')).toEqual({ kind: 'wrong', lockedUntil: null });
  });

  it('keeps the lock-out through its store, so a reload does not lift it', async () => {
    const expected = staffPinFromQuery(`?staffPin=${await hashStaffPin('246813')}`);
    const now = 5_000_000;
    let kept: PinLockState | null = null;
    const store = {
      load: () => Promise.resolve(kept),
      save: (state: PinLockState) => {
        kept = state;
        return Promise.resolve();
      },
    };
    const first = createPinGate(expected, { now: () => now, store });
    for (const pin of ['000000', '000001', '000002']) await first.attempt(pin);
    expect(kept).toEqual({ wrong: 3, until: now + 30_000 });
    const afterReload = createPinGate(expected, { now: () => now + 1_000, store });
    expect(await afterReload.attempt('246813')).toEqual({ kind: 'locked', lockedUntil: now + 30_000 });
  });

  it('stays closed without a configured hash', async () => {
    expect(await createPinGate(null).attempt('246813')).toEqual({ kind: 'not-configured' });
  });
});
