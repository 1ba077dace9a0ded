/**
 * A raw WebSocket client for the bridge's tests: sends any frame (valid or not), with any Origin, and collects
 * what comes back, decoded where it is a clear-text message.
 */
import WebSocket from 'ws';
import {
  BRIDGE_PROTOCOL_VERSION,
  decodeBridgeMessage,
  encodeClientMessage,
  type BridgeMessage,
  type ClientHandshake,
  type ClientMessage,
  type WithoutEnvelope,
} from '../../app/readers/pcsc-bridge/protocol';

export class TestClient {
  readonly messages: BridgeMessage[] = [];
  /** Binary frames received (sealed ones stay sealed). */
  readonly frames: Uint8Array[] = [];
  #nextId = 1;
  #waiters: ((message: BridgeMessage) => void)[] = [];
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        this.frames.push(new Uint8Array(data));
        return;
      }
      const decoded = decodeBridgeMessage(data.toString('utf8'));
      if (!decoded.ok) throw new Error(`bridge sent an invalid message: ${decoded.reason}`);
      this.messages.push(decoded.message);
      for (const waiter of this.#waiters) waiter(decoded.message);
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        resolve(code);
      }),
    );
  }

  /** Opens a socket; rejects with the HTTP status when the handshake is refused. */
  static open(port: number, origin: string | null, host = '127.0.0.1'): Promise<TestClient> {
    const socket = new WebSocket(`ws://${host}:${port}/`, origin === null ? {} : { origin });
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        resolve(new TestClient(socket));
      });
      socket.once('unexpected-response', (_req, res) => {
        reject(new Error(`HTTP ${res.statusCode ?? 0}`));
      });
      socket.once('error', reject);
    });
  }

  /** The next clear-text message with `id`. */
  next(id: number): Promise<BridgeMessage> {
    const seen = this.messages.find((m) => m.id === id && m.type !== 'event');
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const waiter = (message: BridgeMessage) => {
        if (message.id !== id || message.type === 'event') return;
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(message);
      };
      this.#waiters.push(waiter);
    });
  }

  /** Sends a message in clear (a handshake, or a request that should have been sealed) and waits for the answer. */
  request(request: WithoutEnvelope<ClientHandshake> | WithoutEnvelope<ClientMessage>): Promise<BridgeMessage> {
    const id = this.#nextId++;
    this.socket.send(encodeClientMessage({ ...request, v: BRIDGE_PROTOCOL_VERSION, id }));
    return this.next(id);
  }

  /** Sends a raw frame. */
  sendRaw(frame: string | Uint8Array): void {
    this.socket.send(frame);
  }

  close(): Promise<number> {
    this.socket.close();
    return this.closed;
  }
}
