/**
 * Everything a check needs from outside the store, injected at the one composition point (`app/main.tsx` with
 * `app/composition/`): the card reader, the clock, randomness, the JPKI trust anchors and revocation service,
 * the CV CA keys that prove a chip genuine, the camera and the card-face reader, and where the chip's photo
 * goes for the clerk. Tests inject fakes; demo mode injects the simulators.
 */
import type { CvTrustAnchors } from '../card/cv-trust-anchors';
import type { TrustAnchors } from '../card/jpki-trust-anchors';
import type { CardTransport } from '../card/transport';
import type { FaceReader } from '../methods/card-face-ocr/face-reader';
import type { RevocationChecker } from '../methods/jpki-signature/revocation';

/** The reader the counter uses, as a check sees it. */
export interface ReaderPort {
  /** The open transport, or null when no reader is ready. */
  transport(): CardTransport | null;
  /** Whether a card is on the reader now (as last polled). */
  cardPresent(): boolean;
  /** Whether the reader is open and reports no card (not merely "not known yet", as while it connects). */
  cardAbsent(): boolean;
  /** Calls `listener` whenever the transport or card presence changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface SessionPorts {
  readonly reader: ReaderPort;
  /** The current instant; the policy turns it into the Japanese date. */
  readonly now: () => Date;
  /** Cryptographically random bytes (the JPKI challenge). */
  readonly random: (length: number) => Uint8Array;
  /** The JPKI trust anchors, or null when none are configured (the JPKI check is then unavailable). */
  readonly loadTrust: () => Promise<TrustAnchors | null>;
  /** The revocation service, or null when none is configured. */
  readonly loadRevocation: () => Promise<RevocationChecker | null>;
  /** The CV CA keys that prove a chip genuine (number B, the age record), or null when none are configured. */
  readonly loadCvTrust: () => Promise<CvTrustAnchors | null>;
  /**
   * Hands the chip's J-LIS-signed face photo (JP2 bytes, now owned by the receiver) to the clerk's verdict view:
   * memory only, wiped when the verdict goes.
   */
  readonly showChipPhoto: (jp2: Uint8Array) => void;
  /**
   * Opens the rear camera.
   * @throws {CardFaceError} `camera.denied` / `camera.unavailable`
   */
  readonly openCamera: () => Promise<MediaStream>;
  /** The card-face reader (OCR), loaded on first use. */
  readonly faceReader: () => Promise<FaceReader>;
}
