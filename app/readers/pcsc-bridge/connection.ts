/**
 * The page's side of the PC/SC bridge: one WebSocket to `ws://127.0.0.1:<port>`, the pairing token (in memory
 * only, gone with the page), request ids matched to answers, and reader events. Every frame from the bridge
 * is validated by the shared protocol module; an invalid one is dropped, and a request it should have answered
 * times out.
 */
import { TransportError } from '../../card/transport';
import { BridgeError, bridgeErrorToTransport, pairingError } from './errors';
import {
  BRIDGE_PROTOCOL_VERSION,
  decodeBridgeMessage,
  encodeClientMessage,
  PAIRING_CODE_DIGITS,
  type BridgeEventKind,
  type BridgeMessage,
  type ClientMessage,
  type ClientRequest,
  type Frame,
  type ReaderInfo,
} from './protocol';
import { PcscBridgeTransport } from './transport';

/** Limits of the bridge client, each with its unit. */
export const BRIDGE_CLIENT_CONFIG = Object.freeze({
  /** Opening the socket, milliseconds: loopback answers at once or not at all. */
  openTimeoutMs: 3000,
  /** One request, milliseconds: a card's RSA signature takes about a second; this is far above it. */
  requestTimeoutMs: 15_000,
});

/** What the connection needs of a WebSocket; `browserSocket` adapts the real one, tests pass a fake. */
export interface SocketPort {
  send(frame: Frame): void;
  close(): void;
}

export interface SocketHandlers {
  onOpen(): void;
  onFrame(frame: Frame): void;
  /** Closed, refused or failed: the socket is done. */
  onClose(): void;
}

export type OpenSocket = (url: string, handlers: SocketHandlers) => SocketPort;

/** The browser's WebSocket behind `SocketPort`, with binary frames as bytes. */
export const browserSocket: OpenSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => {
    handlers.onOpen();
  };
  socket.onmessage = (event: MessageEvent<unknown>) => {
    const { data } = event;
    if (typeof data === 'string') handlers.onFrame(data);
    else if (data instanceof ArrayBuffer) handlers.onFrame(new Uint8Array(data));
  };
  socket.onclose = () => {
    handlers.onClose();
  };
  return {
    send: (frame) => {
      // A copy: the socket wants bytes backed by a plain ArrayBuffer.
      socket.send(typeof frame === 'string' ? frame : new Uint8Array(frame));
    },
    close: () => {
      socket.close();
    },
  };
};

export type BridgeStatus = 'absent' | 'unpaired' | 'paired';

type Request = ClientRequest;

interface Pending {
  resolve(message: BridgeMessage): void;
  reject(error: Error): void;
}

export class BridgeConnection {
  #socket: SocketPort | null = null;
  #opening: Promise<SocketPort> | null = null;
  #token: string | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<(event: BridgeEventKind, reader: string) => void>();

  constructor(
    readonly url: string,
    private readonly openSocket: OpenSocket = browserSocket,
  ) {}

  get paired(): boolean {
    return this.#token !== null;
  }

