import { describe, expect, it } from 'vitest';
import { handoverFromFace, numberBFromHandover, wipeHandover } from './chip-handover';
import { numberBBytes } from './number-b/number-b';

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

describe('hand-over from the card face to the chip', () => {
  // 照合番号B of the J-LIS test card: 昭和55年2月17日, expiry 2035, security code 2285 (card-protocol.md §3).
  it('builds 照合番号B in the printed era, as bytes', () => {
    const handover = handoverFromFace({
      birth: { iso: '1980-02-17', era: '昭和' },
      expiry: '2035-02-17',
      securityCode: '2285',
    });
    const digits = numberBFromHandover(handover);
    expect(digits && text(numberBBytes(digits))).toBe('55021720352285');
  });

  it('writes a change-over day in the era printed on the card', () => {
    const handover = handoverFromFace({
      birth: { iso: '1926-12-25', era: '大正' },
      expiry: '2030-12-25',
      securityCode: '0001',
    });
    expect(text(handover.birth)).toBe('151225');
  });

  it('always carries the birth digits; the expiry and code only when read, the code then typed by the clerk', () => {
    const handover = handoverFromFace({
      birth: { iso: '1991-08-03', era: '平成' },
      expiry: '2031-08-03',
      securityCode: null,
    });
    expect(text(handover.birth)).toBe('030803');
    expect(handover.securityCode).toBeNull();
    expect(numberBFromHandover(handover)).toBeNull();
    const typed = Uint8Array.from('4321', (c) => c.charCodeAt(0));
    const digits = numberBFromHandover(handover, typed);
    expect(digits && text(numberBBytes(digits))).toBe('03080320314321');
    const noExpiry = handoverFromFace({
      birth: { iso: '1991-08-03', era: '平成' },
      expiry: null,
      securityCode: '1234',
    });
    expect(numberBFromHandover(noExpiry)).toBeNull();
  });

  it('wipes every part, and the groups it gave are copies the holder wipes on its own', () => {
    const handover = handoverFromFace({
      birth: { iso: '1980-02-17', era: '昭和' },
      expiry: '2035-02-17',
      securityCode: '2285',
    });
    const digits = numberBFromHandover(handover)!;
    wipeHandover(handover);
    expect([...handover.birth, ...handover.expiryYear!, ...handover.securityCode!].every((b) => b === 0)).toBe(true);
    expect(text(digits.securityCode)).toBe('2285');
  });
});
