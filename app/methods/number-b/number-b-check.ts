/**
 * Method 2, the number-B age check: 照合番号B opens the support AP's basic 4 information without a PIN; only
 * the date of birth is read, and it must agree with the era birth date typed in number B. Then the chip proves
 * itself genuine (CV certificate under the pinned 5000033 key → EF 0007 → a fresh challenge); without that
 * proof there is no verdict but "cannot verify". In clerk mode the surface AP's card face (照合番号B on its own
 * counter, EF 0012) supplies the chip's J-LIS-signed photo for the clerk, checked against its signature, the
 * support AP's date of birth and the chip's challenge. Never retried: a refusal comes back with the tries left
 * and the group most likely mistyped. The number is presented once to each of the two credentials.
 */
import { SurfaceAp } from '../../card/apps/surface-ap';
import { NUMBER_B_FLOOR, SupportAp } from '../../card/apps/support-ap';
import { verifyCardFace } from '../../card/chip-proof';
import type { CvTrustAnchors } from '../../card/cv-trust-anchors';
import type { ReadProgress } from '../../card/apps/binary-file';
import { wipe } from '../../card/bytes';
import { CardError } from '../../card/card-errors';
import type { CardTransport } from '../../card/transport';
import { AppError } from '../../errors/app-error';
import { datesFromEraDigits, parseChipBirthDate, PolicyError, type BirthDateEvidence } from '../../policy';
import {
  certifiedSurfaceKey,
  chipAnchors,
  challengeSurfaceChip,
  proveSupportChip,
  type ChipProofPorts,
} from '../chip-proof/prove-chip';
import {
  birthDigitsText,
  expiryYearOf,
  likelyWrongGroup,
  numberBBytes,
  validateNumberB,
  type NumberBDigits,
  type NumberBProblem,
} from './number-b';

/** What the check is doing, for progress and the benchmark's per-step figures. */
export type NumberBStage = 'verifying-number-b' | 'reading-birth-date' | 'proving-chip' | 'reading-photo';

export type NumberBErrorCode =
  /** 照合番号B has 3 or fewer tries left: nothing was sent, so the card cannot be locked by this check. */
  'number-b.too-few-tries';

declare module '../../errors/app-error' {
  interface ErrorCodeRegistry extends Record<NumberBErrorCode, true> {}
}

/** The number-B check refused to send (the card's own refusals are {@link CardError}s). */
export class NumberBError extends AppError<NumberBErrorCode> {
  override readonly name = 'NumberBError';
  readonly retriable = false;
}

export interface NumberBPorts extends ChipProofPorts {
  readonly transport: CardTransport;
  /** The Japanese date (ISO), for validation. */
  readonly today: string;
  /** Clerk mode: also read the chip's photo for the clerk (a kiosk never reads or shows it). */
  readonly readPhoto: boolean;
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: NumberBStage) => void;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/** The chip's face photo (JPEG 2000 in JP2), in memory only; whoever holds it wipes it when done. */
export type ChipPhotoBytes = Uint8Array;

export type NumberBResult =
  | {
      readonly kind: 'evidence';
      readonly evidence: BirthDateEvidence;
      /** Clerk mode: the chip's verified photo, or null when it could not be read without risk. */
      readonly photo: ChipPhotoBytes | null;
    }
  /** The groups do not form a possible number: nothing was sent. */
  | { readonly kind: 'invalid'; readonly problems: readonly NumberBProblem[] }
  /** 3 or fewer tries left: nothing was sent; the number must be checked against the card. */
  | { readonly kind: 'too-few-tries'; readonly triesLeft: number }
  /** The card refused the number: `triesLeft` remain; the wrong group when the number itself shows it. */
  | { readonly kind: 'rejected'; readonly triesLeft: number; readonly likelyWrong: 'birth' | 'expiry' | null };

/**
 * Runs the check once with the three groups (the caller owns and wipes `digits`; the 14-byte secret built
 * from them is wiped here once sent).
 * @throws {TransportError | CardError | PolicyError} anything that must end as "cannot verify", including a
 *   date of birth on the chip that disagrees with number B (`policy.birth-date-mismatch`).
 */
