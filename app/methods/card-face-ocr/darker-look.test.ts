import { describe, expect, it } from 'vitest';
import { darkerLookStands } from './darker-look';
import type { BirthField, FaceFields } from './face-fields';
import { noEvidence, type BirthEvidence } from './second-read';

/** A plain look whose reads gave `read`, with more evidence where given. */
const look = (read: BirthField[], more: Partial<BirthEvidence> = {}): BirthEvidence => ({
  ...noEvidence(),
  read,
  ...more,
});
const showa = (iso: string): BirthField => ({ iso, era: '昭和' });
const fields = (birth: BirthField, expiry: string | null = null, securityCode: string | null = null): FaceFields => ({
  birth,
  expiry,
  securityCode,
});

describe('darkerLookStands', () => {
  const birth = showa('1960-04-06');
  /** The darkened looks' evidence when they read `birth` and its expiry, both twice. */
  const darkRead = [look([birth, birth], { expiries: ['2034-04-06', '2034-04-06'] })];

  it('takes the darkened look where the plain looks read nothing, its expiry only as a plain look read it, never its code', () => {
    // tune9 card-119 (昭和35年4月6日): every plain read of the blurred card gave no text at all.
    const taken = fields(birth, '2034-04-06', '4889');
    expect(darkerLookStands([look([]), look([])], darkRead, taken)).toEqual(fields(birth));
    const plainExpiry = [look([], { expiryTexts: ['2034年4月6日まで有効'] })];
    expect(darkerLookStands(plainExpiry, darkRead, taken)).toEqual(fields(birth, '2034-04-06'));
    // Plain expiry reads that disagree (on the year): no expiry given.
    const otherDay = [look([], { expiries: ['2034-04-06', '2033-04-06'] })];
    expect(darkerLookStands(otherDay, darkRead, taken)).toEqual(fields(birth));
  });

  it('refuses a date a look refused, read otherwise, or showed with a 1 more', () => {
    expect(darkerLookStands([look([birth], { refused: [birth] })], darkRead, fields(birth))).toBeNull();
    // A refusal among the darkened looks counts as well.
    expect(darkerLookStands([], [...darkRead, look([], { refused: [birth] })], fields(birth))).toBeNull();
    // Another date, even once: a dispute the darker pixels do not settle.
    expect(darkerLookStands([look([showa('1965-04-06')])], darkRead, fields(birth))).toBeNull();
    // A date a plain whole-card read parsed and did not take (no front mark seen, say) counts the same.
    expect(darkerLookStands([look([], { parsed: [showa('1970-04-06')] })], darkRead, fields(birth))).toBeNull();
    // A plain read with a 1 more: the darker look lost it (reads lose a 1, they do not add one).
    expect(darkerLookStands([look([showa('1960-04-16')])], darkRead, fields(birth))).toBeNull();
    expect(darkerLookStands([look([], { texts: ['昭和35年4月16日生'] })], darkRead, fields(birth))).toBeNull();
  });

  it('takes a date a read showed with a 1 lost only where a plain read showed it exactly and every expiry read witnesses it', () => {
    const november = showa('1960-11-06');
    const lost = showa('1960-01-06');
    const witness = { expiries: ['2034-11-06'] };
    expect(darkerLookStands([look([lost, november], witness)], [], fields(november))).toEqual(fields(november));
    // No plain read of the 11: the count behind "reads do not add a 1" was made on plain pixels.
    expect(darkerLookStands([look([lost], witness)], [look([november, november])], fields(november))).toBeNull();
    // Unwitnessed, or an expiry read ending on the shorter date.
    expect(darkerLookStands([look([lost, november])], [], fields(november))).toBeNull();
    const split = { expiries: ['2034-11-06', '2034-01-06'] };
    expect(darkerLookStands([look([lost, november], split)], [], fields(november))).toBeNull();
    // A Western-printed card's expiry is no birthday: no witness, but still a plain read of the date.
    const western = { iso: '1960-11-06', era: null };
    const westernLost = { iso: '1960-01-06', era: null };
    expect(darkerLookStands([look([westernLost, western])], [], fields(western))).toEqual(fields(western));
    expect(darkerLookStands([look([westernLost])], [look([western, western])], fields(western))).toBeNull();
  });

  it("refuses an era date an expiry read contradicts, the darkened looks' own included", () => {
    expect(darkerLookStands([look([], { expiryTexts: ['2034年4月8日まで有効'] })], darkRead, fields(birth))).toBeNull();
    expect(darkerLookStands([], [look([birth, birth], { expiries: ['2034-04-08'] })], fields(birth))).toBeNull();
    // An expiry read with a digit lost is no contradiction (4月16日 read 4月6日).
    const sixteenth = showa('1960-04-16');
    const lostDigit = [look([], { expiries: ['2034-04-06'] })];
    expect(darkerLookStands(lostDigit, [look([sixteenth, sixteenth])], fields(sixteenth, '2034-04-16'))).toEqual(
      fields(sixteenth),
    );
  });
});
