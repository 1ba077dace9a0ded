/**
 * The genuine-chip proof shared by the chip methods (card-protocol.md §4): pinned CA key → the application's CV
 * certificate → a J-LIS-signed record naming the chip's key → the chip's answer to a fresh random challenge.
 * Each step fails closed (`card.chip-not-genuine`); a simulated chip is never accepted with production keys.
 */
import type { SupportAp } from '../../card/apps/support-ap';
import type { SurfaceAp } from '../../card/apps/surface-ap';
import { wipe } from '../../card/bytes';
import { CardError } from '../../card/card-errors';
import {
  challengeDigestInfo,
  verifyChallengeAnswer,
  verifyCvCertificate,
  verifySignedRecord,
} from '../../card/chip-proof';
import type { CardPublicKey } from '../../card/chip-records';
import type { CvTrustAnchors } from '../../card/cv-trust-anchors';
import type { CardTransport, TransmitOptions } from '../../card/transport';
import { CHIP_CHECKS, type ChipCheck } from '../../policy';

/** Bytes of the random challenge the chip signs. */
const CHALLENGE_BYTES = 32;

/** The ports every chip proof needs. */
export interface ChipProofPorts {
  readonly transport: CardTransport;
  /** The CV CA keys: the operator's pinned production keys, or the simulator's in demo mode; null if none. */
  readonly loadCvTrust: () => Promise<CvTrustAnchors | null>;
  /** Cryptographically random bytes. */
  readonly random: (length: number) => Uint8Array;
}

/**
 * The anchors for this run.
 * @throws {CardError} `card.chip-keys-not-configured` without keys; `card.chip-not-genuine` (`simulated-chip`)
 *   for a simulated card with production keys.
 */
export async function chipAnchors(ports: ChipProofPorts): Promise<CvTrustAnchors> {
  const anchors = await ports.loadCvTrust();
  if (!anchors || anchors.keys.length === 0) {
    throw new CardError('card.chip-keys-not-configured', 'no CV CA key is configured');
  }
  if (anchors.mode === 'production' && ports.transport.info.simulated) {
    throw new CardError('card.chip-not-genuine', 'a simulated chip is never accepted with production keys', {
      check: 'simulated-chip',
    });
  }
  return anchors;
}

/** Sends a fresh challenge through `sign` and verifies the answer under `key`. */
async function challenge(
  ports: ChipProofPorts,
  key: CardPublicKey,
  sign: (digestInfo: Uint8Array) => Promise<Uint8Array>,
): Promise<void> {
  const nonce = ports.random(CHALLENGE_BYTES);
  try {
    const answer = await sign(await challengeDigestInfo(nonce));
    await verifyChallengeAnswer(key, nonce, answer);
  } finally {
    wipe(nonce);
  }
}

/**
 * Support AP (after 照合番号B): EF 0004 → EF 0007 (DF52 over DF51) → challenge answered with DF51.
 * @returns the checks that passed (all of them: any failure throws)
 * @throws {CardError} `card.chip-not-genuine`, or a card/transport error
 */
export async function proveSupportChip(
  support: SupportAp,
  anchors: CvTrustAnchors,
  ports: ChipProofPorts,
  options: TransmitOptions,
): Promise<readonly ChipCheck[]> {
  const certifiedKey = await verifyCvCertificate(await support.readCvCertificate(options), anchors, 'support');
  const signedKey = await support.readSignedKey(options);
  await verifySignedRecord(signedKey, certifiedKey);
  await challenge(ports, signedKey.publicKey, (digestInfo) => support.signChallenge(digestInfo, options));
  return CHIP_CHECKS;
}

/**
 * Surface AP: EF 0004 → the certified key (issuer 5000023).
 * @throws {CardError} `card.chip-not-genuine`, or a card/transport error
 */
export async function certifiedSurfaceKey(
  surface: SurfaceAp,
  anchors: CvTrustAnchors,
  options: TransmitOptions,
): Promise<CardPublicKey> {
  return verifyCvCertificate(await surface.readCvCertificate(options), anchors, 'surface');
}

/**
 * Surface AP: the card key from a verified record (DF12 / DF24) answers a fresh challenge.
 * @throws {CardError} `card.chip-not-genuine` (`challenge`), or a card/transport error
 */
export async function challengeSurfaceChip(
  surface: SurfaceAp,
  cardKey: CardPublicKey,
  ports: ChipProofPorts,
  options: TransmitOptions,
): Promise<void> {
  await challenge(ports, cardKey, (digestInfo) => surface.signChallenge(digestInfo, options));
}
