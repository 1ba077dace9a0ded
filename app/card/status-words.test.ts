import { describe, expect, it } from 'vitest';
import { describeSw, SW, swTriesLeft, triesLeftOf } from './status-words';

describe('status words', () => {
  it('encode and decode tries left', () => {
    expect(swTriesLeft(5)).toBe(0x63c5);
    expect(swTriesLeft(0)).toBe(0x63c0);
    expect(triesLeftOf(0x63ca)).toBe(10);
    expect(triesLeftOf(0x6984)).toBeNull();
  });

  it('describe known, special and unknown words', () => {
    expect(describeSw(SW.pinBlocked).code).toBe('pin-blocked');
    expect(describeSw(0x63c2).en).toBe('2 tries left');
    expect(describeSw(0x6110).code).toBe('more-data');
    expect(describeSw(0x6c20).code).toBe('wrong-le');
    expect(describeSw(0x6f00)).toMatchObject({ code: 'sw-6F00' });
  });
});
