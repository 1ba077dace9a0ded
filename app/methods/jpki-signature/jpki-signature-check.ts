/**
 * Method 1, the JPKI signature age check: the customer proves they hold the card and know its signature
 * password; the card signs a fresh challenge; the certificate chain, validity, key usage and policy are
 * verified; only the date of birth leaves, as evidence "chip signature with password".
 *
 * Two steps, because the customer types between them: {@link openJpkiCheck} reads the tries left (never asks
 * for the password below the floor), then {@link JpkiCheck.submitPassword} tries it once. A wrong password
 * comes back as `rejected` with the tries left; nothing is ever retried by itself.
 */
import { SIGN_PASSWORD_FLOOR, JpkiAp } from '../../card/apps/jpki-ap';
import type { ReadProgress } from '../../card/apps/binary-file';
import { concatBytes, wipe } from '../../card/bytes';
import { CardError } from '../../card/card-errors';
import type { TrustAnchors } from '../../card/jpki-trust-anchors';
import { CREDENTIALS, JPKI_EF } from '../../card/mynumber/ids';
import { SHA256_DIGEST_INFO_PREFIX } from '../../card/mynumber/jpki-oids';
import type { CardTransport } from '../../card/transport';
import { parseJpkiBirthDate, type BirthDateEvidence, type RevocationStatus } from '../../policy';
import type { RevocationChecker } from './revocation';

/** Length of the random challenge the card signs, bytes. */
const CHALLENGE_BYTES = 32;

export type JpkiStage = 'checking-password' | 'reading-certificate' | 'signing' | 'verifying' | 'checking-revocation';

export interface JpkiCheckPorts {
  readonly transport: CardTransport;
  /** The trust anchors for this run (production J-LIS roots, or the simulator root in demo mode). */
  readonly loadTrust: () => Promise<TrustAnchors>;
  readonly revocation: RevocationChecker | null;
  readonly now: () => Date;
  readonly random: (length: number) => Uint8Array;
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: JpkiStage) => void;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export type JpkiOpenResult =
  | { readonly kind: 'ask-password'; readonly triesLeft: number; readonly check: JpkiCheck }
  /** Too few tries left (or none): the card must be reset at the municipal office. */
  | { readonly kind: 'refused'; readonly triesLeft: number };

export type JpkiSubmitResult =
  | { readonly kind: 'evidence'; readonly evidence: BirthDateEvidence }
  /** Wrong password: `triesLeft` remain; ask again only if `canRetry`. */
  | { readonly kind: 'rejected'; readonly triesLeft: number; readonly canRetry: boolean }
  /** Not 6–16 of A–Z 0–9: nothing was sent to the card. */
  | { readonly kind: 'invalid-format' };

/** True when `password` (ASCII bytes) may be a signature password: 6–16 of A–Z 0–9. */
export function isSignPasswordFormat(password: Uint8Array): boolean {
  return CREDENTIALS.jpki[JPKI_EF.signPin].format.test(String.fromCharCode(...password));
}

/**
 * Selects the JPKI-AP and reads the tries left on the signature password.
 * @throws {TransportError | CardError} when the card cannot be reached.
 */
export async function openJpkiCheck(ports: JpkiCheckPorts): Promise<JpkiOpenResult> {
  const jpki = new JpkiAp(ports.transport);
  const options = ports.signal ? { signal: ports.signal } : {};
  await jpki.select(options);
  const triesLeft = await jpki.signPasswordTriesLeft(options);
  if (triesLeft < SIGN_PASSWORD_FLOOR) return { kind: 'refused', triesLeft };
  return { kind: 'ask-password', triesLeft, check: new JpkiCheck(ports, jpki) };
}

export class JpkiCheck {
  constructor(
    private readonly ports: JpkiCheckPorts,
    private readonly jpki: JpkiAp,
  ) {}

  /**
   * Tries the password once (its bytes are wiped whatever happens) and, if right, runs the whole check.
   * @throws {TransportError | CardError | PolicyError | RevocationError} for anything that must end the check
   *   as "cannot verify".
   */
  async submitPassword(password: Uint8Array): Promise<JpkiSubmitResult> {
    const { ports, jpki } = this;
    const options = ports.signal ? { signal: ports.signal } : {};
    if (!isSignPasswordFormat(password)) {
      wipe(password);
      return { kind: 'invalid-format' };
    }
    ports.onStage?.('checking-password');
    try {
      // Read the counter again right before this VERIFY: the rule holds for every attempt.
      await jpki.signPasswordTriesLeft(options);
      await jpki.verifySignPassword(password, options);
    } catch (error) {
      if (error instanceof CardError && error.code === 'card.pin-rejected') {
        const triesLeft = error.details.triesLeft ?? 0;
        return { kind: 'rejected', triesLeft, canRetry: triesLeft >= SIGN_PASSWORD_FLOOR };
      }
      throw error;
    } finally {
      wipe(password);
    }
    return { kind: 'evidence', evidence: await this.#verify() };
  }

  async #verify(): Promise<BirthDateEvidence> {
    const { ports, jpki } = this;
    const options = {
      ...(ports.signal ? { signal: ports.signal } : {}),
      ...(ports.onProgress ? { onProgress: ports.onProgress } : {}),
    };
    ports.onStage?.('reading-certificate');
    const certificateDer = await jpki.readSignCertificate(options);

    ports.onStage?.('signing');
    const challenge = ports.random(CHALLENGE_BYTES);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', challenge.slice()));
    const signature = await jpki.signDigestInfo(concatBytes(SHA256_DIGEST_INFO_PREFIX, digest), options);

    ports.onStage?.('verifying');
    try {
      // X.509 code loads only now, so it never weighs on the start-up bundle.
      const [{ verifySignCertificate }, anchors] = await Promise.all([
        import('../../card/jpki-certificate'),
        ports.loadTrust(),
      ]);
      if (anchors.mode === 'production' && ports.transport.info.simulated) {
        throw new CardError('card.certificate-untrusted', 'a simulated card is never accepted with production anchors');
      }
      const verified = await verifySignCertificate({ certificateDer, challenge, signature, anchors, now: ports.now() });

      let revocation: RevocationStatus = 'not-checked';
      if (ports.revocation) {
        ports.onStage?.('checking-revocation');
        revocation = await ports.revocation.check(
          { serialNumber: verified.serialNumber, issuer: verified.issuer, certificateDer },
          options,
        );
      }
      return {
        kind: 'date-of-birth',
        dateOfBirth: parseJpkiBirthDate(verified.birthDateField),
        assurance: 'chip-signature-with-password',
        revocation,
        demo: anchors.mode === 'demo' || ports.transport.info.simulated,
      };
    } finally {
      wipe(challenge);
      wipe(signature);
    }
  }
}
