import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hex, toHex } from '../app/card/bytes';
import { BRIDGE_PROTOCOL_VERSION, MAX_MESSAGE_BYTES, type BridgeMessage } from '../app/readers/pcsc-bridge/protocol';
import { parseBridgeArgs } from './config';
import type { LogEvent } from './log';
import { DEFAULT_PAIRING, Pairing } from './pairing';
import { startBridge, type RunningBridge } from './server';
import { FakePcsc } from './testing/fake-pcsc';
import { TestClient } from './testing/test-client';

const ORIGIN = 'http://127.0.0.1:5173';
const READER = 'Fake Reader 00';
/** VERIFY of the JPKI signature PIN "1234": its data must never reach the log. */
const VERIFY = hex`00 20 00 80 04 31 32 33 34`;

interface Harness {
  bridge: RunningBridge;
  pcsc: FakePcsc;
  logs: LogEvent[];
  codes: string[];
  clock: { now: number };
  clients: TestClient[];
}

let h: Harness;

async function start(pollMs = 20): Promise<Harness> {
  const pcsc = new FakePcsc();
  const logs: LogEvent[] = [];
  const codes: string[] = [];
  const clock = { now: 1_000_000 };
  const pairing = new Pairing({ ...DEFAULT_PAIRING, now: () => clock.now, onCode: (code) => codes.push(code) });
  const bridge = await startBridge({
    host: '127.0.0.1',
    port: 0,
    origins: [ORIGIN],
    pcsc,
    pairing,
    log: (entry) => logs.push(entry),
    pollMs,
  });
  return { bridge, pcsc, logs, codes, clock, clients: [] };
}

async function open(origin: string | null = ORIGIN): Promise<TestClient> {
  const client = await TestClient.open(h.bridge.port, origin);
  h.clients.push(client);
  return client;
}

async function paired(): Promise<{ client: TestClient; token: string }> {
  const client = await open();
  const answer = await client.request({ type: 'pair', code: h.codes.at(-1)! });
  if (answer.type !== 'paired') throw new Error(`not paired: ${JSON.stringify(answer)}`);
  return { client, token: answer.token };
}

function errorCode(message: BridgeMessage): string {
  return message.type === 'error' ? message.code : `not an error: ${message.type}`;
}

beforeEach(async () => {
  h = await start();
});

afterEach(async () => {
  for (const client of h.clients) client.socket.terminate();
  await h.bridge.close();
});

describe('handshake', () => {
  it('answers hello from an allowed origin', async () => {
    const client = await open();
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

describe('pairing and tokens', () => {
  it('pairs with the printed code, and the token then opens the reader list', async () => {
    const { client, token } = await paired();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(await client.request({ type: 'list-readers', token })).toMatchObject({
      type: 'readers',
      readers: [{ name: READER, cardPresent: true }],
    });
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'paired' }));
    expect(JSON.stringify(h.logs)).not.toContain(token);
  });

  it('refuses a replayed pairing code', async () => {
    const code = h.codes.at(-1)!;
    const first = await open();
    expect((await first.request({ type: 'pair', code })).type).toBe('paired');
    const second = await open();
    expect(errorCode(await second.request({ type: 'pair', code }))).toBe('pairing-refused');
    expect(h.codes).toHaveLength(2); // a fresh code was printed for the next page
  });

  it('refuses requests without a token, or with a wrong one, and logs it', async () => {
    const client = await open();
    client.sendRaw(JSON.stringify({ v: 1, id: 7, type: 'list-readers' }));
    expect(errorCode(await client.next(7))).toBe('bad-request');
    const wrong = 'ab'.repeat(32);
    expect(errorCode(await client.request({ type: 'list-readers', token: wrong }))).toBe('unauthorized');
    expect(errorCode(await client.request({ type: 'connect', token: wrong, reader: READER }))).toBe('unauthorized');
    expect(errorCode(await client.request({ type: 'transmit', token: wrong, apdu: VERIFY }, true))).toBe(
      'unauthorized',
    );
    expect(h.pcsc.received).toHaveLength(0);
    expect(h.logs.filter((l) => l.event === 'refused' && l.code === 'unauthorized')).toHaveLength(3);
  });

  it('locks pairing after five wrong codes, then prints a new code once the lock is over', async () => {
    const client = await open();
    const right = h.codes.at(-1)!;
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i += 1)
      expect(errorCode(await client.request({ type: 'pair', code: wrong }))).toBe('pairing-refused');
    expect(errorCode(await client.request({ type: 'pair', code: right }))).toBe('pairing-locked');
    h.clock.now += DEFAULT_PAIRING.lockoutMs + 1;
    expect(errorCode(await client.request({ type: 'pair', code: right }))).toBe('pairing-locked');
    expect(h.codes).toHaveLength(2);
    expect((await client.request({ type: 'pair', code: h.codes.at(-1)! })).type).toBe('paired');
  });

  it('lets a code expire, and prints a new one', async () => {
    const client = await open();
    h.clock.now += DEFAULT_PAIRING.codeTtlMs + 1;
    expect(errorCode(await client.request({ type: 'pair', code: h.codes.at(-1)! }))).toBe('pairing-expired');
    expect((await client.request({ type: 'pair', code: h.codes.at(-1)! })).type).toBe('paired');
  });
});

