/**
 * PC/SC through the npm `smartcard` binding (N-API; pcsc-lite on Linux and macOS, WinSCard on Windows). It is
 * an optional dependency: where it could not be built (no PC/SC headers), `loadSmartcardPcsc` says so clearly
 * instead of crashing.
 */
import { PcscFailure, pcscFailure, type Pcsc, type PcscCard } from './pcsc';
import type { ReaderInfo } from '../app/readers/pcsc-bridge/protocol';

/**
 * The part of the binding used here, typed by hand: the package is optional, so the code must compile where it
 * is not installed (its own types would then be missing).
 */
interface BindingCard {
  readonly atr: Uint8Array | null;
  transmit(command: Uint8Array, options?: { maxRecvLength?: number }): Promise<Uint8Array>;
  getStatus(): { atr: Uint8Array };
  disconnect(disposition?: number): void;
}
interface BindingReader {
  readonly name: string;
  connect(shareMode: number, protocol: number): Promise<BindingCard>;
}
interface Context {
  readonly isValid: boolean;
  listReaders(): BindingReader[];
  waitForChange(
    readers: { name: string; state: number }[],
    timeoutMs: number,
  ): Promise<{ name: string; state: number }[] | null>;
  close(): void;
}
interface Binding {
  readonly Context: new () => Context;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_STATE_UNAWARE: number;
  readonly SCARD_STATE_PRESENT: number;
}

/** A variable specifier, so TypeScript does not look for the optional package's types. */
const BINDING_MODULE = 'smartcard';

/** Largest response of a short APDU: 256 data bytes and SW1 SW2. */
const MAX_RESPONSE = 258;

/**
 * Loads the binding.
 * @throws {Error} with install instructions when the optional dependency is missing or failed to build.
 */
export async function loadSmartcardPcsc(): Promise<Pcsc> {
  let binding: Binding;
  try {
    binding = (await import(BINDING_MODULE)) as Binding;
  } catch (error) {
    throw new Error(
      'The PC/SC binding (npm "smartcard") is not installed or failed to build. On Debian/Ubuntu: ' +
        '`apt-get install libpcsclite-dev pcscd` and run `npm ci` again; on macOS and Windows it builds with ' +
        'the system PC/SC and a C++ toolchain.',
      { cause: error },
    );
  }
  return new SmartcardPcsc(binding);
}

class SmartcardPcsc implements Pcsc {
  #context: Context | null = null;

  constructor(private readonly binding: Binding) {}

  /** A context, created anew after the PC/SC service restarted (the old one is dead then). */
  #ctx(): Context {
    if (this.#context?.isValid) return this.#context;
    try {
      this.#context = new this.binding.Context();
    } catch (error) {
      throw pcscFailure(error);
    }
    return this.#context;
  }

  #reset(): void {
    try {
      this.#context?.close();
    } catch {
      // Already gone with the service.
    }
    this.#context = null;
  }

  async readers(): Promise<readonly ReaderInfo[]> {
    try {
      const ctx = this.#ctx();
      let names: string[];
      try {
        names = ctx.listReaders().map((r) => r.name);
      } catch (error) {
        if (pcscFailure(error).message.match(/no readers/i)) return [];
        throw error;
      }
      if (names.length === 0) return [];
      // UNAWARE current state with no wait: SCardGetStatusChange answers at once with each reader's state.
      const states = await ctx.waitForChange(
        names.map((name) => ({ name, state: this.binding.SCARD_STATE_UNAWARE })),
        0,
      );
      return names.map((name) => {
        const state = states?.find((s) => s.name === name)?.state ?? 0;
        return { name, cardPresent: (state & this.binding.SCARD_STATE_PRESENT) !== 0 };
      });
    } catch (error) {
      const failure = pcscFailure(error);
      if (failure.code === 'reader-unplugged') this.#reset();
      throw failure;
    }
  }

  async connect(readerName: string): Promise<PcscCard> {
    const { binding } = this;
    let card: BindingCard;
    try {
      const reader = this.#ctx()
        .listReaders()
        .find((r) => r.name === readerName);
      if (!reader) throw new PcscFailure('no-reader', 'no such reader');
      card = await reader.connect(binding.SCARD_SHARE_EXCLUSIVE, binding.SCARD_PROTOCOL_T0 | binding.SCARD_PROTOCOL_T1);
    } catch (error) {
      throw pcscFailure(error);
    }
    const atr = new Uint8Array(card.atr ?? card.getStatus().atr);
    return {
      atr,
      transmit: async (apdu) => {
        try {
          return new Uint8Array(await card.transmit(Buffer.from(apdu), { maxRecvLength: MAX_RESPONSE }));
        } catch (error) {
          throw pcscFailure(error);
        }
      },
      alive: () => {
        try {
          // SCardStatus on a handle whose card left or was reset fails (SCARD_W_REMOVED_CARD / _RESET_CARD).
          card.getStatus();
          return true;
        } catch {
          return false;
        }
      },
      disconnect: () => {
        try {
          // Reset, not leave: a verified PIN and the selected application must not outlive this client's check.
          card.disconnect(binding.SCARD_RESET_CARD);
        } catch {
          // The card or reader is already gone: nothing is held.
        }
      },
    };
  }

  close(): void {
    this.#reset();
  }
}
