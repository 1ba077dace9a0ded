/**
 * The last resort of a card whose two looks gave no birth date because their reads split between a date and
 * the same date with a `1` lost (`11月` and `1月`, `17日` and `7日`). tesseract's Japanese model loses a thin or
 * tightly set `1` beside another digit; it does not invent one there: over the tuning sets tune4–tune7, plain
 * and whole-card reads lost a `1` from the month or day about 80 times and showed one more never (0 in about
 * 2,500 months and days read; the years, whose era kanji stretched reads take for digits, are another matter
 * and must agree exactly). So where two reads show the longer date and every other read shows it or it with
 * one `1` lost, the longer date is the one printed (tune7 card-183: `10月17日` by a stretched and an enlarged
 * read, `10月7日` by three others).
 */
import {
  aDigitLost,
  birthFromText,
  expiryAgreesWithBirthday,
  expiryLostADigit,
  sameBirth,
  type BirthField,
} from './face-fields';
import { parseIsoDate } from '../../policy';
import { showsALostOne, type BirthEvidence } from './second-read';

/** Whether `shorter` is `longer` with one `1` lost from its month or its day (era and year the same). */
export function lostAOneFrom(longer: BirthField, shorter: BirthField): boolean {
  if (longer.era !== shorter.era) return false;
  const a = parseIsoDate(longer.iso);
  const b = parseIsoDate(shorter.iso);
  if (a.year !== b.year) return false;
  return (
    (a.day === b.day && aDigitLost(String(a.month), String(b.month), '1')) ||
    (a.month === b.month && aDigitLost(String(a.day), String(b.day), '1'))
  );
}

/**
 * The date both looks' reads split on, with its lost `1` regained, or null. Taken only when at least two reads
 * give it exactly, every other read that gives a date gives it with one `1` lost from the month or the day,
 * at least one does, no read shows it with yet another `1` (`showsALostOne`), no look refused it for cause, and
 * on an era-printed card no read of the expiry ends on another day.
 */
export function regainedOne(looks: readonly BirthEvidence[]): BirthField | null {
  const texts = looks.flatMap((look) => look.texts);
  const dates = texts.map(birthFromText).filter((date) => date !== null);
  const refused = looks.flatMap((look) => look.refused);
  const expiries = looks.flatMap((look) => look.expiries);
  const taken = dates.find((date) => {
    const same = dates.filter((other) => sameBirth(other, date));
    const others = dates.filter((other) => !sameBirth(other, date));
    return (
      same.length >= 2 &&
      others.length > 0 &&
      others.every((other) => lostAOneFrom(date, other)) &&
      !looks.some((look) => showsALostOne(look, date)) &&
      !refused.some((other) => sameBirth(other, date)) &&
      expiries.every((expiry) => expiryAgreesWithBirthday(date, expiry) || expiryLostADigit(date, expiry))
    );
  });
  return taken ?? null;
}