  /** Called on reader and card events from the bridge. */
  onEvent(listener: (event: BridgeEventKind, reader: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #open(): Promise<SocketPort> {
    if (this.#socket) return Promise.resolve(this.#socket);
    this.#opening ??= new Promise<SocketPort>((resolve, reject) => {
      let opened = false;
      const timer = setTimeout(() => {
        socket.close();
      }, BRIDGE_CLIENT_CONFIG.openTimeoutMs);
      const socket = this.openSocket(this.url, {
        onOpen: () => {
          clearTimeout(timer);
          opened = true;
          this.#socket = socket;
          this.#opening = null;
          resolve(socket);
        },
        onFrame: (frame) => {
          this.#receive(frame);
        },
        onClose: () => {
          clearTimeout(timer);
          if (this.#socket === socket) this.#socket = null;
          this.#opening = null;
          // Answers will never come: the bridge stopped, or refused this page's origin.
          for (const pending of this.#pending.values()) {
            pending.reject(new TransportError('transport.reader-unplugged', 'the PC/SC bridge closed the connection'));
          }
          this.#pending.clear();
          if (!opened) reject(new BridgeError('bridge.unreachable'));
        },
      });
    });
    return this.#opening;
  }

  #receive(frame: Frame): void {
    const decoded = decodeBridgeMessage(frame);
    if (!decoded.ok) return; // dropped: the request it may have answered times out
    const message = decoded.message;
    if (message.type === 'event') {
      for (const listener of this.#listeners) listener(message.event, message.reader);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    pending.resolve(message);
  }

  /**
   * Sends a request (with the token when paired) and waits for its answer; `error` answers are returned, not
   * thrown, so each caller maps them.
   * @throws {BridgeError} unreachable; {TransportError} timeout, aborted, reader-unplugged (socket closed).
   */
  async request(request: Request, { signal, binary = false }: { signal?: AbortSignal; binary?: boolean } = {}) {
    const socket = await this.#open();
    const id = this.#nextId;
    this.#nextId = this.#nextId >= 0xfffffffe ? 1 : this.#nextId + 1;
    const message = {
      ...request,
      v: BRIDGE_PROTOCOL_VERSION,
      id,
      ...(request.type === 'hello' || request.type === 'pair' ? {} : { token: this.#token ?? '' }),
    } as ClientMessage;
    return new Promise<BridgeMessage>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        this.#pending.delete(id);
      };
      const abort = () => {
        done();
        reject(new TransportError('transport.aborted', 'cancelled'));
      };
      const timer = setTimeout(() => {
        done();
        reject(new TransportError('transport.timeout', 'the PC/SC bridge did not answer'));
      }, BRIDGE_CLIENT_CONFIG.requestTimeoutMs);
      if (signal?.aborted) {
        abort();
        return;
      }
      signal?.addEventListener('abort', abort);
      this.#pending.set(id, {
        resolve: (answer) => {
          done();
          if (answer.type === 'error' && answer.code === 'unauthorized') this.#token = null; // bridge restarted
          resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      try {
        socket.send(encodeClientMessage(message, { binary }));
      } catch (error) {
        done();
        reject(
          new TransportError('transport.reader-unplugged', 'the PC/SC bridge connection failed', { cause: error }),
        );
      }
    });
  }

  /** Whether a bridge answers, and whether this page holds a token for it. Never throws. */
  async probe(): Promise<BridgeStatus> {
    try {
      const answer = await this.request({ type: 'hello' });
      if (answer.type !== 'hello' || !answer.versions.includes(BRIDGE_PROTOCOL_VERSION)) return 'absent';
      return this.#token === null ? 'unpaired' : 'paired';
    } catch {
      return 'absent';
    }
  }

  /**
   * Sends the code the bridge printed; keeps the token it answers with.
   * @throws {BridgeError} code-format, pairing-refused, -expired, -locked, unreachable.
   */
  async pair(code: string): Promise<void> {
    const digits = code.trim();
    if (!new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`).test(digits)) throw new BridgeError('bridge.code-format');
    let answer: BridgeMessage;
    try {
      answer = await this.request({ type: 'pair', code: digits });
    } catch (error) {
      throw error instanceof BridgeError ? error : new BridgeError('bridge.unreachable');
    }
    if (answer.type === 'paired') {
      this.#token = answer.token;
      return;
    }
    throw answer.type === 'error' ? pairingError(answer.code) : new BridgeError('bridge.pairing-refused');
  }

  /**
   * The bridge's readers.
   * @throws {TransportError} permission-denied (not paired), reader-unplugged (PC/SC or the bridge gone).
   */
  async readers(): Promise<readonly ReaderInfo[]> {
    const answer = await this.call({ type: 'list-readers' });
    if (answer.type !== 'readers') throw new TransportError('transport.protocol', `unexpected ${answer.type}`);
    return answer.readers;
  }

  /**
   * A request whose `error` answer is thrown as a transport error.
   * @throws {TransportError} mapped from the bridge's error code; unreachable becomes reader-unplugged.
   */
  async call(request: Request, options: { signal?: AbortSignal; binary?: boolean } = {}): Promise<BridgeMessage> {
    let answer: BridgeMessage;
    try {
      answer = await this.request(request, options);
    } catch (error) {
      if (error instanceof BridgeError) throw new TransportError('transport.reader-unplugged', 'no PC/SC bridge');
      throw error;
    }
    if (answer.type === 'error') throw bridgeErrorToTransport(answer.code, answer.message);
    return answer;
  }

  /** A transport for one of the bridge's readers (connected on first use). */
  open(reader: string): PcscBridgeTransport {
    return new PcscBridgeTransport(this, reader);
  }

  /** Closes the socket; the token is forgotten too. */
  close(): void {
    this.#token = null;
    this.#socket?.close();
    this.#socket = null;
  }
}
