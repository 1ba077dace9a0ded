/**
 * The last resort of a card whose two looks gave no birth date because their reads split between a date and
 * the same date with a `1` lost (`11月` and `1月`, `17日` and `7日`). tesseract's Japanese model loses a thin or
 * tightly set `1` beside another digit; it does not invent one there: over the tuning sets tune4–tune7, plain
 * and whole-card reads lost a `1` from the month or day about 80 times and showed one more never (0 in about
 * 2,500 months and days read; the years, whose era kanji stretched reads take for digits, are another matter
 * and must agree exactly). So where two reads show the longer date and every other read shows it or it with
 * one `1` lost, the longer date is the one printed (tune6 card-029: `2006年11月24日` by both whole-card reads
 * and two cut-outs, `11` read `1` by four other cut-outs).
 */
import { aDigitLost, expiryAgreesWithBirthday, expiryFromText, sameBirth, type BirthField } from './face-fields';
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

/** Every expiry the looks read: the confirmed ones and every read of the expiry line that gives a date. */
export function expiriesRead(looks: readonly BirthEvidence[]): string[] {
  return looks.flatMap((look) => [
    ...look.expiries,
    ...look.expiryTexts.map(expiryFromText).filter((expiry) => expiry !== null),
  ]);
}

/**
 * The date both looks' reads split on, with its lost `1` regained, or null. Only plain reads count, as in every
 * other step: the whole card's and the plain cut-outs' (`BirthEvidence.read`); distorted reads only count
 * against a date (they part 年 and 月 into strokes read as `1`s). Taken only when at least two plain reads give
 * it exactly, one of them a whole-card read (the cut-outs of one box share its pixels), every other plain read
 * that gives a date gives it with one `1` lost from the month or the day, at least one does, no read of any
 * kind shows it with yet another `1` (`showsALostOne`), and no look refused it for cause. On an era-printed
 * card the expiry must witness it: at least one expiry read, and every one ending on its birthday exactly (an
 * expiry that lost the same `1` backs the shorter date, so it refuses here).
 */
export function regainedOne(looks: readonly BirthEvidence[]): BirthField | null {
  const dates = looks.flatMap((look) => look.read);
  const whole = looks.flatMap((look) => look.whole);
  const refused = looks.flatMap((look) => look.refused);
  const expiries = expiriesRead(looks);
  const witnessed = (date: BirthField) =>
    date.era === null || (expiries.length > 0 && expiries.every((expiry) => expiryAgreesWithBirthday(date, expiry)));
  const taken = dates.find((date) => {
    const same = dates.filter((other) => sameBirth(other, date));
    const others = dates.filter((other) => !sameBirth(other, date));
    return (
      same.length >= 2 &&
      whole.some((other) => sameBirth(other, date)) &&
      others.length > 0 &&
      others.every((other) => lostAOneFrom(date, other)) &&
      !looks.some((look) => showsALostOne(look, date)) &&
      !refused.some((other) => sameBirth(other, date)) &&
      witnessed(date)
    );
  });
  return taken ?? null;
}
