import { describe, expect, it } from 'vitest';
import { createPinGate, memoryPinLockStore, STAFF_PIN_LOCK, type LockManagerPort, type PinLockState } from './pin-gate';
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
    const store = memoryPinLockStore();
    const first = createPinGate(expected, { now: () => now, store, locks: undefined });
    for (const pin of ['000000', '000001', '000002']) await first.attempt(pin);
    expect(await store.update((s) => s!)).toEqual({ wrong: 3, until: now + 30_000 });
    const afterReload = createPinGate(expected, { now: () => now + 1_000, store, locks: undefined });
    expect(await afterReload.attempt('246813')).toEqual({ kind: 'locked', lockedUntil: now + 30_000 });
  });

  it('is one count for every tab: wrong PINs in two tabs add up, even entered at the same moment', async () => {
    const expected = staffPinFromQuery(`?staffPin=${await hashStaffPin('246813')}`);
    const now = 7_000_000;
    const store = memoryPinLockStore();
    const tabA = createPinGate(expected, { now: () => now, store, locks: undefined });
    const tabB = createPinGate(expected, { now: () => now, store, locks: undefined });
    // Two wrong PINs at once, one per tab, then a third in the first tab: the lock-out starts.
    const [a, b] = await Promise.all([tabA.attempt('000000'), tabB.attempt('000001')]);
    expect([a, b]).toEqual([
      { kind: 'wrong', lockedUntil: null },
      { kind: 'wrong', lockedUntil: null },
    ]);
    expect(await tabA.attempt('000002')).toEqual({ kind: 'wrong', lockedUntil: now + 30_000 });
    // The other tab is locked out too, even with the right PIN.
    expect(await tabB.attempt('246813')).toEqual({ kind: 'locked', lockedUntil: now + 30_000 });
  });

  it('counts an attempt before checking it: a tab closed mid-check leaves it counted', async () => {
    const expected = staffPinFromQuery(`?staffPin=${await hashStaffPin('246813')}`);
    const kept: PinLockState[] = [];
    const store = memoryPinLockStore();
    const watching = {
      update: (change: Parameters<typeof store.update>[0]) => store.update(change).then((s) => (kept.push(s), s)),
    };
    await createPinGate(expected, { now: () => 1, store: watching, locks: undefined }).attempt('246813');
    expect(kept).toEqual([
      { wrong: 1, until: null },
      { wrong: 0, until: null },
    ]);
  });

  it('runs attempts under the Web Lock when the browser has one, and a failing store keeps the gate shut', async () => {
    const expected = staffPinFromQuery(`?staffPin=${await hashStaffPin('246813')}`);
    const names: string[] = [];
    const locks: LockManagerPort = {
      request: (name, callback) => {
        names.push(name);
        return callback();
      },
    };
    await createPinGate(expected, { locks }).attempt('000000');
    expect(names).toEqual([STAFF_PIN_LOCK]);
    const broken = { update: () => Promise.reject(new Error('IndexedDB unavailable')) };
    expect(await createPinGate(expected, { now: () => 9, store: broken, locks }).attempt('246813')).toEqual({
      kind: 'locked',
      lockedUntil: 9,
    });
  });

  it('stays closed without a configured hash', async () => {
    expect(await createPinGate(null).attempt('246813')).toEqual({ kind: 'not-configured' });
  });
});
