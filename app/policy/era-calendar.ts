/**
 * The Japanese era calendar (和暦): the one table of eras in the project, with the conversions the card needs.
 * Source: ../shared/docs/age-rules-and-card-face.md §3 (first and last days; codes as in the JPKI
 * certificate's date of birth, 1.2.392.200149.8.5.5.4).
 */
import { calendarDate, formatIsoDate, parseIsoDate, type CalendarDate } from './iso-date';
import { PolicyError } from './policy-error';

/** Era names as printed on the card face. */
export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';

/** One era of the table. */
export interface Era {
  readonly name: EraName;
  /** Romanised name, for English text. */
  readonly latin: string;
  /** Era code of the JPKI certificate's `EYYYYMMDD` date of birth. */
  readonly jpkiCode: number;
  /** First day, ISO. */
  readonly firstDay: string;
  /** Last day, ISO; `null` for the current era. */
  readonly lastDay: string | null;
  /**
   * The Taishō and Shōwa changes took effect on the day the emperor died, so their first day is also written
   * in the previous era (1912-07-30 = 明治45年7月30日, 1926-12-25 = 大正15年12月25日).
   */
  readonly firstDayAlsoInPreviousEra: boolean;
}

/** Eras in order; the last one is current. */
export const ERAS: readonly Era[] = Object.freeze([
  {
    name: '明治',
    latin: 'Meiji',
    jpkiCode: 1,
    firstDay: '1868-01-25',
    lastDay: '1912-07-29',
    firstDayAlsoInPreviousEra: false,
  },
  {
    name: '大正',
    latin: 'Taishō',
    jpkiCode: 2,
    firstDay: '1912-07-30',
    lastDay: '1926-12-24',
    firstDayAlsoInPreviousEra: true,
  },
  {
    name: '昭和',
    latin: 'Shōwa',
    jpkiCode: 3,
    firstDay: '1926-12-25',
    lastDay: '1989-01-07',
    firstDayAlsoInPreviousEra: true,
  },
  {
    name: '平成',
    latin: 'Heisei',
    jpkiCode: 4,
    firstDay: '1989-01-08',
    lastDay: '2019-04-30',
    firstDayAlsoInPreviousEra: false,
  },
  {
    name: '令和',
    latin: 'Reiwa',
    jpkiCode: 5,
    firstDay: '2019-05-01',
    lastDay: null,
    firstDayAlsoInPreviousEra: false,
  },
] as const satisfies readonly Era[]);

/** Era year 1 is written 元年 (元). */
export const FIRST_YEAR_MARK = '元';

function eraByName(name: EraName): Era {
  const era = ERAS.find((e) => e.name === name);
  if (!era) throw new PolicyError('policy.unrecognised-date', `unknown era ${name}`);
  return era;
}

/** The era after `era`, if any. */
function nextEra(era: Era): Era | undefined {
  return ERAS[ERAS.indexOf(era) + 1];
}

/** Gregorian year of year 1 of the era. */
function firstGregorianYear(era: Era): number {
  return Number(era.firstDay.slice(0, 4));
}

/** True when the ISO date may be written in `era` (including the shared change-over day). */
export function isWithinEra(iso: string, era: Era): boolean {
  if (iso < era.firstDay) return false;
  if (era.lastDay === null || iso <= era.lastDay) return true;
  const next = nextEra(era);
  return next !== undefined && next.firstDayAlsoInPreviousEra && iso === next.firstDay;
}

/**
 * Every era in which the ISO date may be written: one, or two on the Taishō and Shōwa change-over days. The
 * era that starts on the day comes first.
 */
export function erasOf(iso: string): Era[] {
  parseIsoDate(iso);
  return ERAS.filter((era) => isWithinEra(iso, era)).reverse();
}

/**
 * Converts an era date (year 1 = 元年) to ISO.
 * @throws {PolicyError} `policy.invalid-date` for an impossible date, `policy.date-outside-era` for a date
 *   the era did not cover.
 */
export function eraDateToIso(eraName: EraName, eraYear: number, month: number, day: number): string {
  const era = eraByName(eraName);
  if (!Number.isInteger(eraYear) || eraYear < 1) {
    throw new PolicyError('policy.date-outside-era', `${era.latin} year ${eraYear} does not exist`);
  }
  const iso = formatIsoDate(calendarDate(firstGregorianYear(era) + eraYear - 1, month, day));
  if (!isWithinEra(iso, era)) {
    throw new PolicyError('policy.date-outside-era', `${iso} is not in the ${era.latin} era`);
  }
  return iso;
}

/** The year within `era` of a date in it (1 = 元年). */
function eraYearOf(date: CalendarDate, era: Era): number {
  return date.year - firstGregorianYear(era) + 1;
}

/**
 * The 6-digit era date `YYMMDD` that opens 照合番号B (1980-02-17 → `550217`, 昭和55年).
 * @param dateOfBirth ISO `YYYY-MM-DD`
 * @param era On the two change-over days the family register may use either era; pass the one printed on
 *   the card. By default the era that starts that day.
 * @throws {PolicyError} `policy.invalid-date`, or `policy.date-outside-era` when `era` does not cover the date
 *   (or the era year exceeds two digits).
 */
export function eraDigits(dateOfBirth: string, era?: EraName): string {
  const date = parseIsoDate(dateOfBirth);
  const candidates = erasOf(dateOfBirth);
  const chosen = era === undefined ? candidates[0] : candidates.find((e) => e.name === era);
  if (!chosen) {
    throw new PolicyError('policy.date-outside-era', `${dateOfBirth} is not in the era ${era ?? '(none)'}`);
  }
  const year = eraYearOf(date, chosen);
  if (year > 99) throw new PolicyError('policy.date-outside-era', 'era year does not fit two digits');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(year)}${pad(date.month)}${pad(date.day)}`;
}

/**
 * Every ISO date that the era digits `YYMMDD` of 照合番号B can stand for, oldest first: the era is not part of
 * the number, so `010101` is 平成1 (impossible: before 1月8日), 令和1 (impossible) or 昭和1… — only real,
 * in-era dates are returned. An empty list means the digits are no date at all.
 */
export function datesFromEraDigits(digits: string): string[] {
  if (!/^\d{6}$/.test(digits)) return [];
  const [year, month, day] = [0, 2, 4].map((at) => Number(digits.slice(at, at + 2))) as [number, number, number];
  const dates = new Set<string>();
  for (const era of ERAS) {
    try {
      dates.add(eraDateToIso(era.name, year, month, day));
    } catch {
      // Not a date in this era: try the others.
    }
  }
  return [...dates].sort();
}

/** The era with the given JPKI certificate code, if any. */
export function eraByJpkiCode(code: number): Era | undefined {
  return ERAS.find((era) => era.jpkiCode === code);
}

/** Look up an era by its printed name. */
export function findEra(name: string): Era | undefined {
  return ERAS.find((era) => era.name === name);
}
