/**
 * A claimed WebUSB interface with one bulk OUT and one bulk IN endpoint: transfers with timeouts, counters
 * for the benchmark, and the one place where WebUSB failures become transport errors (mapped by
 * `DOMException.name`, never by message text).
 */
import { TransportError, throwIfAborted } from '../card/transport';

/** Translates a WebUSB failure into a transport error. */
export function usbError(error: unknown, during: string): TransportError {
  if (error instanceof TransportError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotFoundError': // device gone (also: the chooser was cancelled, handled by the caller)
    case 'NetworkError': // transfer failed because the device left
    case 'InvalidStateError': // device closed under us
      return new TransportError('transport.reader-unplugged', `${during}: ${name}`, { cause: error });
    case 'SecurityError': // protected interface class, or blocked by policy
      return new TransportError('transport.not-supported', `${during}: ${name}`, { cause: error });
    case 'NotAllowedError':
      return new TransportError('transport.permission-denied', `${during}: ${name}`, { cause: error });
    case 'AbortError':
      return new TransportError('transport.aborted', `${during}: ${name}`, { cause: error });
    default:
      return new TransportError('transport.protocol', `${during}: ${name || String(error)}`, { cause: error });
  }
}

/** Transfers and bytes on the wire, for `npm run bench:readers`. */
export interface UsbCounters {
  outTransfers: number;
  inTransfers: number;
  bytesOut: number;
  bytesIn: number;
}

export interface UsbLinkOptions {
  readonly interfaceNumber: number;
  /** Configuration value to select when the device has none selected. */
  readonly configuration?: number;
}

export class UsbLink {
  readonly counters: UsbCounters = { outTransfers: 0, inTransfers: 0, bytesOut: 0, bytesIn: 0 };
  /** Set after an IN transfer timed out: a stale transfer may still be pending, so framing is unreliable. */
  stale = false;

  private constructor(
    readonly device: USBDevice,
    readonly interfaceNumber: number,
    readonly outEndpoint: number,
    readonly inEndpoint: number,
  ) {}

  /**
   * Opens the device and claims the interface, finding its bulk endpoints from the descriptors.
   * @throws {TransportError} `not-supported` for a protected interface, `reader-unplugged`, `protocol`.
   */
  static async open(device: USBDevice, options: UsbLinkOptions): Promise<UsbLink> {
    try {
      if (!device.opened) await device.open();
      if (device.configuration === null) await device.selectConfiguration(options.configuration ?? 1);
      await device.claimInterface(options.interfaceNumber);
    } catch (error) {
      throw usbError(error, 'claiming the reader');
    }
    const usbInterface = device.configuration?.interfaces.find((i) => i.interfaceNumber === options.interfaceNumber);
    const endpoints = usbInterface?.alternate.endpoints ?? [];
    const bulk = (direction: USBDirection) => endpoints.find((e) => e.type === 'bulk' && e.direction === direction);
    const out = bulk('out');
    const inn = bulk('in');
    if (!out || !inn) throw new TransportError('transport.protocol', 'the interface has no bulk endpoints');
    return new UsbLink(device, options.interfaceNumber, out.endpointNumber, inn.endpointNumber);
  }

  /** One bulk OUT transfer. */
  async send(data: Uint8Array, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    let result: USBOutTransferResult;
    try {
      result = await this.device.transferOut(this.outEndpoint, data.slice());
    } catch (error) {
      throw usbError(error, 'sending to the reader');
    }
    if (result.status !== 'ok') throw new TransportError('transport.protocol', `OUT transfer ${result.status}`);
    this.counters.outTransfers += 1;
    this.counters.bytesOut += data.length;
  }

  /**
   * One bulk IN transfer of at most `maxLength` bytes, failing with `transport.timeout` after `timeoutMs`.
   */
  async receive(maxLength: number, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    throwIfAborted(signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stale = true;
        reject(new TransportError('transport.timeout', `the reader did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      onAbort = () => {
        this.stale = true;
        reject(new TransportError('transport.aborted', 'cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const result = await Promise.race([this.device.transferIn(this.inEndpoint, maxLength), expiry]);
      if (result.status !== 'ok' || !result.data) {
        throw new TransportError('transport.protocol', `IN transfer ${result.data ? result.status : 'without data'}`);
      }
      const data = new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength).slice();
      this.counters.inTransfers += 1;
      this.counters.bytesIn += data.length;
      return data;
    } catch (error) {
      throw usbError(error, 'receiving from the reader');
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Cancels pending transfers after a timeout (USB reset), so the next exchange starts clean. */
  async recover(): Promise<void> {
    try {
      await this.device.reset();
      this.stale = false;
    } catch (error) {
      throw usbError(error, 'resetting the reader');
    }
  }

  /** Releases the interface and closes the device; errors are ignored (it may be unplugged). */
  async close(): Promise<void> {
    try {
      await this.device.releaseInterface(this.interfaceNumber);
      await this.device.close();
    } catch {
      // The device may already be gone.
    }
  }
}
