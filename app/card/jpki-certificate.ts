/**
 * Verifies what the JPKI-AP returned: the card's signature over our challenge, the signature certificate's
 * chain to a trust anchor (chosen by signature: every J-LIS generation has the same DN), its validity now, its
 * key usage and policy; then takes the date of birth and nothing else from it (card-protocol.md §2.1). Name,
 * address and sex are never decoded. Loaded lazily: @peculiar/x509 stays out of the start-up bundle.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ce_subjectAltName, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { readTlv } from './ber-tlv';
import { CardError } from './card-errors';
import { JPKI_OID } from './mynumber/jpki-oids';
import type { TrustAnchors } from './jpki-trust-anchors';
import * as x509 from './x509';

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** What the check keeps from a verified certificate. */
export interface VerifiedSignCertificate {
  /** The `EYYYYMMDD` date of birth, undecoded: the policy parses it. */
  readonly birthDateField: string;
  /** For the revocation check. */
  readonly serialNumber: string;
  readonly issuer: string;
}

export interface VerifyInput {
  readonly certificateDer: Uint8Array;
  /** The fresh random challenge the card signed. */
  readonly challenge: Uint8Array;
  readonly signature: Uint8Array;
  readonly anchors: TrustAnchors;
  readonly now: Date;
}

/** Decodes an ASN.1 string of any of the types a certificate may use. */
export function decodeAsnString(der: Uint8Array): string {
  const { tag, value } = readTlv(der);
  switch (tag) {
    case 0x0c: // UTF8String
      return new TextDecoder('utf-8', { fatal: true }).decode(value);
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return String.fromCharCode(...value);
    case 0x14: // TeletexString: treated as Latin-1, enough for digits
      return new TextDecoder('latin1').decode(value);
    case 0x1e: // BMPString (UTF-16BE)
      return new TextDecoder('utf-16be', { fatal: true }).decode(value);
    default:
      throw new CardError('card.parse', `unexpected string type ${tag.toString(16)}`);
  }
}

/** The date-of-birth otherName of the subjectAltName, in any position and string type; null if absent. */
export function birthDateFromSubjectAltName(certificate: x509.X509Certificate): string | null {
  const extension = certificate.getExtension(id_ce_subjectAltName);
  if (!extension) return null;
  const names = AsnConvert.parse(extension.value, SubjectAlternativeName);
  const entries = names.filter((name) => name.otherName?.typeId === JPKI_OID.birthDate);
  if (entries.length !== 1) return null; // absent, or ambiguous: both fail closed
  const value = entries[0]?.otherName?.value;
  return value ? decodeAsnString(new Uint8Array(value)) : null;
}

async function verifiesWith(certificate: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  try {
    return await certificate.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

/**
 * Runs every check; the first failure throws.
 * @throws {CardError} `card.parse`, `card.signature-invalid`, `card.certificate-untrusted`,
 *   `card.certificate-not-yet-valid`, `card.certificate-expired`, `card.certificate-key-usage`,
 *   `card.certificate-policy`, `card.birth-date-missing`.
 */
export async function verifySignCertificate(input: VerifyInput): Promise<VerifiedSignCertificate> {
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(input.certificateDer.slice());
  } catch {
    throw new CardError('card.parse', 'the signature certificate does not parse');
  }

  // The card proves it holds the certificate's key: its signature over our fresh challenge must verify.
  const publicKey = await certificate.publicKey.export(RSA_SHA256, ['verify']);
  const signed = await crypto.subtle.verify(RSA_SHA256, publicKey, input.signature.slice(), input.challenge.slice());
  if (!signed) throw new CardError('card.signature-invalid', 'the signature over the challenge does not verify');

  let anchor: x509.X509Certificate | undefined;
  for (const candidate of input.anchors.certificates) {
    if (candidate.subject === certificate.issuer && (await verifiesWith(certificate, candidate))) {
      anchor = candidate;
      break;
    }
  }
  if (!anchor) throw new CardError('card.certificate-untrusted', 'no configured trust anchor issued this certificate');
  if (input.now < anchor.notBefore || input.now > anchor.notAfter) {
    throw new CardError('card.certificate-untrusted', 'the issuing trust anchor is not valid now');
  }

  if (input.now < certificate.notBefore) throw new CardError('card.certificate-not-yet-valid', 'not valid yet');
  if (input.now > certificate.notAfter) throw new CardError('card.certificate-expired', 'the certificate has expired');

  const usage = certificate.getExtension(x509.KeyUsagesExtension);
  const required = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  if (!usage || (usage.usages & required) !== required) {
    throw new CardError('card.certificate-key-usage', 'not a signature certificate');
  }
  const policies = certificate.getExtension(x509.CertificatePolicyExtension);
  if (!policies?.policies.includes(JPKI_OID.signaturePolicy)) {
    throw new CardError('card.certificate-policy', 'the JPKI signature policy is missing');
  }

  let birthDateField: string | null;
  try {
    birthDateField = birthDateFromSubjectAltName(certificate);
  } catch {
    birthDateField = null;
  }
  if (birthDateField === null)
    throw new CardError('card.birth-date-missing', 'the certificate carries no date of birth');
  return { birthDateField, serialNumber: certificate.serialNumber, issuer: certificate.issuer };
}
