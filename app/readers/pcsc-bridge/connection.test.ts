import { afterEach, describe, expect, it, vi } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import { TransportError } from '../../card/transport';
import { newStaticKey } from './channel';
import { BRIDGE_CLIENT_CONFIG, BridgeConnection, type OpenSocket, type SocketHandlers } from './connection';
import { memoryPairingKeyStore, type PairingKeyStore } from './pairing-keys';
import {
  decodeClientMessage,
  encodeBridgeMessage,
  type BridgeAnswer,
  type BridgeEventKind,
  type BridgeMessage,
  type ClientMessage,
  type ClientRequest,
  type Frame,
} from './protocol';
import { PcscBridgeTransport, type BridgeCalls } from './transport';

const URL = 'ws://127.0.0.1:47801/';
const ORIGIN = 'https://age-check.example';
const READER = 'Virtual PCD 00 00';

type Answer = (message: ClientMessage) => BridgeMessage | Frame | null;

/** Something on the bridge's port, in memory: each clear-text message goes through `answer`. */
function fakePeer(answer: Answer, { refuse = false } = {}) {
  const sent: Frame[] = [];
  let handlers: SocketHandlers | null = null;
  const open: OpenSocket = (_url, h) => {
    handlers = h;
    queueMicrotask(() => {
      if (refuse) h.onClose();
      else h.onOpen();
    });
    return {
      send: (frame) => {
        sent.push(frame);
        const decoded = decodeClientMessage(frame);
        if (!decoded.ok || typeof frame !== 'string') return;
        const reply = answer(decoded.message);
        if (reply === null) return;
        const out = typeof reply === 'string' || reply instanceof Uint8Array ? reply : encodeBridgeMessage(reply);
        queueMicrotask(() => handlers?.onFrame(out));
      },
      close: () => handlers?.onClose(),
    };
  };
  return { open, sent, drop: () => handlers?.onClose() };
}

const hello: Answer = (m) => (m.type === 'hello' ? { v: 2, id: m.id, type: 'hello', versions: [2] } : null);

function connection(peer: ReturnType<typeof fakePeer>, keys: PairingKeyStore = memoryPairingKeyStore()) {
  return new BridgeConnection(URL, {
    openSocket: peer.open,
    keys,
    origin: ORIGIN,
    loadOpaque: () => Promise.reject(new Error('not in these tests')),
  });
}

