/**
 * A fake `navigator.usb` for tests and the demo: fake reader devices whose firmware is modelled in TypeScript
 * (`ReaderModel`), with the faults a real counter sees — unplugging, a stalled reader, delays, corrupted
 * packets. Implements the parts of WebUSB the drivers use, with WebUSB's error names.
 */
import { concatBytes } from '../../app/card/bytes';

/** An endpoint of a fake interface. */
export interface FakeEndpoint {
  readonly endpointNumber: number;
  readonly direction: USBDirection;
  readonly type: USBEndpointType;
  readonly packetSize: number;
}

export interface FakeInterface {
  readonly interfaceNumber: number;
  readonly interfaceClass: number;
  readonly endpoints: readonly FakeEndpoint[];
}

/** The reader's firmware: receives OUT transfers and answers through `device.emit`. */
export interface ReaderModel {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly interfaces: readonly FakeInterface[];
  attach(device: FakeUsbDevice): void;
  onOut(endpoint: number, data: Uint8Array): void | Promise<void>;
  /** USB reset or re-open: the firmware starts over (the card stays in the field). */
  onReset(): void;
  /**
   * The firmware takes a message to end with a short packet, as a bulk transfer does on the bus (USB 2.0
   * §5.8.3): an OUT transfer of whole packets is held until a zero-length (or short) one follows. The RC-S380
   * is driven so by nfcpy and Linux `port100.c`.
   */
  readonly needsShortPacket?: boolean;
}

/** USB class of smart-card readers: WebUSB refuses to claim it outside Isolated Web Apps. */
export const PROTECTED_SMART_CARD_CLASS = 0x0b;

const domError = (name: string, message: string) => new DOMException(message, name);

interface PendingIn {
  readonly resolve: (result: USBInTransferResult) => void;
  readonly reject: (error: unknown) => void;
}

export class FakeUsbDevice {
  opened = false;
  connected = true;
  configuration: USBConfiguration | null = null;
  readonly configurations: USBConfiguration[];
  #claimed = new Set<number>();
  #inQueue: Uint8Array[] = [];
  /** OUT bytes of a transfer of whole packets, waiting for the short packet that ends it. */
  #outHeld: Uint8Array[] = [];
  #pending: PendingIn[] = [];
  /** Fault injection. */
  readonly faults = {
    /** The next IN packets are swallowed: the host waits forever. */
    stall: false,
    /** Each IN packet is delivered after this delay, milliseconds. */
    delayMs: 0,
    /** Flip a byte in the next IN packet. */
    corruptNextIn: false,
    /** Allow claiming the protected smart-card class (an Isolated Web App with `usb-unrestricted`). */
    unrestricted: false,
    /**
     * The operating system denies access to the device (Windows without WinUSB, Linux without a udev rule):
     * `open()` fails as Chrome fails it, with SecurityError "Access denied.".
     */
    accessDenied: false,
    /** Another driver holds the interface (Linux port100, Sony's driver): NetworkError "Unable to claim interface.". */
    claimedElsewhere: false,
  };
  /** Every transfer, for byte-exact tests and the benchmark. */
  readonly log: { readonly direction: 'out' | 'in'; readonly data: Uint8Array }[] = [];

  constructor(readonly model: ReaderModel) {
    const interfaces = model.interfaces.map((i) => ({
      interfaceNumber: i.interfaceNumber,
      claimed: false,
      alternate: {
        alternateSetting: 0,
        interfaceClass: i.interfaceClass,
        interfaceSubclass: 0,
        interfaceProtocol: 0,
        interfaceName: null,
        endpoints: i.endpoints.map((e) => ({ ...e })),
      },
      alternates: [],
    }));
    this.configurations = [{ configurationValue: 1, configurationName: null, interfaces }];
    model.attach(this);
  }

  get vendorId(): number {
    return this.model.vendorId;
  }
  get productId(): number {
    return this.model.productId;
  }
  get productName(): string {
    return this.model.productName;
  }
  get manufacturerName(): string {
    return 'SONY';
  }
  get serialNumber(): string {
    return 'FAKE0001';
  }

