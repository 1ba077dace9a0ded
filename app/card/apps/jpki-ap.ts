/**
 * The JPKI-AP (公的個人認証AP), intent-level: what the age checks need from it. This module starts with the
 * free reads; the signature flow arrives with the JPKI age check.
 */
import { JPKI_EF } from '../mynumber/ids';
import type { CardTransport } from '../transport';
import { readDerObject, type ReadOptions } from './binary-file';
import { selectApplication, selectFile } from './select';

export class JpkiAp {
  constructor(private readonly transport: CardTransport) {}

  /** Selects the JPKI-AP. */
  select(options?: ReadOptions): Promise<void> {
    return selectApplication(this.transport, 'jpki', options);
  }

  /**
   * 利用者証明用電子証明書 (DER): free to read and without name or date of birth, so it serves to test a reader.
   */
  async readAuthenticationCertificate(options?: ReadOptions): Promise<Uint8Array> {
    await selectFile(this.transport, 'jpki', JPKI_EF.authCertificate, options);
    return readDerObject(this.transport, options);
  }
}
