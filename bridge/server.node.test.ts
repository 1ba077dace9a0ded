import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hex, toHex } from '../app/card/bytes';
import type { BridgeConnection } from '../app/readers/pcsc-bridge/connection';
import { memoryPairingKeyStore, type PairingKeyStore } from '../app/readers/pcsc-bridge/pairing-keys';
import {
  BRIDGE_PROTOCOL_VERSION,
  MAX_MESSAGE_BYTES,
  sealedHeader,
  type BridgeAnswer,
  type BridgeMessage,
} from '../app/readers/pcsc-bridge/protocol';
import { parseBridgeArgs } from './config';
import type { LogEvent } from './log';
import { DEFAULT_PAIRING } from './pairing';
import { forgetPairings, PairingStore } from './pairing-store';
import { startBridge, type BridgeLimits, type RunningBridge } from './server';
import { FakePcsc } from './testing/fake-pcsc';
import { nodeBridgeClient } from '../mocks/bridge/node-client';
import { TestClient } from './testing/test-client';

const ORIGIN = 'http://127.0.0.1:5173';
const OTHER_ORIGIN = 'https://counter.example';
const READER = 'Fake Reader 00';
/** card-protocol.md §1/§2: SELECT JPKI-AP, SELECT EF 001B (signature password), the tries query. */
const SELECT_JPKI = hex`00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01`;
const SELECT_PASSWORD = hex`00 A4 02 0C 02 00 1B`;
const TRIES_QUERY = hex`00 20 00 80`;
/** VERIFY of the signature password "ABC123": its data must never reach the log. */
const VERIFY = hex`00 20 00 80 06 41 42 43 31 32 33`;

interface Harness {
  bridge: RunningBridge;
  pcsc: FakePcsc;
  logs: LogEvent[];
  codes: string[];
  clock: { now: number };
  store: PairingStore;
  closers: (() => unknown)[];
}

let h: Harness;

async function start({
  pollMs = 20,
  limits = {},
  file = null,
  codeTtlMs = DEFAULT_PAIRING.codeTtlMs,
  port = 0,
}: {
  pollMs?: number;
  limits?: Partial<BridgeLimits>;
  file?: string | null;
  codeTtlMs?: number;
  port?: number;
} = {}): Promise<Harness> {
  const pcsc = new FakePcsc();
  // A fake card: 63 C5 to a tries query, 90 00 to everything else.
  pcsc.respond = (apdu) => (apdu.length === 4 && apdu[1] === 0x20 ? hex`63 C5` : hex`90 00`);
  const logs: LogEvent[] = [];
  const codes: string[] = [];
  const clock = { now: 1_000_000 };
  const store = await PairingStore.open(file);
  const bridge = await startBridge({
    host: '127.0.0.1',
    port,
    origins: [ORIGIN, OTHER_ORIGIN],
    pcsc,
    store,
    pairing: { ...DEFAULT_PAIRING, codeTtlMs, now: () => clock.now, onCode: (code) => codes.push(code) },
    log: (entry) => logs.push(entry),
    pollMs,
    limits,
  });
  return { bridge, pcsc, logs, codes, clock, store, closers: [] };
}

/** A raw socket, to send anything. */
async function raw(origin: string | null = ORIGIN): Promise<TestClient> {
  const client = await TestClient.open(h.bridge.port, origin);
  h.closers.push(() => {
    client.socket.terminate();
  });
  return client;
}

/** The page's own client, in Node. */
function page(origin = ORIGIN, keys: PairingKeyStore = memoryPairingKeyStore()): BridgeConnection {
  const client = nodeBridgeClient(h.bridge.port, origin, keys);
  h.closers.push(() => {
    client.close();
  });
  return client;
}

async function pairedPage(origin = ORIGIN, keys: PairingKeyStore = memoryPairingKeyStore()) {
  const client = page(origin, keys);
  await client.pair(h.codes.at(-1)!);
  return client;
}

function errorCode(message: BridgeMessage): string {
  return message.type === 'error' ? message.code : `not an error: ${message.type}`;
}

const wrongCode = () => (h.codes.at(-1) === '000000' ? '000001' : '000000');

beforeEach(async () => {
  h = await start();
});

afterEach(async () => {
  for (const close of h.closers) close();
  await h.bridge.close();
});

