import { describe, expect, it } from 'vitest';
import { japanDate } from './japan-date';
import { PolicyError } from './policy-error';

describe('japanDate', () => {
  it.each([
    // UTC instant → date in Tokyo
    ['2026-03-31T14:59:59.999Z', '2026-03-31'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01'], // JST midnight
    ['2024-02-28T15:00:00Z', '2024-02-29'],
    ['2025-12-31T15:00:00Z', '2026-01-01'],
    ['2026-07-01T00:00:00-10:00', '2026-07-01'], // 10:00Z = 19:00 JST
    ['2026-07-01T20:00:00-10:00', '2026-07-02'], // 06:00Z next day = 15:00 JST
  ])('%s is %s in Japan', (instant, expected) => {
    expect(japanDate(new Date(instant))).toBe(expected);
  });

  it('does not depend on the process time zone', () => {
    // The process zone is fixed by the test setup to a far-west zone: a local-time implementation would fail.
    const instant = new Date('2026-05-10T16:30:00Z');
    expect(instant.getDate()).not.toBe(11);
    expect(japanDate(instant)).toBe('2026-05-11');
  });

  it('rejects an invalid clock reading', () => {
    expect(() => japanDate(new Date(Number.NaN))).toThrow(PolicyError);
  });
});
