/**
 * A claimed WebUSB interface with one bulk OUT and one bulk IN endpoint: transfers with timeouts, counters
 * for the benchmark, a tap for the reader trace, and the one place where WebUSB failures become transport
 * errors (mapped by `DOMException.name`, never by message text).
 *
 * WebUSB cannot cancel one transfer: an IN transfer whose timeout expired stays pending and takes the next
 * packet the reader sends. So the link keeps that transfer and hands its packet to the next `receive`
 * instead of issuing a second one that would race it; `drain` uses the same rule to empty the pipe at open.
 */
import { TransportError, throwIfAborted } from '../card/transport';

const nameOf = (error: unknown) => (error instanceof DOMException || error instanceof Error ? error.name : '');

/** Translates a WebUSB failure into a transport error. */
export function usbError(error: unknown, during: string): TransportError {
  if (error instanceof TransportError) return error;
  const name = nameOf(error);
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

/**
 * `open()` refused: Chrome answers SecurityError ("Access denied") when the operating system does not let the
 * user open the device — Windows without the WinUSB driver, Linux without a udev rule (WICG/webusb issues;
 * Chrome's `UsbDeviceHandle` open failure).
 */
function openError(error: unknown): TransportError {
  if (nameOf(error) === 'SecurityError') {
    return new TransportError('transport.reader-access-denied', 'opening the reader: the system denies access', {
      cause: error,
    });
  }
  return usbError(error, 'opening the reader');
}

/**
 * `claimInterface()` refused: SecurityError is WebUSB's protected class (a CCID interface); NetworkError
 * ("Unable to claim interface") means a driver or program holds it — on Linux the port100 kernel module binds
 * the RC-S380 (nfcpy's install notes blacklist it), on Windows Sony's driver.
 */
function claimError(error: unknown): TransportError {
  if (nameOf(error) === 'NetworkError') {
    return new TransportError('transport.reader-in-use', 'claiming the reader: another driver holds it', {
      cause: error,
    });
  }
  return usbError(error, 'claiming the reader');
}

/** Transfers and bytes on the wire, for `npm run bench:readers`. */
export interface UsbCounters {
  outTransfers: number;
  inTransfers: number;
  bytesOut: number;
  bytesIn: number;
  /** Zero-length OUT packets that ended a transfer of whole packets. */
  zeroLengthPackets: number;
  /** USB resets (`recover`). */
  resets: number;
  /** IN transfers thrown away by `drain` (answers left from an earlier session). */
  drained: number;
}

/** Who sees every transfer, for the reader trace: raw bytes, to be redacted at once by the driver. */
export type UsbTap = (direction: 'out' | 'in', data: Uint8Array) => void;

export interface UsbLinkOptions {
  readonly interfaceNumber: number;
  /** Configuration value to select when the device has none selected. */
  readonly configuration?: number;
  /**
   * Follow an OUT transfer whose length is a whole number of packets with a zero-length packet, so the device
   * sees where it ends (USB 2.0 §5.8.3; nfcpy `transport.USB.write`, Linux port100 `URB_ZERO_PACKET`).
   */
  readonly zeroLengthPacket?: boolean;
}

/** Largest IN transfer asked for by `drain`: any message the supported readers send fits. */
const DRAIN_LENGTH = 1024;
/** Transfers `drain` throws away before it gives up on a reader that never falls silent. */
const MAX_DRAINED = 64;

type Settled = { readonly ok: USBInTransferResult } | { readonly error: unknown };

export class UsbLink {
  readonly counters: UsbCounters = {
    outTransfers: 0,
    inTransfers: 0,
    bytesOut: 0,
    bytesIn: 0,
    zeroLengthPackets: 0,
    resets: 0,
    drained: 0,
  };
  /**
   * Set after an IN transfer timed out or was cancelled: its answer may still arrive, so the next message's
   * framing is unreliable until the driver resynchronises (or a `recover`).
   */
  stale = false;
  /** The reader trace, when one is recording. */
  tap: UsbTap | null = null;
  /** An IN transfer issued earlier that has not completed: the next `receive` takes its packet. */
  #inFlight: Promise<Settled> | null = null;

  private constructor(
    readonly device: USBDevice,
    readonly interfaceNumber: number,
    readonly outEndpoint: number,
    readonly inEndpoint: number,
    readonly outPacketSize: number,
    private readonly zeroLengthPacket: boolean,
  ) {}

  /**
   * Opens the device and claims the interface, finding its bulk endpoints from the descriptors.
   * @throws {TransportError} `not-supported` for a protected interface, `reader-unplugged`, `protocol`.
   */
  static async open(device: USBDevice, options: UsbLinkOptions): Promise<UsbLink> {
    try {
      if (!device.opened) await device.open();
      if (device.configuration === null) await device.selectConfiguration(options.configuration ?? 1);
    } catch (error) {
      throw openError(error);
    }
    try {
      await device.claimInterface(options.interfaceNumber);
    } catch (error) {
      throw claimError(error);
    }
    const usbInterface = device.configuration?.interfaces.find((i) => i.interfaceNumber === options.interfaceNumber);
    const endpoints = usbInterface?.alternate.endpoints ?? [];
    const bulk = (direction: USBDirection) => endpoints.find((e) => e.type === 'bulk' && e.direction === direction);
    const out = bulk('out');
    const inn = bulk('in');
    if (!out || !inn) throw new TransportError('transport.protocol', 'the interface has no bulk endpoints');
    return new UsbLink(
      device,
      options.interfaceNumber,
      out.endpointNumber,
      inn.endpointNumber,
      out.packetSize,
      options.zeroLengthPacket ?? false,
    );
  }

  async #out(data: Uint8Array): Promise<void> {
    let result: USBOutTransferResult;
    try {
      result = await this.device.transferOut(this.outEndpoint, data.slice());
    } catch (error) {
      throw usbError(error, 'sending to the reader');
    }
    if (result.status !== 'ok') throw new TransportError('transport.protocol', `OUT transfer ${result.status}`);
  }

  /** One bulk OUT transfer (and the zero-length packet that ends it, where the link adds one). */
  async send(data: Uint8Array, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    this.tap?.('out', data);
    await this.#out(data);
    this.counters.outTransfers += 1;
    this.counters.bytesOut += data.length;
    if (this.zeroLengthPacket && data.length > 0 && this.outPacketSize > 0 && data.length % this.outPacketSize === 0) {
      await this.#out(new Uint8Array(0));
      this.counters.zeroLengthPackets += 1;
    }
  }

  /** The pending IN transfer, or a new one; settled, so that one nobody awaits any more never rejects unheard. */
  #transferIn(maxLength: number): Promise<Settled> {
    if (!this.#inFlight) {
      let transfer: Promise<USBInTransferResult>;
      try {
        transfer = this.device.transferIn(this.inEndpoint, maxLength);
      } catch (error) {
        // A device gone may refuse at once instead of rejecting: the same failure, as a result.
        return Promise.resolve({ error });
      }
      this.#inFlight = transfer.then(
        (ok) => ({ ok }),
        (error: unknown) => ({ error }),
      );
    }
    return this.#inFlight;
  }

  /**
   * One bulk IN transfer of at most `maxLength` bytes, failing with `transport.timeout` after `timeoutMs`.
   * A transfer left pending by an earlier timeout is used before a new one is issued.
   */
  async receive(maxLength: number, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    throwIfAborted(signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const expiry = new Promise<'timeout' | 'aborted'>((resolve) => {
      timer = setTimeout(() => {
        resolve('timeout');
      }, timeoutMs);
      onAbort = () => {
        resolve('aborted');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const transfer = this.#transferIn(maxLength);
      const settled = await Promise.race([transfer, expiry]);
      if (settled === 'timeout' || settled === 'aborted') {
        // The transfer stays pending (WebUSB cannot cancel it): it will take whatever comes next.
        this.stale = true;
        throw settled === 'timeout'
          ? new TransportError('transport.timeout', `the reader did not answer within ${timeoutMs} ms`)
          : new TransportError('transport.aborted', 'cancelled');
      }
      this.#inFlight = null;
      if ('error' in settled) throw usbError(settled.error, 'receiving from the reader');
      const result = settled.ok;
      if (result.status !== 'ok' || !result.data) {
        throw new TransportError('transport.protocol', `IN transfer ${result.data ? result.status : 'without data'}`);
      }
      const data = new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength).slice();
      this.counters.inTransfers += 1;
      this.counters.bytesIn += data.length;
      this.tap?.('in', data);
      return data;
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Throws away what an earlier session left in the IN pipe (a page killed mid-exchange leaves the reader's
   * answer queued): reads with a short timeout until nothing comes, as nfcpy's `Chipset.__init__` does with
   * 10 ms reads. The last, unanswered transfer stays pending for the next real answer, so the link is in step.
   * @returns how many transfers were thrown away.
   * @throws {TransportError} `transport.protocol` for a reader that never falls silent; USB failures.
   */
  async drain(quietMs = 10): Promise<number> {
    for (let drained = 0; drained <= MAX_DRAINED; drained += 1) {
      try {
        await this.receive(DRAIN_LENGTH, quietMs);
      } catch (error) {
        if (error instanceof TransportError && error.code === 'transport.timeout') {
          this.stale = false;
          this.counters.drained += drained;
          return drained;
        }
        throw error;
      }
    }
    throw new TransportError('transport.protocol', `the reader kept sending after ${MAX_DRAINED} transfers`);
  }

  /** Cancels pending transfers (USB reset), so the next exchange starts clean. */
  async recover(): Promise<void> {
    try {
      await this.device.reset();
      this.#inFlight = null;
      this.stale = false;
      this.counters.resets += 1;
    } catch (error) {
      throw usbError(error, 'resetting the reader');
    }
  }

  /** Releases the interface and closes the device; errors are ignored (it may be unplugged). */
  async close(): Promise<void> {
    this.#inFlight = null;
    try {
      await this.device.releaseInterface(this.interfaceNumber);
      await this.device.close();
    } catch {
      // The device may already be gone.
    }
  }
}
