/**
 * The session's ports for this page, chosen once: the reader store, the clock, WebCrypto randomness, the camera,
 * the lazily loaded card-face reader, and the JPKI trust and revocation — the operator's files in production,
 * the simulator's root and no revocation service in demo mode.
 */
import type { TrustAnchors } from '../card/jpki-trust-anchors';
import type { SessionPorts } from '../store/ports';
import type { ReaderStore } from '../store/reader-store';
import { readerPort } from './reader-port';

export interface TrustPorts {
  readonly loadTrust: SessionPorts['loadTrust'];
  readonly loadRevocation: SessionPorts['loadRevocation'];
}

/** Production: `config/jpki-trust-anchors.pem` and `config/revocation.json`, loaded when a JPKI check starts. */
export const productionTrust: TrustPorts = {
  loadTrust: async () => (await import('../methods/jpki-signature/trust-config')).loadProductionTrust(),
  loadRevocation: async () => (await import('../methods/jpki-signature/trust-config')).loadRevocationChecker(),
};

/** Demo mode trusts the simulator's root and nothing else; no revocation service exists for it. */
export function demoTrust(anchors: TrustAnchors): TrustPorts {
  return { loadTrust: () => Promise.resolve(anchors), loadRevocation: () => Promise.resolve(null) };
}

export function sessionPorts(readers: ReaderStore, trust: TrustPorts): SessionPorts {
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
  };
}
