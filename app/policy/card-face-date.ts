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
/** Era (year 1 = 元) or four-digit Western year, then month and day: the card's date, without spaces. */
const DATE_BODY = `(?:(?<era>${ERA_NAMES})(?<eraYear>${FIRST_YEAR_MARK}|\\d{1,2})|(?<year>\\d{4}))年(?<month>\\d{1,2})月(?<day>\\d{1,2})日`;
const CARD_DATE = new RegExp(`^${DATE_BODY}(?:生|まで有効)?$`, 'u');
/**
 * A date inside a longer line: not glued to a digit before it (a Western year is exactly four digits; an era
 * year follows its era name), and what follows the date is reported, not required.
 */
const DATE_IN_LINE = new RegExp(`(?<!\\d)${DATE_BODY}(?<suffix>生|まで有効)?`, 'gu');

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
  const groups = CARD_DATE.exec(compactCardText(text))?.groups;
  if (!groups) throw new PolicyError('policy.unrecognised-date', 'not a date as printed on the card');
  return partsOf(groups);
}

/** Card text as the date rules read it: NFKC (full-width digits and the ideographic space U+3000 become ASCII), then no white space. */
export function compactCardText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

function partsOf(groups: Record<string, string | undefined>): CardFaceDateParts {
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
  return cardDateToIso(splitCardDate(text));
}

/** What follows a date on the card: 生 after the date of birth, まで有効 after the expiry, or anything else. */
export type CardDateSuffix = '生' | 'まで有効' | null;

/** One date found inside a line of card text. */
export interface CardDateInLine {
  /** The date as found, spaces removed (`平成3年8月3日`), without its suffix. */
  readonly text: string;
  readonly parts: CardFaceDateParts;
  readonly suffix: CardDateSuffix;
  /** Where the date and its suffix lie in the line's compact text (`compactCardText`), `[start, end)`. */
  readonly start: number;
  readonly end: number;
  /** The rest of the line's compact text after the date and its suffix (what a misread suffix left). */
  readonly after: string;
}

/**
 * Every date shaped like the card's inside one line of recognised text, in order, whatever precedes or follows
 * it (`平成10年10月5日生 性別 男 …` → one date, suffix 生). Shape only: the dates are not judged (use
 * `cardDateToIso`), so a caller can refuse a line holding two dates, or a date the era did not cover.
 */
export function findCardDates(line: string): CardDateInLine[] {
  const compact = compactCardText(line);
  return [...compact.matchAll(DATE_IN_LINE)].map((match) => {
    const groups = match.groups ?? {};
    const suffix = groups['suffix'];
    return {
      text: match[0].slice(0, match[0].length - (suffix?.length ?? 0)),
      parts: partsOf(groups),
      suffix: suffix === '生' || suffix === 'まで有効' ? suffix : null,
      start: match.index,
      end: match.index + match[0].length,
      after: compact.slice(match.index + match[0].length),
    };
  });
}

/**
 * The ISO date of parsed card-date parts.
 * @throws {PolicyError} `policy.invalid-date` or `policy.date-outside-era`, as `parseCardDate`.
 */
export function cardDateToIso(parts: CardFaceDateParts): string {
  if (parts.era !== null) return eraDateToIso(parts.era, parts.year, parts.month, parts.day);
  return formatIsoDate(calendarDate(parts.year, parts.month, parts.day));
}
