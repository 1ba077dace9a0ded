/**
 * Age under 年齢計算ニ関スル法律 and Civil Code art. 143: a person reaches age N at the end of the day before
 * the N-th birthday, so is N for the whole birthday. Someone born on 29 February reaches the new age at the
 * end of 28 February, i.e. from 1 March in common years (art. 143(2): no corresponding day → end of the
 * month). Comparing (month, day) of today with the birthday gives exactly this without building any
 * anniversary date — which is why no `addYears` (it clamps 29 Feb to 28 Feb, one day early) is used.
 */
import { parseIsoDate } from './iso-date';
import { PolicyError } from './policy-error';

/**
 * Completed years (満年齢) of a person born on `dateOfBirth` on the Japanese calendar date `today`.
 * @param dateOfBirth ISO `YYYY-MM-DD`
 * @param today ISO `YYYY-MM-DD`, normally {@link japanDate}`(new Date())`
 * @throws {PolicyError} `policy.invalid-date` for an invalid date, `policy.birth-date-in-future` when
 *   `dateOfBirth` is after `today`.
 */
export function ageOn(dateOfBirth: string, today: string): number {
  const birth = parseIsoDate(dateOfBirth);
  const now = parseIsoDate(today);
  if (dateOfBirth > today) {
    throw new PolicyError('policy.birth-date-in-future', 'the date of birth is after today');
  }
  const birthdayNotYetReached = now.month < birth.month || (now.month === birth.month && now.day < birth.day);
  return now.year - birth.year - (birthdayNotYetReached ? 1 : 0);
}
