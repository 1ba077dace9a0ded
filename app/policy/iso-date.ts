/**
 * Calendar dates as ISO strings `YYYY-MM-DD` (proleptic Gregorian, no time, no zone): the one date type of
 * the policy. Comparing two valid ISO dates as strings compares them as dates.
 */
import { PolicyError } from './policy-error';

/** A calendar date split into numbers (month 1–12). */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Earliest and latest years the policy accepts: no living person or valid card falls outside. */
export const MIN_YEAR = 1868;
export const MAX_YEAR = 2199;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True in Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Checks that the numbers form a real date in the accepted year range and returns it.
 * @throws {PolicyError} `policy.invalid-date` otherwise.
 */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
  const whole = [year, month, day].every(Number.isInteger);
  if (
    !whole ||
    year < MIN_YEAR ||
    year > MAX_YEAR ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw new PolicyError(
      'policy.invalid-date',
      `not a date between ${MIN_YEAR} and ${MAX_YEAR}: ${year}-${month}-${day}`,
    );
  }
  return { year, month, day };
}

/**
 * Parses a strict ISO date `YYYY-MM-DD`.
 * @throws {PolicyError} `policy.invalid-date` for any other shape or an impossible date.
 */
export function parseIsoDate(iso: string): CalendarDate {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new PolicyError('policy.invalid-date', 'expected YYYY-MM-DD');
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Formats a date as `YYYY-MM-DD`. */
export function formatIsoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Parses eight ASCII digits `YYYYMMDD` as a date. @throws {PolicyError} `policy.invalid-date`. */
export function parseCompactDate(value: string): CalendarDate {
  if (!/^\d{8}$/.test(value)) throw new PolicyError('policy.invalid-date', 'expected 8 digits YYYYMMDD');
  return calendarDate(Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8)));
}
