/**
 * 照合番号B in its three groups (card-protocol.md §3): the date of birth in the era calendar (YYMMDD,
 * 昭和55年2月17日 → 550217), the card's expiry year, and the 4-digit security code. The groups travel as
 * ASCII digit bytes — typed by the clerk, or handed over from the card face — never as strings, and the holder
 * of the buffers wipes them after use. Checked before anything is sent, so a typo never costs one of the
 * card's 10 tries.
 */
import { ageOn, datesFromEraDigits, eraDigits, parseCardDate, parseIsoDate, splitCardDate } from '../../policy';

export type NumberBGroup = 'birth' | 'expiry' | 'code';

/** The three groups as ASCII digit bytes (the holder wipes them with {@link wipeNumberB}). */
export interface NumberBDigits {
  /** 6 digits: era year, month, day. */
  readonly birth: Uint8Array;
  /** 4 digits: the card's expiry year (Gregorian). */
  readonly expiryYear: Uint8Array;
  /** 4 digits printed on the card face. */
  readonly securityCode: Uint8Array;
}

export type NumberBProblem =
  | { readonly group: 'birth'; readonly code: 'not-6-digits' | 'no-such-date' }
  | { readonly group: 'expiry'; readonly code: 'not-4-digits' | 'implausible-year' }
  | { readonly group: 'code'; readonly code: 'not-4-digits' };

/** Card validity is at most 10 years; the year may lie at most this far ahead of today. */
const MAX_YEARS_AHEAD = 11;
/** A card expired this many years ago or more cannot be used anyway. */
const MAX_YEARS_EXPIRED = 1;
/** The longest a card is valid, years: an expiry year further ahead than this cannot be on a card issued by now. */
const MAX_VALIDITY_YEARS = 10;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

const isDigits = (bytes: Uint8Array, length: number) =>
  bytes.length === length && bytes.every((b) => b >= DIGIT_0 && b <= DIGIT_9);

/** The digits as text, for date arithmetic on the birth and expiry groups (never the security code). */
const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Everything wrong with the three groups; empty when 照合番号B may be sent. */
export function validateNumberB(digits: NumberBDigits, today: string): NumberBProblem[] {
  const problems: NumberBProblem[] = [];
  if (!isDigits(digits.birth, 6)) problems.push({ group: 'birth', code: 'not-6-digits' });
  else if (!datesFromEraDigits(text(digits.birth)).some((d) => d <= today)) {
    problems.push({ group: 'birth', code: 'no-such-date' });
  }
  const thisYear = parseIsoDate(today).year;
  if (!isDigits(digits.expiryYear, 4)) problems.push({ group: 'expiry', code: 'not-4-digits' });
  else {
    const year = Number(text(digits.expiryYear));
    if (year < thisYear - MAX_YEARS_EXPIRED || year > thisYear + MAX_YEARS_AHEAD) {
      problems.push({ group: 'expiry', code: 'implausible-year' });
    }
  }
  if (!isDigits(digits.securityCode, 4)) problems.push({ group: 'code', code: 'not-4-digits' });
  return problems;
}

/** The 14 ASCII digits to present, in a new buffer the caller wipes once sent. */
export function numberBBytes(digits: NumberBDigits): Uint8Array {
  const out = new Uint8Array(14);
  out.set(digits.birth, 0);
  out.set(digits.expiryYear, 6);
  out.set(digits.securityCode, 10);
  return out;
}

/** Zeroes the three groups. */
export function wipeNumberB(digits: NumberBDigits): void {
  digits.birth.fill(0);
  digits.expiryYear.fill(0);
  digits.securityCode.fill(0);
}

/** The era digits of the birth group, for comparing with the chip's date. */
export function birthDigitsText(digits: NumberBDigits): string {
  return text(digits.birth);
}

/** The expiry year, for the policy's expiry check. */
export function expiryYearOf(digits: NumberBDigits): number {
  return Number(text(digits.expiryYear));
}

/**
 * The 6 era digits from a date as written on the card (`昭和55年2月17日`, `平成元年1月8日生`) or in ISO
 * (`1980-02-17`); null when it is no date. On a change-over day the printed era decides. A convenience for the
 * clerk typing the birth group: the result goes back into the input, not into a check.
 */
export function birthDigitsFromText(input: string): string | null {
  try {
    const trimmed = input.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return eraDigits(trimmed);
    const parts = splitCardDate(trimmed);
    const iso = parseCardDate(trimmed);
    return parts.era === null ? eraDigits(iso) : eraDigits(iso, parts.era);
  } catch {
    return null;
  }
}

/**
 * After the card refused 照合番号B: the group that is wrong, when the typed number itself shows it, else null
 * ("one of the three groups"). The card says only "wrong", never which part, so a group is named only on
 * evidence: birth digits that give no plausible age (0–120 today), or an expiry year that no card valid today
 * can carry (already past, or further ahead than a card's validity). The security code can never be checked,
 * and a birth date one day off is as plausible as the right one: both leave the answer open.
 */
export function likelyWrongGroup(digits: NumberBDigits, today: string): 'birth' | 'expiry' | null {
  const dates = datesFromEraDigits(text(digits.birth)).filter((d) => d <= today);
  const plausibleAge = dates.some((d) => {
    const age = ageOn(d, today);
    return age >= 0 && age <= 120;
  });
  if (!plausibleAge) return 'birth';
  const year = expiryYearOf(digits);
  const thisYear = parseIsoDate(today).year;
  if (year < thisYear || year > thisYear + MAX_VALIDITY_YEARS) return 'expiry';
  return null;
}
