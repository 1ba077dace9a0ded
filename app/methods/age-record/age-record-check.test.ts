import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCardModel, createPersonaCard } from '../../../mocks/card/persona-card';
import { simulatorCvAnchors } from '../../../mocks/card/pki/chip-pki';
import { persona as resolve, type PersonaId } from '../../../mocks/card/personas';
import { VirtualMyNumberCard } from '../../../mocks/card/virtual-card';
import { readTlv } from '../../card/ber-tlv';
import { CardError } from '../../card/card-errors';
import { toHex } from '../../card/bytes';
import { decideAge, PolicyError } from '../../policy';
import { VirtualCardTransport } from '../../readers/virtual-card/driver';
import { birthDigits, runAgeRecordCheck, type AgeRecordPorts } from './age-record-check';

const TODAY = '2026-11-26';

async function setUp(id: PersonaId) {
  const { card, persona } = await createPersonaCard(id, TODAY);
  const ports: AgeRecordPorts = {
    transport: new VirtualCardTransport(card),
    today: TODAY,
    loadCvTrust: simulatorCvAnchors,
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
  };
  /** Command headers (CLA INS P1 P2, and the file id of a SELECT by id), as sent. */
  const headers = () =>
    card.trace.map(({ command }) => {
      const head = toHex(command.subarray(0, 4));
      return command[1] === 0xa4 && command[2] === 0x02 ? `${head} ${toHex(command.subarray(5, 7))}` : head;
    });
  return { card, persona, ports, digits: persona.numberB.slice(0, 6), headers };
}

describe('age-record check', () => {
  it('six digits open EF 0001; CV certificate → DF13 → challenge; a chip-signed date, holder not proven', async () => {
    const { ports, digits, persona, card, headers } = await setUp('adult-35');
    const result = await runAgeRecordCheck(ports, { birth: digits });
    expect(result).toMatchObject({
      kind: 'evidence',
      evidence: {
        dateOfBirth: persona.dateOfBirth,
        assurance: 'chip-signed-birth-date',
        chipChecks: ['cv-certificate', 'signed-record', 'fresh-challenge'],
        demo: true,
      },
    });
    expect(card.privacyViolations).toEqual([]);
    // The conversation: the key's counter, one VERIFY, EF 0004, EF 0001, the challenge. Nothing else selected.
    // READ BINARY: the template's first 5 bytes, then the rest in 251-byte chunks (one ISO-DEP frame each).
    expect(headers()).toEqual([
      '00a4040c',
      '00a4020c 0011',
      '00200080',
      '00a4020c 0011',
      '00200080',
      '00a4020c 0004', // CV certificate: 5 + 563 - 5 bytes
      '00b00000',
      '00b00005',
      '00b00100',
      '00b001fb',
      '00a4020c 0001', // age record: 5 + 542 - 5 bytes
      '00b00000',
      '00b00005',
      '00b00100',
      '00b001fb',
      '802a0000',
    ]);
    if (result.kind !== 'evidence') return;
    const clerk = decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'clerk' });
    expect(clerk.outcome).toBe('of-age');
    expect(clerk.reasons.map((r) => r.code)).toContain('holder-not-proven');
    expect(decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'kiosk' }).outcome).toBe(
      'staff-check',
    );
  });

  it('one try left on the birth-date key: nothing sent', async () => {
    const { ports, digits, card } = await setUp('birth-key-one-try-left');
    expect(await runAgeRecordCheck(ports, { birth: digits })).toEqual({ kind: 'too-few-tries', triesLeft: 1 });
    expect(card.trace.filter((t) => t.command[1] === 0x20 && t.command.length > 5)).toHaveLength(0);
  });

  it('wrong digits: the tries left, once, never retried', async () => {
    const { ports, digits, card } = await setUp('adult-35');
    const wrong = `${digits.slice(0, 4)}${digits.slice(4) === '01' ? '02' : '01'}`;
    expect(await runAgeRecordCheck(ports, { birth: wrong })).toEqual({ kind: 'rejected', triesLeft: 9 });
    expect(card.trace.filter((t) => t.command[1] === 0x20 && t.command.length > 5)).toHaveLength(1);
  });

  it('impossible digits: nothing sent', async () => {
    const { ports, card } = await setUp('adult-35');
    expect(await runAgeRecordCheck(ports, { birth: '551317' })).toEqual({ kind: 'invalid' });
    expect(card.trace).toHaveLength(0);
  });

  it.each([
    ['record-altered', 'signed-record'],
    ['cloned-chip', 'challenge'],
    ['wrong-cv-ca', 'cv-certificate'],
  ] as const)('%s: cannot verify (%s)', async (id, check) => {
    const { ports, digits, card } = await setUp(id);
    await expect(runAgeRecordCheck(ports, { birth: digits })).rejects.toMatchObject({
      code: 'card.chip-not-genuine',
      details: { check },
    });
    expect(card.privacyViolations).toEqual([]);
  });

  it('an expired card face handed over with the digits: the policy refuses it', async () => {
    const { ports, digits } = await setUp('adult-35');
    const result = await runAgeRecordCheck(ports, { birth: digits, faceExpiry: '2026-01-01' });
    if (result.kind !== 'evidence') throw new Error(result.kind);
    expect(decideAge({ evidence: result.evidence, today: TODAY, minimumAge: 20, mode: 'clerk' }).outcome).toBe(
      'cannot-verify',
    );
  });

  it('birthDigits: half-width six digits of a past date in some era, else null', () => {
    expect(birthDigits('５５０２１７', TODAY)).toBe('550217');
    expect(birthDigits('551317', TODAY)).toBeNull();
    expect(birthDigits('12345', TODAY)).toBeNull();
  });
});

describe('fuzz (fixed seed): a chip whose records were tampered with always ends as "cannot verify"', () => {
  it('a flipped byte anywhere in the surface AP EF 0004 or EF 0001 template', async () => {
    const adult = resolve('adult-35', TODAY);
    const model = await buildCardModel(adult);
    const surface = model.applications.find((a) => a.name === 'surface');
    if (!surface) throw new Error('no surface AP');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0x0004, 0x0001),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (fid, at, flip) => {
          const file = surface.files.get(fid);
          if (file?.kind !== 'binary') throw new Error('no file');
          const content = file.content.slice();
          const index = at % readTlv(content).end; // within the template; the padding after it is never read
          content[index] = (content[index] ?? 0) ^ flip;
          const files = new Map(surface.files).set(fid, { ...file, content });
          const card = new VirtualMyNumberCard({
            ...model,
            applications: model.applications.map((a) => (a === surface ? { ...surface, files } : a)),
          });
          const ports = {
            transport: new VirtualCardTransport(card),
            today: TODAY,
            loadCvTrust: simulatorCvAnchors,
            random: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
          };
          const outcome = await runAgeRecordCheck(ports, { birth: adult.numberB.slice(0, 6) }).then(
            (result) => result,
            (error: unknown) => error,
          );
          // Every failure is typed, and becomes "cannot verify".
          expect(outcome instanceof CardError || outcome instanceof PolicyError).toBe(true);
          const code = (outcome as { code: string }).code;
          expect([
            'card.parse',
            'card.chip-not-genuine',
            'card.status',
            'policy.invalid-date',
            'policy.birth-date-mismatch',
          ]).toContain(code);
          expect(
            decideAge({ evidence: { kind: 'failed', errorCode: code }, today: TODAY, minimumAge: 20, mode: 'clerk' })
              .outcome,
          ).toBe('cannot-verify');
        },
      ),
      { seed: 1515, numRuns: 60 },
    );
  });
});
