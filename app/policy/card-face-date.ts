/**
 * Dates as printed on the card face (../shared/docs/age-rules-and-card-face.md §5): the date of birth in the
 * era calendar (`平成元年3月31日生`) or, for foreign residents and the next card generation, the Western
 * calendar (`1985年3月1日生`), and the expiry (`2035年 2月17日まで有効`). Spacing and digit width are not
 * settled, so spaces are ignored and full-width digits accepted.
 */
import { ERAS, FIRST_YEAR_MARK, eraDateToIso, type EraName } from './era-calendar';
import { calendarDate, formatIsoDate } from './iso-date';
import { PolicyError } from './policy-error';

const ERA_NAMES = ERAS.map((era) => era.name).join('|');
const CARD_DATE = new RegExp(
  `^(?:(?<era>${ERA_NAMES})(?<eraYear>${FIRST_YEAR_MARK}|\\d{1,2})|(?<year>\\d{4}))年(?<month>\\d{1,2})月(?<day>\\d{1,2})日(?:生|まで有効)?$`,
  'u',
);

/** The parts of a card-face date, before conversion. */
export interface CardFaceDateParts {
  /** Era as printed, or `null` for a Western date. */
  readonly era: EraName | null;
  /** Era year (元 = 1) or Gregorian year. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Splits a card-face date into its parts without judging the date.
 * @throws {PolicyError} `policy.unrecognised-date` when the text is not shaped like a card date.
 */
export function splitCardDate(text: string): CardFaceDateParts {
  // NFKC folds full-width digits and the ideographic space (U+3000) to ASCII; then drop all white space.
  const compact = text.normalize('NFKC').replace(/\s+/gu, '');
  const groups = CARD_DATE.exec(compact)?.groups;
  if (!groups) throw new PolicyError('policy.unrecognised-date', 'not a date as printed on the card');
  const month = Number(groups['month']);
  const day = Number(groups['day']);
  const eraYear = groups['eraYear'];
  if (eraYear !== undefined) {
    const era = groups['era'] as EraName;
    return { era, year: eraYear === FIRST_YEAR_MARK ? 1 : Number(eraYear), month, day };
  }
  return { era: null, year: Number(groups['year']), month, day };
}

/**
 * Parses a date as printed on the card face to ISO `YYYY-MM-DD`.
 * @example parseCardDate('平成元年3月31日生') // '1989-03-31'
 * @throws {PolicyError} `policy.unrecognised-date` for text of another shape, `policy.invalid-date` for an
 *   impossible date (2月30日), `policy.date-outside-era` for a date its era did not cover (昭和64年1月8日).
 */
export function parseCardDate(text: string): string {
  const parts = splitCardDate(text);
  if (parts.era !== null) return eraDateToIso(parts.era, parts.year, parts.month, parts.day);
  return formatIsoDate(calendarDate(parts.year, parts.month, parts.day));
}
