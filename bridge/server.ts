/**
 * The bridge's WebSocket server: loopback only, the app's origins only, a page proven by pairing (OPAQUE over
 * the printed code, then a sealed channel on every connection, `app/readers/pcsc-bridge/channel.ts`), one
 * client owning a card at a time, and every APDU checked against the card policy
 * (`app/card/mynumber/card-policy.ts`) before it reaches PC/SC. Availability: a socket that does not
 * authenticate within `handshakeMs` is closed, unauthenticated sockets never take a paired page's place, and a
 * card idle for `idleReleaseMs` is released and reset. Malformed, oversized or unauthenticated messages get a
 * typed refusal and never reach PC/SC; nothing a client sends can stop the server.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CardAccessGuard } from '../app/card/mynumber/card-access-guard';
import {
  ChannelError,
  pairingKeys,
  SecureChannel,
  sessionKeys,
  staticSecret,
} from '../app/readers/pcsc-bridge/channel';
import {
  apduHeader,
  BRIDGE_PROTOCOL_VERSION,
  decodeClientMessage,
  encodeBridgeMessage,
  frameBytes,
  isClientHandshake,
  isSealedFrame,
  MAX_MESSAGE_BYTES,
  NONCE_BYTES,
  toBase64Url,
  type BridgeAnswer,
  type BridgeErrorCode,
  type BridgeMessage,
  type ClientHandshake,
  type ClientRequestMessage,
  type ReaderInfo,
} from '../app/readers/pcsc-bridge/protocol';
import { assertLoopback } from './config';
import type { Logger } from './log';
import { Pairing, type PairingAttempt, type PairingOptions } from './pairing';
import type { PairingStore } from './pairing-store';
import { PcscFailure, pcscFailure, type Pcsc, type PcscCard } from './pcsc';

/** Limits that keep the bridge available to the real page whatever else connects; each with its unit. */
export interface BridgeLimits {
  /** Paired pages connected at once. */
  readonly maxClients: number;
  /** Sockets still authenticating at once; a new one pushes the oldest out. */
  readonly maxPending: number;
  /** Time a socket has to pair or resume, milliseconds. */
  readonly handshakeMs: number;
  /** A card with no exchange for this long is released (and reset), milliseconds. */
  readonly idleReleaseMs: number;
}

export const DEFAULT_LIMITS: BridgeLimits = Object.freeze({
  maxClients: 8,
  maxPending: 32,
  handshakeMs: 10_000,
  idleReleaseMs: 120_000,
});

export interface BridgeOptions {
  /** 127.0.0.1 or ::1; anything else is refused. */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Exact origins allowed to open a socket, e.g. `https://age-check.example`. */
  readonly origins: readonly string[];
  readonly pcsc: Pcsc;
  /** Pairing settings (the port is added once the bridge listens). */
  readonly pairing: Omit<PairingOptions, 'port'>;
  readonly store: PairingStore;
  readonly log: Logger;
  /** How often reader and card presence are polled for events, milliseconds. */
  readonly pollMs?: number;
  readonly limits?: Partial<BridgeLimits>;
}

export interface RunningBridge {
  readonly port: number;
  close(): Promise<void>;
}

interface Client {
  readonly id: number;
  readonly socket: WebSocket;
  readonly origin: string;
  readonly openedAt: number;
  /** Messages are handled one after another, in order. */
  queue: Promise<void>;
  /** Sealed frames go out in the order they were sealed. */
  sendQueue: Promise<void>;
  attempt: PairingAttempt | null;
  channel: SecureChannel | null;
  pairingId: string | null;
  /** Sent a frame that opened under the channel: a paired page. */
  authenticated: boolean;
  deadline: NodeJS.Timeout | null;
}

interface Ownership {
  readonly client: Client;
  readonly reader: string;
  /** Null while the PC/SC connect runs: the reader is already claimed. */
  card: PcscCard | null;
  /** The card policy for this card session: a fresh connection starts with a reset card. */
  readonly guard: CardAccessGuard;
  idle: NodeJS.Timeout | null;
}

const DEFAULT_POLL_MS = 300;
/** Looks at the reader after a failed exchange, and the wait between them (pcscd polls readers every 400 ms). */
const DIAGNOSE_LOOKS = 4;
const DIAGNOSE_INTERVAL_MS = 250;
/** WebSocket close codes (4000–4999 are the application's). */
const CLOSE = Object.freeze({ handshakeTimeout: 4001, evicted: 4002, channel: 4003, forgotten: 4004, pairing: 4005 });

/** Errors after which the card handle is dead and the ownership ends. */
const ENDS_CONNECTION: readonly BridgeErrorCode[] = ['card-removed', 'reader-unplugged', 'no-card'];

