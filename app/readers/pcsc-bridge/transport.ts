/**
 * A reader behind the local PC/SC bridge as a `CardTransport`. The bridge holds the card exclusively from the
 * first exchange until `close` (or the card leaves), so no other page or program can slip commands between a
 * check's APDUs. APDUs go as binary frames; the bridge's typed refusals become transport errors.
 */
import {
  BaseTransport,
  throwIfAborted,
  TransportError,
  type TransmitOptions,
  type TransportInfo,
} from '../../card/transport';
import type { BridgeMessage, ClientRequest, ReaderInfo } from './protocol';

/** What the transport needs of the bridge connection (`BridgeConnection`). */
export interface BridgeCalls {
  call(request: ClientRequest, options?: { signal?: AbortSignal; binary?: boolean }): Promise<BridgeMessage>;
  readers(): Promise<readonly ReaderInfo[]>;
}

/** Errors after which the bridge no longer holds the card for us: the next exchange connects again. */
const SESSION_ENDED = new Set(['transport.card-removed', 'transport.no-card', 'transport.reader-unplugged']);

export class PcscBridgeTransport extends BaseTransport {
  readonly info: TransportInfo;
  #connected = false;
  #closed = false;

  constructor(
    private readonly connection: BridgeCalls,
    readonly reader: string,
  ) {
    super();
    this.info = { kind: 'pcsc-bridge', name: reader, simulated: false, extendedApdu: false };
  }

  async #connect(signal: AbortSignal | undefined): Promise<void> {
    if (this.#connected) return;
    const answer = await this.connection.call({ type: 'connect', reader: this.reader }, { signal });
    if (answer.type !== 'connected') throw new TransportError('transport.protocol', `unexpected ${answer.type}`);
    this.#connected = true;
  }

  protected async exchange(apdu: Uint8Array, { signal }: TransmitOptions): Promise<Uint8Array> {
    if (this.#closed) throw new TransportError('transport.reader-unplugged', 'the bridge reader was closed');
    throwIfAborted(signal);
    try {
      await this.#connect(signal);
      const answer = await this.connection.call({ type: 'transmit', apdu }, { signal, binary: true });
      if (answer.type !== 'response') throw new TransportError('transport.protocol', `unexpected ${answer.type}`);
      return answer.apdu;
    } catch (error) {
      if (error instanceof TransportError && SESSION_ENDED.has(error.code)) this.#connected = false;
      throw error;
    }
  }

  protected async detectCard({ signal }: TransmitOptions): Promise<boolean> {
    if (this.#closed) throw new TransportError('transport.reader-unplugged', 'the bridge reader was closed');
    throwIfAborted(signal);
    const reader = (await this.connection.readers()).find((r) => r.name === this.reader);
    if (!reader) throw new TransportError('transport.reader-unplugged', 'the reader left the PC/SC bridge');
    if (!reader.cardPresent) this.#connected = false;
    return reader.cardPresent;
  }

  /** Lets go of the card at the bridge; never throws (the bridge also lets go when the socket closes). */
  async close(): Promise<void> {
    this.#closed = true;
    if (!this.#connected) return;
    this.#connected = false;
    await this.connection.call({ type: 'disconnect' }).catch(() => undefined);
  }
}
