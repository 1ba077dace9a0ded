/**
 * The bridge's WebSocket server: loopback only, the app's origins only, a pairing token on every message,
 * one client owning a card at a time (an exclusive PC/SC connection from `connect` until `disconnect` or the
 * socket closing). Malformed, oversized or unauthenticated messages get a typed refusal and never reach
 * PC/SC; nothing a client sends can stop the server.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  apduHeader,
  BRIDGE_PROTOCOL_VERSION,
  decodeClientMessage,
  encodeBridgeMessage,
  MAX_MESSAGE_BYTES,
  type BridgeErrorCode,
  type BridgeMessage,
  type ClientMessage,
  type ReaderInfo,
} from '../app/readers/pcsc-bridge/protocol';
import { assertLoopback } from './config';
import type { Logger } from './log';
import type { Pairing } from './pairing';
import { PcscFailure, pcscFailure, type Pcsc, type PcscCard } from './pcsc';

export interface BridgeOptions {
  /** 127.0.0.1 or ::1; anything else is refused. */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Exact origins allowed to open a socket, e.g. `https://age-check.example`. */
  readonly origins: readonly string[];
  readonly pcsc: Pcsc;
  readonly pairing: Pairing;
  readonly log: Logger;
  /** How often reader and card presence are polled for events, milliseconds. */
  readonly pollMs?: number;
  /** Most sockets open at once. */
  readonly maxClients?: number;
}

export interface RunningBridge {
  readonly port: number;
  close(): Promise<void>;
}

interface Client {
  readonly id: number;
  readonly socket: WebSocket;
  /** Sent a valid token at least once: receives reader events. */
  authenticated: boolean;
  /** Messages are handled one after another, in order. */
  queue: Promise<void>;
}

interface Ownership {
  readonly client: Client;
  readonly reader: string;
  /** Null while the PC/SC connect runs: the reader is already claimed. */
  card: PcscCard | null;
}

const DEFAULT_POLL_MS = 300;
const DEFAULT_MAX_CLIENTS = 8;
/** Looks at the reader after a failed exchange, and the wait between them (pcscd polls readers every 400 ms). */
const DIAGNOSE_LOOKS = 4;
const DIAGNOSE_INTERVAL_MS = 250;

/** Errors after which the card handle is dead and the ownership ends. */
const ENDS_CONNECTION: readonly BridgeErrorCode[] = ['card-removed', 'reader-unplugged', 'no-card'];

