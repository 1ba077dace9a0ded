import { describe, expect, it } from 'vitest';
import { VirtualCardTransport } from '../../readers/virtual-card/driver';
import { decideAge } from '../../policy';
import { buildCardModel, createPersonaCard } from '../../../mocks/card/persona-card';
import { persona, type PersonaId } from '../../../mocks/card/personas';
import { simulatorCvAnchors } from '../../../mocks/card/pki/chip-pki';
import { VirtualMyNumberCard } from '../../../mocks/card/virtual-card';
import { toHex } from '../../card/bytes';
import { JP2_SIGNATURE } from '../../card/mynumber/chip-layout';
import { runNumberBCheck, type NumberBPorts } from './number-b-check';
import type { NumberBDigits } from './number-b';

const TODAY = '2026-11-26';
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const digitsOf = (groups: { birth: string; expiryYear: string; securityCode: string }): NumberBDigits => ({
  birth: ascii(groups.birth),
  expiryYear: ascii(groups.expiryYear),
  securityCode: ascii(groups.securityCode),
});

const chipPorts = {
  loadCvTrust: simulatorCvAnchors,
  random: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
};

async function setUp(id: PersonaId, readPhoto = true) {
  const made = await createPersonaCard(id, TODAY);
  const { card } = made;
  const ports: NumberBPorts = { transport: new VirtualCardTransport(card), today: TODAY, readPhoto, ...chipPorts };
  const numberB = made.persona.numberB;
  const groups = { birth: numberB.slice(0, 6), expiryYear: numberB.slice(6, 10), securityCode: numberB.slice(10) };
  const input = digitsOf(groups);
  const verifiesWithData = () => card.trace.filter((t) => t.command[1] === 0x20 && t.command.length > 5).length;
  return { card, persona: made.persona, ports, input, groups, verifiesWithData };
}

/** VERIFY commands that carried a secret, by application (the trace keeps the selected AID implicit). */
function secretVerifies(card: VirtualMyNumberCard): string[] {
  let app = '';
  const out: string[] = [];
  for (const { command } of card.trace) {
    if (command[1] === 0xa4 && command[2] === 0x04) app = toHex(command.subarray(5, 15));
    if (command[1] === 0x20 && command.length > 5) out.push(`${app.slice(-4)}:${command[4]}`);
  }
  return out;
}

describe('number-B check', () => {
  it('clerk: reads the date of birth, proves the chip on both APs, brings the signed photo; nothing forbidden', async () => {
    const { ports, input, groups, persona, card } = await setUp('adult-35');
    const result = await runNumberBCheck(ports, input);
    expect(result).toMatchObject({
      kind: 'evidence',
      evidence: {
        kind: 'date-of-birth',
        dateOfBirth: persona.dateOfBirth,
        assurance: 'chip-read-with-number-b',
        cardExpiry: { year: Number(groups.expiryYear) },
        chipChecks: ['cv-certificate', 'signed-record', 'fresh-challenge'],
        chipPhoto: true,
        demo: true,
      },
    });
    expect(card.privacyViolations).toEqual([]);
    if (result.kind !== 'evidence' || !result.photo) throw new Error('no photo');
    expect(result.photo.subarray(0, 12)).toEqual(JP2_SIGNATURE);
    // 照合番号B went once to the support AP's EF 0015 and once to the surface AP's EF 0012 — 14 digits each.
    expect(secretVerifies(card)).toEqual(['0408:14', '0402:14']);
    const verdict = decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'clerk' });
    expect(verdict.outcome).toBe('of-age');
    expect(verdict.reasons.map((r) => r.code)).toEqual([
      'meets-minimum-age',
      'chip-proven-genuine',
      'staff-must-compare-chip-photo',
      'demo-card',
    ]);
  });

  it('kiosk: the same chip proof, no photo, the surface AP untouched; staff check', async () => {
    const { ports, input, card } = await setUp('adult-35', false);
    const result = await runNumberBCheck(ports, input);
    expect(result).toMatchObject({ kind: 'evidence', evidence: { chipPhoto: false }, photo: null });
    expect(secretVerifies(card)).toEqual(['0408:14']);
    const surfaceSelected = card.trace.some((t) => t.command[1] === 0xa4 && t.command[14] === 0x02);
    expect(surfaceSelected).toBe(false);
    if (result.kind !== 'evidence') return;
    expect(decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'kiosk' }).outcome).toBe(
      'staff-check',
    );
  });

  it.each([
    ['wrong-cv-ca', 'issuer-unknown', true],
    ['cloned-chip', 'challenge', true],
    ['record-altered', 'photo-record', true],
  ] as const)('%s: cannot verify (%s)', async (id, check, readPhoto) => {
    const { ports, input, card } = await setUp(id, readPhoto);
    await expect(runNumberBCheck(ports, input)).rejects.toMatchObject({
      code: 'card.chip-not-genuine',
      details: { check: id === 'wrong-cv-ca' ? 'cv-certificate' : check },
    });
    expect(card.privacyViolations).toEqual([]);
  });

  it('record-altered in a kiosk: the support AP proves the chip, the unsigned EF 0002 date stands — staff check, never of-age', async () => {
    const { ports, input } = await setUp('record-altered', false);
    const result = await runNumberBCheck(ports, input);
    if (result.kind !== 'evidence') throw new Error(result.kind);
    expect(decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'kiosk' }).outcome).toBe(
      'staff-check',
    );
  });

  it('a simulated chip is never accepted with production keys', async () => {
    const { ports, input } = await setUp('adult-35');
    const anchors = await simulatorCvAnchors();
    await expect(
      runNumberBCheck({ ...ports, loadCvTrust: () => Promise.resolve({ ...anchors, mode: 'production' }) }, input),
    ).rejects.toMatchObject({ code: 'card.chip-not-genuine', details: { check: 'simulated-chip' } });
  });

  it('without configured keys: cannot verify, and nothing is sent to the card', async () => {
    const { ports, input, card } = await setUp('adult-35');
    await expect(runNumberBCheck({ ...ports, loadCvTrust: () => Promise.resolve(null) }, input)).rejects.toMatchObject({
      code: 'card.chip-keys-not-configured',
    });
    expect(card.trace).toHaveLength(0);
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
      runNumberBCheck(
        { transport: new VirtualCardTransport(card), today: TODAY, readPhoto: true, ...chipPorts },
        input,
      ),
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
