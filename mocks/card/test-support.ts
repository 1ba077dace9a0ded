/**
 * Helpers for tests that talk to the virtual card in hex.
 */
import { fromHex, toHex } from '../../app/card/bytes';
import type { VirtualMyNumberCard } from './virtual-card';

/** Sends a hex command, returns the hex response (lower case, no spaces). */
export async function send(card: VirtualMyNumberCard, command: string): Promise<string> {
  return toHex(await card.transmit(fromHex(command)));
}

/** The status word of a hex response. */
export const swOf = (response: string): string => response.slice(-4);

/** Hex of ASCII text, for PIN and 照合番号B commands. */
export const asciiHex = (text: string): string => toHex(new TextEncoder().encode(text));

/** `00 20 00 80 Lc <secret>`: VERIFY of the selected credential. */
export const verifyCommand = (secret: string): string =>
  `00 20 00 80 ${secret.length.toString(16).padStart(2, '0')} ${asciiHex(secret)}`;
