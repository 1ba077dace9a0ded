import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectAlternativeName, id_ce_subjectAltName } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { JPKI_OID, JPKI_SAN_ORDER_SEEN } from '../../../app/card/mynumber/jpki-oids';
import { parseJpkiBirthDate, PolicyError } from '../../../app/policy';
import { persona } from '../personas';
import { caCertificates, issueCardCertificates, jpkiBirthDateField, SIMULATOR_SIGN_CA_DN } from './simulator-pki';
import * as x509 from './x509-lib';

const TODAY = '2026-11-26';

/** The identity otherNames of a certificate, in order, with their decoded UTF8String values. */
function otherNames(certificate: x509.X509Certificate): [string, string][] {
  const extension = certificate.getExtension(id_ce_subjectAltName);
  if (!extension) return [];
  const san = AsnConvert.parse(extension.value, SubjectAlternativeName);
  return san.map((name) => {
    const other = name.otherName;
    if (!other) throw new Error('not an otherName');
    const value = new Uint8Array(other.value);
    expect(value[0]).toBe(0x0c); // UTF8String
    return [other.typeId, new TextDecoder().decode(value.subarray(2))];
  });
}

describe('simulator PKI', () => {
  it('names its CAs like J-LIS but as a simulator, and is self-signed', async () => {
    const { signCa, authCa } = await caCertificates();
    expect(signCa.subject).toBe(SIMULATOR_SIGN_CA_DN);
    expect(signCa.subject).toContain('OU=JPKI for digital signature');
    expect(signCa.subject).toMatch(/Simulator - TEST ONLY/);
    expect(authCa.subject).toContain('OU=JPKI for user authentication');
    expect(await signCa.isSelfSigned()).toBe(true);
  });

  it('issues a signature certificate with the six otherNames in the order seen on a real card', async () => {
    const p = persona('adult-35', TODAY);
    const { signCertificate, signCa } = await issueCardCertificates(p);
    const names = otherNames(signCertificate);
    expect(names.map(([oid]) => oid)).toEqual(JPKI_SAN_ORDER_SEEN);
    const value = Object.fromEntries(names);
    expect(value[JPKI_OID.name]).toBe('試験　太郎');
    expect(value[JPKI_OID.name]).toContain('\u3000');
    expect(parseJpkiBirthDate(value[JPKI_OID.birthDate] ?? '')).toBe(p.dateOfBirth);
    expect(value[JPKI_OID.birthDate]).toMatch(/^4\d{8}$/); // born in Heisei (1991)
    expect(value[JPKI_OID.address]).toMatch(/[０-９]/);
    expect(value[JPKI_OID.sex]).toBe('1');
    expect(value[JPKI_OID.nameAltPositions]).toBe('00000');
    expect(await signCertificate.verify({ publicKey: signCa.publicKey, signatureOnly: true })).toBe(true);
    const policies = signCertificate.getExtension(x509.CertificatePolicyExtension);
    expect(policies?.policies).toEqual([JPKI_OID.signaturePolicy]);
    const usage = signCertificate.getExtension(x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    const algorithm = signCertificate.publicKey.algorithm as RsaHashedKeyAlgorithm;
    expect(algorithm.modulusLength).toBe(2048);
  });

  it('keeps identity out of the authentication certificate', async () => {
    const { authCertificate } = await issueCardCertificates(persona('adult-35', TODAY));
    expect(otherNames(authCertificate)).toEqual([]);
  });

  it('validity runs from issue to 23:59:59 JST of the last day', async () => {
    const p = persona('adult-35', TODAY);
    const { signCertificate } = await issueCardCertificates(p);
    expect(signCertificate.notAfter.toISOString()).toBe(new Date(`${p.certificate.notAfter}T14:59:59Z`).toISOString());
    const expired = await issueCardCertificates(persona('expired-certificate', TODAY));
    expect(expired.signCertificate.notAfter.getTime()).toBeLessThan(Date.parse(`${TODAY}T00:00:00+09:00`));
  });

  it('the untrusted CA copies the DN but not the key: only the signature tells them apart', async () => {
    const { signCa, untrustedSignCa } = await caCertificates();
    const { signCertificate } = await issueCardCertificates(persona('untrusted-issuer', TODAY));
    expect(signCertificate.issuer).toBe(signCa.subject);
    expect(untrustedSignCa.subject).toBe(signCa.subject);
    expect(await signCertificate.verify({ publicKey: signCa.publicKey, signatureOnly: true })).toBe(false);
    expect(await signCertificate.verify({ publicKey: untrustedSignCa.publicKey, signatureOnly: true })).toBe(true);
  });

  it('writes era code 0 for an unknown date of birth, which the policy refuses', () => {
    const field = jpkiBirthDateField(persona('unknown-birth-date', TODAY));
    expect(field).toBe('000000000');
    expect(() => parseJpkiBirthDate(field)).toThrow(PolicyError);
    expect(jpkiBirthDateField(persona('heisei-first-day', TODAY))).toBe('419890108');
    expect(jpkiBirthDateField(persona('showa-last-day', TODAY))).toBe('319890107');
  });
});