  #checkConnected(): void {
    if (!this.connected) throw domError('NotFoundError', 'The device was disconnected.');
  }

  open(): Promise<void> {
    this.#checkConnected();
    if (this.faults.accessDenied) return Promise.reject(domError('SecurityError', 'Access denied.'));
    this.opened = true;
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.opened = false;
    this.#claimed.clear();
    return Promise.resolve();
  }

  selectConfiguration(value: number): Promise<void> {
    this.#checkConnected();
    const configuration = this.configurations.find((c) => c.configurationValue === value);
    if (!configuration) return Promise.reject(domError('NotFoundError', 'no such configuration'));
    this.configuration = configuration;
    return Promise.resolve();
  }

  claimInterface(interfaceNumber: number): Promise<void> {
    this.#checkConnected();
    if (!this.opened) return Promise.reject(domError('InvalidStateError', 'The device must be opened first.'));
    const found = this.model.interfaces.find((i) => i.interfaceNumber === interfaceNumber);
    if (!found) return Promise.reject(domError('NotFoundError', 'no such interface'));
    if (found.interfaceClass === PROTECTED_SMART_CARD_CLASS && !this.faults.unrestricted) {
      return Promise.reject(domError('SecurityError', 'The requested interface implements a protected class.'));
    }
    if (this.faults.claimedElsewhere) return Promise.reject(domError('NetworkError', 'Unable to claim interface.'));
    this.#claimed.add(interfaceNumber);
    return Promise.resolve();
  }

  releaseInterface(interfaceNumber: number): Promise<void> {
    this.#claimed.delete(interfaceNumber);
    return Promise.resolve();
  }

  reset(): Promise<void> {
    this.#checkConnected();
    for (const pending of this.#pending.splice(0))
      pending.reject(domError('AbortError', 'The transfer was cancelled.'));
    this.#inQueue = [];
    this.#outHeld = [];
    this.model.onReset();
    return Promise.resolve();
  }

  async transferOut(endpoint: number, data: BufferSource): Promise<USBOutTransferResult> {
    this.#checkConnected();
    if (!this.opened || this.#claimed.size === 0) throw domError('InvalidStateError', 'The interface is not claimed.');
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
      : new Uint8Array(data).slice();
    this.log.push({ direction: 'out', data: bytes });
    const packetSize = this.#outPacketSize(endpoint);
    if (this.model.needsShortPacket && bytes.length > 0 && bytes.length % packetSize === 0) {
      // The bus saw only full packets: the device waits for the rest of the transfer.
      this.#outHeld.push(bytes);
      return { bytesWritten: bytes.length, status: 'ok' };
    }
    const message = this.#outHeld.length > 0 ? concatBytes(...this.#outHeld.splice(0), bytes) : bytes;
    if (message.length > 0) await this.model.onOut(endpoint, message);
    return { bytesWritten: bytes.length, status: 'ok' };
  }

  #outPacketSize(endpoint: number): number {
    for (const usbInterface of this.model.interfaces) {
      const found = usbInterface.endpoints.find((e) => e.endpointNumber === endpoint && e.direction === 'out');
      if (found) return found.packetSize;
    }
    return 64;
  }

  /** Whether OUT bytes are held for want of the short packet that ends their transfer. */
  get outHeld(): boolean {
    return this.#outHeld.length > 0;
  }

  transferIn(_endpoint: number, length: number): Promise<USBInTransferResult> {
    this.#checkConnected();
    return new Promise((resolve, reject) => {
      this.#pending.push({
        resolve: (result) => {
          resolve(result);
        },
        reject,
      });
      this.#deliver(length);
    });
  }

  /** Called by the model: a packet for the host. */
  emit(data: Uint8Array): void {
    if (this.faults.stall) return;
    this.#inQueue.push(data);
    this.#deliver();
  }

  #deliver(length = 0x10000): void {
    while (this.#inQueue.length > 0 && this.#pending.length > 0) {
      let data = this.#inQueue.shift()!.slice(0, length);
      const pending = this.#pending.shift()!;
      if (this.faults.corruptNextIn && data.length > 0) {
        this.faults.corruptNextIn = false;
        data = data.slice();
        data[data.length >> 1]! ^= 0x5a;
      }
      this.log.push({ direction: 'in', data });
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const result = { data: view, status: 'ok' } as USBInTransferResult;
      if (this.faults.delayMs > 0)
        setTimeout(() => {
          pending.resolve(result);
        }, this.faults.delayMs);
      else pending.resolve(result);
    }
  }

  /** The reader is pulled out: pending and later transfers fail as in Chrome. */
  unplug(): void {
    this.connected = false;
    this.opened = false;
    for (const pending of this.#pending.splice(0))
      pending.reject(domError('NetworkError', 'A transfer error has occurred.'));
  }

  /** Plugged back in: a fresh device state. */
  replug(): void {
    this.connected = true;
    this.#inQueue = [];
    this.model.onReset();
  }
}

/** A fake `navigator.usb`. `requestDevice` picks the first device matching the filters, as a user would. */
export class FakeUsb extends EventTarget {
  readonly devices: FakeUsbDevice[] = [];
  readonly #permitted = new Set<FakeUsbDevice>();
  /** When true, the chooser is cancelled (NotFoundError, as Chrome reports it). */
  userCancels = false;

  add(device: FakeUsbDevice, { permitted = false } = {}): FakeUsbDevice {
    this.devices.push(device);
    if (permitted) this.#permitted.add(device);
    return device;
  }

  getDevices(): Promise<USBDevice[]> {
    return Promise.resolve(this.devices.filter((d) => d.connected && this.#permitted.has(d)).map(asUsbDevice));
  }

  requestDevice(options: USBDeviceRequestOptions): Promise<USBDevice> {
    const matches = (d: FakeUsbDevice) =>
      options.filters.some(
        (f) => (f.vendorId ?? d.vendorId) === d.vendorId && (f.productId ?? d.productId) === d.productId,
      );
    const device = this.devices.find((d) => d.connected && matches(d));
    if (this.userCancels || !device) return Promise.reject(domError('NotFoundError', 'No device selected.'));
    this.#permitted.add(device);
    return Promise.resolve(asUsbDevice(device));
  }

  /** Unplugs a device and fires `disconnect`. */
  unplug(device: FakeUsbDevice): void {
    device.unplug();
    this.dispatchEvent(Object.assign(new Event('disconnect'), { device: asUsbDevice(device) }));
  }

  /** Plugs a device back in and fires `connect`. */
  replug(device: FakeUsbDevice): void {
    device.replug();
    this.dispatchEvent(Object.assign(new Event('connect'), { device: asUsbDevice(device) }));
  }
}

/** The fake as the WebUSB type the drivers take. */
export function asUsbDevice(device: FakeUsbDevice): USBDevice {
  return device as unknown as USBDevice;
}
