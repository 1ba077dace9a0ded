/**
 * Trust anchors of the JPKI signature check. Production: J-LIS's self-signed roots, loaded from a PEM file the
 * operator supplies and accepted only if their SHA-256 fingerprint is pinned here (card-protocol.md §2.1).
 * Demo: the simulator's root, and nothing else. The two never mix, so a simulator certificate can never pass
 * with production anchors configured.
 */
import { CardError } from './card-errors';
import * as x509 from './x509';

/** SHA-256 fingerprints of the J-LIS roots (lower-case hex, no separators). */
export const JLIS_ROOT_FINGERPRINTS: Readonly<Record<string, string>> = Object.freeze({
  'signature CA 2015': '19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355',
  'signature CA 2023': 'd227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f',
  'authentication CA 2015': '4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d',
  'authentication CA 2023': '64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5',
});

export type TrustMode = 'production' | 'demo';

export interface TrustAnchors {
  readonly mode: TrustMode;
  readonly certificates: readonly x509.X509Certificate[];
}

/** SHA-256 fingerprint of a certificate's DER, lower-case hex. */
export async function fingerprint(certificate: x509.X509Certificate): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', certificate.rawData));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Certificates from a PEM bundle (any number of `-----BEGIN CERTIFICATE-----` blocks). */
export function certificatesFromPem(pem: string): x509.X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new x509.X509Certificate(block));
}

/**
 * Production anchors from the operator's PEM bundle: only pinned J-LIS roots are kept.
 * @returns the anchors and the certificates that were refused (not pinned), so the operator can be told
 * @throws {CardError} `card.certificate-untrusted` when no pinned root is in the file
 */
export async function productionAnchors(pem: string): Promise<{ anchors: TrustAnchors; refused: number }> {
  const pinned = new Set(Object.values(JLIS_ROOT_FINGERPRINTS));
  const kept: x509.X509Certificate[] = [];
  let refused = 0;
  for (const certificate of certificatesFromPem(pem)) {
    if (pinned.has(await fingerprint(certificate))) kept.push(certificate);
    else refused += 1;
  }
  if (kept.length === 0)
    throw new CardError('card.certificate-untrusted', 'no pinned J-LIS root in the trust anchor file');
  return { anchors: { mode: 'production', certificates: kept }, refused };
}

/** Demo anchors: the simulator's root (DER). */
export function demoAnchors(rootsDer: readonly Uint8Array[]): TrustAnchors {
  return { mode: 'demo', certificates: rootsDer.map((der) => new x509.X509Certificate(der.slice())) };
}
