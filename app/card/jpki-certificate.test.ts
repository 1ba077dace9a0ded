import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, utf8 } from './bytes';
import { CardError } from './card-errors';
import { verifySignCertificate } from './jpki-certificate';
import { demoAnchors, productionAnchors, type TrustAnchors } from './jpki-trust-anchors';
import { JPKI_OID, SHA256_DIGEST_INFO_PREFIX } from './mynumber/jpki-oids';
import { persona, type Persona } from '../../mocks/card/personas';
import {
  caCertificates,
  identitySanEntries,
  issueSignCertificate,
  UTF8_STRING,
  type SignCertificateOverrides,
} from '../../mocks/card/pki/simulator-pki';
import { testKey } from '../../mocks/card/pki/test-keys';
import { rawRsaKey } from '../../mocks/card/raw-rsa';
import * as x509 from './x509';

const TODAY = '2026-11-26';
const NOW = new Date('2026-11-26T03:00:00Z');
const challenge = crypto.getRandomValues(new Uint8Array(32));
let anchors: TrustAnchors;
let adult: Persona;

beforeAll(async () => {
  anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
  adult = persona('adult-35', TODAY);
});

/** The card's signature over the challenge, made with the persona's signature key. */
async function cardSignature(p: Persona, message = challenge): Promise<Uint8Array> {
  const key = await testKey(`card-${p.keySlot}-sign`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', message));
  return rawRsaKey(key.jwk).sign(concatBytes(SHA256_DIGEST_INFO_PREFIX, digest));
}

async function verify(
  p: Persona,
  overrides: SignCertificateOverrides = {},
  options: { signature?: Uint8Array; anchors?: TrustAnchors; now?: Date } = {},
) {
  const certificate = await issueSignCertificate(p, overrides);
  return verifySignCertificate({
    certificateDer: new Uint8Array(certificate.rawData),
    challenge,
    signature: options.signature ?? (await cardSignature(p)),
    anchors: options.anchors ?? anchors,
    now: options.now ?? NOW,
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof CardError ? error.code : `other: ${String(error)}`;
  }
}

const entriesWithBirthDate = (p: Persona, tag: number, value: Uint8Array) =>
  identitySanEntries(p).map((e) => (e.typeId === JPKI_OID.birthDate ? { ...e, tag, value } : e));

describe('verifySignCertificate', () => {
  it('accepts a good certificate and returns only the date of birth field', async () => {
    const result = await verify(adult);
    expect(Object.keys(result).sort()).toEqual(['birthDateField', 'issuer', 'serialNumber']);
    expect(result.birthDateField).toBe(`4${adult.dateOfBirth.replaceAll('-', '')}`);
    expect(JSON.stringify(result)).not.toContain('試験');
  });

  it.each([
    ['PrintableString', 0x13, (s: string) => utf8(s)],
    ['IA5String', 0x16, (s: string) => utf8(s)],
    ['BMPString', 0x1e, (s: string) => Uint8Array.from(Array.from(s).flatMap((c) => [0, c.charCodeAt(0)]))],
  ])('reads the date of birth as a %s too', async (_, tag, encode) => {
    const field = `4${adult.dateOfBirth.replaceAll('-', '')}`;
    const result = await verify(adult, { sanEntries: entriesWithBirthDate(adult, tag, encode(field)) });
    expect(result.birthDateField).toBe(field);
  });

  it('finds the date of birth in any position', async () => {
    const reversed = [...identitySanEntries(adult)].reverse();
    expect((await verify(adult, { sanEntries: reversed })).birthDateField).toMatch(/^4\d{8}$/);
  });

  it.each<[string, () => Promise<unknown>, string]>([
    [
      'a missing date of birth',
      () => verify(adult, { sanEntries: identitySanEntries(adult).filter((e) => e.typeId !== JPKI_OID.birthDate) }),
      'card.birth-date-missing',
    ],
    [
      'two dates of birth',
      () =>
        verify(adult, {
          sanEntries: [
            ...identitySanEntries(adult),
            { typeId: JPKI_OID.birthDate, tag: UTF8_STRING, value: utf8('319800217') },
          ],
        }),
      'card.birth-date-missing',
    ],
    [
      'a date of birth in an odd type',
      () => verify(adult, { sanEntries: entriesWithBirthDate(adult, 0x04, utf8('319800217')) }),
      'card.birth-date-missing',
    ],
    ['a wrong policy', () => verify(adult, { policies: ['1.2.392.200149.8.5.1.0.20'] }), 'card.certificate-policy'],
    [
      'no nonRepudiation',
      () => verify(adult, { keyUsage: x509.KeyUsageFlags.digitalSignature }),
      'card.certificate-key-usage',
    ],
    ['an expired certificate', () => verify(persona('expired-certificate', TODAY)), 'card.certificate-expired'],
    [
      'a certificate not valid yet',
      () => verify(adult, { notBefore: new Date('2026-12-01T00:00:00Z') }),
      'card.certificate-not-yet-valid',
    ],
    [
      'an untrusted issuer with the same DN',
      () => verify(persona('untrusted-issuer', TODAY)),
      'card.certificate-untrusted',
    ],
    [
      'a signature over another challenge',
      async () => verify(adult, {}, { signature: await cardSignature(adult, utf8('other')) }),
      'card.signature-invalid',
    ],
    [
      'a signature by another card',
      async () => verify(adult, {}, { signature: await cardSignature(persona('minor-17', TODAY)) }),
      'card.signature-invalid',
    ],
  ])('refuses %s with %s', async (_, run, code) => {
    expect(await codeOf(run())).toBe(code);
  });

  it('keeps era code 0 for the policy to refuse', async () => {
    const result = await verify(persona('unknown-birth-date', TODAY));
    expect(result.birthDateField).toBe('000000000');
  });

  it('refuses garbage as a certificate', async () => {
    const run = verifySignCertificate({
      certificateDer: utf8('not a certificate'),
      challenge,
      signature: new Uint8Array(256),
      anchors,
      now: NOW,
    });
    expect(await codeOf(run)).toBe('card.parse');
  });

  it('never accepts a simulator certificate against production anchors', async () => {
    // Production anchors that happen to hold only pinned roots: the simulator root is not among them.
    const signCa = (await caCertificates()).signCa;
    expect(await codeOf(productionAnchors(signCa.toString('pem')))).toBe('card.certificate-untrusted');
  });
});
