/**
 * The simulator's PKI, built with @peculiar/x509 from the committed test keys: a signature CA and an
 * authentication CA shaped like J-LIS's (same DN structure) but named as a simulator, an "untrusted" CA that
 * copies the simulator signature CA's DN exactly (so verifiers must pick issuers by signature, not by name),
 * and per-card signature and authentication certificates. Never to be trusted in production.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, OtherName, SubjectAlternativeName, id_ce_subjectAltName } from '@peculiar/asn1-x509';
import { encodeTlv } from '../../../app/card/ber-tlv';
import { utf8 } from '../../../app/card/bytes';
import { JPKI_OID, JPKI_SAN_ORDER_SEEN } from '../../../app/card/mynumber/jpki-oids';
import { erasOf } from '../../../app/policy';
import type { Persona } from '../personas';
import { KEY_ALGORITHM, testKey } from './test-keys';
import * as x509 from './x509-lib';

/** DN of the simulator's signature CA: J-LIS's shape, a name no one can mistake for J-LIS. */
export const SIMULATOR_SIGN_CA_DN =
  'C=JP, O=JPKI, OU=JPKI for digital signature, OU=Virtual My Number Card Simulator - TEST ONLY';
export const SIMULATOR_AUTH_CA_DN =
  'C=JP, O=JPKI, OU=JPKI for user authentication, OU=Virtual My Number Card Simulator - TEST ONLY';

