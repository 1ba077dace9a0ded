/**
 * The JPKI-AP (公的個人認証AP), intent-level: what the age checks need from it (card-protocol.md §2). The
 * signature password is never tried without reading its counter first in the same session, and never below
 * {@link SIGN_PASSWORD_FLOOR} tries.
 */
import { encodeCommand, INS } from '../apdu';
import { CardError, checkSw } from '../card-errors';
import { credentialFloor } from '../mynumber/card-policy';
import { JPKI_EF } from '../mynumber/ids';
import type { CardTransport, TransmitOptions } from '../transport';
import { readDerObject, type ReadOptions } from './binary-file';
import { readTriesLeft, verifyOnce } from './credential';
import { selectApplication, selectFile } from './select';

/**
 * With fewer tries than this the password is not asked for: one more mistake would lock the card. From the card
 * policy, which the PC/SC bridge enforces with the same number.
 */
export const SIGN_PASSWORD_FLOOR = credentialFloor('jpki', JPKI_EF.signPin);

/** RSA-2048: a 256-byte signature. */
const SIGNATURE_LENGTH = 256;

export class JpkiAp {
  /** Tries left read since the last select, or null: VERIFY is refused without a fresh count. */
  #signTriesLeft: number | null = null;

  constructor(private readonly transport: CardTransport) {}

  /** Selects the JPKI-AP; this also ends any verified state. */
  async select(options?: TransmitOptions): Promise<void> {
    this.#signTriesLeft = null;
    await selectApplication(this.transport, 'jpki', options);
  }

  /** 利用者証明用電子証明書 (DER): free to read, with no name or date of birth; used to test readers. */
  async readAuthenticationCertificate(options?: ReadOptions): Promise<Uint8Array> {
    await selectFile(this.transport, 'jpki', JPKI_EF.authCertificate, options);
    return readDerObject(this.transport, options);
  }

  /** Tries left on the signature password (empty VERIFY: spends nothing). */
  async signPasswordTriesLeft(options?: TransmitOptions): Promise<number> {
    await selectFile(this.transport, 'jpki', JPKI_EF.signPin, options);
    this.#signTriesLeft = await readTriesLeft(this.transport, options);
    return this.#signTriesLeft;
  }

  /**
   * Presents the signature password once (ASCII `A–Z0–9`, already upper case); the bytes are wiped after.
   * @throws {CardError} `card.pin-too-few-tries` without sending anything unless the tries were just read and
   *   are at least {@link SIGN_PASSWORD_FLOOR}; `card.pin-rejected` / `card.pin-blocked` from the card.
   */
  async verifySignPassword(password: Uint8Array, options?: TransmitOptions): Promise<void> {
    const tries = this.#signTriesLeft;
    this.#signTriesLeft = null; // one count allows one attempt
    await selectFile(this.transport, 'jpki', JPKI_EF.signPin, options);
    await verifyOnce(this.transport, password, tries, SIGN_PASSWORD_FLOOR, options);
  }

  /** 署名用電子証明書 (DER), readable after the signature password: header first, then exactly its length. */
  async readSignCertificate(options?: ReadOptions): Promise<Uint8Array> {
    await selectFile(this.transport, 'jpki', JPKI_EF.signCertificate, options);
    return readDerObject(this.transport, options);
  }

  /**
   * Signs a DER DigestInfo with the signature key (PKCS #1 v1.5 by the card), after the signature password.
   * @throws {CardError} `card.parse` when the card returns no 256-byte signature.
   */
  async signDigestInfo(digestInfo: Uint8Array, options?: TransmitOptions): Promise<Uint8Array> {
    await selectFile(this.transport, 'jpki', JPKI_EF.signKey, options);
    const command = encodeCommand({ cla: 0x80, ins: INS.sign, p1: 0x00, p2: 0x80, data: digestInfo, le: 256 });
    const signature = checkSw(await this.transport.transmit(command, options));
    if (signature.length !== SIGNATURE_LENGTH)
      throw new CardError('card.parse', 'the card returned no RSA-2048 signature');
    return signature.slice();
  }
}