export async function runNumberBCheck(ports: NumberBPorts, digits: NumberBDigits): Promise<NumberBResult> {
  const problems = validateNumberB(digits, ports.today);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const options = ports.signal ? { signal: ports.signal } : {};
  // Before the card is touched: without keys to prove the chip, number B is not worth presenting.
  const anchors = await chipAnchors(ports);
  const support = new SupportAp(ports.transport);
  await support.select(options);
  const triesLeft = await support.numberBTriesLeft(options);
  if (triesLeft < NUMBER_B_FLOOR) return { kind: 'too-few-tries', triesLeft };

  ports.onStage?.('verifying-number-b');
  const secret = numberBBytes(digits);
  try {
    await support.verifyNumberB(secret, options);
  } catch (error) {
    if (error instanceof CardError && error.code === 'card.pin-rejected') {
      return {
        kind: 'rejected',
        triesLeft: error.details.triesLeft ?? 0,
        likelyWrong: likelyWrongGroup(digits, ports.today),
      };
    }
    throw error;
  } finally {
    wipe(secret);
  }

  ports.onStage?.('reading-birth-date');
  const stored = await support.readBirthDate({
    ...options,
    ...(ports.onProgress ? { onProgress: ports.onProgress } : {}),
  });
  const dateOfBirth = parseChipBirthDate(stored);
  // The chip's date must be one the typed era digits can stand for; otherwise something is off: fail closed.
  if (!datesFromEraDigits(birthDigitsText(digits)).includes(dateOfBirth)) {
    throw new PolicyError('policy.birth-date-mismatch', 'the chip and number B disagree on the date of birth');
  }

  ports.onStage?.('proving-chip');
  const chipChecks = await proveSupportChip(support, anchors, ports, options);

  let photo: ChipPhotoBytes | null = null;
  if (ports.readPhoto) {
    ports.onStage?.('reading-photo');
    photo = await readChipPhoto(ports, anchors, digits, stored, options);
  }
  return {
    kind: 'evidence',
    evidence: {
      kind: 'date-of-birth',
      dateOfBirth,
      assurance: 'chip-read-with-number-b',
      cardExpiry: { year: expiryYearOf(digits) },
      chipChecks,
      chipPhoto: photo !== null,
      demo: ports.transport.info.simulated || anchors.mode === 'demo',
    },
    photo,
  };
}

/**
 * The surface AP's card face for the clerk: 照合番号B on EF 0012 (its own counter: read first, floor, one try),
 * EF 0004 under the 5000023 key, DF28 over the three groups, DF22 equal to the support AP's date of birth, and
 * the DF24 card key answering a fresh challenge. Everything but the photo is wiped before returning.
 * @returns the photo, or null when the counter is too low to risk an attempt
 * @throws {CardError} `card.chip-not-genuine` when any check fails or the card refuses a number the support AP
 *   accepted; a card/transport error otherwise
 */
async function readChipPhoto(
  ports: NumberBPorts,
  anchors: CvTrustAnchors,
  digits: NumberBDigits,
  supportBirthDate: string,
  options: { signal?: AbortSignal },
): Promise<ChipPhotoBytes | null> {
  const surface = new SurfaceAp(ports.transport);
  await surface.select(options);
  if ((await surface.numberBTriesLeft(options)) < NUMBER_B_FLOOR) return null;
  // A second credential, so a second copy of the number: each copy is presented once and wiped.
  const secret = numberBBytes(digits);
  try {
    await surface.verifyNumberB(secret, options);
  } catch (error) {
    if (error instanceof CardError && error.code === 'card.pin-rejected') {
      throw new CardError('card.chip-not-genuine', 'the surface AP refused the number the support AP accepted', {
        check: 'records-disagree',
      });
    }
    throw error;
  } finally {
    wipe(secret);
  }
  const certifiedKey = await certifiedSurfaceKey(surface, anchors, options);
  const face = await surface.readCardFace({
    ...options,
    ...(ports.onProgress ? { onProgress: ports.onProgress } : {}),
  });
  try {
    await verifyCardFace(face.record, certifiedKey);
    if (face.record.birthDate !== supportBirthDate) {
      throw new CardError('card.chip-not-genuine', 'the card face and the support AP disagree on the date of birth', {
        check: 'records-disagree',
      });
    }
    await challengeSurfaceChip(surface, face.record.publicKey, ports, options);
    return face.record.photo.slice();
  } finally {
    face.wipe();
  }
}
