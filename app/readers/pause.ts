/**
 * Waiting a fixed time inside a driver: RF guard times that the reader or the card needs (field off long
 * enough to reset a card, a field settling after it is switched on).
 */
import { throwIfAborted } from '../card/transport';

/**
 * Resolves after `ms` milliseconds.
 * @throws {TransportError} `transport.aborted` when `signal` was aborted meanwhile.
 */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => {
    throwIfAborted(signal);
  });
}
