/**
 * A PC/SC stand-in for the bridge's tests: readers that can be unplugged, cards that can be removed, and
 * exclusive connections as pcsc-lite grants them. A card answers through `respond` (default: 90 00).
 */
import type { ReaderInfo } from '../../app/readers/pcsc-bridge/protocol';
import { PcscFailure, type Pcsc, type PcscCard } from '../pcsc';

interface FakeReader {
  present: boolean;
  /** Connection handles are invalid after the card or the reader left: bumped on each change. */
  epoch: number;
  held: boolean;
}

export class FakePcsc implements Pcsc {
  readonly #readers = new Map<string, FakeReader>();
  /** What the card answers to a command. */
  respond: (apdu: Uint8Array) => Uint8Array | Promise<Uint8Array> = () => Uint8Array.of(0x90, 0x00);
  /** Commands the cards received, for assertions. */
  readonly received: Uint8Array[] = [];
  serviceDown = false;

  constructor(readers: readonly string[] = ['Fake Reader 00']) {
    for (const name of readers) this.#readers.set(name, { present: true, epoch: 0, held: false });
  }

  #reader(name: string): FakeReader {
    const reader = this.#readers.get(name);
    if (!reader) throw new PcscFailure('no-reader', 'Unknown reader');
    return reader;
  }

  removeCard(name = 'Fake Reader 00'): void {
    const reader = this.#reader(name);
    reader.present = false;
    reader.epoch += 1;
  }

  /** The card leaves but open handles still answer (with nothing), as vpcd's do until pcscd polls the reader. */
  vanishCard(name = 'Fake Reader 00'): void {
    this.#reader(name).present = false;
  }

  insertCard(name = 'Fake Reader 00'): void {
    this.#reader(name).present = true;
  }

  unplug(name = 'Fake Reader 00'): void {
    this.#reader(name).epoch += 1;
    this.#readers.delete(name);
  }

  readers(): Promise<readonly ReaderInfo[]> {
    if (this.serviceDown) return Promise.reject(new PcscFailure('reader-unplugged', 'PC/SC service not running'));
    return Promise.resolve([...this.#readers].map(([name, r]) => ({ name, cardPresent: r.present })));
  }

  connect(name: string): Promise<PcscCard> {
    try {
      const reader = this.#reader(name);
      if (!reader.present) throw new PcscFailure('no-card', 'No smart card present');
      if (reader.held) throw new PcscFailure('busy', 'Sharing violation');
      reader.held = true;
      const epoch = reader.epoch;
      const alive = () => this.#readers.get(name) === reader && reader.epoch === epoch;
      return Promise.resolve({
        atr: Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14),
        transmit: async (apdu: Uint8Array) => {
          if (!this.#readers.has(name)) throw new PcscFailure('reader-unplugged', 'Reader unavailable');
          if (!alive()) throw new PcscFailure('card-removed', 'Card was removed');
          this.received.push(apdu.slice());
          const response = await this.respond(apdu);
          if (!this.#readers.has(name)) throw new PcscFailure('reader-unplugged', 'Reader unavailable');
          if (!alive()) throw new PcscFailure('card-removed', 'Card was removed');
          return response;
        },
        alive: () => alive() && reader.present,
        disconnect: () => {
          reader.held = false;
        },
      });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    this.#readers.clear();
  }
}
