/**
 * What the card face hands to a chip check, as bytes: the era digits of the birth date (YYMMDD) always, and
 * the expiry year and security code when the face gave them. Today the number-B check takes all three
 * (照合番号B); a check opened by the birth digits alone can take the same hand-over. The holder wipes it after
 * use: the digits never become strings on their way between methods.
 */
import { eraDigits } from '../policy';
import type { BirthField } from './card-face-ocr/face-fields';
import type { NumberBDigits } from './number-b/number-b';

export interface ChipHandover {
  /** Era YYMMDD of the date of birth, in the era the card prints (6 ASCII digits). */
  readonly birth: Uint8Array;
  /** The card's expiry year (4 ASCII digits), when read. */
  readonly expiryYear: Uint8Array | null;
  /** The printed security code (4 ASCII digits), when read. */
  readonly securityCode: Uint8Array | null;
}

const ascii = (digits: string) => Uint8Array.from(digits, (c) => c.charCodeAt(0));

/**
 * The hand-over from the fields read off the face.
 * @throws {PolicyError} when the birth date is outside the printed era (the face reader never gives one).
 */
export function handoverFromFace(fields: {
  readonly birth: BirthField;
  readonly expiry: string | null;
  readonly securityCode: string | null;
}): ChipHandover {
  const birth = fields.birth.era === null ? eraDigits(fields.birth.iso) : eraDigits(fields.birth.iso, fields.birth.era);
  return {
    birth: ascii(birth),
    expiryYear: fields.expiry === null ? null : ascii(fields.expiry.slice(0, 4)),
    securityCode: fields.securityCode === null ? null : ascii(fields.securityCode),
  };
}

/**
 * 照合番号B's groups from the hand-over, with `securityCode` typed by the clerk when the face did not give it;
 * null when the expiry year or the code is missing. The groups are copies: wipe both them and the hand-over.
 */
export function numberBFromHandover(handover: ChipHandover, securityCode?: Uint8Array): NumberBDigits | null {
  const code = handover.securityCode ?? securityCode ?? null;
  if (handover.expiryYear === null || code === null) return null;
  return { birth: handover.birth.slice(), expiryYear: handover.expiryYear.slice(), securityCode: code.slice() };
}

/** Zeroes every part of the hand-over. */
export function wipeHandover(handover: ChipHandover): void {
  handover.birth.fill(0);
  handover.expiryYear?.fill(0);
  handover.securityCode?.fill(0);
}
