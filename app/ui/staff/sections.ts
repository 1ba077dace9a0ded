/**
 * The staff screen's sections, in order: each is a component that renders its own `<section>` (with an `h3`)
 * and nothing when it does not apply. A new staff feature is one entry here.
 */
import { AuditSection } from './AuditSection';
import { BridgePairing } from './BridgePairing';
import { ReaderDiagnostics } from './ReaderDiagnostics';
import { ReaderSection } from './ReaderSection';
import { SettingsSection } from './SettingsFields';
import { StaffCallSection } from './StaffCallSection';

export interface StaffSection {
  readonly id: string;
  readonly Section: () => React.JSX.Element | null;
}

export const STAFF_SECTIONS: readonly StaffSection[] = [
  { id: 'staff-call', Section: StaffCallSection },
  { id: 'settings', Section: SettingsSection },
  { id: 'reader', Section: ReaderSection },
  { id: 'reader-diagnostics', Section: ReaderDiagnostics },
  { id: 'bridge', Section: BridgePairing },
  { id: 'audit', Section: AuditSection },
];
