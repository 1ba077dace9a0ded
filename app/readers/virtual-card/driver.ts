/**
 * The simulator in the page as a reader: the demo default. Named so that no one can take it for a real card,
 * and marked `simulated` so every verdict from it is a demo verdict.
 */
import { BaseTransport, TransportError, type TransmitOptions, type TransportInfo } from '../../card/transport';

/** What the transport needs of the simulator (`mocks/card`), without depending on it. */
export interface SimulatedCard {
  readonly present: boolean;
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

export const VIRTUAL_READER_NAME =
  '仮想カード（デモ・本物のカードではありません） / Virtual card (demo, not a real card)';

export class VirtualCardTransport extends BaseTransport {
  readonly info: TransportInfo = { kind: 'virtual', name: VIRTUAL_READER_NAME, simulated: true, extendedApdu: false };
  #closed = false;
  /** The card answered since it was last seen absent: its absence now means it was taken away. */
  #inSession = false;

  constructor(readonly card: SimulatedCard) {
    super();
  }

  protected async exchange(apdu: Uint8Array, { signal }: TransmitOptions): Promise<Uint8Array> {
    if (this.#closed) throw new TransportError('transport.reader-unplugged', 'the virtual reader was closed');
    if (signal?.aborted) throw new TransportError('transport.aborted', 'cancelled');
    try {
      if (!this.card.present) throw new Error('absent');
      const response = await this.card.transmit(apdu);
      this.#inSession = true;
      return response;
    } catch (error) {
      const removed = this.#inSession;
      this.#inSession = false;
      throw removed
        ? new TransportError('transport.card-removed', 'the virtual card was removed', { cause: error })
        : new TransportError('transport.no-card', 'the virtual card is not inserted', { cause: error });
    }
  }

  protected detectCard(): Promise<boolean> {
    const present = !this.#closed && this.card.present;
    if (!present) this.#inSession = false;
    return Promise.resolve(present);
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
