/**
 * The genuine-chip checks of card-protocol.md §4, each failing closed with `card.chip-not-genuine`:
 * 1. the application's CV certificate (EF 0004) verifies under a configured CA key whose full 16-byte key ID
 *    it names, and that key serves this application;
 * 2. a record (EF 0007 / EF 0001 / EF 0002) verifies under the key the certificate certifies;
 * 3. the chip's answer to a fresh random challenge verifies under the key inside that record — which a copy of
 *    the files cannot produce.
 */
import { bytesEqual, concatBytes } from './bytes';
import { CardError, type ChipCheckFailure } from './card-errors';
import type { CardFaceRecord, CardPublicKey, CvCertificate, SignedRecord } from './chip-records';
import type { ChipApplication, CvTrustAnchors } from './cv-trust-anchors';
import { sha256, sha256DigestInfo, verifyPkcs1DigestInfo, verifyPkcs1Sha256 } from './rsa-public';

function notGenuine(check: ChipCheckFailure, message: string): CardError {
  return new CardError('card.chip-not-genuine', message, { check });
}

/**
 * Verifies an application's CV certificate against the anchors and returns the key it certifies.
 * @throws {CardError} `card.chip-not-genuine` (`issuer-unknown` or `cv-certificate`).
 */
export async function verifyCvCertificate(
  certificate: CvCertificate,
  anchors: CvTrustAnchors,
  application: ChipApplication,
): Promise<CardPublicKey> {
  const issuer = anchors.keys.find(
    (key) => key.application === application && bytesEqual(key.keyId, certificate.issuerKeyId),
  );
  if (!issuer) throw notGenuine('issuer-unknown', `the ${application} AP certificate names no configured CA key`);
  if (!(await verifyPkcs1Sha256(issuer.publicKey, certificate.body, certificate.signature))) {
    throw notGenuine('cv-certificate', `the ${application} AP certificate does not verify`);
  }
  return certificate.publicKey;
}

/**
 * Verifies a record's PKCS #1 v1.5 SHA-256 signature under the certified key.
 * @throws {CardError} `card.chip-not-genuine` (`signed-record`).
 */
export async function verifySignedRecord(record: SignedRecord, certifiedKey: CardPublicKey): Promise<void> {
  if (!(await verifyPkcs1Sha256(certifiedKey, record.signedData, record.signature))) {
    throw notGenuine('signed-record', 'the record signature does not verify');
  }
}

/**
 * Verifies the card face's DF28: a DigestInfo of the three SHA-256 group digests (96 bytes), checked by the raw
 * public operation and a whole-block comparison.
 * @throws {CardError} `card.chip-not-genuine` (`photo-record`).
 */
export async function verifyCardFace(face: CardFaceRecord, certifiedKey: CardPublicKey): Promise<void> {
  const digests = await Promise.all(face.signedGroups.map((group) => sha256(group)));
  const digestInfo = sha256DigestInfo(concatBytes(...digests));
  if (!verifyPkcs1DigestInfo(certifiedKey, digestInfo, face.signature)) {
    throw notGenuine('photo-record', 'the card face signature does not verify');
  }
}

/** The DigestInfo the card is asked to sign for `challenge`. */
export async function challengeDigestInfo(challenge: Uint8Array): Promise<Uint8Array> {
  return sha256DigestInfo(await sha256(challenge));
}

/**
 * Verifies the chip's answer to `challenge` under the key from a verified record.
 * @throws {CardError} `card.chip-not-genuine` (`challenge`).
 */
export async function verifyChallengeAnswer(
  key: CardPublicKey,
  challenge: Uint8Array,
  answer: Uint8Array,
): Promise<void> {
  if (!(await verifyPkcs1Sha256(key, challenge, answer))) {
    throw notGenuine('challenge', 'the chip did not answer the challenge with the key its records name');
  }
}
