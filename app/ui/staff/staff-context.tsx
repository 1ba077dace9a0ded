/**
 * What the staff screen needs: the PIN gate (one per page, so its lock-out outlives the screen) and the audit
 * log, opened lazily so IndexedDB code stays out of the start-up bundle.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { AuditLog } from '../../audit/audit-log';
import type { PinGate } from '../../staff/pin-gate';

export interface StaffServices {
  readonly gate: PinGate;
  /** Whether the launch URL configured a staff PIN (without one, the staff screen stays closed). */
  readonly pinConfigured: boolean;
  readonly auditLog: () => Promise<AuditLog>;
}

const StaffContext = createContext<StaffServices | null>(null);

export function StaffProvider({ services, children }: { services: StaffServices; children: ReactNode }) {
  return <StaffContext.Provider value={services}>{children}</StaffContext.Provider>;
}

export function useStaffServices(): StaffServices {
  const services = useContext(StaffContext);
  if (!services) throw new Error('useStaffServices outside StaffProvider');
  return services;
}