describe('card access', () => {
  it('connects, transmits in hex and in binary frames, and logs headers only', async () => {
    const { client, token } = await paired();
    expect(await client.request({ type: 'connect', token, reader: READER })).toMatchObject({ type: 'connected' });
    expect(await client.request({ type: 'transmit', token, apdu: VERIFY })).toMatchObject({ type: 'response' });
    const binary = await client.request({ type: 'transmit', token, apdu: hex`00 A4 04 0C 02 3F 00` }, true);
    expect(binary.type === 'response' && toHex(binary.apdu)).toBe('9000');
    expect(h.pcsc.received.map(toHex)).toEqual([toHex(VERIFY), '00a4040c023f00']);
    const log = JSON.stringify(h.logs);
    expect(log).toContain('"header":"00200080"');
    expect(log).not.toContain('31323334');
    expect(log).not.toContain('3f00');
    expect(await client.request({ type: 'disconnect', token })).toMatchObject({ type: 'disconnected' });
    expect(errorCode(await client.request({ type: 'transmit', token, apdu: VERIFY }))).toBe('not-connected');
  });

  it('refuses a second client while a check runs, and serves it once the first has let go', async () => {
    const first = await paired();
    const second = await paired();
    await first.client.request({ type: 'connect', token: first.token, reader: READER });
    expect(errorCode(await second.client.request({ type: 'connect', token: second.token, reader: READER }))).toBe(
      'busy',
    );
    expect(errorCode(await second.client.request({ type: 'transmit', token: second.token, apdu: VERIFY }))).toBe(
      'not-connected',
    );
    await first.client.close();
    await expect
      .poll(async () => (await second.client.request({ type: 'connect', token: second.token, reader: READER })).type)
      .toBe('connected');
  });

  it('a card removed mid-check: card-removed, the connection ends, and the bridge keeps serving', async () => {
    const { client, token } = await paired();
    await client.request({ type: 'connect', token, reader: READER });
    h.pcsc.respond = () => {
      h.pcsc.removeCard();
      return hex`90 00`;
    };
    expect(errorCode(await client.request({ type: 'transmit', token, apdu: hex`00 B0 00 00 00` }))).toBe(
      'card-removed',
    );
    expect(errorCode(await client.request({ type: 'transmit', token, apdu: hex`00 B0 00 00 00` }))).toBe(
      'not-connected',
    );
    expect(errorCode(await client.request({ type: 'connect', token, reader: READER }))).toBe('no-card');
    h.pcsc.respond = () => hex`90 00`;
    h.pcsc.insertCard();
    expect((await client.request({ type: 'connect', token, reader: READER })).type).toBe('connected');
  });

  it('an exchange that breaks without a status word, as vpcd does when the card vanishes: card-removed', async () => {
    const { client, token } = await paired();
    await client.request({ type: 'connect', token, reader: READER });
    h.pcsc.respond = () => {
      h.pcsc.vanishCard();
      return new Uint8Array(0);
    };
    expect(errorCode(await client.request({ type: 'transmit', token, apdu: hex`00 B0 00 00 00` }))).toBe(
      'card-removed',
    );
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'transmit', sw: null, error: 'card-removed' }));
  });

  it('a reader unplugged mid-check: reader-unplugged, and events tell paired clients', async () => {
    const { client, token } = await paired();
    await client.request({ type: 'connect', token, reader: READER });
    h.pcsc.unplug();
    expect(errorCode(await client.request({ type: 'transmit', token, apdu: hex`00 B0 00 00 00` }))).toBe(
      'reader-unplugged',
    );
    await expect
      .poll(() => client.messages.flatMap((m) => (m.type === 'event' ? [m.event] : [])))
      .toEqual(['card-removed', 'reader-removed']); // earlier events went out before this client paired
    expect((await client.request({ type: 'list-readers', token })).type).toBe('readers');
  });
});

