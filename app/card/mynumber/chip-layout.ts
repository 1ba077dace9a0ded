/**
 * Byte layouts of the records that prove the chip genuine: the card-verifiable certificates (EF 0004 of the
 * support and surface APs), the support AP's signed key (EF 0007), the surface AP's age record (EF 0001) and
 * card face (EF 0002). Facts measured on a J-LIS test card by one open-source library ([single]:
 * soltia48/myna-card `src/data.rs`, `src/ap/surface.rs`, `src/ap/text.rs`, `tests/signatures.rs`;
 * ../shared/docs/card-protocol.md §4). They live here alone so that a correction is one edit; every parser
 * that uses them fails closed on anything else.
 */

/** Card-verifiable certificate `7F21 { 5F4E body, 5F37 signature }`. */
export const CV_CERTIFICATE = Object.freeze({
  tag: 0x7f21,
  bodyTag: 0x5f4e,
  signatureTag: 0x5f37,
  /** 16 (issuer key ID) + 16 (subject key ID) + 265 (RSA-2048 public key in 90/91 form). */
  bodyLength: 297,
});

/** 証明者鍵ID / 被証明者鍵ID: 7 ASCII digits ‖ `08 05` ‖ 3 ASCII digits ‖ `00 00 00` ‖ one byte. */
export const KEY_ID = Object.freeze({ length: 16, numberLength: 7 });

/** An RSA public key as the card writes it: `90` exponent, `91` modulus. RSA-2048 with e = 65537 only. */
export const CARD_PUBLIC_KEY = Object.freeze({
  exponentTag: 0x90,
  modulusTag: 0x91,
  /** `90 03 01 00 01 91 82 01 00 <256>`. */
  encodedLength: 265,
  modulusLength: 256,
  exponent: Uint8Array.of(0x01, 0x00, 0x01),
});

/** RSA-2048: every signature on these records and every challenge answer is 256 bytes. */
export const SIGNATURE_LENGTH = 256;

/** Support AP EF 0007 `FF50 { DF51 AP key, DF52 signature over the DF51 object }`. */
export const SIGNED_KEY = Object.freeze({ tag: 0xff50, keyTag: 0xdf51, signatureTag: 0xdf52 });

/** Surface AP EF 0001 `FF10 { DF11 "YYYYMMDD", DF12 card key, DF13 signature over DF11 ‖ DF12 as written }`. */
export const AGE_RECORD = Object.freeze({ tag: 0xff10, birthDateTag: 0xdf11, keyTag: 0xdf12, signatureTag: 0xdf13 });

/**
 * Surface AP EF 0002: `FF20 { DF21 offsets, DF22 "YYYYMMDD", DF23 sex, DF24 card key, DF25 name image,
 * DF26 address image, DF27 JPEG 2000 photo, DF28 signature, DF29 expiry, DF2A security-code image }`. DF28 signs
 * a DigestInfo whose digest is three SHA-256 values, one per group below (objects with their headers, as
 * written); DF29 and DF2A come after it and are covered by nothing.
 */
export const CARD_FACE = Object.freeze({
  tag: 0xff20,
  offsetsTag: 0xdf21,
  birthDateTag: 0xdf22,
  sexTag: 0xdf23,
  keyTag: 0xdf24,
  nameImageTag: 0xdf25,
  addressImageTag: 0xdf26,
  photoTag: 0xdf27,
  signatureTag: 0xdf28,
  expiryTag: 0xdf29,
  securityCodeImageTag: 0xdf2a,
  /** The order of the objects after DF21, as the offsets table lists them. */
  order: [0xdf22, 0xdf23, 0xdf24, 0xdf25, 0xdf26, 0xdf27, 0xdf28, 0xdf29, 0xdf2a],
  signedGroups: [[0xdf22, 0xdf23, 0xdf24], [0xdf25, 0xdf26], [0xdf27]],
});

/** The JP2 signature box every JPEG 2000 file in the JP2 container starts with (ISO/IEC 15444-1 Annex I). */
export const JP2_SIGNATURE = Uint8Array.of(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a);
