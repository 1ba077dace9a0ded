/**
 * The reader the counter uses: which readers are available (permitted WebUSB devices, the virtual card in
 * demo mode), the one selected, whether a card is on it, and the reader check. Separate from the check
 * session so plugging and unplugging never disturbs a verdict on screen.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CardTransport } from '../card/transport';
import { TransportError } from '../card/transport-errors';
import type { BridgeStatus } from '../readers/pcsc-bridge/connection';
import type { BridgeEventKind, ReaderInfo } from '../readers/pcsc-bridge/protocol';
import { driverFor, USB_FILTERS } from '../readers/registry';
import type { ReaderTrace } from '../readers/trace/reader-trace';
import { isTraceable } from '../readers/trace/traceable';
import type { SimulatedCard } from '../readers/virtual-card/driver';
import { errorCodeOf, type ErrorCode } from './errors';

export type ReaderStatus = 'none' | 'connecting' | 'no-card' | 'card-present' | 'error';

export interface ReaderChoice {
  readonly id: string;
  readonly label: string;
  readonly simulated: boolean;
  /** A reader behind the local PC/SC bridge (its label is the PC/SC reader name). */
  readonly bridge?: boolean;
}

export interface ReaderCheckState {
  readonly state: 'idle' | 'running' | 'ok' | 'failed';
  /** 0–1 while running. */
  readonly progress: number;
  readonly certificateBytes: number | null;
}

/** The reader diagnostics of the staff screen: a redacted trace of the USB transfers of the next check. */
export interface ReaderTraceState {
  /**
   * `off`: nothing recorded; `recording`: transfers are being recorded; `stopped`: a trace is ready to show
   * and export; `unsupported`: the selected reader is not a WebUSB reader (the simulator, the PC/SC bridge).
   */
  readonly state: 'off' | 'recording' | 'stopped' | 'unsupported';
  /** Transfers recorded, as of the last stop. */
  readonly lines: number;
}

export interface ReaderState {
  /** WebUSB exists in this browser. */
  readonly webUsb: boolean;
  /** Web NFC exists (Chrome for Android) — and cannot talk to this card. */
  readonly webNfc: boolean;
  readonly choices: readonly ReaderChoice[];
  readonly selectedId: string | null;
  readonly status: ReaderStatus;
  /** Error code of the last failure (a `transport.*` or `card.*` code). */
  readonly errorCode: ErrorCode | null;
  readonly check: ReaderCheckState;
  /** The open transport, for the methods. */
  readonly transport: CardTransport | null;
  readonly refresh: () => Promise<void>;
  /** Opens the browser's device chooser for the supported readers. */
  readonly requestReader: () => Promise<void>;
  readonly select: (id: string) => Promise<void>;
  /** Updates card presence (call periodically while idle). */
  readonly poll: () => Promise<void>;
  readonly runReaderCheck: () => Promise<void>;
  readonly disconnect: () => Promise<void>;
  /** The PC/SC bridge: `off` when not configured, else whether it answers and whether this page is paired. */
  readonly bridge: 'off' | BridgeStatus;
  /** Why the last pairing attempt failed (a `bridge.*` code). */
  readonly bridgeErrorCode: ErrorCode | null;
  /** Sends the pairing code the bridge printed, then lists its readers. */
  readonly pairBridge: (code: string) => Promise<void>;
  /** Selects the first permitted USB reader when none is selected: previously permitted readers need no prompt. */
  readonly reconnect: () => Promise<void>;
  readonly trace: ReaderTraceState;
  /**
   * Starts recording the selected reader's transfers (redacted by its driver), dropping any earlier trace.
   * The state says `recording` at once; the trace code loads on first use (it is not needed at start-up), and
   * the promise settles when transfers are being recorded.
   */
  readonly startTrace: () => Promise<void>;
  /** Stops recording; the trace stays for `traceText` until the next start or `clearTrace`. */
  readonly stopTrace: () => void;
  /** The recorded trace as text, or null when there is none. */
  readonly traceText: (startedAt: string, app: string) => string | null;
  readonly clearTrace: () => void;
  /** Polls card presence every `intervalMs` while a reader is open; returns the stop. */
  readonly watchPresence: (intervalMs: number) => () => void;
}

export interface ReaderStoreDeps {
  readonly usb: USB | null;
  readonly webNfc: boolean;
  /** The simulator, in demo mode only. */
  readonly virtualCard: SimulatedCard | null;
  /** The local PC/SC bridge, when the launch URL configures one (loaded lazily). */
  readonly bridge?: BridgeReaders | null;
}

/** What the store needs of the PC/SC bridge client (`BridgeConnection`). */
export interface BridgeReaders {
  probe(): Promise<BridgeStatus>;
  /** @throws {BridgeError} a `bridge.*` code the UI words. */
  pair(code: string): Promise<void>;
  readers(): Promise<readonly ReaderInfo[]>;
  open(reader: string): CardTransport;
  onEvent(listener: (event: BridgeEventKind, reader: string) => void): unknown;
}