describe('robustness', () => {
  it('never crashes on malformed or oversized messages (fuzz, fixed seed)', async () => {
    const { client: victim, token } = await paired();
    await victim.request({ type: 'connect', token, reader: READER });
    const attacker = await open();
    const frame = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          v: fc.oneof(fc.constant(1), fc.integer()),
          id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()),
          type: fc.constantFrom(
            'hello',
            'pair',
            'list-readers',
            'connect',
            'transmit',
            'disconnect',
            'nope',
            '__proto__',
          ),
          token: fc.oneof(fc.constant(token), fc.stringMatching(/^[0-9a-f]{0,70}$/), fc.integer()),
          code: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
          reader: fc.oneof(fc.constant(READER), fc.string({ maxLength: 250 })),
          apdu: fc.oneof(fc.stringMatching(/^[0-9A-Fa-f]{0,600}$/), fc.array(fc.nat(255))),
        })
        .map((o) => JSON.stringify(o)),
      fc.uint8Array({ maxLength: 400 }),
      fc.uint8Array({ minLength: 4, maxLength: 300 }).map((tail) => Uint8Array.of(1, 1, 0, 0, 0, 9, ...tail)),
    );
    const frames = fc.sample(frame, { seed: 20261126, numRuns: 400 });
    for (const f of frames) attacker.sendRaw(f);
    // The attacker learns nothing it could use, and every frame got a typed answer (or none, for binary junk).
    const answered = await attacker.request({ type: 'hello' });
    expect(answered.type).toBe('hello');
    expect(h.codes.length).toBeLessThanOrEqual(2); // it cannot have paired by luck more than once in 400 tries
    // An oversized frame closes that socket (1009), nothing else.
    const big = await open();
    big.sendRaw('x'.repeat(MAX_MESSAGE_BYTES + 1));
    expect(await big.closed).toBe(1009);
    // The owner was never disturbed.
    expect(await victim.request({ type: 'transmit', token, apdu: hex`00 B0 00 00 00` })).toMatchObject({
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
        pairing: new Pairing({ ...DEFAULT_PAIRING, now: () => 0, onCode: () => undefined }),
        log: () => undefined,
      }),
    ).rejects.toThrow(/refusing to listen/);
  });

  it('needs at least one origin, and takes only real origins', () => {
    expect(() => parseBridgeArgs([])).toThrow(/no allowed origin/);
    expect(() => parseBridgeArgs(['--origin', 'https://app.example/path'])).toThrow(/not an origin/);
    expect(parseBridgeArgs(['--origin', ORIGIN, '--host', '::1', '--port', '9000'])).toEqual({
      host: '::1',
      port: 9000,
      origins: [ORIGIN],
    });
  });
});
