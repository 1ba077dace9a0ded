/**
 * The support AP (券面事項入力補助AP), intent-level, for the number-B age check: 照合番号B opens EF 0002, whose
 * date of birth is all that is read. EF 0001 and EF 0003 and 照合番号A are never addressed (the select guard
 * refuses them). 照合番号B allows 10 wrong tries and is never reset by time, so nothing is sent with 3 or
 * fewer left.
 */
import { BASIC_FOUR_TEMPLATE, birthDateFromBasicFour } from '../basic-four';
import { credentialFloor } from '../mynumber/card-policy';
import { SUPPORT_EF } from '../mynumber/ids';
import type { CardTransport, TransmitOptions } from '../transport';
import { parseCvCertificate, parseSignedKeyRecord, type CvCertificate, type SignedKeyRecord } from '../chip-records';
import { CV_CERTIFICATE, SIGNED_KEY } from '../mynumber/chip-layout';
import { readTemplate, type ReadOptions } from './binary-file';
import { signChallenge } from './chip-challenge';
import { readTriesLeft, verifyOnce } from './credential';
import { selectApplication, selectFile } from './select';

/**
 * Fewest tries left at which 照合番号B is still sent: with 3 or fewer, the card is at risk. From the card policy,
 * which the PC/SC bridge enforces with the same number.
 */
export const NUMBER_B_FLOOR = credentialFloor('support', SUPPORT_EF.numberB);

export class SupportAp {
  #numberBTriesLeft: number | null = null;

  constructor(private readonly transport: CardTransport) {}

  async select(options?: TransmitOptions): Promise<void> {
    this.#numberBTriesLeft = null;
    await selectApplication(this.transport, 'support', options);
  }

  /** Tries left on 照合番号B (empty VERIFY: spends nothing). */
  async numberBTriesLeft(options?: TransmitOptions): Promise<number> {
    await selectFile(this.transport, 'support', SUPPORT_EF.numberB, options);
    this.#numberBTriesLeft = await readTriesLeft(this.transport, options);
    return this.#numberBTriesLeft;
  }

  /**
   * Presents 照合番号B once (14 ASCII digits); the bytes are wiped after.
   * @throws {CardError} `card.pin-too-few-tries` (nothing sent) unless the tries were just read and are at least
   *   {@link NUMBER_B_FLOOR}; `card.pin-rejected` / `card.pin-blocked` from the card.
   */
  async verifyNumberB(numberB: Uint8Array, options?: TransmitOptions): Promise<void> {
    const tries = this.#numberBTriesLeft;
    this.#numberBTriesLeft = null;
    await selectFile(this.transport, 'support', SUPPORT_EF.numberB, options);
    await verifyOnce(this.transport, numberB, tries, NUMBER_B_FLOOR, options);
  }

  /** The date of birth from EF 0002 (`YYYYMMDD` as stored), read exactly to the template's end. */
  async readBirthDate(options?: ReadOptions): Promise<string> {
    await selectFile(this.transport, 'support', SUPPORT_EF.basicFour, options);
    const file = await readTemplate(this.transport, BASIC_FOUR_TEMPLATE, options);
    try {
      return birthDateFromBasicFour(file);
    } finally {
      file.fill(0); // the name and address were in these bytes
    }
  }

  /** EF 0004: this AP's card-verifiable certificate (free to read). */
  async readCvCertificate(options?: ReadOptions): Promise<CvCertificate> {
    await selectFile(this.transport, 'support', SUPPORT_EF.cvCertificate, options);
    return parseCvCertificate(await readTemplate(this.transport, CV_CERTIFICATE.tag, options));
  }

  /** EF 0007: the key that answers this AP's challenge, signed by the certified key (after 照合番号B). */
  async readSignedKey(options?: ReadOptions): Promise<SignedKeyRecord> {
    await selectFile(this.transport, 'support', SUPPORT_EF.apPublicKey, options);
    return parseSignedKeyRecord(await readTemplate(this.transport, SIGNED_KEY.tag, options));
  }

  /** The AP's signature over `digestInfo` with the EF 0007 key (`80 2A 00 00`). */
  async signChallenge(digestInfo: Uint8Array, options?: TransmitOptions): Promise<Uint8Array> {
    return signChallenge(this.transport, digestInfo, options);
  }
}
