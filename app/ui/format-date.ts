/**
 * Dates as the card prints them — the date of birth in its era (平成3年8月3日), or in the Western calendar
 * when the card prints that — with the Western date beside, for the clerk to compare with the card.
 */
import { ERAS, parseIsoDate, type EraName } from '../policy';
import type { Language } from '../store/settings';

/** Era year of `year` in `era` (1 = 元年). */
function eraYear(year: number, era: EraName): number {
  const first = Number(ERAS.find((e) => e.name === era)?.firstDay.slice(0, 4) ?? year);
  return year - first + 1;
}

/** 「1991年8月3日」 / "3 Aug 1991". */
export function westernDate(iso: string, language: Language): string {
  const { year, month, day } = parseIsoDate(iso);
  if (language === 'ja') return `${year}年${month}月${day}日`;
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** The date as printed (era when the card prints one), and the Western date beside it when that differs. */
export function printedDate(
  iso: string,
  era: EraName | null,
  language: Language,
): { printed: string; western: string | null } {
  const western = westernDate(iso, language);
  if (era === null) return { printed: western, western: null };
  const { year, month, day } = parseIsoDate(iso);
  const n = eraYear(year, era);
  const yearText = n === 1 ? '元' : String(n);
  const latin = ERAS.find((e) => e.name === era)?.latin ?? era;
  const printed =
    language === 'ja'
      ? `${era}${yearText}年${month}月${day}日`
      : `${era}${yearText}年${month}月${day}日 (${latin} ${n})`;
  return { printed, western };
}
