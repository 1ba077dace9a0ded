/**
 * The methods' own conversations with the card pass the card policy that the PC/SC bridge enforces: the app
 * and the bridge agree on what the app sends (the bridge refuses everything else).
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../card/bytes';
import { demoAnchors } from '../card/jpki-trust-anchors';
import { CardAccessGuard } from '../card/mynumber/card-access-guard';
import type { PolicyRefusal } from '../card/mynumber/card-policy';
import { VirtualCardTransport } from '../readers/virtual-card/driver';
import { createPersonaCard } from '../../mocks/card/persona-card';
import { PERSONA_SIGN_PASSWORD, type PersonaId } from '../../mocks/card/personas';
import { simulatorCvAnchors } from '../../mocks/card/pki/chip-pki';
import { caCertificates } from '../../mocks/card/pki/simulator-pki';
import { openJpkiCheck } from './jpki-signature/jpki-signature-check';
import { runAgeRecordCheck } from './age-record/age-record-check';
import { runNumberBCheck } from './number-b/number-b-check';
import { checkReader } from './reader-check';

const TODAY = '2026-11-26';
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('the methods through the card policy', () => {
  /** The app's own code over the virtual card, with the guard between them. */
  async function appTransport(id: PersonaId = 'adult-35') {
    const { card, persona } = await createPersonaCard(id, TODAY);
    const guard = new CardAccessGuard();
    const refusals: PolicyRefusal[] = [];
    const transport = new VirtualCardTransport({
      get present() {
        return card.present;
      },
      async transmit(apdu) {
        const decision = guard.admit(apdu);
        if (!decision.ok) {
          refusals.push(decision.refusal);
          throw new Error(`refused: ${decision.refusal}`);
        }
        const response = await card.transmit(apdu);
        decision.settle(response);
        return response;
      },
    });
    return { card, persona, transport, refusals };
  }

  it('the JPKI check (tries, password, certificate, signature), twice on one connection', async () => {
    const { transport, refusals, card } = await appTransport();
    const anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
    for (let round = 0; round < 2; round += 1) {
      const opened = await openJpkiCheck({
        transport,
        loadTrust: () => Promise.resolve(anchors),
        revocation: null,
        now: () => new Date('2026-11-26T03:00:00Z'),
        random: (n) => crypto.getRandomValues(new Uint8Array(n)),
      });
      expect(opened.kind).toBe('ask-password');
      if (opened.kind !== 'ask-password') return;
      const result = await opened.check.submitPassword(utf8(PERSONA_SIGN_PASSWORD));
      expect(result.kind).toBe('evidence');
    }
    expect(refusals).toEqual([]);
    expect(card.privacyViolations).toEqual([]);
  });

  it.each([false, true])(
    'the number-B check with the chip proof (photo path: %s) and the reader check',
    async (readPhoto) => {
      const { transport, refusals, persona, card } = await appTransport();
      const numberB = persona.numberB;
      const result = await runNumberBCheck(
        { transport, today: TODAY, readPhoto, loadCvTrust: simulatorCvAnchors, random },
        {
          birth: utf8(numberB.slice(0, 6)),
          expiryYear: utf8(numberB.slice(6, 10)),
          securityCode: utf8(numberB.slice(10)),
        },
      );
      expect(result.kind).toBe('evidence');
      if (result.kind === 'evidence') expect(result.photo !== null).toBe(readPhoto);
      await checkReader(transport);
      expect(refusals).toEqual([]);
      expect(card.privacyViolations).toEqual([]);
    },
  );

  it('the six-digit age record (surface AP, CV certificate, record, challenge)', async () => {
    const { transport, refusals, persona, card } = await appTransport();
    const result = await runAgeRecordCheck(
      { transport, today: TODAY, loadCvTrust: simulatorCvAnchors, random },
      { birth: persona.numberB.slice(0, 6) },
    );
    expect(result.kind).toBe('evidence');
    expect(refusals).toEqual([]);
    expect(card.privacyViolations).toEqual([]);
  });
});
