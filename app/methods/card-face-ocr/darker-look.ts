/**
 * The last look at a card every plain look gave no birth date for: the same card with its greys darkened
 * (`DARKER_GREYS`), read with all the same steps. It is another threshold on the same pixels, so its date must
 * also stand against everything the plain looks saw: a refusal is evidence, and another try at the same pixels
 * could get past it (`front-reader.ts`). On the tuning sets, as the first look instead of the last, the darkened
 * card read 23 degraded fronts the plain looks gave nothing for, and lost 8 they had read: so it comes last,
 * where it can only add.
 */
import { expiryAgreesWithBirthday, expiryLostADigit, sameBirth, type BirthField, type FaceFields } from './face-fields';
import { expiriesRead, lostAOneFrom } from './regained-one';
import { showsALostOne, type BirthEvidence } from './second-read';

/**
 * The darkened look's fields where no read disputes its birth date, else null. `plain` is the evidence of every
 * plain look, `dark` of the darkened ones. No look refused the date; every read that gave a date — the plain and
 * darkened looks' reads, and every date a whole-card read parsed without taking it (`parsed`) — gave it, or it
 * with one `1` lost (reads lose a thin `1`, they do not add one: `regainedOne`); no read showed it with a `1` more
 * (`showsALostOne`). Where a read lost a `1` from it, a plain read must have shown it exactly (as `lastLook`'s date
 * must have been read under the global threshold: the count behind "reads do not add a `1`" was made on plain
 * pixels), and on an era-printed card, which expires on the birthday, every expiry read ends on it exactly and at
 * least one was read; otherwise every expiry read ends on it or on it with a digit lost. Its expiry is given only
 * where a plain look read the same and no read gave another; never its security code, as no last look's
 * (`lastLook`): its reads at three scales agree within the darkened pixels, which repeat their misreads, and a wrong
 * code handed to the chip spends one of the card's tries.
 */
export function darkerLookStands(
  plain: readonly BirthEvidence[],
  dark: readonly BirthEvidence[],
  fields: FaceFields,
): FaceFields | null {
  const { birth } = fields;
  if (birth === null) return null;
  const same = (b: BirthField) => sameBirth(b, birth);
  const looks = [...plain, ...dark];
  const reads = looks.flatMap((look) => [...look.read, ...look.parsed]);
  if (looks.some((look) => look.refused.some(same) || showsALostOne(look, birth))) return null;
  if (!reads.every((b) => same(b) || lostAOneFrom(birth, b))) return null;
  const lostAOne = reads.some((b) => !same(b));
  if (lostAOne && !plain.some((look) => look.read.some(same))) return null;
  const expiries = expiriesRead(looks);
  const onBirthday = (expiry: string) => expiryAgreesWithBirthday(birth, expiry);
  const witnessed =
    birth.era === null ||
    (lostAOne
      ? expiries.length > 0 && expiries.every(onBirthday)
      : expiries.every((e) => onBirthday(e) || expiryLostADigit(birth, e)));
  if (!witnessed) return null;
  const plainExpiries = expiriesRead(plain);
  const { expiry } = fields;
  const seenPlain = expiry !== null && plainExpiries.includes(expiry) && expiries.every((e) => e === expiry);
  return { birth, expiry: seenPlain ? expiry : null, securityCode: null };
}
