/**
 * Where the operator's JPKI configuration lives: static files served with the app (same origin, so the strict
 * CSP allows them). `config/jpki-trust-anchors.pem`: J-LIS roots in PEM (only pinned fingerprints count);
 * `config/revocation.json`: `{ "endpoint": …, "token": … }` of an authorised revocation service.
 */
import type { TrustAnchors } from '../../card/jpki-trust-anchors';
import { REVOCATION_CONFIG_PATH, TRUST_ANCHOR_PATH } from './config-paths';
import { HttpRevocationChecker, parseRevocationConfig, type RevocationChecker } from './revocation';

async function fetchText(path: string, fetchImpl: typeof fetch): Promise<string | null> {
  try {
    const response = await fetchImpl(new URL(path, document.baseURI), {
      cache: 'no-store',
      credentials: 'same-origin',
    });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/**
 * The production trust anchors, or null when the operator has supplied none (the JPKI check is then off).
 * @throws {CardError} `card.certificate-untrusted` when the file holds no pinned J-LIS root
 */
export async function loadProductionTrust(fetchImpl: typeof fetch = fetch): Promise<TrustAnchors | null> {
  const pem = await fetchText(TRUST_ANCHOR_PATH, fetchImpl);
  // A static host may answer a missing file with its index page: no PEM block means no configuration.
  if (pem?.includes('-----BEGIN CERTIFICATE-----') !== true) return null;
  const { productionAnchors } = await import('../../card/jpki-trust-anchors');
  return (await productionAnchors(pem)).anchors;
}

/** The revocation service, or null when none is configured (verdicts then say "revocation not checked"). */
export async function loadRevocationChecker(fetchImpl: typeof fetch = fetch): Promise<RevocationChecker | null> {
  const text = await fetchText(REVOCATION_CONFIG_PATH, fetchImpl);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const config = parseRevocationConfig(json);
  return config ? new HttpRevocationChecker(config) : null;
}