/** CA validity, fixed so that CA certificates are byte-identical on every run. */
const CA_VALIDITY = { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2045-12-31T14:59:59Z') };

/** Japan is UTC+9: 00:00 JST is 15:00 UTC of the previous day. */
const jstStartOfDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00+09:00`));
const jstEndOfDay = (iso: string) => new Date(Date.parse(`${iso}T23:59:59+09:00`));

interface CaCertificates {
  readonly signCa: x509.X509Certificate;
  readonly authCa: x509.X509Certificate;
  readonly untrustedSignCa: x509.X509Certificate;
}

async function selfSigned(keyName: string, name: string, serialNumber: string): Promise<x509.X509Certificate> {
  const keys = await testKey(keyName);
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber,
    name,
    keys,
    ...CA_VALIDITY,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
}

let caPromise: Promise<CaCertificates> | null = null;

/** The three CA certificates, built once per process. */
export function caCertificates(): Promise<CaCertificates> {
  caPromise ??= (async () => ({
    signCa: await selfSigned('simulator-sign-ca', SIMULATOR_SIGN_CA_DN, '51'),
    authCa: await selfSigned('simulator-auth-ca', SIMULATOR_AUTH_CA_DN, '52'),
    untrustedSignCa: await selfSigned('untrusted-sign-ca', SIMULATOR_SIGN_CA_DN, '53'),
  }))();
  return caPromise;
}

/** The JPKI certificate's `EYYYYMMDD`; era code 0 with zeros for an unknown date of birth. */
export function jpkiBirthDateField(persona: Persona): string {
  if (persona.birthDateUnknown) return '000000000';
  const era = erasOf(persona.dateOfBirth)[0];
  if (!era) throw new Error(`no era for ${persona.dateOfBirth}`);
  return `${era.jpkiCode}${persona.dateOfBirth.replaceAll('-', '')}`;
}

/** One otherName of the subjectAltName: OID, ASN.1 string tag and the already encoded string value. */
export interface SanEntry {
  readonly typeId: string;
  /** Universal tag of the string type (0C UTF8String, 13 PrintableString, 16 IA5String, 1E BMPString…). */
  readonly tag: number;
  readonly value: Uint8Array;
}

export const UTF8_STRING = 0x0c;

/** The six identity otherNames with UTF8String values, in the order seen on a real card. */
export function identitySanEntries(persona: Persona): SanEntry[] {
  const value: Record<string, string> = {
    [JPKI_OID.name]: persona.name,
    [JPKI_OID.nameAltPositions]: '0'.repeat(Array.from(persona.name).length),
    [JPKI_OID.sex]: persona.sex,
    [JPKI_OID.birthDate]: jpkiBirthDateField(persona),
    [JPKI_OID.address]: persona.address,
    [JPKI_OID.addressAltPositions]: '0'.repeat(Array.from(persona.address).length),
  };
  return JPKI_SAN_ORDER_SEEN.map((typeId) => ({ typeId, tag: UTF8_STRING, value: utf8(value[typeId] ?? '') }));
}

function subjectAltName(entries: readonly SanEntry[]): x509.Extension {
  const names = entries.map(
    ({ typeId, tag, value }) =>
      new GeneralName({ otherName: new OtherName({ typeId, value: encodeTlv(tag, value).slice().buffer }) }),
  );
  return new x509.Extension(id_ce_subjectAltName, false, AsnConvert.serialize(new SubjectAlternativeName(names)));
}

/** Changes to a signature certificate, for tests of the verifier. */
export interface SignCertificateOverrides {
  readonly sanEntries?: readonly SanEntry[];
  readonly policies?: readonly string[];
  readonly keyUsage?: x509.KeyUsageFlags;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly issuer?: 'simulator' | 'untrusted';
}

/** A card's two certificates and its CA certificates, DER. */
export interface CardCertificates {
  readonly signCertificate: x509.X509Certificate;
  readonly authCertificate: x509.X509Certificate;
  readonly signCa: x509.X509Certificate;
  readonly authCa: x509.X509Certificate;
}

const serialOf = (persona: Persona, kind: number) => `${kind}${String(persona.keySlot + 1).padStart(3, '0')}`;

/** Issues the persona's signature certificate, optionally altered. */
export async function issueSignCertificate(
  persona: Persona,
  overrides: SignCertificateOverrides = {},
): Promise<x509.X509Certificate> {
  const untrusted = (overrides.issuer ?? persona.certificate.issuer) === 'untrusted';
  const cas = await caCertificates();
  const signCa = untrusted ? cas.untrustedSignCa : cas.signCa;
  const signIssuerKey = await testKey(untrusted ? 'untrusted-sign-ca' : 'simulator-sign-ca');
  const signKey = await testKey(`card-${persona.keySlot}-sign`);
  return x509.X509CertificateGenerator.create({
    serialNumber: serialOf(persona, 1),
    subject: `C=JP, L=Simulator, CN=SIMULATOR SIGNATURE ${persona.keySlot + 1}`,
    issuer: signCa.subject,
    publicKey: signKey.publicKey,
    signingKey: signIssuerKey.privateKey,
    signingAlgorithm: KEY_ALGORITHM,
    notBefore: overrides.notBefore ?? jstStartOfDay(persona.certificate.notBefore),
    notAfter: overrides.notAfter ?? jstEndOfDay(persona.certificate.notAfter),
    extensions: [
      overrides.keyUsage === undefined
        ? new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)
        : new x509.KeyUsagesExtension(overrides.keyUsage, true),
      new x509.CertificatePolicyExtension([...(overrides.policies ?? [JPKI_OID.signaturePolicy])]),
      subjectAltName(overrides.sanEntries ?? identitySanEntries(persona)),
      await x509.AuthorityKeyIdentifierExtension.create(signIssuerKey.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(signKey.publicKey),
    ],
  });
}

/** Issues the persona's signature and authentication certificates. */
export async function issueCardCertificates(persona: Persona): Promise<CardCertificates> {
  const cas = await caCertificates();
  const untrusted = persona.certificate.issuer === 'untrusted';
  const signCa = untrusted ? cas.untrustedSignCa : cas.signCa;
  const authIssuerKey = await testKey('simulator-auth-ca');
  const authKey = await testKey(`card-${persona.keySlot}-auth`);
  const serial = (kind: number) => serialOf(persona, kind);
  const validity = {
    notBefore: jstStartOfDay(persona.certificate.notBefore),
    notAfter: jstEndOfDay(persona.certificate.notAfter),
  };
  const signCertificate = await issueSignCertificate(persona);
  // The authentication certificate carries no name, address or date of birth (card-protocol.md §2).
  const authCertificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(2),
    subject: `C=JP, CN=SIMULATOR AUTHENTICATION ${persona.keySlot + 1}`,
    issuer: cas.authCa.subject,
    publicKey: authKey.publicKey,
    signingKey: authIssuerKey.privateKey,
    signingAlgorithm: KEY_ALGORITHM,
    ...validity,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(authIssuerKey.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(authKey.publicKey),
    ],
  });
  return { signCertificate, authCertificate, signCa, authCa: cas.authCa };
}
