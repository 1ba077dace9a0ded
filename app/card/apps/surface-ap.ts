/**
 * The surface AP (券面事項確認AP), intent-level (card-protocol.md §4.3): the age record opened by the 6-digit
 * birth-date key, the card face opened by 照合番号B, the AP's CV certificate and its challenge. Each key has its
 * own counter: it is read with an empty VERIFY right before the one attempt, which is refused below the floor
 * and never retried. EF 0005 (the rendered My Number) and 照合番号A are never addressed (the select guard
 * refuses them).
 */
import {
  parseAgeRecord,
  parseCardFace,
  parseCvCertificate,
  type AgeRecord,
  type CardFaceRecord,
  type CvCertificate,
} from '../chip-records';
import { AGE_RECORD, CARD_FACE, CV_CERTIFICATE } from '../mynumber/chip-layout';
import { credentialFloor } from '../mynumber/card-policy';
import { SURFACE_EF } from '../mynumber/ids';
import type { CardTransport, TransmitOptions } from '../transport';
import { readTemplate, type ReadOptions } from './binary-file';
import { signChallenge } from './chip-challenge';
import { readTriesLeft, verifyOnce } from './credential';
import { selectApplication, selectFile } from './select';

/** Fewest tries left at which the birth-date key is still sent (the card policy's reasoning). */
export const BIRTH_DATE_KEY_FLOOR = credentialFloor('surface', SURFACE_EF.birthDateKey);
/** Fewest tries left at which 照合番号B is still sent to the surface AP's own counter. */
export const SURFACE_NUMBER_B_FLOOR = credentialFloor('surface', SURFACE_EF.numberB);

/** A file read from the card, parsed, with the bytes it came from so they can be wiped. */
export interface ReadRecord<T> {
  readonly record: T;
  /** Overwrites every byte read (the parsed values are views into them). */
  readonly wipe: () => void;
}

function owned<T>(file: Uint8Array, parse: (bytes: Uint8Array) => T): ReadRecord<T> {
  try {
    return { record: parse(file), wipe: () => file.fill(0) };
  } catch (error) {
    file.fill(0);
    throw error;
  }
}

export class SurfaceAp {
  #birthDateKeyTriesLeft: number | null = null;
  #numberBTriesLeft: number | null = null;

  constructor(private readonly transport: CardTransport) {}

  /** Selects the surface AP; this also ends any verified state (of every AP). */
  async select(options?: TransmitOptions): Promise<void> {
    this.#birthDateKeyTriesLeft = null;
    this.#numberBTriesLeft = null;
    await selectApplication(this.transport, 'surface', options);
  }

  /** Tries left on the birth-date key (EF 0011; empty VERIFY: spends nothing). */
  async birthDateKeyTriesLeft(options?: TransmitOptions): Promise<number> {
    await selectFile(this.transport, 'surface', SURFACE_EF.birthDateKey, options);
    this.#birthDateKeyTriesLeft = await readTriesLeft(this.transport, options);
    return this.#birthDateKeyTriesLeft;
  }

  /**
   * Presents the 6-digit birth-date key once (ASCII era YYMMDD); the bytes are wiped after.
   * @throws {CardError} `card.pin-too-few-tries` (nothing sent) unless the tries were just read and are at
   *   least {@link BIRTH_DATE_KEY_FLOOR}; `card.pin-rejected` / `card.pin-blocked` from the card.
   */
  async verifyBirthDateKey(digits: Uint8Array, options?: TransmitOptions): Promise<void> {
    const tries = this.#birthDateKeyTriesLeft;
    this.#birthDateKeyTriesLeft = null;
    await selectFile(this.transport, 'surface', SURFACE_EF.birthDateKey, options);
    await verifyOnce(this.transport, digits, tries, BIRTH_DATE_KEY_FLOOR, options);
  }

  /** Tries left on this AP's own 照合番号B counter (EF 0012), separate from the support AP's. */
  async numberBTriesLeft(options?: TransmitOptions): Promise<number> {
    await selectFile(this.transport, 'surface', SURFACE_EF.numberB, options);
    this.#numberBTriesLeft = await readTriesLeft(this.transport, options);
    return this.#numberBTriesLeft;
  }

  /**
   * Presents 照合番号B to EF 0012 once; the bytes are wiped after.
   * @throws {CardError} `card.pin-too-few-tries` (nothing sent) unless the tries were just read and are at
   *   least {@link SURFACE_NUMBER_B_FLOOR}; `card.pin-rejected` / `card.pin-blocked` from the card.
   */
  async verifyNumberB(numberB: Uint8Array, options?: TransmitOptions): Promise<void> {
    const tries = this.#numberBTriesLeft;
    this.#numberBTriesLeft = null;
    await selectFile(this.transport, 'surface', SURFACE_EF.numberB, options);
    await verifyOnce(this.transport, numberB, tries, SURFACE_NUMBER_B_FLOOR, options);
  }

  /** EF 0004: this AP's card-verifiable certificate (free to read). */
  async readCvCertificate(options?: ReadOptions): Promise<CvCertificate> {
    await selectFile(this.transport, 'surface', SURFACE_EF.cvCertificate, options);
    return parseCvCertificate(await readTemplate(this.transport, CV_CERTIFICATE.tag, options));
  }

  /** EF 0001, the age record (after the birth-date key): the caller wipes it once decided. */
  async readAgeRecord(options?: ReadOptions): Promise<ReadRecord<AgeRecord>> {
    await selectFile(this.transport, 'surface', SURFACE_EF.birthDate, options);
    return owned(await readTemplate(this.transport, AGE_RECORD.tag, options), parseAgeRecord);
  }

  /**
   * EF 0002, the card face (after 照合番号B): name and address images, photo and all — the caller wipes it.
   */
  async readCardFace(options?: ReadOptions): Promise<ReadRecord<CardFaceRecord>> {
    await selectFile(this.transport, 'surface', SURFACE_EF.cardFace, options);
    return owned(await readTemplate(this.transport, CARD_FACE.tag, options), parseCardFace);
  }

  /** The card key's signature over `digestInfo` (`80 2A 00 00`). */
  async signChallenge(digestInfo: Uint8Array, options?: TransmitOptions): Promise<Uint8Array> {
    return signChallenge(this.transport, digestInfo, options);
  }
}
