/**
 * A tight `11` read as one character: set close in a Mincho face, the two strokes of a month of 11 are read as
 * 日 or 昌, a box of two uprights (`大正10年日月16日生`, tune4 card-117, every cut-out). Over the tuning sets
 * tune4–tune10 (1,400 fronts, every read logged), a birth line's month read as 日 or 昌 was 11 every time (49
 * reads of 18 fronts) and never another month. The two expiry lines read so (tune7 card-183, tune4 card-131,
 * Western-printed) print 11 too, though a count against the birth month first took them for a 10 and a 12;
 * still, a glyph is not a digit, so such a read never decides alone: the 11 must also be seen in digits
 * (`tightElevenRead`). 和 and 上 are not taken: 和 is also the first stroke of a tight `11`
 * alone (`年和1月`), so `年和月` could be a lone `1`.
 */
import {
  aDigitLost,
  birthFromText,
  expiryAgreesWithBirthday,
  foldLine,
  sameBirth,
  type BirthField,
} from './face-fields';
import { parseIsoDate } from '../../policy';
import { expiriesRead, lostAOneFrom } from './regained-one';
import { ELEVEN_AS_ONE, showsALostOne, type BirthEvidence } from './second-read';

/** The birth date a plain read shows with its month read as one character (`ELEVEN_AS_ONE`) taken as 11. */
export function elevenReadAsOne(text: string): BirthField | null {
  const compact = foldLine(text);
  if (!ELEVEN_AS_ONE.test(compact)) return null;
  return birthFromText(compact.replace(ELEVEN_AS_ONE, '年11月'));
}

/**
 * The birth date whose month of 11 the looks' plain reads showed as one character, or null. Taken only where at
 * least two plain reads of the birth line show it so, every plain read that gives a date gives it or it with a
 * `1` lost (`1月`), no read shows it with yet another `1`, no look refused it, and every expiry read ends on its
 * birthday or on it with a `1` lost; and where the 11 is also seen in digits: on an era-printed card's expiry
 * line (printed on the birthday) read exactly, or in two plain reads of the birth line giving the date.
 */
export function tightElevenRead(looks: readonly BirthEvidence[]): BirthField | null {
  const shown = looks.flatMap((look) => look.plainTexts.map(elevenReadAsOne).filter((b) => b !== null));
  const [date] = shown;
  if (!date || shown.length < 2 || !shown.every((b) => sameBirth(b, date))) return null;
  const reads = looks.flatMap((look) => look.read);
  if (!reads.every((b) => sameBirth(b, date) || lostAOneFrom(date, b))) return null;
  if (looks.some((look) => look.refused.some((b) => sameBirth(b, date)) || showsALostOne(look, date))) return null;
  const expiries = expiriesRead(looks);
  const { day } = parseIsoDate(date.iso);
  const onBirthday = (expiry: string) => expiryAgreesWithBirthday(date, expiry);
  const lostTheOne = (expiry: string) => {
    const read = parseIsoDate(expiry);
    return (
      (read.month === 1 && read.day === day) || (read.month === 11 && aDigitLost(String(day), String(read.day), '1'))
    );
  };
  if (!expiries.every((e) => onBirthday(e) || lostTheOne(e))) return null;
  // A glyph is not a digit: the 11 itself must be seen in digits, on the expiry line of an era-printed card or
  // by two plain reads of the birth line.
  const inDigits = reads.filter((b) => sameBirth(b, date)).length;
  return (date.era !== null && expiries.some(onBirthday)) || inDigits >= 2 ? date : null;
}
