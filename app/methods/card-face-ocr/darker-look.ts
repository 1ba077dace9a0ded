/**
 * The last look at a card every plain look gave no birth date for: the same card with its greys darkened
 * (`DARKER_GREYS`), read with all the same steps. It is another threshold on the same pixels, so its date must
 * also stand against everything the plain looks saw: a refusal is evidence, and another try at the same pixels
 * could get past it (`front-reader.ts`). On the tuning sets, as the first look instead of the last, the darkened
 * card read 20 of the 52 degraded fronts the plain looks gave nothing for, and lost 8 they had read: so it comes
 * last, where it can only add.
 */
import { expiryAgreesWithBirthday, expiryLostADigit, sameBirth, type FaceFields } from './face-fields';
import { expiriesRead, lostAOneFrom } from './regained-one';
import { showsALostOne, type BirthEvidence } from './second-read';

/**
 * The darkened look's fields where the plain looks (`seen`) do not dispute its birth date, else null: no plain look
 * refused it; every plain read that gave a date gave it, or it with one `1` lost (reads lose a thin `1`, they do
 * not add one: `regainedOne`); no read showed it with a `1` more (`showsALostOne`); and on an era-printed card,
 * which expires on the birthday, every expiry read ends on it or on it with a digit lost (where a plain read lost a
 * `1` from it, on it exactly, and at least one does). Its expiry is given only where no plain read of the expiry
 * gave another.
 */
export function darkerLookStands(seen: readonly BirthEvidence[], fields: FaceFields): FaceFields | null {
  const { birth } = fields;
  if (birth === null) return null;
  const same = (b: typeof birth) => sameBirth(b, birth);
  const reads = seen.flatMap((look) => look.read);
  if (seen.some((look) => look.refused.some(same) || showsALostOne(look, birth))) return null;
  if (!reads.every((b) => same(b) || lostAOneFrom(birth, b))) return null;
  const expiries = expiriesRead(seen);
  const onBirthday = (expiry: string) => expiryAgreesWithBirthday(birth, expiry);
  const lostAOne = reads.some((b) => !same(b));
  const witnessed =
    birth.era === null ||
    (lostAOne
      ? expiries.length > 0 && expiries.every(onBirthday)
      : expiries.every((e) => onBirthday(e) || expiryLostADigit(birth, e)));
  if (!witnessed) return null;
  const expiry = fields.expiry !== null && expiries.every((e) => e === fields.expiry) ? fields.expiry : null;
  return { ...fields, expiry };
}
