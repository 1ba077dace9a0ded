/**
 * What every fake contactless reader shares: the virtual card in its field behind the card's ISO-DEP side, and
 * taking the card away or putting it back.
 */
import type { VirtualMyNumberCard } from '../card/virtual-card';
import type { FakeUsbDevice } from './fake-usb';
import { IsoDepTarget } from './iso-dep-target';

export abstract class ContactlessModel {
  readonly target: IsoDepTarget;
  /** The fake device this firmware answers through. */
  protected device: FakeUsbDevice | null = null;

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
}
