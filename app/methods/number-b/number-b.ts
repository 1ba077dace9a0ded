/**
 * 照合番号B as the clerk types it, in three groups (card-protocol.md §3): the date of birth in the era
 * calendar (YYMMDD, 昭和55年2月17日 → 550217), the card's expiry year, and the 4-digit security code. Checked
 * before anything is sent, so a typo never costs one of the card's 10 tries.
 */
import { ageOn, datesFromEraDigits, eraDigits, parseCardDate, parseIsoDate, splitCardDate } from '../../policy';

export type NumberBGroup = 'birth' | 'expiry' | 'code';

export interface NumberBInput {
  /** 6 digits: era year, month, day. */
  readonly birth: string;
  /** 4 digits: the card's expiry year (Gregorian). */
  readonly expiryYear: string;
  /** 4 digits printed on the card face. */
  readonly securityCode: string;
}

export type NumberBProblem =
  | { readonly group: 'birth'; readonly code: 'not-6-digits' | 'no-such-date' }
  | { readonly group: 'expiry'; readonly code: 'not-4-digits' | 'implausible-year' }
  | { readonly group: 'code'; readonly code: 'not-4-digits' };

/** Card validity is at most 10 years; the year may lie at most this far ahead of today. */
const MAX_YEARS_AHEAD = 11;
/** A card expired this many years ago or more cannot be used anyway. */
const MAX_YEARS_EXPIRED = 1;

/** Half-width digits only (full-width typed on a Japanese IME become ASCII). */
function digits(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** Everything wrong with the three groups; empty when 照合番号B may be sent. */
export function validateNumberB(input: NumberBInput, today: string): NumberBProblem[] {
  const problems: NumberBProblem[] = [];
  const birth = digits(input.birth);
  if (!/^\d{6}$/.test(birth)) problems.push({ group: 'birth', code: 'not-6-digits' });
  else if (!datesFromEraDigits(birth).some((d) => d <= today)) problems.push({ group: 'birth', code: 'no-such-date' });
  const year = digits(input.expiryYear);
  const thisYear = parseIsoDate(today).year;
  if (!/^\d{4}$/.test(year)) problems.push({ group: 'expiry', code: 'not-4-digits' });
  else if (Number(year) < thisYear - MAX_YEARS_EXPIRED || Number(year) > thisYear + MAX_YEARS_AHEAD) {
    problems.push({ group: 'expiry', code: 'implausible-year' });
  }
  if (!/^\d{4}$/.test(digits(input.securityCode))) problems.push({ group: 'code', code: 'not-4-digits' });
  return problems;
}

/** The 14 ASCII digits to present, as bytes (wiped by the card layer once sent). */
export function numberBBytes(input: NumberBInput): Uint8Array {
  const text = `${digits(input.birth)}${digits(input.expiryYear)}${digits(input.securityCode)}`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * The 6 era digits from a date as written on the card (`昭和55年2月17日`, `平成元年1月8日生`) or in ISO
 * (`1980-02-17`); null when it is no date. On a change-over day the printed era decides.
 */
export function birthDigitsFromText(text: string): string | null {
  try {
    const trimmed = text.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return eraDigits(trimmed);
    const parts = splitCardDate(trimmed);
    const iso = parseCardDate(trimmed);
    return parts.era === null ? eraDigits(iso) : eraDigits(iso, parts.era);
  } catch {
    return null;
  }
}

/**
 * After the card refused 照合番号B: the group most likely mistyped. A heuristic, stated as such to the clerk:
 * the birth and expiry groups can be checked against each other and today, the security code cannot, so it is
 * named when the other two look right.
 */
export function likelyWrongGroup(input: NumberBInput, today: string): NumberBGroup {
  const dates = datesFromEraDigits(digits(input.birth)).filter((d) => d <= today);
  const plausibleAge = dates.some((d) => {
    const age = ageOn(d, today);
    return age >= 0 && age <= 120;
  });
  if (!plausibleAge) return 'birth';
  const year = Number(digits(input.expiryYear));
  const thisYear = parseIsoDate(today).year;
  if (year < thisYear || year > thisYear + 10) return 'expiry';
  return 'code';
}
