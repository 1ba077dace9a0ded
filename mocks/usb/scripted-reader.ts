/**
 * A reader whose firmware is a script: the exact OUT transfers the host must send, each followed by the IN
 * transfers to hand back — typically byte sequences taken from another implementation's tests (nfcpy's
 * `tests/test_clf_rcs380.py` `CMD(…)`/`RSP(…)`). A mismatch fails at once with the step's number, and
 * `leftovers()` lists what the host never asked for (yubikit `UsbSmartCardConnectionTest`: queues must end
 * empty).
 */
import { fromHex, toHex } from '../../app/card/bytes';
import type { FakeInterface, FakeUsbDevice, ReaderModel } from './fake-usb';

/** One step: an OUT the host must send (hex, spaces ignored), then the IN transfers that answer it. */
export interface ScriptStep {
  readonly out: string;
  readonly in: readonly string[];
  /** Where the bytes come from, shown when the step fails. */
  readonly source?: string;
}

const clean = (text: string) => text.replace(/\s+/g, '').toLowerCase();

export class ScriptedReader implements ReaderModel {
  readonly productName = 'scripted reader';
  readonly interfaces: readonly FakeInterface[];
  #device: FakeUsbDevice | null = null;
  #steps: ScriptStep[];
  #done = 0;
  /** The first mismatch, kept for the test to report even when the driver swallowed the failure. */
  mismatch: string | null = null;

  constructor(
    readonly vendorId: number,
    readonly productId: number,
    interfaces: readonly FakeInterface[],
    steps: readonly ScriptStep[],
    readonly needsShortPacket = false,
  ) {
    this.interfaces = interfaces;
    this.#steps = [...steps];
  }

  attach(device: FakeUsbDevice): void {
    this.#device = device;
  }

  /** Answers queued before the host opened the device (left over from an earlier session). */
  preload(...ins: readonly string[]): void {
    for (const data of ins) this.#device?.emit(fromHex(data));
  }

  onReset(): void {
    this.mismatch ??= `USB reset after step ${this.#done}`;
  }

  onOut(_endpoint: number, data: Uint8Array): void {
    const step = this.#steps.shift();
    const index = this.#done + 1;
    if (!step) {
      this.mismatch ??= `step ${index}: unexpected OUT ${toHex(data)} after the script ended`;
      return;
    }
    if (toHex(data) !== clean(step.out)) {
      this.mismatch ??= `step ${index}${step.source ? ` (${step.source})` : ''}: expected OUT ${clean(step.out)}, got ${toHex(data)}`;
      return;
    }
    this.#done = index;
    for (const answer of step.in) this.#device?.emit(fromHex(answer));
  }

  /** Steps the host never reached. */
  leftovers(): readonly ScriptStep[] {
    return this.#steps;
  }
}
