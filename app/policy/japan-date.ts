/**
 * "Today" for the age rule is the calendar date in Japan (UTC+9, no daylight saving since 1952), whatever the
 * device's time zone — a tablet set to UTC would otherwise admit a customer nine hours early.
 */
import { PolicyError } from './policy-error';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * The calendar date in Japan at the instant `now`, as `YYYY-MM-DD`.
 * @throws {PolicyError} `policy.invalid-date` for an invalid `Date`.
 */
export function japanDate(now: Date): string {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new PolicyError('policy.invalid-date', 'invalid clock reading');
  // Shifting the instant by +9 h and reading it in UTC gives the wall-clock date in Tokyo.
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}