/**
 * Starts the bridge.
 * @throws {Error} for a non-loopback host, an empty origin list, or a port already in use.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  assertLoopback(options.host);
  if (options.origins.length === 0) throw new Error('no allowed origin configured: refusing to start');
  const { pcsc, store, log } = options;
  const limits: BridgeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<Client>();
  let nextClient = 1;
  let owner: Ownership | null = null;
  let pairing: Pairing | null = null;
  /** PC/SC calls run one at a time: the binding shares one context between threads. */
  let pcscQueue: Promise<unknown> = Promise.resolve();
  const withPcsc = <T>(work: () => Promise<T>): Promise<T> => {
    const run = pcscQueue.then(work, work);
    pcscQueue = run.catch(() => undefined);
    return run;
  };
  const v = BRIDGE_PROTOCOL_VERSION;

  const sendClear = (client: Client, message: BridgeMessage) => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(encodeBridgeMessage(message));
  };
  /** Seals and sends an answer inside the channel, in order. */
  const send = (client: Client, message: BridgeAnswer, binary = false) => {
    const channel = client.channel;
    if (!channel || !client.authenticated) return;
    const plaintext = frameBytes(encodeBridgeMessage(message, { binary }));
    client.sendQueue = client.sendQueue
      .then(() => channel.seal(plaintext))
      .then((frame) => {
        if (client.socket.readyState === client.socket.OPEN) client.socket.send(frame);
      })
      .catch(() => undefined);
  };
  const refuse = (client: Client, id: number, code: BridgeErrorCode, type: string, message: string = code) => {
    log({ event: 'refused', client: client.id, code, type });
    const answer = { v, id, type: 'error', code, message } as const;
    if (client.authenticated) send(client, answer);
    else sendClear(client, answer);
  };
  const drop = (client: Client, code: number, reason: string) => {
    client.socket.close(code, reason);
    // A peer that does not answer the close handshake is cut off.
    setTimeout(() => {
      client.socket.terminate();
    }, 1000).unref();
  };

  const release = (client: Client, reason?: 'closed' | 'idle' | 'card-removed' | 'failed' | 'stale') => {
    if (owner?.client !== client) return;
    const { card, reader, idle } = owner;
    owner = null;
    if (idle) clearTimeout(idle);
    card?.disconnect();
    log({ event: 'disconnect', client: client.id, reader, ...(reason ? { reason } : {}) });
  };

  /** Restarts the card's idle clock: a page that holds a card and does nothing lets it go after a while. */
  const touch = (ownership: Ownership) => {
    if (ownership.idle) clearTimeout(ownership.idle);
    ownership.idle = setTimeout(() => {
      if (owner !== ownership) return;
      release(ownership.client, 'idle');
      send(ownership.client, { v, id: 0, type: 'event', event: 'card-released', reader: ownership.reader });
    }, limits.idleReleaseMs);
    ownership.idle.unref();
  };

  const handleHandshake = async (client: Client, message: ClientHandshake): Promise<void> => {
    const { id } = message;
    switch (message.type) {
      case 'hello':
        sendClear(client, { v, id, type: 'hello', versions: [BRIDGE_PROTOCOL_VERSION] });
        return;
      case 'pair-start': {
        if (client.attempt || client.channel || !pairing) {
          refuse(client, id, 'bad-request', message.type, 'one pairing per connection');
          return;
        }
        const started = pairing.start(client.origin, message.request);
        if (typeof started === 'string') {
          log({ event: 'pairing-failed', client: client.id, code: started });
          sendClear(client, { v, id, type: 'error', code: started, message: started });
          return;
        }
        client.attempt = started;
        sendClear(client, { v, id, type: 'pair-response', response: started.response });
        return;
      }
      case 'pair-finish': {
        const attempt = client.attempt;
        const sessionKey = attempt?.finish(message.finish) ?? null;
        if (!sessionKey) {
          log({ event: 'pairing-failed', client: client.id, code: 'pairing-refused' });
          sendClear(client, { v, id, type: 'error', code: 'pairing-refused', message: 'pairing-refused' });
          drop(client, CLOSE.pairing, 'pairing refused');
          return;
        }
        try {
          const channel = new SecureChannel(await pairingKeys(sessionKey, 'bridge'));
          sessionKey.fill(0);
          const pagePublicKey = await channel.open(message.sealed);
          const record = await store.add(client.origin, pagePublicKey, new Date());
          const sealed = await channel.seal(
            new TextEncoder().encode(
              JSON.stringify({ pairing: record.id, bridgeKey: toBase64Url(store.bridgePublicKey) }),
            ),
          );
          log({ event: 'paired', client: client.id, pairing: record.id.slice(0, 8) });
          sendClear(client, { v, id, type: 'paired', sealed });
        } catch {
          log({ event: 'pairing-failed', client: client.id, code: 'pairing-refused' });
          sendClear(client, { v, id, type: 'error', code: 'pairing-refused', message: 'pairing-refused' });
          drop(client, CLOSE.pairing, 'pairing refused');
        }
        return;
      }
      case 'resume': {
        const record = client.channel ? null : store.find(message.pairing, client.origin);
        if (!record) {
          log({ event: 'resume-refused', client: client.id, code: 'unknown-pairing' });
          sendClear(client, { v, id, type: 'error', code: 'unknown-pairing', message: 'pair again' });
          return;
        }
        const bridgeNonce = new Uint8Array(randomBytes(NONCE_BYTES));
        const secret = await staticSecret(store.bridgeKey.privateKey, await store.pagePublicKey(record));
        const channel = new SecureChannel(
          await sessionKeys(
            secret,
            { pageNonce: message.nonce, bridgeNonce, pairingId: record.id, origin: client.origin },
            'bridge',
          ),
        );
        // The proof is the channel's first frame: only the bridge holding this pairing can make it.
        const proof = await channel.seal(new TextEncoder().encode('resumed'));
        client.channel = channel;
        client.pairingId = record.id;
        sendClear(client, { v, id, type: 'resumed', nonce: bridgeNonce, proof });
        return;
      }
    }
  };

  const handleRequest = async (client: Client, message: ClientRequestMessage, binary: boolean): Promise<void> => {
    const { id } = message;
    try {
      switch (message.type) {
        case 'list-readers': {
          const readers = await withPcsc(() => pcsc.readers());
          send(client, { v, id, type: 'readers', readers });
          return;
        }
        case 'connect': {
          if (owner && owner.client !== client) {
            refuse(client, id, 'busy', message.type, 'another client is using the card');
            return;
          }
          const held = owner;
          if (held?.card && held.reader === message.reader) {
            // The same card still in the reader: keep the session. A card that left (even if another one is
            // there now) ends it: the next customer's card gets a fresh connection.
            if (held.card.alive()) {
              touch(held);
              send(client, { v, id, type: 'connected', reader: held.reader, atr: held.card.atr });
              return;
            }
            release(client, 'stale');
          }
          release(client);
          const claim: Ownership = {
            client,
            reader: message.reader,
            card: null,
            guard: new CardAccessGuard(),
            idle: null,
          };
          owner = claim;
          try {
            claim.card = await withPcsc(() => pcsc.connect(message.reader));
          } catch (error) {
            if (owner === claim) owner = null;
            throw error;
          }
          if (owner !== claim || client.socket.readyState !== client.socket.OPEN) {
            // The client left while PC/SC was connecting: let go at once.
            claim.card.disconnect();
            return;
          }
          touch(claim);
          log({ event: 'connect', client: client.id, reader: message.reader });
          send(client, { v, id, type: 'connected', reader: message.reader, atr: claim.card.atr });
          return;
        }
        case 'transmit': {
          const ownership = owner?.client === client ? owner : null;
          const card = ownership?.card ?? null;
          if (!ownership || !card) {
            refuse(client, id, 'not-connected', message.type, 'connect to a reader first');
            return;
          }
          const header = apduHeader(message.apdu);
          const decision = ownership.guard.admit(message.apdu);
          if (!decision.ok) {
            log({ event: 'policy-refused', client: client.id, header, refusal: decision.refusal });
            send(client, { v, id, type: 'error', code: 'policy-refused', message: decision.refusal });
            return;
          }
          touch(ownership);
          const started = performance.now();
          try {
            const response = await withPcsc(() => card.transmit(message.apdu));
            // No status word: the exchange broke (vpcd answers so when its card side vanishes mid-APDU).
            if (response.length < 2) throw new PcscFailure('internal', 'response without a status word');
            decision.settle(response);
            const sw = apduHeader(response.subarray(response.length - 2));
            log({ event: 'transmit', client: client.id, header, sw, ms: round(performance.now() - started) });
            send(client, { v, id, type: 'response', apdu: response }, binary);
          } catch (error) {
            decision.settle(null);
            const failure = await diagnose(ownership.reader, error);
            log({
              event: 'transmit',
              client: client.id,
              header,
              sw: null,
              ms: round(performance.now() - started),
              error: failure.code,
            });
            throw failure;
          }
          return;
        }
        case 'disconnect':
          release(client);
          send(client, { v, id, type: 'disconnected' });
          return;
      }
    } catch (error) {
      const failure = pcscFailure(error);
      if (ENDS_CONNECTION.includes(failure.code)) release(client, 'failed');
      refuse(client, id, failure.code, message.type, failure.code);
    }
  };

  /**
   * What a failed exchange means. Drivers report a card pulled mid-APDU in different ways (pcsc-lite's vpcd
   * driver as a failed transaction, others as a removed card), so the reader's state decides: gone means
   * unplugged, empty means the card left.
   */
  const diagnose = async (reader: string, error: unknown) => {
    const failure = pcscFailure(error);
    if (failure.code === 'card-removed' || failure.code === 'busy') return failure;
    // The service notices a vanished card on its next poll of the reader, so look a few times.
    for (let look = 0; look < DIAGNOSE_LOOKS; look += 1) {
      if (look > 0) await new Promise((resolve) => setTimeout(resolve, DIAGNOSE_INTERVAL_MS));
      try {
        const now = (await withPcsc(() => pcsc.readers())).find((r) => r.name === reader);
        if (!now) return new PcscFailure('reader-unplugged', failure.message);
        if (!now.cardPresent) return new PcscFailure('card-removed', failure.message);
      } catch (stateError) {
        return pcscFailure(stateError);
      }
    }
    return failure;
  };

  /** The first frame that opens under the channel: the page is the paired one. */
  const authenticate = (client: Client, id: number): boolean => {
    const paired = [...clients].filter((c) => c.authenticated).length;
    client.authenticated = true;
    if (client.deadline) clearTimeout(client.deadline);
    client.deadline = null;
    if (paired >= limits.maxClients) {
      refuse(client, id, 'capacity', 'resume', 'too many paired pages connected');
      void client.sendQueue.then(() => {
        drop(client, CLOSE.evicted, 'capacity');
      });
      return false;
    }
    log({ event: 'resumed', client: client.id, pairing: (client.pairingId ?? '').slice(0, 8) });
    return true;
  };

  const onMessage = (client: Client, data: RawData, isBinary: boolean) => {
    const buffer = toBuffer(data);
    const frame = isBinary ? new Uint8Array(buffer) : buffer.toString('utf8');
    client.queue = client.queue.then(async () => {
      if (client.socket.readyState !== client.socket.OPEN) return;
      if (isSealedFrame(frame)) {
        const channel = client.channel;
        if (!channel) {
          refuse(client, 0, 'unauthorized', 'sealed', 'resume first');
          return;
        }
        let plaintext: Uint8Array;
        try {
          plaintext = await channel.open(frame);
        } catch (error) {
          if (!(error instanceof ChannelError)) throw error;
          log({ event: 'channel-broken', client: client.id });
          drop(client, CLOSE.channel, 'channel');
          return;
        }
        const decoded = decodeClientMessage(plaintext);
        if (!client.authenticated && !authenticate(client, decoded.ok ? decoded.message.id : decoded.id)) return;
        if (!decoded.ok) {
          refuse(client, decoded.id, decoded.code, 'malformed', decoded.reason);
          return;
        }
        if (isClientHandshake(decoded.message)) {
          refuse(client, decoded.message.id, 'bad-request', decoded.message.type, 'handshake inside the channel');
          return;
        }
        await handleRequest(client, decoded.message, plaintext[0] === BRIDGE_PROTOCOL_VERSION);
        return;
      }
      const decoded = decodeClientMessage(frame);
      if (!decoded.ok) {
        refuse(client, decoded.id, decoded.code, 'malformed', decoded.reason);
        return;
      }
      if (!isClientHandshake(decoded.message) || typeof frame !== 'string') {
        // Card requests only ever travel sealed.
        refuse(client, decoded.message.id, 'unauthorized', decoded.message.type, 'pair or resume first');
        return;
      }
      await handleHandshake(client, decoded.message);
    });
    // A handler bug must not become an unhandled rejection that stops the process.
    client.queue = client.queue.catch(() => {
      log({ event: 'pcsc-error', code: 'internal' });
    });
  };

  const allowedHosts = (port: number) => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const origin = request.headers.origin ?? null;
    const reject = (reason: 'origin' | 'host', status: string) => {
      log({ event: 'handshake-refused', reason, origin });
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (origin === null || !options.origins.includes(origin)) {
      reject('origin', '403 Forbidden');
      return;
    }
    // A page reached through DNS rebinding names a foreign host: only loopback names are served.
    if (!allowedHosts(listeningPort()).has(request.headers.host ?? '')) {
      reject('host', '403 Forbidden');
      return;
    }
    // Sockets that have not authenticated never crowd out a newcomer: the oldest of them goes.
    const pending = [...clients].filter((c) => !c.authenticated);
    if (pending.length >= limits.maxPending) {
      const oldest = pending.reduce((a, b) => (a.openedAt <= b.openedAt ? a : b));
      log({ event: 'evicted', client: oldest.id });
      clients.delete(oldest);
      oldest.socket.terminate();
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const client: Client = {
        id: nextClient++,
        socket: ws,
        origin,
        openedAt: performance.now(),
        queue: Promise.resolve(),
        sendQueue: Promise.resolve(),
        attempt: null,
        channel: null,
        pairingId: null,
        authenticated: false,
        deadline: null,
      };
      client.deadline = setTimeout(() => {
        if (client.authenticated) return;
        log({ event: 'handshake-timeout', client: client.id });
        drop(client, CLOSE.handshakeTimeout, 'handshake timeout');
      }, limits.handshakeMs);
      client.deadline.unref();
      clients.add(client);
      log({ event: 'client-connected', client: client.id, origin });
      ws.on('error', () => undefined); // ws closes the socket itself (e.g. 1009 for an oversized frame)
      ws.on('message', (data, isBinary) => {
        onMessage(client, data, isBinary);
      });
      ws.on('close', () => {
        if (client.deadline) clearTimeout(client.deadline);
        clients.delete(client);
        release(client, 'closed');
        log({ event: 'client-closed', client: client.id, origin });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const listeningPort = () => {
    const address = http.address();
    return typeof address === 'object' && address !== null ? address.port : options.port;
  };
  pairing = await Pairing.create({ ...options.pairing, port: listeningPort() });
  log({ event: 'listening', host: options.host, port: listeningPort(), origins: options.origins });

  // Reader and card events, for paired clients: polled, since a blocking status wait would hold the context.
  let known = new Map<string, boolean>();
  let lastError: BridgeErrorCode | null = null;
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      await forgetGonePairings();
      const readers: readonly ReaderInfo[] = await withPcsc(() => pcsc.readers());
      lastError = null;
      const now = new Map(readers.map((r) => [r.name, r.cardPresent] as const));
      const events: BridgeAnswer[] = [];
      const event = (kind: 'reader-added' | 'reader-removed' | 'card-inserted' | 'card-removed', reader: string) => {
        events.push({ v, id: 0, type: 'event', event: kind, reader });
        log({ event: 'reader', change: kind, reader });
        // The card the owner held is gone: its session ends here, and the next connect reaches the new card.
        if ((kind === 'card-removed' || kind === 'reader-removed') && owner?.reader === reader) {
          release(owner.client, 'card-removed');
        }
      };
      for (const [name, present] of now) {
        const before = known.get(name);
        if (before === undefined) event('reader-added', name);
        if (present && before !== true) event('card-inserted', name);
        if (!present && before === true) event('card-removed', name);
      }
      for (const [name, present] of known) {
        if (now.has(name)) continue;
        if (present) event('card-removed', name);
        event('reader-removed', name);
      }
      known = now;
      for (const client of clients) if (client.authenticated) for (const e of events) send(client, e);
    } catch (error) {
      const code = pcscFailure(error).code;
      if (code !== lastError) log({ event: 'pcsc-error', code });
      lastError = code;
    } finally {
      polling = false;
    }
  };
  /** Pairings forgotten from the command line (`--forget-pairings`) end their connections. */
  const forgetGonePairings = async () => {
    const gone = new Set(await store.reloadIfChanged());
    if (gone.size === 0) return;
    let closed = 0;
    for (const client of clients) {
      if (client.pairingId !== null && gone.has(client.pairingId)) {
        closed += 1;
        drop(client, CLOSE.forgotten, 'pairing forgotten');
      }
    }
    log({ event: 'pairings-forgotten', pairings: gone.size, clients: closed });
  };
  const timer = setInterval(() => void poll(), options.pollMs ?? DEFAULT_POLL_MS);
  void poll();

  return {
    port: listeningPort(),
    close: async () => {
      clearInterval(timer);
      for (const client of clients) {
        if (client.deadline) clearTimeout(client.deadline);
        release(client, 'closed');
        client.socket.terminate();
      }
      await new Promise<void>((resolve) => {
        wss.close(() => {
          resolve();
        });
      });
      await new Promise<void>((resolve) =>
        http.close(() => {
          resolve();
        }),
      );
      await pcscQueue;
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** One buffer from whatever shape `ws` delivered (a Buffer by default; fragments or an ArrayBuffer otherwise). */
function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(new Uint8Array(data));
}