export type ReaderStore = StoreApi<ReaderState>;

const VIRTUAL_ID = 'virtual';
const BRIDGE_PREFIX = 'bridge:';
const IDLE_CHECK: ReaderCheckState = { state: 'idle', progress: 0, certificateBytes: null };

const deviceId = (device: USBDevice, index: number) =>
  `usb:${device.vendorId.toString(16)}:${device.productId.toString(16)}:${device.serialNumber ?? index}`;

export function createReaderStore(deps: ReaderStoreDeps): ReaderStore {
  const devices = new Map<string, USBDevice>();
  /** The trace being recorded or kept; never in the state, which holds only its counts. */
  let trace: ReaderTrace | null = null;
  /** Counts trace starts and clears, so a start whose code arrives late does not record over a later call. */
  let traceAttempt = 0;
  /** Bumped by every `select`: an open that finishes after a newer one started is closed again. */
  let generation = 0;

  const store = createStore<ReaderState>()((set, get) => {
    const fail = async (error: unknown) => {
      const code = errorCodeOf(error);
      const bridgeLost = code === 'transport.permission-denied' && get().selectedId?.startsWith(BRIDGE_PREFIX) === true;
      if (code === 'transport.reader-unplugged' || code === 'transport.not-supported' || bridgeLost) {
        // A reader that is gone or unusable leaves nothing half-open behind.
        await get().transport?.close();
        set({ transport: null, selectedId: null, status: 'error', errorCode: code });
        await get().refresh();
        return;
      }
      set({
        status: code === 'transport.card-removed' || code === 'transport.no-card' ? 'no-card' : 'error',
        errorCode: code,
      });
    };

    return {
      webUsb: deps.usb !== null,
      webNfc: deps.webNfc,
      choices: [],
      selectedId: null,
      status: 'none',
      errorCode: null,
      check: IDLE_CHECK,
      transport: null,
      bridge: deps.bridge ? 'absent' : 'off',
      bridgeErrorCode: null,
      trace: { state: 'off', lines: 0 },

      startTrace: async () => {
        const { transport } = get();
        trace = null;
        const attempt = ++traceAttempt;
        if (!transport || !isTraceable(transport)) {
          set({ trace: { state: 'unsupported', lines: 0 } });
          return;
        }
        set({ trace: { state: 'recording', lines: 0 } });
        const { ReaderTrace } = await import('../readers/trace/reader-trace');
        // Stopped, cleared, restarted or the reader changed while the code loaded: that call decides.
        if (attempt !== traceAttempt || get().trace.state !== 'recording' || get().transport !== transport) return;
        trace = new ReaderTrace(`${transport.info.name} (${transport.info.kind})`);
        transport.traceTo(trace);
      },

      stopTrace: () => {
        const { transport } = get();
        if (transport && isTraceable(transport)) transport.traceTo(null);
        if (get().trace.state !== 'recording') return;
        set({ trace: { state: 'stopped', lines: trace?.lines.length ?? 0 } });
      },

      traceText: (startedAt, app) => trace?.toText({ startedAt, app }) ?? null,

      clearTrace: () => {
        traceAttempt += 1;
        get().stopTrace();
        trace = null;
        set({ trace: { state: 'off', lines: 0 } });
      },

      refresh: async () => {
        const choices: ReaderChoice[] = [];
        if (deps.virtualCard) choices.push({ id: VIRTUAL_ID, label: 'virtual', simulated: true });
        devices.clear();
        const permitted = deps.usb ? await deps.usb.getDevices() : [];
        permitted.forEach((device, index) => {
          const driver = driverFor(device);
          if (!driver) return;
          const id = deviceId(device, index);
          devices.set(id, device);
          choices.push({ id, label: driver.name, simulated: false });
        });
        if (deps.bridge) {
          let bridge = await deps.bridge.probe();
          if (bridge === 'paired') {
            try {
              const readers = await deps.bridge.readers();
              // Readers holding a card first: a kiosk (no reader choice on screen) selects the first one.
              const withCardFirst = [...readers].sort((a, b) => Number(b.cardPresent) - Number(a.cardPresent));
              for (const { name } of withCardFirst) {
                choices.push({ id: `${BRIDGE_PREFIX}${name}`, label: name, simulated: false, bridge: true });
              }
            } catch (error) {
              // The bridge forgot this page's pairing (revoked, reinstalled) or no longer proves it: ask again.
              if (errorCodeOf(error) === 'transport.permission-denied') bridge = await deps.bridge.probe();
            }
          }
          set({ bridge });
        }
        set({ choices });
      },

      pairBridge: async (code) => {
        if (!deps.bridge) return;
        try {
          await deps.bridge.pair(code);
          set({ bridgeErrorCode: null });
        } catch (error) {
          set({ bridgeErrorCode: errorCodeOf(error) });
          return;
        }
        await get().reconnect();
        // Paired on purpose: use the bridge's reader unless a real reader is already in use (a kiosk shows no
        // reader choice, and the demo starts on the simulator).
        const current = get().choices.find((c) => c.id === get().selectedId);
        const bridgeReader = get().choices.find((c) => c.bridge === true);
        if (bridgeReader && (!current || current.simulated)) await get().select(bridgeReader.id);
      },

      requestReader: async () => {
        if (!deps.usb) {
          set({ status: 'error', errorCode: 'transport.not-supported' });
          return;
        }
        let device: USBDevice;
        try {
          device = await deps.usb.requestDevice({ filters: USB_FILTERS });
        } catch (error) {
          // Chrome reports a cancelled chooser as NotFoundError: nothing chosen, nothing wrong.
          if (error instanceof DOMException && error.name === 'NotFoundError') return;
          await fail(error);
          return;
        }
        await get().refresh();
        const id = [...devices.entries()].find(([, d]) => d === device)?.[0];
        if (id) await get().select(id);
      },

      select: async (id) => {
        const mine = (generation += 1);
        await get().transport?.close();
        set({ transport: null, selectedId: id, status: 'connecting', errorCode: null, check: IDLE_CHECK });
        try {
          let transport: CardTransport;
          if (id === VIRTUAL_ID && deps.virtualCard) {
            const { VirtualCardTransport } = await import('../readers/virtual-card/driver');
            transport = new VirtualCardTransport(deps.virtualCard);
          } else if (id.startsWith(BRIDGE_PREFIX) && deps.bridge) {
            transport = deps.bridge.open(id.slice(BRIDGE_PREFIX.length));
          } else {
            const device = devices.get(id);
            const driver = device && driverFor(device);
            if (!device || !driver) throw new TransportError('transport.reader-unplugged', 'the reader is gone');
            transport = await driver.open(device);
          }
          if (mine !== generation) {
            await transport.close();
            return;
          }
          set({ transport });
          // A reader chosen while recording goes on being recorded.
          if (trace && get().trace.state === 'recording' && isTraceable(transport)) transport.traceTo(trace);
          await get().poll();
        } catch (error) {
          if (mine === generation) await fail(error);
        }
      },

      poll: async () => {
        const { transport, check } = get();
        if (!transport || check.state === 'running') return;
        try {
          const present = await transport.cardPresent();
          if (get().transport === transport) set({ status: present ? 'card-present' : 'no-card', errorCode: null });
        } catch (error) {
          await fail(error);
        }
      },

      runReaderCheck: async () => {
        const { transport } = get();
        if (!transport || get().check.state === 'running') return;
        set({ check: { state: 'running', progress: 0, certificateBytes: null }, errorCode: null });
        try {
          const { checkReader } = await import('../methods/reader-check');
          const result = await checkReader(transport, {
            onProgress: ({ done, total }) => {
              set({ check: { state: 'running', progress: total > 0 ? done / total : 0, certificateBytes: null } });
            },
          });
          set({
            check: { state: 'ok', progress: 1, certificateBytes: result.certificateBytes },
            status: 'card-present',
          });
        } catch (error) {
          set({ check: { state: 'failed', progress: 0, certificateBytes: null } });
          await fail(error);
        }
      },

      reconnect: async () => {
        await get().refresh();
        if (get().selectedId !== null) return;
        const usbChoice = get().choices.find((c) => !c.simulated);
        if (usbChoice) await get().select(usbChoice.id);
      },

      disconnect: async () => {
        await get().transport?.close();
        set({ transport: null, selectedId: null, status: 'none', errorCode: null, check: IDLE_CHECK });
      },

      watchPresence: (intervalMs) => {
        const timer = setInterval(() => {
          if (get().transport) void get().poll();
        }, intervalMs);
        return () => {
          clearInterval(timer);
        };
      },
    };
  });

  deps.usb?.addEventListener('disconnect', (event) => {
    const device = event.device;
    const selected = store.getState().selectedId;
    if (selected !== null && devices.get(selected) === device) {
      void store.getState().transport?.close();
      store.setState({ transport: null, selectedId: null, status: 'error', errorCode: 'transport.reader-unplugged' });
    }
    void store.getState().refresh();
  });
  deps.usb?.addEventListener('connect', () => void store.getState().reconnect());
  // A reader plugged into or out of the bridge changes the choices; card events are seen by polling.
  deps.bridge?.onEvent((event) => {
    if (event === 'reader-added' || event === 'reader-removed') void store.getState().refresh();
  });
  return store;
}