/** A stored pairing, as if this page had paired with some bridge. */
async function storedPairing(): Promise<PairingKeyStore> {
  const keys = memoryPairingKeyStore();
  await keys.save(URL, {
    pairingId: 'ab'.repeat(16),
    pageKey: (await newStaticKey(false)).privateKey,
    bridgeKey: (await newStaticKey(true)).publicKey,
  });
  return keys;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('BridgeConnection', () => {
  it('is absent when nothing answers, unpaired when a bridge answers and nothing is stored', async () => {
    expect(await connection(fakePeer(hello, { refuse: true })).probe()).toBe('absent');
    const peer = fakePeer(hello);
    expect(await connection(peer).probe()).toBe('unpaired');
    expect(peer.sent).toHaveLength(1);
  });

  it.each(['12345', '12345a', ' 1234567'])('refuses the code %j before sending anything', async (code) => {
    const peer = fakePeer(hello);
    await expect(connection(peer).pair(code)).rejects.toMatchObject({ code: 'bridge.code-format' });
    expect(peer.sent).toEqual([]);
  });

  it('a program on the port that cannot make the paired bridge’s proof is untrusted, and hears nothing more', async () => {
    const peer = fakePeer((m) => {
      if (m.type === 'resume') {
        // Whatever a squatter sends: it does not hold the bridge's key, so its frame cannot open.
        return {
          v: 2,
          id: m.id,
          type: 'resumed',
          nonce: new Uint8Array(32),
          proof: hex`02 5E 00 00 00 00 00 00 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10`,
        };
      }
      return hello(m);
    });
    const keys = await storedPairing();
    const client = connection(peer, keys);
    expect(await client.probe()).toBe('untrusted');
    await expect(client.readers()).rejects.toMatchObject({ code: 'transport.permission-denied' });
    // hello, resume, and on the second try another resume: never a card request, never anything sealed.
    expect(peer.sent.every((f) => typeof f === 'string')).toBe(true);
    expect(peer.sent.map((f) => (JSON.parse(f as string) as { type: string }).type)).toEqual([
      'hello',
      'resume',
      'resume',
    ]);
    // The pairing is kept: the real bridge may come back.
    expect(await keys.load(URL)).not.toBeNull();
  });

  it('drops its pairing when the bridge no longer knows it (forgotten): unpaired', async () => {
    const peer = fakePeer((m) =>
      m.type === 'resume' ? { v: 2, id: m.id, type: 'error', code: 'unknown-pairing', message: '' } : hello(m),
    );
    const keys = await storedPairing();
    expect(await connection(peer, keys).probe()).toBe('unpaired');
    expect(await keys.load(URL)).toBeNull();
  });

  it('drops invalid frames and answers in clear to card requests; the probe then times out', async () => {
    vi.useFakeTimers();
    const peer = fakePeer((m) => {
      if (m.type === 'hello') return '{"v":2,"id":1,"type":"hello","versions":"x"}';
      return null;
    });
    const probe = connection(peer).probe();
    await vi.advanceTimersByTimeAsync(BRIDGE_CLIENT_CONFIG.requestTimeoutMs + 1);
    expect(await probe).toBe('absent');
  });

  it('fails a pending handshake as absent when the bridge goes away', async () => {
    const peer = fakePeer(() => null);
    const client = connection(peer);
    const probe = client.probe();
    await Promise.resolve();
    await Promise.resolve();
    peer.drop();
    expect(await probe).toBe('absent');
  });
});

/** The bridge connection as the transport sees it, scripted. */
function scripted(answer: (request: ClientRequest) => BridgeAnswer | null) {
  const requests: { type: string; binary: boolean }[] = [];
  const listeners = new Set<(event: BridgeEventKind, reader: string) => void>();
  const request = (r: ClientRequest, options?: { signal?: AbortSignal; binary?: boolean }) => {
    requests.push({ type: r.type, binary: options?.binary ?? false });
    const reply = answer(r);
    if (reply === null) {
      return new Promise<BridgeAnswer>((_resolve, reject) => {
        options?.signal?.addEventListener('abort', () => {
          reject(new TransportError('transport.aborted', 'cancelled'));
        });
      });
    }
    return Promise.resolve(reply);
  };
  const calls: BridgeCalls = {
    request,
    call: async (r, options) => {
      const reply = await request(r, options);
      if (reply.type === 'error') throw new TransportError('transport.card-removed', reply.code);
      return reply;
    },
    readers: () => Promise.resolve([{ name: READER, cardPresent: answer({ type: 'list-readers' }) !== null }]),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    calls,
    requests,
    emit: (event: BridgeEventKind) => {
      for (const l of listeners) l(event, READER);
    },
  };
}

const ok = (r: ClientRequest): BridgeAnswer => {
  if (r.type === 'connect') return { v: 2, id: 1, type: 'connected', reader: READER, atr: hex`3B 00` };
  if (r.type === 'disconnect') return { v: 2, id: 1, type: 'disconnected' };
  if (r.type === 'list-readers') return { v: 2, id: 1, type: 'readers', readers: [] };
  return { v: 2, id: 1, type: 'response', apdu: hex`90 00` };
};

describe('PcscBridgeTransport', () => {
  it('connects on the first exchange, sends binary frames, and lets go on close', async () => {
    const bridge = scripted(ok);
    const transport = new PcscBridgeTransport(bridge.calls, READER);
    expect(transport.info).toMatchObject({ kind: 'pcsc-bridge', name: READER, simulated: false });
    expect(toHex(await transport.transmit(hex`00 A4 04 0C 02 3F 00`))).toBe('9000');
    expect(toHex(await transport.transmit(hex`00 B0 00 00 00`))).toBe('9000');
    await transport.close();
    expect(bridge.requests).toEqual([
      { type: 'connect', binary: false },
      { type: 'transmit', binary: true },
      { type: 'transmit', binary: true },
      { type: 'disconnect', binary: false },
    ]);
  });

  it.each([
    ['busy', 'transport.busy'],
    ['card-removed', 'transport.card-removed'],
    ['no-card', 'transport.no-card'],
    ['reader-unplugged', 'transport.reader-unplugged'],
    ['timeout', 'transport.timeout'],
    ['bad-request', 'transport.protocol'],
    ['unauthorized', 'transport.permission-denied'],
    ['policy-refused', 'transport.permission-denied'],
    ['capacity', 'transport.busy'],
  ] as const)('maps the bridge error %s to %s', async (code, expected) => {
    const bridge = scripted((r) => (r.type === 'transmit' ? { v: 2, id: 1, type: 'error', code, message: '' } : ok(r)));
    const error = await new PcscBridgeTransport(bridge.calls, READER)
      .transmit(hex`00 B0 00 00 00`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: expected });
  });

  it('the next customer: after the card left or was released, the next exchange connects again', async () => {
    const bridge = scripted(ok);
    const transport = new PcscBridgeTransport(bridge.calls, READER);
    await transport.transmit(hex`00 A4 04 0C 02 3F 00`);
    bridge.emit('card-removed');
    await transport.transmit(hex`00 A4 04 0C 02 3F 00`);
    bridge.emit('card-released');
    await transport.transmit(hex`00 A4 04 0C 02 3F 00`);
    expect(bridge.requests.filter((r) => r.type === 'connect')).toHaveLength(3);
  });

  it('a SELECT of an application that the bridge did not send (not connected) opens a fresh session, once', async () => {
    let held = true;
    const bridge = scripted((r) => {
      if (r.type === 'connect') held = true;
      if (r.type === 'transmit' && !held) return { v: 2, id: 1, type: 'error', code: 'not-connected', message: '' };
      return ok(r);
    });
    const transport = new PcscBridgeTransport(bridge.calls, READER);
    await transport.transmit(hex`00 B0 00 00 00`);
    held = false; // the bridge let go without this page seeing an event
    expect(toHex(await transport.transmit(hex`00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01`))).toBe('9000');
    expect(bridge.requests.map((r) => r.type)).toEqual(['connect', 'transmit', 'transmit', 'connect', 'transmit']);
    // Any other command fails: the card state it relied on is gone.
    held = false;
    await expect(transport.transmit(hex`00 B0 00 00 00`)).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(bridge.requests.map((r) => r.type).slice(5)).toEqual(['transmit']);
  });

  it('gives up waiting when the check is cancelled', async () => {
    const bridge = scripted((r) => (r.type === 'transmit' ? null : ok(r)));
    const controller = new AbortController();
    const pending = new PcscBridgeTransport(bridge.calls, READER).transmit(hex`00 B0 00 00 00`, {
      signal: controller.signal,
    });
    setTimeout(() => {
      controller.abort();
    }, 5);
    await expect(pending).rejects.toMatchObject({ code: 'transport.aborted' });
  });
});
