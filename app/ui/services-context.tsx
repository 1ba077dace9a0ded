/**
 * Services the method panels need beyond the stores: the JPKI trust anchors and the revocation service, which
 * differ between demo mode (simulator root, no revocation) and production (operator's files).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { CvTrustAnchors } from '../card/cv-trust-anchors';
import type { TrustAnchors } from '../card/jpki-trust-anchors';
import type { RevocationChecker } from '../methods/jpki-signature/revocation';
import type { ChipPhotoStore } from '../store/chip-photo';
import type { HandoverStore } from '../store/handover';

export interface AppServices {
  /** The anchors, or null when none are configured (the JPKI check is then unavailable). */
  readonly loadTrust: () => Promise<TrustAnchors | null>;
  readonly loadRevocation: () => Promise<RevocationChecker | null>;
  /** The CV CA keys of the genuine-chip check, or null when none are configured (chip checks then fail). */
  readonly loadCvTrust: () => Promise<CvTrustAnchors | null>;
  /** Number B read from the card face, on its way to the number-B method. */
  readonly handover: HandoverStore;
  /** The chip's photo shown to the clerk with a number-B verdict; wiped with the verdict. */
  readonly chipPhoto: ChipPhotoStore;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
