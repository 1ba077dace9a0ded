/**
 * Object identifiers of the JPKI certificates (../shared/docs/card-protocol.md §2.1).
 */
export const JPKI_OID = Object.freeze({
  /** subjectAltName otherName: 氏名, surname U+3000 given name */
  name: '1.2.392.200149.8.5.5.1',
  /** otherName: alternative-character positions of the name, one digit per character */
  nameAltPositions: '1.2.392.200149.8.5.5.2',
  /** otherName: sex, one digit */
  sex: '1.2.392.200149.8.5.5.3',
  /** otherName: date of birth `EYYYYMMDD` (era code + Gregorian date) */
  birthDate: '1.2.392.200149.8.5.5.4',
  /** otherName: address, full-width digits and hyphens */
  address: '1.2.392.200149.8.5.5.5',
  /** otherName: alternative-character positions of the address */
  addressAltPositions: '1.2.392.200149.8.5.5.6',
  /** certificatePolicies of the signature certificate (production hierarchy) */
  signaturePolicy: '1.2.392.200149.8.5.1.1.20',
  /** certificatePolicies of the signature certificate in J-LIS's test hierarchy */
  signaturePolicyTest: '1.2.392.200149.8.5.1.0.20',
});

/** The order of the identity otherNames seen on a real test card; readers must not rely on it. */
export const JPKI_SAN_ORDER_SEEN = Object.freeze([
  JPKI_OID.name,
  JPKI_OID.birthDate,
  JPKI_OID.sex,
  JPKI_OID.address,
  JPKI_OID.nameAltPositions,
  JPKI_OID.addressAltPositions,
]);

/** DER prefix of a SHA-256 DigestInfo (PKCS #1 v2.2 §9.2 note 1); the 32-byte hash follows. */
export const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(
  0x30,
  0x31,
  0x30,
  0x0d,
  0x06,
  0x09,
  0x60,
  0x86,
  0x48,
  0x01,
  0x65,
  0x03,
  0x04,
  0x02,
  0x01,
  0x05,
  0x00,
  0x04,
  0x20,
);
