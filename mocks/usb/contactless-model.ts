/**
 * What every fake contactless reader shares: the virtual card in its field behind the card's ISO-DEP side,
 * taking the card away or putting it back, and hooks a test can await on the RF side (no real-time sleeps:
 * "take the card away just before the third frame reaches it").
 */
import type { VirtualMyNumberCard } from '../card/virtual-card';
import type { FakeUsbDevice } from './fake-usb';
import { IsoDepTarget } from './iso-dep-target';

interface RfWaiter {
  readonly at: number;
  readonly action: (() => void) | undefined;
  readonly resolve: () => void;
}

export abstract class ContactlessModel {
  readonly target: IsoDepTarget;
  /** The fake device this firmware answers through. */
  protected device: FakeUsbDevice | null = null;
  /** RF frames sent towards the card so far (whether or not a card answered). */
  rfFrames = 0;
  #waiters: RfWaiter[] = [];

  constructor(readonly card: VirtualMyNumberCard) {
    this.target = new IsoDepTarget(card);
  }

  attach(device: FakeUsbDevice): void {
    this.device = device;
  }

  /** Takes the card out of the field. */
  removeCard(): void {
    this.card.remove();
    this.target.powerOff();
  }

  /** Puts the card back into the field. */
  insertCard(): void {
    this.card.insert();
    this.target.powerOff();
  }

  /**
   * Resolves when the `n`-th RF frame from now (1 = the next) is about to reach the card, after running
   * `action` at that moment (e.g. take the card away mid-exchange).
   */
  beforeRfFrame(n: number, action?: () => void): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push({ at: this.rfFrames + n, action, resolve });
    });
  }

  /** Called by the firmware for every RF frame before the card sees it. */
  protected rfFrame(): void {
    this.rfFrames += 1;
    const due = this.#waiters.filter((w) => w.at === this.rfFrames);
    this.#waiters = this.#waiters.filter((w) => w.at !== this.rfFrames);
    for (const waiter of due) {
      waiter.action?.();
      waiter.resolve();
    }
  }
}