describe('handshake', () => {
  it('answers hello from an allowed origin', async () => {
    const client = await raw();
    expect(await client.request({ type: 'hello' })).toMatchObject({
      type: 'hello',
      versions: [BRIDGE_PROTOCOL_VERSION],
    });
  });

  it.each([
    ['a foreign origin', 'https://evil.example'],
    ['a look-alike origin', 'http://127.0.0.1:5174'],
    ['no origin', null],
  ])('refuses %s with 403, and logs it', async (_name, origin) => {
    await expect(TestClient.open(h.bridge.port, origin)).rejects.toThrow('HTTP 403');
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'handshake-refused', reason: 'origin', origin }));
  });

  it('refuses a Host that is not loopback (DNS rebinding)', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`ws://127.0.0.1:${h.bridge.port}/`, {
      origin: ORIGIN,
      headers: { host: 'evil.example' },
    });
    const status = await new Promise((resolve) =>
      socket.once('unexpected-response', (_q, res) => {
        resolve(res.statusCode);
      }),
    );
    expect(status).toBe(403);
  });
});

describe('pairing (OPAQUE over the printed code)', () => {
  it('pairs with the printed code; the reader list then comes through the sealed channel', async () => {
    const client = await pairedPage();
    expect(await client.readers()).toEqual([{ name: READER, cardPresent: true }]);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'paired' }));
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'resumed' }));
    expect(JSON.stringify(h.logs)).not.toContain(h.codes[0]);
    expect(h.store.size).toBe(1);
  });

  it('a wrong code fails on the page without the bridge learning it, and the code stays single-use', async () => {
    const client = page();
    await expect(client.pair(wrongCode())).rejects.toMatchObject({ code: 'bridge.pairing-refused' });
    expect(h.store.size).toBe(0);
    const code = h.codes.at(-1)!;
    await pairedPage();
    await expect(page().pair(code)).rejects.toMatchObject({ code: 'bridge.pairing-refused' });
    expect(h.codes.length).toBeGreaterThanOrEqual(2); // a fresh code was printed for the next page
  });

  it('counts wrong codes per origin: that origin waits, doubling, capped; another origin pairs meanwhile', async () => {
    await h.bridge.close();
    h = await start({ codeTtlMs: 24 * 3_600_000 });
    for (let i = 0; i < DEFAULT_PAIRING.failuresPerSource; i += 1) {
      await expect(page().pair(wrongCode())).rejects.toMatchObject({ code: 'bridge.pairing-refused' });
    }
    await expect(page().pair(h.codes.at(-1)!)).rejects.toMatchObject({ code: 'bridge.pairing-locked' });
    // Not held closed: another origin pairs, and attempts during the wait do not extend it.
    await pairedPage(OTHER_ORIGIN);
    h.clock.now += DEFAULT_PAIRING.firstLockoutMs - 1000;
    await expect(page().pair(h.codes.at(-1)!)).rejects.toMatchObject({ code: 'bridge.pairing-locked' });
    h.clock.now += 1001;
    await pairedPage();
    // The next wrong code after the wait doubles it: 3 + 1 failures → 60 s.
    for (let i = 0; i < DEFAULT_PAIRING.failuresPerSource; i += 1) {
      await expect(page().pair(wrongCode())).rejects.toMatchObject({ code: 'bridge.pairing-refused' });
    }
    h.clock.now += DEFAULT_PAIRING.firstLockoutMs + 1;
    await expect(page().pair(wrongCode())).rejects.toMatchObject({ code: 'bridge.pairing-refused' });
    h.clock.now += DEFAULT_PAIRING.firstLockoutMs + 1;
    await expect(page().pair(h.codes.at(-1)!)).rejects.toMatchObject({ code: 'bridge.pairing-locked' });
    h.clock.now += DEFAULT_PAIRING.maxLockoutMs;
    await pairedPage();
  });

  it('replaces a code after 10 wrong guesses from all origins, so no code meets more', async () => {
    await h.bridge.close();
    h = await start({ codeTtlMs: 24 * 3_600_000 });
    const first = h.codes.length;
    for (let i = 0; i < DEFAULT_PAIRING.failuresPerCode; i += 1) {
      h.clock.now += DEFAULT_PAIRING.maxLockoutMs; // each guess after the previous wait
      await expect(page(i % 2 ? ORIGIN : OTHER_ORIGIN).pair(wrongCode())).rejects.toMatchObject({
        code: 'bridge.pairing-refused',
      });
    }
    expect(h.codes.length).toBe(first + 1);
  });

  it('lets a code expire, and prints a new one', async () => {
    h.clock.now += DEFAULT_PAIRING.codeTtlMs + 1;
    await expect(page().pair(h.codes.at(-1)!)).rejects.toMatchObject({ code: 'bridge.pairing-expired' });
    await pairedPage();
  });

  it('a page keeps its pairing across reloads (same key store), until the pairings are forgotten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridge-pairings-'));
    const file = join(dir, 'pairings.json');
    await h.bridge.close();
    h = await start({ file });
    const keys = memoryPairingKeyStore();
    await pairedPage(ORIGIN, keys);
    // A reload: a new client with the same stored keys resumes without a code; so does one after a bridge restart.
    expect(await page(ORIGIN, keys).probe()).toBe('paired');
    const { port } = h.bridge;
    await h.bridge.close();
    h = await start({ file, port });
    const reloaded = page(ORIGIN, keys);
    expect(await reloaded.probe()).toBe('paired');
    expect(await reloaded.readers()).toHaveLength(1);
    // Another origin cannot use this pairing.
    expect(await page(OTHER_ORIGIN, keys).probe()).toBe('unpaired');
    // `--forget-pairings`: the running bridge closes the connection, and the page must pair again.
    expect(forgetPairings(file)).toBe(1);
    await expect.poll(() => h.logs.some((l) => l.event === 'pairings-forgotten')).toBe(true);
    expect(await page(ORIGIN, keys).probe()).toBe('unpaired');
    expect(await keys.load(`ws://127.0.0.1:${h.bridge.port}/`)).toBeNull();
  });
});

