import { afterEach, describe, expect, it, vi } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import { TransportError } from '../../card/transport';
import { BRIDGE_CLIENT_CONFIG, BridgeConnection, type OpenSocket, type SocketHandlers } from './connection';
import {
  decodeClientMessage,
  encodeBridgeMessage,
  type BridgeMessage,
  type ClientMessage,
  type Frame,
} from './protocol';

const TOKEN = 'a5'.repeat(32);
const READER = 'Virtual PCD 00 00';

type Answer = (message: ClientMessage, binary: boolean) => BridgeMessage | Frame | null;

/** A bridge in memory: each request goes through `answer`; what it returns is sent back as a frame. */
function fakeBridge(answer: Answer, { refuse = false } = {}) {
  const sent: { message: ClientMessage; binary: boolean }[] = [];
  let handlers: SocketHandlers | null = null;
  const open: OpenSocket = (_url, h) => {
    handlers = h;
    queueMicrotask(() => {
      if (refuse) h.onClose();
      else h.onOpen();
    });
    return {
      send: (frame) => {
        const decoded = decodeClientMessage(frame);
        if (!decoded.ok) throw new Error(decoded.reason);
        sent.push({ message: decoded.message, binary: typeof frame !== 'string' });
        const reply = answer(decoded.message, typeof frame !== 'string');
        if (reply === null) return;
        const out =
          typeof reply === 'string' || reply instanceof Uint8Array
            ? reply
            : encodeBridgeMessage(reply, { binary: typeof frame !== 'string' });
        queueMicrotask(() => handlers?.onFrame(out));
      },
      close: () => handlers?.onClose(),
    };
  };
  return { open, sent, push: (frame: Frame) => handlers?.onFrame(frame), drop: () => handlers?.onClose() };
}

/** A well-behaved bridge with one reader and a card that answers 90 00. */
const standard: Answer = (m) => {
  const env = { v: 1 as const, id: m.id };
  switch (m.type) {
    case 'hello':
      return { ...env, type: 'hello', versions: [1] };
    case 'pair':
      return m.code === '123456'
        ? { ...env, type: 'paired', token: TOKEN }
        : { ...env, type: 'error', code: 'pairing-refused', message: '' };
    case 'list-readers':
      return { ...env, type: 'readers', readers: [{ name: READER, cardPresent: true }] };
    case 'connect':
      return { ...env, type: 'connected', reader: m.reader, atr: hex`3B 00` };
    case 'transmit':
      return { ...env, type: 'response', apdu: hex`90 00` };
    case 'disconnect':
      return { ...env, type: 'disconnected' };
  }
};

afterEach(() => {
  vi.useRealTimers();
});

describe('BridgeConnection', () => {
  it('is absent when nothing answers, unpaired when a bridge does, paired after the code', async () => {
    expect(await new BridgeConnection('ws://x', fakeBridge(standard, { refuse: true }).open).probe()).toBe('absent');
    const bridge = fakeBridge(standard);
    const connection = new BridgeConnection('ws://x', bridge.open);
    expect(await connection.probe()).toBe('unpaired');
    await connection.pair('123456');
    expect(await connection.probe()).toBe('paired');
    await connection.readers();
    expect(bridge.sent.at(-1)?.message).toMatchObject({ type: 'list-readers', token: TOKEN });
  });

  it.each([
    ['12345', 'bridge.code-format'],
    ['12345a', 'bridge.code-format'],
    ['654321', 'bridge.pairing-refused'],
  ])('refuses the code %s with %s', async (code, expected) => {
    const connection = new BridgeConnection('ws://x', fakeBridge(standard).open);
    await expect(connection.pair(code)).rejects.toMatchObject({ code: expected });
    expect(connection.paired).toBe(false);
  });

  it('forgets its token when the bridge says unauthorized (it restarted)', async () => {
    const connection = new BridgeConnection(
      'ws://x',
      fakeBridge((m, b) =>
        m.type === 'list-readers'
          ? { v: 1, id: m.id, type: 'error', code: 'unauthorized', message: '' }
          : standard(m, b),
      ).open,
    );
    await connection.pair('123456');
    await expect(connection.readers()).rejects.toMatchObject({ code: 'transport.permission-denied' });
    expect(await connection.probe()).toBe('unpaired');
  });

  it('drops invalid frames; the request then times out', async () => {
    vi.useFakeTimers();
    const connection = new BridgeConnection(
      'ws://x',
      fakeBridge(() => '{"v":1,"id":1,"type":"hello","versions":"x"}').open,
    );
    const probe = connection.request({ type: 'hello' });
    const outcome = expect(probe).rejects.toMatchObject({ code: 'transport.timeout' });
    await vi.advanceTimersByTimeAsync(BRIDGE_CLIENT_CONFIG.requestTimeoutMs + 1);
    await outcome;
  });

  it('fails pending requests as reader-unplugged when the bridge goes away', async () => {
    const bridge = fakeBridge(() => null);
    const connection = new BridgeConnection('ws://x', bridge.open);
    const pending = connection.request({ type: 'hello' });
    await Promise.resolve();
    await Promise.resolve();
    bridge.drop();
    await expect(pending).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
  });
});

describe('PcscBridgeTransport', () => {
  async function paired(answer: Answer = standard) {
    const bridge = fakeBridge(answer);
    const connection = new BridgeConnection('ws://x', bridge.open);
    await connection.pair('123456');
    return { bridge, connection, transport: connection.open(READER) };
  }

  it('connects on the first exchange, sends binary frames, and lets go on close', async () => {
    const { bridge, transport } = await paired();
    expect(transport.info).toMatchObject({ kind: 'pcsc-bridge', name: READER, simulated: false });
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(hex`00 A4 04 0C 02 3F 00`))).toBe('9000');
    expect(toHex(await transport.transmit(hex`00 B0 00 00 00`))).toBe('9000');
    await transport.close();
    expect(bridge.sent.map((s) => [s.message.type, s.binary])).toEqual([
      ['pair', false],
      ['list-readers', false],
      ['connect', false],
      ['transmit', true],
      ['transmit', true],
      ['disconnect', false],
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
  ] as const)('maps the bridge error %s to %s', async (code, expected) => {
    const { transport } = await paired((m, b) =>
      m.type === 'transmit' ? { v: 1, id: m.id, type: 'error', code, message: '' } : standard(m, b),
    );
    const error = await transport.transmit(hex`00 B0 00 00 00`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: expected });
  });

  it('connects again after the card was removed, and reports a reader that left', async () => {
    let removed = true;
    const { bridge, transport } = await paired((m, b) => {
      if (m.type === 'transmit' && removed) {
        removed = false;
        return { v: 1, id: m.id, type: 'error', code: 'card-removed', message: '' };
      }
      if (m.type === 'list-readers') return { v: 1, id: m.id, type: 'readers', readers: [] };
      return standard(m, b);
    });
    await expect(transport.transmit(hex`00 B0 00 00 00`)).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(toHex(await transport.transmit(hex`00 B0 00 00 00`))).toBe('9000');
    expect(bridge.sent.filter((s) => s.message.type === 'connect')).toHaveLength(2);
    await expect(transport.cardPresent()).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
  });

  it('gives up waiting when the check is cancelled', async () => {
    const { transport } = await paired((m, b) => (m.type === 'transmit' ? null : standard(m, b)));
    const controller = new AbortController();
    const pending = transport.transmit(hex`00 B0 00 00 00`, { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 5);
    await expect(pending).rejects.toMatchObject({ code: 'transport.aborted' });
  });
});
