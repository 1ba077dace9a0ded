import { describe, expect, it } from 'vitest';
import { ageOn, datesFromEraDigits, parseCardDate } from '../../app/policy';
import { PERSONA_IDS, persona, shiftDate, type PersonaId } from './personas';

const TODAYS = ['2026-11-26', '2028-02-29', '2027-03-01', '2030-01-01'];

describe('personas', () => {
  it.each(TODAYS)('have the ages their names promise on %s', (today) => {
    const yesterday = shiftDate(today, { days: -1 });
    const age = (id: PersonaId) => ageOn(persona(id, today).dateOfBirth, today);
    expect(age('adult-35')).toBe(35);
    expect(age('turns-20-today')).toBe(20);
    expect(ageOn(persona('turns-20-today', today).dateOfBirth, yesterday)).toBe(19);
    expect(age('turns-20-tomorrow')).toBe(19);
    expect(ageOn(persona('turns-20-tomorrow', today).dateOfBirth, shiftDate(today, { days: 1 }))).toBe(20);
    expect(age('minor-17')).toBe(17);
  });

  it('fix the boundary birth dates', () => {
    const today = '2026-11-26';
    expect(persona('born-feb-29', today).dateOfBirth).toBe('2004-02-29');
    expect(persona('showa-last-day', today).face.birthDateText).toBe('昭和64年1月7日生');
    expect(persona('heisei-first-day', today).face.birthDateText).toBe('平成元年1月8日生');
  });

  it.each(PERSONA_IDS)('%s: the printed face and 照合番号B agree with the date of birth', (id) => {
    for (const today of TODAYS) {
      const p = persona(id, today);
      expect(parseCardDate(p.face.birthDateText)).toBe(p.dateOfBirth);
      expect(parseCardDate(p.face.expiryText)).toBe(p.face.expiry);
      expect(p.numberB).toMatch(/^\d{14}$/);
      expect(datesFromEraDigits(p.numberB.slice(0, 6))).toContain(p.dateOfBirth);
      expect(p.numberB.slice(6, 10)).toBe(p.face.expiry.slice(0, 4));
      expect(p.numberB.slice(10)).toBe(p.face.securityCode);
      expect(p.face.expiry >= today).toBe(true); // every card is valid; only certificates expire
      expect(p.certificate.notBefore < today).toBe(true);
    }
  });

  it('make the card expire on a birthday, 10 years after issue for adults and 5 for minors', () => {
    const adult = persona('adult-35', '2026-11-26');
    expect(adult.face.expiry.slice(5)).toBe(adult.dateOfBirth.slice(5));
    expect(Number(adult.face.expiry.slice(0, 4)) - Number(adult.certificate.notBefore.slice(0, 4))).toBe(10);
    const minor = persona('minor-17', '2026-11-26');
    expect(Number(minor.face.expiry.slice(0, 4)) - Number(minor.certificate.notBefore.slice(0, 4))).toBe(5);
  });

  it('describe the states that matter', () => {
    const today = '2026-11-26';
    expect(persona('expired-certificate', today).certificate.notAfter < today).toBe(true);
    expect(persona('adult-35', today).certificate.notAfter > today).toBe(true);
    expect(persona('untrusted-issuer', today).certificate.issuer).toBe('untrusted');
    expect(persona('one-password-try-left', today).signPasswordTriesLeft).toBe(1);
    expect(persona('password-locked', today).signPasswordTriesLeft).toBe(0);
    expect(persona('unknown-birth-date', today).birthDateUnknown).toBe(true);
  });

  it('rejects an unknown persona', () => {
    expect(() => persona('nobody' as PersonaId, '2026-11-26')).toThrow(/unknown persona/);
  });
});