describe('the channel', () => {
  it('refuses card requests in clear, even from a socket that resumed', async () => {
    const client = await raw();
    expect(errorCode(await client.request({ type: 'list-readers' }))).toBe('unauthorized');
    expect(errorCode(await client.request({ type: 'connect', reader: READER }))).toBe('unauthorized');
    expect(h.pcsc.received).toHaveLength(0);
  });

  it('a sealed frame that does not open (forged, replayed, out of order) closes the socket', async () => {
    const client = await raw();
    client.sendRaw(new Uint8Array([...sealedHeader(0n), ...new Uint8Array(40)]));
    expect(errorCode(await client.request({ type: 'hello' }).catch(() => ({ type: 'hello' }) as BridgeMessage))).toBe(
      'not an error: hello',
    );
    // Without a channel the frame is refused; with one, a forged frame ends the connection (tested on the page
    // client in connection.test.ts, which sees the same rule from the other side).
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'refused', code: 'unauthorized' }));
  });
});

describe('card access', () => {
  async function connected() {
    const client = await pairedPage();
    expect(await client.request({ type: 'connect', reader: READER })).toMatchObject({ type: 'connected' });
    return client;
  }
  const transmit = (client: BridgeConnection, apdu: Uint8Array): Promise<BridgeAnswer> =>
    client.request({ type: 'transmit', apdu }, { binary: true });

  it('connects, transmits what the policy admits, and logs headers only', async () => {
    const client = await connected();
    for (const apdu of [SELECT_JPKI, SELECT_PASSWORD, TRIES_QUERY, VERIFY]) {
      expect(await transmit(client, apdu)).toMatchObject({ type: 'response' });
    }
    expect(h.pcsc.received.map(toHex)).toEqual([SELECT_JPKI, SELECT_PASSWORD, TRIES_QUERY, VERIFY].map(toHex));
    const log = JSON.stringify(h.logs);
    expect(log).toContain('"header":"00200080"');
    expect(log).not.toContain('414243313233');
    expect(await client.request({ type: 'disconnect' })).toMatchObject({ type: 'disconnected' });
    expect(errorCode(await transmit(client, SELECT_JPKI))).toBe('not-connected');
  });

  it('refuses a My Number file and a VERIFY without a fresh tries query before PC/SC, logging the rule only', async () => {
    const client = await connected();
    await transmit(client, hex`00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08`);
    const sent = h.pcsc.received.length;
    expect(await transmit(client, hex`00 A4 02 0C 02 00 01`)).toMatchObject({
      type: 'error',
      code: 'policy-refused',
      message: 'my-number',
    });
    await transmit(client, SELECT_JPKI);
    await transmit(client, SELECT_PASSWORD);
    expect(await transmit(client, VERIFY)).toMatchObject({ code: 'policy-refused', message: 'verify-without-tries' });
    expect(h.pcsc.received.length).toBe(sent + 2);
    expect(h.logs).toContainEqual({
      event: 'policy-refused',
      client: expect.any(Number) as number,
      header: '00a4020c',
      refusal: 'my-number',
    });
    expect(JSON.stringify(h.logs)).not.toContain('414243313233');
  });

  it('refuses a second client while a check runs, and serves it once the first has let go', async () => {
    const first = await connected();
    const second = await pairedPage(OTHER_ORIGIN);
    expect(errorCode(await second.request({ type: 'connect', reader: READER }))).toBe('busy');
    expect(errorCode(await transmit(second, SELECT_JPKI))).toBe('not-connected');
    first.close();
    await expect.poll(async () => (await second.request({ type: 'connect', reader: READER })).type).toBe('connected');
  });

  it('a card changed between polls: the stale handle is dropped and the next connect reaches the new card', async () => {
    const client = await connected();
    await transmit(client, SELECT_JPKI);
    // Out and in again faster than the bridge polls (the handle of the first card is now dead).
    h.pcsc.removeCard();
    h.pcsc.insertCard();
    expect(await client.request({ type: 'connect', reader: READER })).toMatchObject({ type: 'connected' });
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'disconnect', reason: 'stale' }));
    expect(await transmit(client, SELECT_JPKI)).toMatchObject({ type: 'response' });
  });

  it('a card taken away ends its session at once (seen by the poll), and tells the page', async () => {
    const client = await connected();
    const events: string[] = [];
    client.onEvent((event) => events.push(event));
    h.pcsc.removeCard();
    await expect.poll(() => events).toContain('card-removed');
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'disconnect', reason: 'card-removed' }));
    h.pcsc.insertCard();
    expect(errorCode(await transmit(client, SELECT_JPKI))).toBe('not-connected');
    expect(await client.request({ type: 'connect', reader: READER })).toMatchObject({ type: 'connected' });
  });

  it('a card removed mid-check: card-removed, the connection ends, and the bridge keeps serving', async () => {
    const client = await connected();
    h.pcsc.respond = () => {
      h.pcsc.removeCard();
      return hex`90 00`;
    };
    expect(errorCode(await transmit(client, SELECT_JPKI))).toBe('card-removed');
    expect(errorCode(await transmit(client, SELECT_JPKI))).toBe('not-connected');
    expect(errorCode(await client.request({ type: 'connect', reader: READER }))).toBe('no-card');
    h.pcsc.respond = () => hex`90 00`;
    h.pcsc.insertCard();
    expect((await client.request({ type: 'connect', reader: READER })).type).toBe('connected');
  });

  it('an exchange that breaks without a status word, as vpcd does when the card vanishes: card-removed', async () => {
    const client = await connected();
    h.pcsc.respond = () => {
      h.pcsc.vanishCard();
      return new Uint8Array(0);
    };
    expect(errorCode(await transmit(client, SELECT_JPKI))).toBe('card-removed');
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'transmit', sw: null, error: 'card-removed' }));
  });

  it('a reader unplugged mid-check: reader-unplugged, and events tell paired clients', async () => {
    const client = await connected();
    const events: string[] = [];
    client.onEvent((event) => events.push(event));
    h.pcsc.unplug();
    expect(errorCode(await transmit(client, SELECT_JPKI))).toBe('reader-unplugged');
    await expect.poll(() => events).toEqual(['card-removed', 'reader-removed']);
    expect(await client.readers()).toEqual([]);
  });
});

