/**
 * The support AP (券面事項入力補助AP), intent-level, for the number-B age check: 照合番号B opens EF 0002, whose
 * date of birth is all that is read. EF 0001 and EF 0003 and 照合番号A are never addressed (the select guard
 * refuses them). 照合番号B allows 10 wrong tries and is never reset by time, so nothing is sent with 3 or
 * fewer left.
 */
import { basicFourLength, BASIC_FOUR_HEADER_BYTES, birthDateFromBasicFour } from '../basic-four';
import { concatBytes } from '../bytes';
import { credentialFloor } from '../mynumber/card-policy';
import { SUPPORT_EF } from '../mynumber/ids';
import type { CardTransport, TransmitOptions } from '../transport';
import { readBytes, type ReadOptions } from './binary-file';
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
    const head = await readBytes(this.transport, 0, BASIC_FOUR_HEADER_BYTES, {});
    const total = basicFourLength(head);
    const rest =
      total > head.length
        ? await readBytes(this.transport, head.length, total - head.length, options)
        : new Uint8Array(0);
    const file = concatBytes(head, rest).subarray(0, total);
    try {
      return birthDateFromBasicFour(file);
    } finally {
      // The name and address were in these bytes.
      for (const bytes of [head, rest, file]) bytes.fill(0);
    }
  }
}
