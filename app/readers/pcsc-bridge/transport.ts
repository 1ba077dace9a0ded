/**
 * A reader behind the local PC/SC bridge as a `CardTransport`. The bridge holds the card exclusively from the
 * first exchange until `close`, the card leaving, or the bridge releasing an idle card, so no other page or
 * program can slip commands between a check's APDUs. APDUs go as binary frames; the bridge's typed refusals
 * become transport errors.
 *
 * Card changes: when the bridge reports that this reader's card left or was released, the next exchange
 * connects again and so reaches the card now in the reader (the next customer's). If the bridge answers that it
 * holds no card for this page (`not-connected`: nothing was sent) to a SELECT of an application, that SELECT
 * starts a fresh card session and is sent once more after connecting; any other command fails, since the card
 * state it relied on is gone.
 */
import {
  BaseTransport,
  throwIfAborted,
  TransportError,
  type TransmitOptions,
  type TransportInfo,
} from '../../card/transport';
import { bridgeErrorToTransport, bridgeFailureToTransport } from './errors';
import type { BridgeAnswer, BridgeEventKind, ClientRequest, ReaderInfo } from './protocol';

/** What the transport needs of the bridge connection (`BridgeConnection`). */
export interface BridgeCalls {
  /** A request whose error answers are returned. */
  request(request: ClientRequest, options?: { signal?: AbortSignal; binary?: boolean }): Promise<BridgeAnswer>;
  /** A request whose error answers are thrown as transport errors. */
  call(request: ClientRequest, options?: { signal?: AbortSignal; binary?: boolean }): Promise<BridgeAnswer>;
  readers(): Promise<readonly ReaderInfo[]>;
  onEvent(listener: (event: BridgeEventKind, reader: string) => void): () => void;
}

/** Errors after which the bridge no longer holds the card for us: the next exchange connects again. */
const SESSION_ENDED = new Set(['transport.card-removed', 'transport.no-card', 'transport.reader-unplugged']);
/** Events after which this page's card session at the bridge is over. */
const SESSION_EVENTS: ReadonlySet<BridgeEventKind> = new Set(['card-removed', 'card-released', 'reader-removed']);

/** `00 A4 04 …`: SELECT by DF name, which depends on no earlier card state. */
const isSelectApplication = (apdu: Uint8Array) => apdu[0] === 0x00 && apdu[1] === 0xa4 && apdu[2] === 0x04;

export class PcscBridgeTransport extends BaseTransport {
  readonly info: TransportInfo;
  #connected = false;
  #closed = false;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly connection: BridgeCalls,
    readonly reader: string,
  ) {
    super();
    this.info = { kind: 'pcsc-bridge', name: reader, simulated: false, extendedApdu: false };
    this.#unsubscribe = connection.onEvent((event, name) => {
      if (name === this.reader && SESSION_EVENTS.has(event)) this.#connected = false;
    });
  }

  async #connect(signal: AbortSignal | undefined): Promise<void> {
    if (this.#connected) return;
    const answer = await this.connection.call({ type: 'connect', reader: this.reader }, { signal });
    if (answer.type !== 'connected') throw new TransportError('transport.protocol', `unexpected ${answer.type}`);
    this.#connected = true;
  }

  async #transmit(apdu: Uint8Array, signal: AbortSignal | undefined): Promise<BridgeAnswer> {
    await this.#connect(signal);
    try {
      return await this.connection.request({ type: 'transmit', apdu }, { signal, binary: true });
    } catch (error) {
      throw bridgeFailureToTransport(error);
    }
  }

  protected async exchange(apdu: Uint8Array, { signal }: TransmitOptions): Promise<Uint8Array> {
    if (this.#closed) throw new TransportError('transport.reader-unplugged', 'the bridge reader was closed');
    throwIfAborted(signal);
    try {
      let answer = await this.#transmit(apdu, signal);
      if (answer.type === 'error' && answer.code === 'not-connected' && isSelectApplication(apdu)) {
        // The bridge let go of the card since our last exchange and sent nothing: start a fresh session.
        this.#connected = false;
        answer = await this.#transmit(apdu, signal);
      }
      if (answer.type === 'error') throw bridgeErrorToTransport(answer.code, answer.message);
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
    this.#unsubscribe();
    if (!this.#connected) return;
    this.#connected = false;
    await this.connection.call({ type: 'disconnect' }).catch(() => undefined);
  }
}
