/**
 * Entry point: the session store, the reader store (real WebUSB, or the simulated hardware in demo mode),
 * settings from the launch URL.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AuditLog } from './audit/audit-log';
import { terminalIdFromQuery } from './audit/terminal-id';
import { japanDate } from './policy';
import { bridgePortFromQuery, bridgeUrl } from './readers/pcsc-bridge/bridge-query';
import { hasWebNfc } from './readers/web-nfc';
import { createAppUpdateStore } from './store/app-update';
import { createReaderStore, type ReaderStoreDeps } from './store/reader-store';
import { stopTraceAtVerdict } from './store/reader-trace-link';
import { clearPhotoWithVerdict, createChipPhotoStore } from './store/chip-photo';
import { createHandoverStore } from './store/handover';
import { createSessionStore } from './store/session-store';
import { settingsFromQuery } from './store/settings';
import { App } from './ui/App';
import { demoQuery } from './ui/demo-query';
import { loadProductionTrust, loadRevocationChecker } from './methods/jpki-signature/trust-config';
import { loadProductionCvTrust } from './methods/chip-proof/cv-trust-config';
import { ReaderProvider, type DemoControls } from './ui/reader-context';
import { ServicesProvider, type AppServices } from './ui/services-context';
import { SessionProvider } from './ui/session-context';
import { createPinGate } from './staff/pin-gate';
import { staffPinFromQuery } from './staff/staff-pin';
import { StaffProvider, type StaffServices } from './ui/staff/staff-context';
import { UpdateBanner } from './ui/UpdateBanner';
import './ui/styles.css';

async function start(): Promise<void> {
  const search = window.location.search;
  // The audit log loads with the first verdict or the staff screen; opening it also purges old records.
  let auditLog: Promise<AuditLog> | null = null;
  const openAudit = (): Promise<AuditLog> =>
    (auditLog ??= import('./audit/audit-log')
      .then(({ openAuditLog }) =>
        openAuditLog({
          now: () => new Date(),
          retentionDays: () => store.getState().settings.auditRetentionDays,
          terminalId: terminalIdFromQuery(search),
        }),
      )
      .catch((error: unknown) => {
        auditLog = null; // try again next time (IndexedDB may be briefly unavailable)
        throw error;
      }));
  const demoSettings = demoQuery(search, import.meta.env.DEV);
  const store = createSessionStore({
    now: () => new Date(),
    demo: demoSettings !== null,
    initialSettings: settingsFromQuery(search),
    onVerdict: (event) => {
      openAudit()
        .then((log) => log.record(event))
        .catch((error: unknown) => {
          console.error('audit log write failed', error instanceof Error ? error.name : 'unknown');
        });
    },
  });
  const gate = createPinGate(staffPinFromQuery(search), {
    store: { update: (change) => openAudit().then((log) => log.updateStaffLock(change)) },
  });
  const staff: StaffServices = { gate, auditLog: openAudit };

  let readerDeps: ReaderStoreDeps = {
    // Typed as always there, but Firefox and Safari have no WebUSB.
    usb: (navigator as { usb?: USB }).usb ?? null,
    webNfc: hasWebNfc(),
    virtualCard: null,
  };
  let demo: DemoControls | null = null;
  let demoDiagnostics: (() => { privacyViolations: number; verifiesWithSecret: number; apdus: number }) | undefined;
  const handover = createHandoverStore();
  const chipPhoto = createChipPhotoStore();
  clearPhotoWithVerdict(chipPhoto, store);
  let services: AppServices = {
    loadTrust: () => loadProductionTrust(),
    loadRevocation: () => loadRevocationChecker(),
    loadCvTrust: () => loadProductionCvTrust(),
    handover,
    chipPhoto,
  };
  if (demoSettings) {
    // Lazily: the simulators (and their X.509 library) never load outside demo mode.
    const { createDemoHardware, parseDemoSettings } = await import('./demo/demo-hardware');
    const hardware = await createDemoHardware(parseDemoSettings(demoSettings, japanDate(new Date())));
    readerDeps = { ...readerDeps, usb: hardware.usb as unknown as USB, virtualCard: hardware.virtualCard };
    demo = {
      persona: hardware.persona,
      face: hardware.face,
      setCardsPresent: hardware.setCardsPresent,
      setReadersPlugged: hardware.setReadersPlugged,
    };
    demoDiagnostics = hardware.diagnostics;
    // Demo mode trusts the simulator's root and nothing else; no revocation service exists for it.
    const { demoAnchors } = await import('./card/jpki-trust-anchors');
    const anchors = demoAnchors(hardware.trustRootsDer);
    services = {
      loadTrust: () => Promise.resolve(anchors),
      loadRevocation: () => Promise.resolve(null),
      loadCvTrust: () => Promise.resolve(hardware.cvAnchors),
      handover,
      chipPhoto,
    };
  }
  const bridgePort = bridgePortFromQuery(search);
  if (bridgePort !== null) {
    // Lazily: pages launched without `bridge=` never load the bridge client nor touch a loopback port.
    const { BridgeConnection } = await import('./readers/pcsc-bridge/connection');
    readerDeps = { ...readerDeps, bridge: new BridgeConnection(bridgeUrl(bridgePort)) };
  }
  const readerStore = createReaderStore(readerDeps);
  stopTraceAtVerdict(store, readerStore);
  await readerStore.getState().reconnect();
  if (demo && readerStore.getState().selectedId === null) {
    // The demo starts with a reader ready: the first fake USB reader, else the virtual card.
    const choices = readerStore.getState().choices;
    const first = choices.find((c) => !c.simulated) ?? choices[0];
    if (first) await readerStore.getState().select(first.id);
  }

  // The test hook exists only in the e2e build: Vite replaces MODE at build time, so production drops it.
  if (import.meta.env.MODE === 'e2e') {
    const { installE2eHook } = await import('./ui/e2e-hook');
    installE2eHook(store, demoDiagnostics);
  }

  const updates = createAppUpdateStore();
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <SessionProvider store={store}>
        <ReaderProvider store={readerStore} demo={demo}>
          <ServicesProvider services={services}>
            <StaffProvider services={staff}>
              <App />
            </StaffProvider>
          </ServicesProvider>
          <UpdateBanner updates={updates} />
        </ReaderProvider>
      </SessionProvider>
    </StrictMode>,
  );
  // Purge on start: records past the retention go even if no check is made today.
  void openAudit().catch(() => undefined);

  // Offline use and updates: built app only (the dev server has no service worker), loaded after the first
  // render so that it costs the start-up nothing.
  if (import.meta.env.PROD) {
    const { registerServiceWorker } = await import('./pwa/register-service-worker');
    registerServiceWorker(updates, store);
  }
}

void start();
