/**
 * A raw WebSocket client for the bridge's tests: sends any frame (valid or not), with any Origin, and waits
 * for the answer to a request id.
 */
import WebSocket from 'ws';
import {
  BRIDGE_PROTOCOL_VERSION,
  decodeBridgeMessage,
  encodeClientMessage,
  type BridgeMessage,
  type ClientMessage,
} from '../../app/readers/pcsc-bridge/protocol';

type Request = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'v' | 'id'> : never) : never;

export class TestClient {
  readonly messages: BridgeMessage[] = [];
  #nextId = 1;
  #waiters: ((message: BridgeMessage) => void)[] = [];
  closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      const decoded = decodeBridgeMessage(isBinary ? new Uint8Array(data) : data.toString('utf8'));
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

  /** The next message with `id`. */
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

  /** Sends a request and waits for its answer. */
  request(request: Request, binary = false): Promise<BridgeMessage> {
    const id = this.#nextId++;
    this.socket.send(encodeClientMessage({ ...request, v: BRIDGE_PROTOCOL_VERSION, id }, { binary }));
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