describe('availability', () => {
  it('releases (and resets) a card idle too long, and tells its page', async () => {
    await h.bridge.close();
    h = await start({ limits: { idleReleaseMs: 150 } });
    const client = await pairedPage();
    const events: string[] = [];
    client.onEvent((event) => events.push(event));
    await client.request({ type: 'connect', reader: READER });
    await expect.poll(() => events).toContain('card-released');
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'disconnect', reason: 'idle' }));
    // Another page (or a PC/SC tool) gets the card now.
    const other = await pairedPage(OTHER_ORIGIN);
    expect(await other.request({ type: 'connect', reader: READER })).toMatchObject({ type: 'connected' });
  });

  it('closes a socket that does not authenticate in time', async () => {
    await h.bridge.close();
    h = await start({ limits: { handshakeMs: 150 } });
    const client = await raw();
    expect(await client.closed).toBe(4001);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'handshake-timeout' }));
  });

  it('20 unauthenticated sockets neither block pairing nor resuming; the oldest are pushed out past the cap', async () => {
    await h.bridge.close();
    h = await start({ limits: { maxPending: 8, maxClients: 2 } });
    const idle = await Promise.all(Array.from({ length: 20 }, () => raw()));
    const keys = memoryPairingKeyStore();
    const client = await pairedPage(ORIGIN, keys);
    expect(await client.readers()).toHaveLength(1);
    expect(await page(ORIGIN, keys).probe()).toBe('paired');
    const codes = await Promise.all(idle.slice(0, 12).map((c) => c.closed));
    expect(codes.every((code) => code === 1006 || code === 1005)).toBe(true);
    expect(h.logs.filter((l) => l.event === 'evicted').length).toBeGreaterThanOrEqual(12);
  });

  it('serves at most maxClients paired pages at once', async () => {
    await h.bridge.close();
    h = await start({ limits: { maxClients: 2 } });
    const keys = memoryPairingKeyStore();
    await pairedPage(ORIGIN, keys).then((c) => c.readers());
    await page(ORIGIN, keys).readers();
    await expect(page(ORIGIN, keys).readers()).rejects.toMatchObject({ code: 'transport.busy' });
  });
});

