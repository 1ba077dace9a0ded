/**
 * Entry point and the one composition point: the reader store (real WebUSB, or the simulated hardware in demo
 * mode), the session store with its ports (reader, clock, randomness, trust anchors, revocation, camera, card-face
 * reader; see `app/composition/`), the audit log and the staff PIN, settings from the launch URL.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AuditLog } from './audit/audit-log';
import { terminalIdFromQuery } from './audit/terminal-id';
import { CONFIG } from './config';
import { demoTrust, productionTrust, sessionPorts, type TrustPorts } from './composition/session-ports';
import { japanDate } from './policy';
import { bridgePortFromQuery, bridgeUrl } from './readers/pcsc-bridge/bridge-query';
import { hasWebNfc } from './readers/web-nfc';
import { createPinGate } from './staff/pin-gate';
import { staffPinFromQuery } from './staff/staff-pin';
import { createAppUpdateStore } from './store/app-update';
import { clearPhotoWithVerdict, createChipPhotoStore } from './store/chip-photo';
import { createReaderStore, type ReaderStoreDeps } from './store/reader-store';
import { stopTraceAtVerdict } from './store/reader-trace-link';
import { createSessionStore } from './store/session-store';
import { settingsFromQuery } from './store/settings';
import { App, loadFlowScreen } from './ui/App';
import { ChipPhotoProvider } from './ui/chip-photo-context';
import { demoQuery } from './ui/demo-query';
import { loadCatalogue } from './ui/i18n/catalogue';
import { ReaderProvider, type DemoControls } from './ui/reader-context';
import { SessionProvider } from './ui/session-context';
import { StaffProvider, type StaffServices } from './ui/staff/staff-context';
import { UpdateBanner } from './ui/UpdateBanner';
import './ui/styles.css';

async function start(): Promise<void> {
  const search = window.location.search;
  const initialSettings = settingsFromQuery(search);
  // The launch URL's language loads with the page, so the first screen is already in it.
  const words = loadCatalogue(initialSettings.language);

  // The audit log loads with the first verdict or the staff screen; opening it also purges old records.
  let auditLog: Promise<AuditLog> | null = null;
  const openAudit = (): Promise<AuditLog> =>
    (auditLog ??= import('./audit/audit-log')
      .then(({ openAuditLog }) =>
        openAuditLog({
          now: () => new Date(),
          retentionDays: () => session.getState().settings.auditRetentionDays,
          terminalId: terminalIdFromQuery(search),
        }),
      )
      .catch((error: unknown) => {
        auditLog = null; // try again next time (IndexedDB may be briefly unavailable)
        throw error;
      }));
  const auditFailed = (error: unknown) => {
    console.error('audit log write failed', error instanceof Error ? error.name : 'unknown');
  };

  const demoSettings = demoQuery(search, import.meta.env.DEV);
  let readerDeps: ReaderStoreDeps = {
    // Typed as always there, but Firefox and Safari have no WebUSB.
    usb: (navigator as { usb?: USB }).usb ?? null,
    webNfc: hasWebNfc(),
    virtualCard: null,
  };
  let demo: DemoControls | null = null;
  let demoDiagnostics: (() => { privacyViolations: number; verifiesWithSecret: number; apdus: number }) | undefined;
  let trust: TrustPorts = productionTrust;
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
    const { demoAnchors } = await import('./card/jpki-trust-anchors');
    trust = demoTrust(demoAnchors(hardware.trustRootsDer), hardware.cvAnchors);
  }
  const bridgePort = bridgePortFromQuery(search);
  if (bridgePort !== null) {
    // Lazily: pages launched without `bridge=` never load the bridge client nor touch a loopback port.
    const { BridgeConnection } = await import('./readers/pcsc-bridge/connection');
    readerDeps = { ...readerDeps, bridge: new BridgeConnection(bridgeUrl(bridgePort)) };
  }
  const readerStore = createReaderStore(readerDeps);
  const chipPhoto = createChipPhotoStore();

  const session = createSessionStore({
    ports: sessionPorts(readerStore, trust, chipPhoto),
    initialSettings,
    demo: demoSettings !== null,
    // Absent outside secure contexts and in some embedded browsers, whatever the types say.
    cameraAvailable: typeof (navigator as { mediaDevices?: MediaDevices }).mediaDevices?.getUserMedia === 'function',
    onVerdict: (event) => {
      openAudit()
        .then((log) => log.record(event))
        .catch(auditFailed);
    },
    onStaffCall: (event) => {
      openAudit()
        .then((log) => log.recordStaffCall(event, demoSettings !== null))
        .catch(auditFailed);
    },
  });
  // The photo leaves with the verdict; the reader trace stops at the verdict of the check it recorded.
  clearPhotoWithVerdict(chipPhoto, session);
  stopTraceAtVerdict(session, readerStore);
  const staffPin = staffPinFromQuery(search);
  const gate = createPinGate(staffPin, {
    // One counter for every tab: each attempt is counted in one IndexedDB transaction before the PIN is checked.
    store: { update: (change) => openAudit().then((log) => log.updateStaffLock(change)) },
  });
  const staff: StaffServices = { gate, pinConfigured: staffPin !== null, auditLog: openAudit };

  await readerStore.getState().reconnect();
  if (demo && readerStore.getState().selectedId === null) {
    // The demo starts with a reader ready: the first fake USB reader, else the virtual card.
    const choices = readerStore.getState().choices;
    const first = choices.find((c) => !c.simulated) ?? choices[0];
    if (first) await readerStore.getState().select(first.id);
  }
  readerStore.getState().watchPresence(CONFIG.readerPollIntervalMs);

  // The test hook exists only in the e2e build: Vite replaces MODE at build time, so production drops it.
  if (import.meta.env.MODE === 'e2e') {
    const { installE2eHook } = await import('./ui/e2e-hook');
    installE2eHook(session, demoDiagnostics);
  }

  await words.catch(() => undefined); // without its words the page still starts, in Japanese
  const updates = createAppUpdateStore();
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <SessionProvider store={session}>
        <ReaderProvider store={readerStore} demo={demo}>
          <StaffProvider services={staff}>
            <ChipPhotoProvider store={chipPhoto}>
              <App />
            </ChipPhotoProvider>
          </StaffProvider>
          <UpdateBanner updates={updates} />
        </ReaderProvider>
      </SessionProvider>
    </StrictMode>,
  );
  // Purge on start: records past the retention go even if no check is made today.
  void openAudit().catch(() => undefined);
  // The steps of a check come next: fetch them while the clerk looks at the first screen.
  void loadFlowScreen().catch(() => undefined);

  // Offline use and updates: built app only (the dev server has no service worker), loaded after the first
  // render so that it costs the start-up nothing.
  if (import.meta.env.PROD) {
    const { registerServiceWorker } = await import('./pwa/register-service-worker');
    registerServiceWorker(updates, session);
  }
}

void start();
