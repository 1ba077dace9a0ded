/**
 * The last resort of a card whose two looks each gave no birth date, though their reads together show one.
 *
 * Mostly, the reads split between a date and the same date with a `1` lost (`11月` and `1月`, `17日` and `7日`).
 * tesseract's Japanese model loses a thin or tightly set `1` beside another digit; it does not invent one there:
 * over the tuning sets tune4–tune7, plain and whole-card reads lost a `1` from the month or day about 80 times and
 * showed one more never (0 in about 2,500 months and days read; the years, whose era kanji stretched reads take
 * for digits, are another matter and must agree exactly). So where two reads show the longer date and every other
 * read shows it or it with one `1` lost, the longer date is the one printed (tune6 card-029: `2006年11月24日` by
 * both whole-card reads and two cut-outs, `11` read `1` by four other cut-outs).
 *
 * Sometimes no read gives another date at all, but neither look alone could confirm its own: one look's
 * whole-card read gave the date and its cut-out nothing (`年 月8日`, the `1` lost with its place), the other look's
 * cut-outs gave it and its whole-card read nothing (tune5 card-191, 平成元年1月8日; tune4 card-027, card-079).
 * The reads are not independent — every one is of the same pixels — so their agreement alone would not do: what
 * makes the date safe is that the way they fail is known. A date with a `1` lost is the one misread that repeats
 * across reads, and tesseract does not add a `1`; so the date is taken only with no read showing a `1` more, and
 * only after the distorted reads that show a hidden `1` (`nothingHiddenIn`, the caller's step).
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

/** How a date's plain reads stand across the looks, for the two rules below. */
interface Sighting {
  /** Plain reads that gave another date. */
  readonly others: readonly BirthField[];
  /** Whether a whole-card read gave it. */
  readonly byWhole: boolean;
  /** Whether reads of both looks gave it. */
  readonly byBothLooks: boolean;
  /** Whether a cut-out read (a plain read not the whole card's) gave it. */
  readonly byCutOut: boolean;
}

/**
 * The date the looks' plain reads show that `agreed` takes, or null. Only plain reads count, as in every other
 * step: the whole card's and the plain cut-outs' (`BirthEvidence.read`); distorted reads only count against a date
 * (they part 年 and 月 into strokes read as `1`s). Taken only when at least two plain reads give it exactly, every
 * other plain read that gives a date gives it with one `1` lost from the month or the day, no read of any kind
 * shows it with yet another `1` (`showsALostOne`), and no look refused it for cause. On an era-printed card the
 * expiry must witness it: at least one expiry read, and every one ending on its birthday exactly (an expiry that
 * lost the same `1` backs the shorter date, so it refuses here).
 */
function acrossLooks(looks: readonly BirthEvidence[], agreed: (sighting: Sighting) => boolean): BirthField | null {
  const dates = looks.flatMap((look) => look.read);
  const whole = looks.flatMap((look) => look.whole);
  const refused = looks.flatMap((look) => look.refused);
  const expiries = expiriesRead(looks);
  const witnessed = (date: BirthField) =>
    date.era === null || (expiries.length > 0 && expiries.every((expiry) => expiryAgreesWithBirthday(date, expiry)));
  const taken = dates.find((date) => {
    const same = dates.filter((other) => sameBirth(other, date));
    const others = dates.filter((other) => !sameBirth(other, date));
    const byWhole = whole.some((other) => sameBirth(other, date));
    const byBothLooks = looks.filter((look) => look.read.some((other) => sameBirth(other, date))).length >= 2;
    const byCutOut = same.length > whole.filter((other) => sameBirth(other, date)).length;
    return (
      same.length >= 2 &&
      agreed({ others, byWhole, byBothLooks, byCutOut }) &&
      others.every((other) => lostAOneFrom(date, other)) &&
      !looks.some((look) => showsALostOne(look, date)) &&
      !refused.some((other) => sameBirth(other, date)) &&
      witnessed(date)
    );
  });
  return taken ?? null;
}

/**
 * The longer date the looks' reads split on, its lost `1` regained (`acrossLooks`): other reads lost a `1` from
 * it, and the reads that give it include a whole-card read or come from both looks (the cut-outs of one box
 * share its pixels).
 */
export function regainedOne(looks: readonly BirthEvidence[]): BirthField | null {
  return acrossLooks(looks, ({ others, byWhole, byBothLooks }) => others.length > 0 && (byWhole || byBothLooks));
}

/**
 * The date both looks gave where no read gave another (`acrossLooks`), one of its reads the whole card's and one a
 * cut-out's: cut-outs alone, of one look or two, are cut from the same pixels and box; whole-card reads alone
 * would overrule the cut-out `confirmFields` lets stand for a date with a lone `1` (its 2× read giving nothing).
 * Neither look confirmed it, so it was not read in the ways that show a hidden `1` (`confirmFields`): the caller
 * must still do so (`nothingHiddenIn`).
 */
export function undisputedAcrossLooks(looks: readonly BirthEvidence[]): BirthField | null {
  return acrossLooks(
    looks,
    ({ others, byWhole, byCutOut, byBothLooks }) => others.length === 0 && byWhole && byCutOut && byBothLooks,
  );
}
