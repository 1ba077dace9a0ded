/**
 * The production CV CA keys: `config/cv-ca-keys.json` beside the app (same origin, so the strict CSP allows it),
 * `{ "version": 1, "keys": [{ "keyId", "exponent", "modulus" }] }` in hex. Only keys whose fingerprint is pinned
 * in `app/card/cv-trust-anchors.ts` count; without any, the chip checks fail closed.
 */
import type { CvTrustAnchors } from '../../card/cv-trust-anchors';
import { CV_CA_KEYS_PATH } from './config-path';

/**
 * The pinned production keys from the operator's file, or null when there is no usable file.
 * @throws {CardError} `card.chip-keys-not-configured` when the file holds no pinned key
 */
export async function loadProductionCvTrust(fetchImpl: typeof fetch = fetch): Promise<CvTrustAnchors | null> {
  let json: unknown;
  try {
    const response = await fetchImpl(new URL(CV_CA_KEYS_PATH, document.baseURI), {
      cache: 'no-cache',
      credentials: 'same-origin',
    });
    if (!response.ok) return null;
    json = await response.json();
  } catch {
    // Missing, offline without a cached copy, or a static host's index page instead of JSON.
    return null;
  }
  const { productionCvAnchors } = await import('../../card/cv-trust-anchors');
  return (await productionCvAnchors(json)).anchors;
}
