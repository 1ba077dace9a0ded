import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../card/bytes';
import { CardError } from '../../card/card-errors';
import { demoAnchors, type TrustAnchors } from '../../card/jpki-trust-anchors';
import { PolicyError } from '../../policy';
import { VirtualCardTransport } from '../../readers/virtual-card/driver';
import { createPersonaCard } from '../../../mocks/card/persona-card';
import type { PersonaId } from '../../../mocks/card/personas';
import { caCertificates } from '../../../mocks/card/pki/simulator-pki';
import { openJpkiCheck, type JpkiCheckPorts } from './jpki-signature-check';
import type { RevocationChecker } from './revocation';

const TODAY = '2026-11-26';
const NOW = new Date('2026-11-26T03:00:00Z');

async function setUp(id: PersonaId, overrides: Partial<JpkiCheckPorts> = {}) {
  const { card, persona } = await createPersonaCard(id, TODAY);
  const anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
  const ports: JpkiCheckPorts = {
    transport: new VirtualCardTransport(card),
    loadTrust: () => Promise.resolve(anchors),
    revocation: null,
    now: () => NOW,
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    ...overrides,
  };
  /** VERIFY commands that carried a secret (the trace masks it with `*`). */
  const verifiesWithData = () => card.trace.filter((t) => t.command[1] === 0x20 && t.command.length > 4).length;
  return { card, persona, ports, verifiesWithData };
}

const password = (text: string) => utf8(text);

describe('JPKI signature check', () => {
  it('reads the tries left first, then gives chip-signature evidence with the date of birth', async () => {
    const { ports, persona, card } = await setUp('adult-35');
    const opened = await openJpkiCheck(ports);
    expect(opened).toMatchObject({ kind: 'ask-password', triesLeft: 5 });
    if (opened.kind !== 'ask-password') return;
    const secret = password('ABC123');
    const result = await opened.check.submitPassword(secret);
    expect(result).toEqual({
      kind: 'evidence',
      evidence: {
        kind: 'date-of-birth',
        dateOfBirth: persona.dateOfBirth,
        assurance: 'chip-signature-with-password',
        revocation: 'not-checked',
        demo: true,
      },
    });
    expect(toHex(secret)).toBe('000000000000'); // wiped
    // An empty VERIFY came before the VERIFY with the password.
    const verifies = card.trace.filter((t) => t.command[1] === 0x20).map((t) => t.command.length);
    expect(verifies.slice(0, 3)).toEqual([4, 4, 11]);
    expect(card.privacyViolations).toEqual([]);
  });

  it('returns a wrong password with the tries left, sends it once, and accepts the right one next', async () => {
    const { ports, verifiesWithData } = await setUp('adult-35');
    const opened = await openJpkiCheck(ports);
    if (opened.kind !== 'ask-password') throw new Error('expected a password prompt');
    expect(await opened.check.submitPassword(password('WRONG1'))).toEqual({
      kind: 'rejected',
      triesLeft: 4,
      canRetry: true,
    });
    expect(verifiesWithData()).toBe(1);
    expect((await opened.check.submitPassword(password('ABC123'))).kind).toBe('evidence');
    expect(verifiesWithData()).toBe(2);
  });

  it('refuses a malformed password without sending anything', async () => {
    const { ports, verifiesWithData } = await setUp('adult-35');
    const opened = await openJpkiCheck(ports);
    if (opened.kind !== 'ask-password') throw new Error('expected a password prompt');
    for (const bad of ['ABC12', 'abc123', 'ABC 123', 'ABCDEFGHIJKLMNOPQ']) {
      expect(await opened.check.submitPassword(password(bad))).toEqual({ kind: 'invalid-format' });
    }
    expect(verifiesWithData()).toBe(0);
  });

  it.each([
    ['one-password-try-left', 1],
    ['password-locked', 0],
  ] as const)('%s: refused without asking for the password or sending VERIFY', async (id, tries) => {
    const { ports, verifiesWithData } = await setUp(id);
    expect(await openJpkiCheck(ports)).toEqual({ kind: 'refused', triesLeft: tries });
    expect(verifiesWithData()).toBe(0);
  });

  it('stops asking once a wrong password leaves fewer than 2 tries', async () => {
    const { ports, card } = await setUp('adult-35');
    const opened = await openJpkiCheck(ports);
    if (opened.kind !== 'ask-password') throw new Error('expected a password prompt');
    for (const left of [4, 3, 2])
      expect(await opened.check.submitPassword(password('WRONG1'))).toMatchObject({ triesLeft: left, canRetry: true });
    expect(await opened.check.submitPassword(password('WRONG1'))).toEqual({
      kind: 'rejected',
      triesLeft: 1,
      canRetry: false,
    });
    // Even if the UI asked again, the card layer refuses to send below the floor.
    await expect(opened.check.submitPassword(password('ABC123'))).rejects.toMatchObject({
      code: 'card.pin-too-few-tries',
    });
    expect(card.triesLeft('jpki', 0x1b)).toBe(1);
  });

  it.each<[PersonaId, string]>([
    ['untrusted-issuer', 'card.certificate-untrusted'],
    ['expired-certificate', 'card.certificate-expired'],
    ['unknown-birth-date', 'policy.unknown-birth-date'],
  ])('%s ends in %s', async (id, code) => {
    const { ports } = await setUp(id);
    const opened = await openJpkiCheck(ports);
    if (opened.kind !== 'ask-password') throw new Error('expected a password prompt');
    const error: unknown = await opened.check.submitPassword(password('ABC123')).catch((e: unknown) => e);
    expect(error instanceof CardError || error instanceof PolicyError).toBe(true);
    expect((error as CardError).code).toBe(code);
  });

  it('never accepts the simulated card when production anchors are configured', async () => {
    const production: TrustAnchors = {
      mode: 'production',
      certificates: await caCertificates().then((c) => [c.signCa]),
    };
    const { ports } = await setUp('adult-35', { loadTrust: () => Promise.resolve(production) });
    const opened = await openJpkiCheck(ports);
    if (opened.kind !== 'ask-password') throw new Error('expected a password prompt');
    await expect(opened.check.submitPassword(password('ABC123'))).rejects.toMatchObject({
      code: 'card.certificate-untrusted',
    });
  });

  it('passes the revocation answer on to the evidence', async () => {
    const revoked: RevocationChecker = { check: () => Promise.resolve('revoked') };
    const { ports } = await setUp('adult-35', { revocation: revoked });
    const opened = await openJpkiCheck(ports);
    if (opened.kind !== 'ask-password') throw new Error('expected a password prompt');
    expect(await opened.check.submitPassword(password('ABC123'))).toMatchObject({
      evidence: { revocation: 'revoked' },
    });
  });

  it('fails with card-removed when the card leaves during the certificate read', async () => {
    const { ports, card } = await setUp('adult-35', {});
    const opened = await openJpkiCheck({
      ...ports,
      onProgress: () => {
        card.remove();
      },
    });
    if (opened.kind !== 'ask-password') throw new Error('expected a password prompt');
    await expect(opened.check.submitPassword(password('ABC123'))).rejects.toMatchObject({
      code: 'transport.card-removed',
    });
  });
});
