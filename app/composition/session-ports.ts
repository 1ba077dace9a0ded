/**
 * The session's ports for this page, chosen once: the reader store, the clock, WebCrypto randomness, the camera,
 * the lazily loaded card-face reader, and the JPKI trust and revocation — the operator's files in production,
 * the simulator's root and no revocation service in demo mode — and the CV CA keys likewise; the chip's photo goes
 * to the photo store the verdict view reads.
 */
import type { CvTrustAnchors } from '../card/cv-trust-anchors';
import type { TrustAnchors } from '../card/jpki-trust-anchors';
import type { ChipPhotoStore } from '../store/chip-photo';
import type { SessionPorts } from '../store/ports';
import type { ReaderStore } from '../store/reader-store';
import { readerPort } from './reader-port';

export interface TrustPorts {
  readonly loadTrust: SessionPorts['loadTrust'];
  readonly loadRevocation: SessionPorts['loadRevocation'];
  readonly loadCvTrust: SessionPorts['loadCvTrust'];
}

/**
 * Production: `config/jpki-trust-anchors.pem` and `config/revocation.json`, loaded when a JPKI check starts;
 * `config/cv-ca-keys.json` (only the pinned keys count) when a chip check starts.
 */
export const productionTrust: TrustPorts = {
  loadTrust: async () => (await import('../methods/jpki-signature/trust-config')).loadProductionTrust(),
  loadRevocation: async () => (await import('../methods/jpki-signature/trust-config')).loadRevocationChecker(),
  loadCvTrust: async () => (await import('../methods/chip-proof/cv-trust-config')).loadProductionCvTrust(),
};

/** Demo mode trusts the simulator's roots and keys and nothing else; no revocation service exists for it. */
export function demoTrust(anchors: TrustAnchors, cvAnchors: CvTrustAnchors): TrustPorts {
  return {
    loadTrust: () => Promise.resolve(anchors),
    loadRevocation: () => Promise.resolve(null),
    loadCvTrust: () => Promise.resolve(cvAnchors),
  };
}

export function sessionPorts(readers: ReaderStore, trust: TrustPorts, photo: ChipPhotoStore): SessionPorts {
  return {
    reader: readerPort(readers),
    now: () => new Date(),
    random: (length) => crypto.getRandomValues(new Uint8Array(length)),
    ...trust,
    openCamera: async () =>
      (await import('../methods/card-face-ocr/camera')).openRearCamera(
        (navigator as { mediaDevices?: MediaDevices }).mediaDevices,
      ),
    faceReader: async () => (await import('../methods/card-face-ocr/face-reader')).browserFaceReader,
    showChipPhoto: (jp2) => {
      photo.getState().show(jp2);
    },
  };
}
