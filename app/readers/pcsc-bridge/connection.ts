/**
 * The page's side of the PC/SC bridge: one WebSocket to `ws://127.0.0.1:<port>`, pairing with the printed code
 * (OPAQUE, so a program squatting the port learns nothing and cannot pass for the bridge), a lasting pairing
 * kept as a non-extractable key (`pairing-keys.ts`), and every request after that sealed in the channel
 * (`channel.ts`). Nothing is sent to a bridge that has not proven it is the paired one. Request ids are matched
 * to answers, reader events are passed on, and every frame is validated by the shared protocol module; an
 * invalid one is dropped, and a request it should have answered times out.
 */
import { TransportError } from '../../card/transport';
import {
  ChannelError,
  exportPublicKey,
  importPublicKey,
  newStaticKey,
  pairingKeys,
  SecureChannel,
  sessionKeys,
  staticSecret,
} from './channel';
import { BridgeError, bridgeErrorToTransport, bridgeFailureToTransport, pairingError } from './errors';
import { PAIRING_KEY_STRETCHING, pairingIdentifiers } from './pake-params';
import { indexedDbPairingKeyStore, type PairingKeyStore, type StoredPairing } from './pairing-keys';
import {
  BRIDGE_PROTOCOL_VERSION,
  decodeBridgeMessage,
  encodeClientMessage,
  frameBytes,
  fromBase64Url,
  isBridgeHandshake,
  isSealedFrame,
  NONCE_BYTES,
  PAIRING_CODE_DIGITS,
  type BridgeAnswer,
  type BridgeEventKind,
  type BridgeMessage,
  type ClientHandshake,
  type ClientRequest,
  type Frame,
  type ReaderInfo,
  type WithoutEnvelope,
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

/**
 * `absent`: nothing answers; `unpaired`: a bridge answers and this page has no pairing with it; `paired`: it
 * proved it is the bridge this page paired with; `untrusted`: something answers on the port but cannot prove
 * it is the paired bridge (another program may be squatting the port): nothing is sent to it.
 */
export type BridgeStatus = 'absent' | 'unpaired' | 'paired' | 'untrusted';

/** The part of `@serenity-kit/opaque`'s client the page uses. */
export interface OpaqueClient {
  startLogin(params: { password: string }): { clientLoginState: string; startLoginRequest: string };
  finishLogin(params: {
    clientLoginState: string;
    loginResponse: string;
    password: string;
    identifiers: { client: string; server: string };
    keyStretching: typeof PAIRING_KEY_STRETCHING;
  }): { finishLoginRequest: string; sessionKey: string } | undefined;
}

/** Loads the OPAQUE library (about 160 kB gzip of WebAssembly) only when a clerk pairs. */
export async function loadOpaqueClient(): Promise<OpaqueClient> {
  const opaque = await import('@serenity-kit/opaque');
  await opaque.ready;
  return opaque.client;
}

export interface BridgeConnectionOptions {
  readonly openSocket?: OpenSocket;
  readonly keys?: PairingKeyStore;
  /** The page's origin, bound into the pairing and the channel keys. */
  readonly origin?: string;
  readonly loadOpaque?: () => Promise<OpaqueClient>;
}

interface Pending {
  resolve(message: BridgeMessage): void;
  reject(error: Error): void;
}

interface Socket {
  readonly port: SocketPort;
  /** Requests waiting for an answer on this socket: they fail when it closes. */
  readonly pending: Set<number>;
  channel: SecureChannel | null;
  /** Frames are handled one after another (opening sealed ones is asynchronous). */
  inbound: Promise<void>;
  outbound: Promise<void>;
}

export class BridgeConnection {
  #socket: Socket | null = null;
  #opening: Promise<Socket> | null = null;
  #resuming: Promise<Socket> | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<(event: BridgeEventKind, reader: string) => void>();
  readonly #openSocket: OpenSocket;
  readonly #keys: PairingKeyStore;
  readonly #origin: string;
  readonly #loadOpaque: () => Promise<OpaqueClient>;
  #status: BridgeStatus = 'absent';

  constructor(
    readonly url: string,
    options: BridgeConnectionOptions = {},
  ) {
    this.#openSocket = options.openSocket ?? browserSocket;
    this.#keys = options.keys ?? indexedDbPairingKeyStore();
    this.#origin = options.origin ?? globalThis.location.origin;
    this.#loadOpaque = options.loadOpaque ?? loadOpaqueClient;
  }

  /** The bridge's port, from its URL. */
  get #port(): number {
    return Number(new URL(this.url).port);
  }

  get paired(): boolean {
    return this.#status === 'paired';
  }

  /** Called on reader and card events from the bridge. */
  onEvent(listener: (event: BridgeEventKind, reader: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #open(): Promise<Socket> {
    if (this.#socket) return Promise.resolve(this.#socket);
    this.#opening ??= new Promise<Socket>((resolve, reject) => {
      let opened = false;
      const timer = setTimeout(() => {
        port.close();
      }, BRIDGE_CLIENT_CONFIG.openTimeoutMs);
      const socket: Socket = {
        port: null as unknown as SocketPort,
        pending: new Set(),
        channel: null,
        inbound: Promise.resolve(),
        outbound: Promise.resolve(),
      };
      const port = this.#openSocket(this.url, {
        onOpen: () => {
          clearTimeout(timer);
          opened = true;
          this.#socket = socket;
          this.#opening = null;
          resolve(socket);
        },
        onFrame: (frame) => {
          socket.inbound = socket.inbound.then(() => this.#receive(socket, frame));
        },
        onClose: () => {
          clearTimeout(timer);
          if (this.#socket === socket) this.#socket = null;
          this.#opening = null;
          if (!opened) reject(new BridgeError('bridge.unreachable'));
          // Frames that arrived before the close are still read (the last may be the reason for it); answers
          // after that will never come: the bridge stopped, closed an idle handshake, or refused this origin.
          socket.inbound = socket.inbound.then(() => {
            socket.channel = null;
            for (const id of socket.pending) {
              this.#pending
                .get(id)
                ?.reject(new TransportError('transport.reader-unplugged', 'the PC/SC bridge closed the connection'));
            }
            socket.pending.clear();
          });
        },
      });
      (socket as { port: SocketPort }).port = port;
    });
    return this.#opening;
  }

  /** Closes `socket` and forgets it at once: its close event comes later, and nothing may be sent on it meanwhile. */
  #drop(socket: Socket): void {
    if (this.#socket === socket) this.#socket = null;
    socket.channel = null;
    socket.port.close();
  }

  async #receive(socket: Socket, frame: Frame): Promise<void> {
    let message: BridgeMessage;
    if (isSealedFrame(frame)) {
      const channel = socket.channel;
      if (!channel) return;
      let plaintext: Uint8Array;
      try {
        plaintext = await channel.open(frame);
      } catch (error) {
        if (!(error instanceof ChannelError)) throw error;
        this.#drop(socket); // a frame that does not open: the connection cannot be trusted any more
        return;
      }
      const decoded = decodeBridgeMessage(plaintext);
      if (!decoded.ok || isBridgeHandshake(decoded.message)) return;
      message = decoded.message;
    } else {
      // In clear, only the handshake and its refusals: never an answer to a card request, never an event.
      const decoded = decodeBridgeMessage(frame);
      if (!decoded.ok || typeof frame !== 'string') return;
      message = decoded.message;
      if (!isBridgeHandshake(message) && message.type !== 'error') return;
    }
    if (message.type === 'event') {
      for (const listener of this.#listeners) listener(message.event, message.reader);
      return;
    }
    // Only an answer to a request made on this very socket.
    const pending = socket.pending.has(message.id) ? this.#pending.get(message.id) : undefined;
    pending?.resolve(message);
  }

  #waitFor(socket: Socket, id: number, signal: AbortSignal | undefined): Promise<BridgeMessage> {
    return new Promise<BridgeMessage>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        this.#pending.delete(id);
        socket.pending.delete(id);
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
      socket.pending.add(id);
      this.#pending.set(id, {
        resolve: (answer) => {
          done();
          resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
    });
  }

  #id(): number {
    const id = this.#nextId;
    this.#nextId = this.#nextId >= 0xfffffffe ? 1 : this.#nextId + 1;
    return id;
  }

  /** A handshake message in clear, and its answer. */
  async #handshake(socket: Socket, message: WithoutEnvelope<ClientHandshake>): Promise<BridgeMessage> {
    const id = this.#id();
    const answer = this.#waitFor(socket, id, undefined);
    socket.port.send(encodeClientMessage({ ...message, v: BRIDGE_PROTOCOL_VERSION, id }));
    return answer;
  }

  /**
   * The socket with a channel to the paired bridge: resumes the stored pairing on a fresh socket.
   * @throws {BridgeError} unpaired (no pairing, or the bridge forgot it), untrusted, unreachable.
   */
  #channel(): Promise<Socket> {
    if (this.#socket?.channel) return Promise.resolve(this.#socket);
    this.#resuming ??= this.#resume().finally(() => {
      this.#resuming = null;
    });
    return this.#resuming;
  }

  async #resume(): Promise<Socket> {
    const stored = await this.#keys.load(this.url).catch(() => null);
    if (!stored) {
      this.#status = 'unpaired';
      throw new BridgeError('bridge.unpaired');
    }
    const socket = await this.#open();
    const pageNonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const answer = await this.#handshake(socket, { type: 'resume', pairing: stored.pairingId, nonce: pageNonce });
    if (answer.type === 'error' && answer.code === 'unknown-pairing') {
      // The bridge forgot this pairing (revoked, or reinstalled): pair again.
      await this.#keys.remove(this.url).catch(() => undefined);
      this.#status = 'unpaired';
      throw new BridgeError('bridge.unpaired');
    }
    const channel =
      answer.type === 'resumed' ? await this.#verifyResumed(stored, pageNonce, answer).catch(() => null) : null;
    if (!channel) {
      // Whatever answers cannot make the paired bridge's first frame: tell it nothing.
      this.#status = 'untrusted';
      this.#drop(socket);
      throw new BridgeError('bridge.untrusted');
    }
    socket.channel = channel;
    this.#status = 'paired';
    return socket;
  }

  async #verifyResumed(
    stored: StoredPairing,
    pageNonce: Uint8Array,
    answer: Extract<BridgeMessage, { type: 'resumed' }>,
  ): Promise<SecureChannel> {
    const secret = await staticSecret(stored.pageKey, stored.bridgeKey);
    const channel = new SecureChannel(
      await sessionKeys(
        secret,
        { pageNonce, bridgeNonce: answer.nonce, pairingId: stored.pairingId, origin: this.#origin },
        'page',
      ),
    );
    const proof = new TextDecoder().decode(await channel.open(answer.proof));
    if (proof !== 'resumed') throw new ChannelError('unexpected proof');
    return channel;
  }

  /**
   * Sends a request inside the channel and waits for its answer; `error` answers are returned, not thrown, so
   * each caller maps them.
   * @throws {BridgeError} unpaired, untrusted, unreachable; {TransportError} timeout, aborted, reader-unplugged.
   */
  async request(request: ClientRequest, { signal, binary = false }: { signal?: AbortSignal; binary?: boolean } = {}) {
    const socket = await this.#channel();
    const channel = socket.channel;
    if (!channel) throw new TransportError('transport.reader-unplugged', 'the PC/SC bridge connection closed');
    const id = this.#id();
    const answer = this.#waitFor(socket, id, signal);
    const plaintext = frameBytes(encodeClientMessage({ ...request, v: BRIDGE_PROTOCOL_VERSION, id }, { binary }));
    socket.outbound = socket.outbound
      .then(() => channel.seal(plaintext))
      .then((frame) => {
        socket.port.send(frame);
      })
      .catch((error: unknown) => {
        this.#pending
          .get(id)
          ?.reject(
            new TransportError('transport.reader-unplugged', 'the PC/SC bridge connection failed', { cause: error }),
          );
      });
    return answer as Promise<BridgeAnswer>;
  }

  /** Whether a bridge answers, and whether it is the one this page paired with. Never throws. */
  async probe(): Promise<BridgeStatus> {
    try {
      const socket = await this.#open();
      const answer = await this.#handshake(socket, { type: 'hello' });
      if (answer.type !== 'hello' || !answer.versions.includes(BRIDGE_PROTOCOL_VERSION)) return 'absent';
      await this.#channel();
      return 'paired';
    } catch (error) {
      if (error instanceof BridgeError && (error.code === 'bridge.unpaired' || error.code === 'bridge.untrusted')) {
        return this.#status;
      }
      return 'absent';
    }
  }

  /**
   * Pairs with the code the bridge printed: OPAQUE over the code, then the two public keys are exchanged under
   * its key and the pairing is kept; the channel is then set up as on every later connection.
   * @throws {BridgeError} code-format, pairing-refused (wrong code, or not the bridge), -expired, -locked,
   *   unreachable.
   */
  async pair(code: string): Promise<void> {
    const digits = code.trim();
    if (!new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`).test(digits)) throw new BridgeError('bridge.code-format');
    try {
      const opaque = await this.#loadOpaque();
      // A fresh socket: a pairing never rides on an earlier connection's state.
      if (this.#socket) this.#drop(this.#socket);
      const socket = await this.#open();
      const identifiers = pairingIdentifiers(this.#origin, this.#port);
      const start = opaque.startLogin({ password: digits });
      const response = await this.#handshake(socket, { type: 'pair-start', request: start.startLoginRequest });
      if (response.type === 'error') throw pairingError(response.code);
      if (response.type !== 'pair-response') throw new BridgeError('bridge.pairing-refused');
      const login = opaque.finishLogin({
        clientLoginState: start.clientLoginState,
        loginResponse: response.response,
        password: digits,
        identifiers,
        keyStretching: PAIRING_KEY_STRETCHING,
      });
      // A wrong code, or a program that is not the bridge: the same for the page, and nothing more is sent.
      if (!login) {
        this.#drop(socket);
        throw new BridgeError('bridge.pairing-refused');
      }
      const sessionKey = fromBase64Url(login.sessionKey);
      const channel = new SecureChannel(await pairingKeys(sessionKey, 'page'));
      sessionKey.fill(0);
      const pageKey = await newStaticKey(false);
      const sealed = await channel.seal(await exportPublicKey(pageKey.publicKey));
      const paired = await this.#handshake(socket, { type: 'pair-finish', finish: login.finishLoginRequest, sealed });
      if (paired.type === 'error') throw pairingError(paired.code);
      if (paired.type !== 'paired') throw new BridgeError('bridge.pairing-refused');
      const content: unknown = JSON.parse(new TextDecoder().decode(await channel.open(paired.sealed)));
      const { pairing, bridgeKey } = content as { pairing?: unknown; bridgeKey?: unknown };
      if (typeof pairing !== 'string' || !/^[0-9a-f]{32}$/.test(pairing) || typeof bridgeKey !== 'string') {
        throw new BridgeError('bridge.pairing-refused');
      }
      await this.#keys.save(this.url, {
        pairingId: pairing,
        pageKey: pageKey.privateKey,
        bridgeKey: await importPublicKey(fromBase64Url(bridgeKey)),
      });
      await this.#channel();
    } catch (error) {
      if (error instanceof BridgeError) throw error;
      throw new BridgeError(error instanceof ChannelError ? 'bridge.pairing-refused' : 'bridge.unreachable');
    }
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
   * @throws {TransportError} mapped from the bridge's error code; not paired becomes permission-denied,
   *   unreachable reader-unplugged.
   */
  async call(request: ClientRequest, options: { signal?: AbortSignal; binary?: boolean } = {}): Promise<BridgeAnswer> {
    let answer: BridgeAnswer;
    try {
      answer = await this.request(request, options);
    } catch (error) {
      throw bridgeFailureToTransport(error);
    }
    if (answer.type === 'error') throw bridgeErrorToTransport(answer.code, answer.message);
    return answer;
  }

  /** A transport for one of the bridge's readers (connected on first use). */
  open(reader: string): PcscBridgeTransport {
    return new PcscBridgeTransport(this, reader);
  }

  /** Closes the socket (the pairing stays stored). */
  close(): void {
    if (this.#socket) this.#drop(this.#socket);
  }
}
