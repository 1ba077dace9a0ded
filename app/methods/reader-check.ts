/**
 * Reader check: proves the path browser → reader → card works by selecting the JPKI-AP and reading the
 * authentication certificate, which is free to read and holds no name, address or date of birth. Used by
 * staff when setting up a counter, and by the end-to-end tests of every reader.
 */
import { JpkiAp } from '../card/apps/jpki-ap';
import type { ReadProgress } from '../card/apps/binary-file';
import type { CardTransport } from '../card/transport';

export interface ReaderCheckResult {
  /** Size of the certificate read, bytes. */
  readonly certificateBytes: number;
  /** APDUs the read took, milliseconds. */
  readonly elapsedMs: number;
}

export async function checkReader(
  transport: CardTransport,
  options: { signal?: AbortSignal; onProgress?: (progress: ReadProgress) => void; now?: () => number } = {},
): Promise<ReaderCheckResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const jpki = new JpkiAp(transport);
  const read = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  await jpki.select(read);
  const certificate = await jpki.readAuthenticationCertificate(read);
  return { certificateBytes: certificate.length, elapsedMs: now() - started };
}
