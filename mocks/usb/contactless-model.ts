/**
 * What every fake contactless reader shares: the virtual card in its field behind the card's ISO-DEP side,
 * taking the card away or putting it back, and hooks a test can await on the RF side (no real-time sleeps:
 * "take the card away just before the third frame reaches it").
 */
import type { VirtualMyNumberCard } from '../card/virtual-card';
import type { FakeUsbDevice } from './fake-usb';
import { IsoDepTarget } from './iso-dep-target';
import { StepHooks } from './step-hooks';

export abstract class ContactlessModel {
  readonly target: IsoDepTarget;
  /** The fake device this firmware answers through. */
  protected device: FakeUsbDevice | null = null;
  /** RF frames sent towards the card (whether or not a card answered), with hooks on them. */
  readonly rf = new StepHooks();

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

  /** RF frames sent towards the card so far. */
  get rfFrames(): number {
    return this.rf.count;
  }

  /** Resolves when the `n`-th RF frame from now is about to reach the card, after running `action` then. */
  beforeRfFrame(n: number, action?: () => void): Promise<void> {
    return this.rf.before(n, action);
  }

  /** Called by the firmware for every RF frame before the card sees it. */
  protected rfFrame(): void {
    this.rf.step();
  }
}
