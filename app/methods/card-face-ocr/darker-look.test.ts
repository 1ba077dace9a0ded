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

  it('takes the darkened look where the plain looks read nothing, with its expiry and code', () => {
    // tune9 card-119 (昭和35年4月6日): every plain read of the blurred card gave no text at all.
    const taken = fields(birth, '2034-04-06', '4889');
    expect(darkerLookStands([look([]), look([])], taken)).toEqual(taken);
    expect(darkerLookStands([], fields(birth))).toEqual(fields(birth));
  });

  it('refuses a date a plain look refused, read otherwise, or showed with a 1 more', () => {
    expect(darkerLookStands([look([birth], { refused: [birth] })], fields(birth))).toBeNull();
    // Another date, even once: a dispute the darker pixels do not settle.
    expect(darkerLookStands([look([showa('1965-04-06')])], fields(birth))).toBeNull();
    // A plain read with a 1 more: the darker look lost it (reads lose a 1, they do not add one).
    expect(darkerLookStands([look([showa('1960-04-16')])], fields(birth))).toBeNull();
    expect(darkerLookStands([look([], { texts: ['昭和35年4月16日生'] })], fields(birth))).toBeNull();
  });

  it('takes a date a plain read showed with a 1 lost only where every expiry read ends on its birthday', () => {
    const november = showa('1960-11-06');
    const lost = showa('1960-01-06');
    expect(darkerLookStands([look([lost])], fields(november))).toBeNull();
    expect(darkerLookStands([look([lost], { expiries: ['2034-11-06'] })], fields(november))).toEqual(fields(november));
    expect(darkerLookStands([look([lost], { expiries: ['2034-11-06', '2034-01-06'] })], fields(november))).toBeNull();
    // A Western-printed card's expiry is no birthday: no witness needed.
    const western = { iso: '1960-11-06', era: null };
    expect(darkerLookStands([look([{ iso: '1960-01-06', era: null }])], fields(western))).toEqual(fields(western));
  });

  it("refuses an era date a plain look's expiry contradicts; drops an expiry a plain read gave otherwise", () => {
    expect(darkerLookStands([look([], { expiryTexts: ['2034年4月8日まで有効'] })], fields(birth))).toBeNull();
    // An expiry read with a digit lost is no contradiction (4月16日 read 4月6日 is the other way).
    const sixteenth = showa('1960-04-16');
    const lostDigit = [look([], { expiries: ['2034-04-06'] })];
    expect(darkerLookStands(lostDigit, fields(sixteenth, '2034-04-16'))).toEqual(fields(sixteenth));
    expect(darkerLookStands([look([], { expiries: ['2034-04-06'] })], fields(birth, '2034-04-06'))).toEqual(
      fields(birth, '2034-04-06'),
    );
  });
});
