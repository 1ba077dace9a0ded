import { describe, expect, it } from 'vitest';
import { VirtualCardTransport } from '../../readers/virtual-card/driver';
import { decideAge } from '../../policy';
import { buildCardModel, createPersonaCard } from '../../../mocks/card/persona-card';
import { persona, type PersonaId } from '../../../mocks/card/personas';
import { VirtualMyNumberCard } from '../../../mocks/card/virtual-card';
import { runNumberBCheck } from './number-b-check';
import type { NumberBDigits } from './number-b';

const TODAY = '2026-11-26';
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const digitsOf = (groups: { birth: string; expiryYear: string; securityCode: string }): NumberBDigits => ({
  birth: ascii(groups.birth),
  expiryYear: ascii(groups.expiryYear),
  securityCode: ascii(groups.securityCode),
});

async function setUp(id: PersonaId) {
  const made = await createPersonaCard(id, TODAY);
  const { card } = made;
  const ports = { transport: new VirtualCardTransport(card), today: TODAY };
  const numberB = made.persona.numberB;
  const groups = { birth: numberB.slice(0, 6), expiryYear: numberB.slice(6, 10), securityCode: numberB.slice(10) };
  const input = digitsOf(groups);
  const verifiesWithData = () => card.trace.filter((t) => t.command[1] === 0x20 && t.command.length > 5).length;
  return { card, persona: made.persona, ports, input, groups, verifiesWithData };
}

describe('number-B check', () => {
  it('reads the date of birth with 照合番号B and touches nothing forbidden', async () => {
    const { ports, input, groups, persona, card } = await setUp('adult-35');
    const result = await runNumberBCheck(ports, input);
    expect(result).toEqual({
      kind: 'evidence',
      evidence: {
        kind: 'date-of-birth',
        dateOfBirth: persona.dateOfBirth,
        assurance: 'chip-read-with-number-b',
        cardExpiry: { year: Number(groups.expiryYear) },
        demo: true,
      },
    });
    expect(card.privacyViolations).toEqual([]);
    if (result.kind !== 'evidence') return;
    expect(decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'kiosk' }).outcome).toBe(
      'staff-check',
    );
    expect(decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'clerk' }).outcome).toBe(
      'of-age',
    );
  });

  it('reports a wrong security code with the tries left, once, without blaming a group it cannot know', async () => {
    const { ports, groups, verifiesWithData } = await setUp('adult-35');
    const wrong = digitsOf({ ...groups, securityCode: groups.securityCode === '0000' ? '0001' : '0000' });
    expect(await runNumberBCheck(ports, wrong)).toEqual({ kind: 'rejected', triesLeft: 9, likelyWrong: null });
    expect(verifiesWithData()).toBe(1);
  });

  it('sends nothing for an impossible number', async () => {
    const { ports, groups, verifiesWithData, card } = await setUp('adult-35');
    const result = await runNumberBCheck(ports, digitsOf({ ...groups, birth: '551317' }));
    expect(result).toEqual({ kind: 'invalid', problems: [{ group: 'birth', code: 'no-such-date' }] });
    expect(verifiesWithData()).toBe(0);
    expect(card.trace).toHaveLength(0);
  });

  it('refuses with 3 tries left before sending', async () => {
    const { ports, input, verifiesWithData } = await setUp('number-b-three-tries-left');
    expect(await runNumberBCheck(ports, input)).toEqual({ kind: 'too-few-tries', triesLeft: 3 });
    expect(verifiesWithData()).toBe(0);
  });

  it('refuses a locked number B before sending', async () => {
    const { ports, input, verifiesWithData } = await setUp('number-b-locked');
    expect(await runNumberBCheck(ports, input)).toEqual({ kind: 'too-few-tries', triesLeft: 0 });
    expect(verifiesWithData()).toBe(0);
  });

  it('reads the first day of Heisei (元年) through 010108', async () => {
    const { ports, input, groups } = await setUp('heisei-first-day');
    expect(groups.birth).toBe('010108');
    expect(await runNumberBCheck(ports, input)).toMatchObject({ evidence: { dateOfBirth: '1989-01-08' } });
  });

  it('fails closed when the chip disagrees with the birth date in number B', async () => {
    // An inconsistent card: number B says 1991, EF 0002 says 1990.
    const original = persona('adult-35', TODAY);
    const card = new VirtualMyNumberCard(await buildCardModel({ ...original, dateOfBirth: '1990-01-01' }));
    const input = digitsOf({
      birth: original.numberB.slice(0, 6),
      expiryYear: original.numberB.slice(6, 10),
      securityCode: original.numberB.slice(10),
    });
    await expect(
      runNumberBCheck({ transport: new VirtualCardTransport(card), today: TODAY }, input),
    ).rejects.toMatchObject({
      code: 'policy.birth-date-mismatch',
    });
  });

  it('fails with policy.unknown date when the chip holds no date', async () => {
    const { ports, input } = await setUp('unknown-birth-date');
    await expect(runNumberBCheck(ports, input)).rejects.toMatchObject({ code: 'policy.invalid-date' });
  });

  it('fails with card-removed when the card leaves during the read', async () => {
    const { ports, input, card } = await setUp('adult-35');
    const transport = ports.transport;
    // The card leaves as the first READ BINARY is sent.
    const leaving = {
      info: transport.info,
      transmit: (apdu: Uint8Array) => {
        if (apdu[1] === 0xb0) card.remove();
        return transport.transmit(apdu);
      },
      cardPresent: () => transport.cardPresent(),
      close: () => transport.close(),
    };
    await expect(runNumberBCheck({ ...ports, transport: leaving }, input)).rejects.toMatchObject({
      code: 'transport.card-removed',
    });
  });
});