describe('robustness', () => {
  it('never crashes on malformed or oversized messages (fuzz, fixed seed)', async () => {
    const victim = await pairedPage();
    await victim.request({ type: 'connect', reader: READER });
    const attacker = await raw();
    const frame = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          v: fc.oneof(fc.constant(BRIDGE_PROTOCOL_VERSION), fc.integer()),
          id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()),
          type: fc.constantFrom(
            'hello',
            'pair-start',
            'pair-finish',
            'resume',
            'list-readers',
            'connect',
            'transmit',
            'disconnect',
            'nope',
            '__proto__',
          ),
          request: fc.oneof(fc.base64String({ maxLength: 200 }), fc.integer()),
          finish: fc.base64String({ maxLength: 120 }),
          sealed: fc.base64String({ maxLength: 120 }),
          pairing: fc.oneof(fc.stringMatching(/^[0-9a-f]{0,40}$/), fc.integer()),
          nonce: fc.base64String({ maxLength: 60 }),
          reader: fc.oneof(fc.constant(READER), fc.string({ maxLength: 250 })),
          apdu: fc.oneof(fc.stringMatching(/^[0-9A-Fa-f]{0,600}$/), fc.array(fc.nat(255))),
        })
        .map((o) => JSON.stringify(o)),
      fc.uint8Array({ maxLength: 400 }),
      fc.uint8Array({ minLength: 4, maxLength: 300 }).map((tail) => Uint8Array.of(2, 1, 0, 0, 0, 9, ...tail)),
      fc.uint8Array({ minLength: 17, maxLength: 300 }).map((tail) => Uint8Array.of(2, 0x5e, ...tail)),
    );
    const frames = fc.sample(frame, { seed: 20261201, numRuns: 400 });
    for (const f of frames) attacker.sendRaw(f);
    // The attacker is still answered (or was cut off), and nothing reached the card.
    const sent = h.pcsc.received.length;
    expect(sent).toBe(0);
    // An oversized frame closes that socket (1009), nothing else.
    const big = await raw();
    big.sendRaw('x'.repeat(MAX_MESSAGE_BYTES + 1));
    expect(await big.closed).toBe(1009);
    // The owner was never disturbed.
    expect(await victim.request({ type: 'transmit', apdu: SELECT_JPKI }, { binary: true })).toMatchObject({
      type: 'response',
    });
  });
});

describe('configuration', () => {
  it.each(['0.0.0.0', '192.168.1.10', '::', 'localhost', 'example.com'])('refuses to bind to %s', async (host) => {
    expect(() => parseBridgeArgs(['--host', host, '--origin', ORIGIN])).toThrow(/127\.0\.0\.1 or ::1/);
    await expect(
      startBridge({
        host,
        port: 0,
        origins: [ORIGIN],
        pcsc: new FakePcsc(),
        store: await PairingStore.open(null),
        pairing: { ...DEFAULT_PAIRING, now: () => 0, onCode: () => undefined },
        log: () => undefined,
      }),
    ).rejects.toThrow(/refusing to listen/);
  });

  it('needs at least one origin, and takes only real origins', () => {
    expect(() => parseBridgeArgs([])).toThrow(/no allowed origin/);
    expect(() => parseBridgeArgs(['--origin', 'https://app.example/path'])).toThrow(/not an origin/);
    expect(
      parseBridgeArgs(['--origin', ORIGIN, '--host', '::1', '--port', '9000', '--pairings', '/tmp/p.json']),
    ).toEqual({
      host: '::1',
      port: 9000,
      origins: [ORIGIN],
      pairingsFile: '/tmp/p.json',
      forgetPairings: false,
    });
    expect(parseBridgeArgs(['--forget-pairings', '--pairings', '/tmp/p.json'])).toMatchObject({
      forgetPairings: true,
    });
    expect(() => parseBridgeArgs(['--origin', ORIGIN, '--idle-release', '0'])).toThrow(/idle release/);
    expect(parseBridgeArgs(['--origin', ORIGIN, '--idle-release', '30'])).toMatchObject({ idleReleaseSeconds: 30 });
  });
});