/**
 * Starts the bridge.
 * @throws {Error} for a non-loopback host, an empty origin list, or a port already in use.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  assertLoopback(options.host);
  if (options.origins.length === 0) throw new Error('no allowed origin configured: refusing to start');
  const { pcsc, pairing, log } = options;
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<Client>();
  let nextClient = 1;
  let owner: Ownership | null = null;
  /** PC/SC calls run one at a time: the binding shares one context between threads. */
  let pcscQueue: Promise<unknown> = Promise.resolve();
  const withPcsc = <T>(work: () => Promise<T>): Promise<T> => {
    const run = pcscQueue.then(work, work);
    pcscQueue = run.catch(() => undefined);
    return run;
  };

  const release = (client: Client) => {
    if (owner?.client !== client) return;
    const { card, reader } = owner;
    owner = null;
    card?.disconnect();
    log({ event: 'disconnect', client: client.id, reader });
  };

  const send = (client: Client, message: BridgeMessage, binary = false) => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(encodeBridgeMessage(message, { binary }));
  };
  const refuse = (client: Client, id: number, code: BridgeErrorCode, type: string, message: string = code) => {
    log({ event: 'refused', client: client.id, code, type });
    send(client, { v: BRIDGE_PROTOCOL_VERSION, id, type: 'error', code, message });
  };

  const handle = async (client: Client, message: ClientMessage, binary: boolean): Promise<void> => {
    const v = BRIDGE_PROTOCOL_VERSION;
    const { id } = message;
    if (message.type === 'hello') {
      send(client, { v, id, type: 'hello', versions: [BRIDGE_PROTOCOL_VERSION] });
      return;
    }
    if (message.type === 'pair') {
      const result = pairing.attempt(message.code);
      if (result.ok) {
        client.authenticated = true;
        log({ event: 'paired', client: client.id });
        send(client, { v, id, type: 'paired', token: result.token });
      } else {
        log({ event: 'pairing-failed', client: client.id, code: result.code });
        send(client, { v, id, type: 'error', code: result.code, message: result.code });
      }
      return;
    }
    if (!pairing.verify(message.token)) {
      refuse(client, id, 'unauthorized', message.type, 'missing or wrong token: pair first');
      return;
    }
    client.authenticated = true;
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
          if (owner?.card && owner.reader === message.reader) {
            send(client, { v, id, type: 'connected', reader: owner.reader, atr: owner.card.atr });
            return;
          }
          release(client);
          const claim: Ownership = { client, reader: message.reader, card: null };
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
          log({ event: 'connect', client: client.id, reader: message.reader });
          send(client, { v, id, type: 'connected', reader: message.reader, atr: claim.card.atr });
          return;
        }
        case 'transmit': {
          const card = owner?.client === client ? owner.card : null;
          if (!card) {
            refuse(client, id, 'not-connected', message.type, 'connect to a reader first');
            return;
          }
          const reader = owner?.reader ?? '';
          const started = performance.now();
          const header = apduHeader(message.apdu);
          try {
            const response = await withPcsc(() => card.transmit(message.apdu));
            // No status word: the exchange broke (vpcd answers so when its card side vanishes mid-APDU).
            if (response.length < 2) throw new PcscFailure('internal', 'response without a status word');
            const sw = response.length >= 2 ? apduHeader(response.subarray(response.length - 2)) : null;
            log({ event: 'transmit', client: client.id, header, sw, ms: round(performance.now() - started) });
            send(client, { v, id, type: 'response', apdu: response }, binary);
          } catch (error) {
            const failure = await diagnose(reader, error);
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
      if (ENDS_CONNECTION.includes(failure.code)) release(client);
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

  const onMessage = (client: Client, data: RawData, isBinary: boolean) => {
    const buffer = toBuffer(data);
    const frame = isBinary ? new Uint8Array(buffer) : buffer.toString('utf8');
    const decoded = decodeClientMessage(frame);
    client.queue = client.queue.then(async () => {
      if (!decoded.ok) {
        refuse(client, decoded.id, decoded.code, 'malformed', decoded.reason);
        return;
      }
      await handle(client, decoded.message, isBinary);
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
    const reject = (reason: 'origin' | 'host' | 'capacity', status: string) => {
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
    if (clients.size >= (options.maxClients ?? DEFAULT_MAX_CLIENTS)) {
      reject('capacity', '503 Service Unavailable');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const client: Client = { id: nextClient++, socket: ws, authenticated: false, queue: Promise.resolve() };
      clients.add(client);
      log({ event: 'client-connected', client: client.id, origin });
      ws.on('error', () => undefined); // ws closes the socket itself (e.g. 1009 for an oversized frame)
      ws.on('message', (data, isBinary) => {
        onMessage(client, data, isBinary);
      });
      ws.on('close', () => {
        clients.delete(client);
        release(client);
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
  log({ event: 'listening', host: options.host, port: listeningPort(), origins: options.origins });

  // Reader and card events, for paired clients: polled, since a blocking status wait would hold the context.
  let known = new Map<string, boolean>();
  let lastError: BridgeErrorCode | null = null;
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const readers: readonly ReaderInfo[] = await withPcsc(() => pcsc.readers());
      lastError = null;
      const now = new Map(readers.map((r) => [r.name, r.cardPresent] as const));
      const events: [BridgeMessage & { type: 'event' }][] = [];
      const event = (kind: 'reader-added' | 'reader-removed' | 'card-inserted' | 'card-removed', reader: string) => {
        events.push([{ v: BRIDGE_PROTOCOL_VERSION, id: 0, type: 'event', event: kind, reader }]);
        log({ event: 'reader', change: kind, reader });
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
      for (const client of clients) if (client.authenticated) for (const [e] of events) send(client, e);
    } catch (error) {
      const code = pcscFailure(error).code;
      if (code !== lastError) log({ event: 'pcsc-error', code });
      lastError = code;
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), options.pollMs ?? DEFAULT_POLL_MS);
  void poll();

  return {
    port: listeningPort(),
    close: async () => {
      clearInterval(timer);
      for (const client of clients) {
        release(client);
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
