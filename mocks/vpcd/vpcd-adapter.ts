/**
 * Connects a virtual card to vsmartcard's virtual PC/SC reader (vpcd, loaded by pcscd), so every PC/SC
 * program on the machine sees it as a card in the reader "Virtual PCD". vpcd listens on TCP (35963 by
 * default); the card side connects to it, answers ATR requests and APDUs, and reconnects if vpcd restarts.
 */
import { connect, type Socket } from 'node:net';
import type { VirtualMyNumberCard } from '../card/virtual-card';
import { encodeVpcdFrame, VPCD_CONTROL, VpcdFrameReader } from './vpcd-framing';

export const VPCD_DEFAULT_PORT = 35963;
/** Wait between connection attempts while vpcd is not listening, milliseconds. */
const RECONNECT_DELAY_MS = 500;

export interface VpcdAdapterOptions {
  readonly host?: string;
  readonly port?: number;
  /** Waits this long before each answer, milliseconds: lets tests take the card away in the middle of a read. */
  readonly delayMs?: number;
  /** Told about each exchange (header and status word only) and about connection changes. */
  readonly onEvent?: (event: VpcdEvent) => void;
}

export type VpcdEvent =
  | { readonly kind: 'connected' }
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'control'; readonly control: keyof typeof VPCD_CONTROL }
  | { readonly kind: 'apdu'; readonly header: Uint8Array; readonly sw: number; readonly durationMs: number };

export class VpcdAdapter {
  #socket: Socket | null = null;
  #stopped = false;
  #queue: Promise<void> = Promise.resolve();
  readonly #host: string;
  readonly #port: number;

  constructor(
    readonly card: VirtualMyNumberCard,
    private readonly options: VpcdAdapterOptions = {},
  ) {
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? VPCD_DEFAULT_PORT;
  }

  /** Connects, and keeps reconnecting until {@link stop}. Resolves once the first connection is up. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      const attempt = () => {
        if (this.#stopped) return;
        const socket = connect({ host: this.#host, port: this.#port });
        const reader = new VpcdFrameReader();
        socket.setNoDelay(true);
        socket.on('connect', () => {
          this.#socket = socket;
          this.options.onEvent?.({ kind: 'connected' });
          resolve();
        });
        socket.on('data', (chunk: Buffer) => {
          for (const frame of reader.push(new Uint8Array(chunk))) {
            // Answer strictly in order: vpcd waits for each reply before the next request.
            this.#queue = this.#queue.then(() => this.#handle(socket, frame));
          }
        });
        socket.on('error', () => undefined); // 'close' follows and retries
        socket.on('close', () => {
          if (this.#socket === socket) {
            this.#socket = null;
            this.options.onEvent?.({ kind: 'disconnected' });
          }
          if (!this.#stopped) setTimeout(attempt, RECONNECT_DELAY_MS);
        });
      };
      attempt();
    });
  }

  /** Disconnects: to PC/SC the card leaves the reader. */
  stop(): void {
    this.#stopped = true;
    this.#socket?.destroy();
    this.#socket = null;
  }

  async #handle(socket: Socket, frame: Uint8Array): Promise<void> {
    if (frame.length === 1) {
      const control = frame[0];
      const name = (Object.keys(VPCD_CONTROL) as (keyof typeof VPCD_CONTROL)[]).find(
        (k) => VPCD_CONTROL[k] === control,
      );
      if (name) this.options.onEvent?.({ kind: 'control', control: name });
      if (control === VPCD_CONTROL.getAtr) socket.write(encodeVpcdFrame(this.card.atr));
      else this.card.reset(); // power off, power on and reset all start the card afresh
      return;
    }
    const started = performance.now();
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    const response = await this.card.transmit(frame);
    socket.write(encodeVpcdFrame(response));
    const sw = (response[response.length - 2]! << 8) | response[response.length - 1]!;
    this.options.onEvent?.({ kind: 'apdu', header: frame.slice(0, 4), sw, durationMs: performance.now() - started });
  }
}
