/**
 * What the reader trace keeps of a command or response APDU: the header (CLA INS P1 P2), the lengths, the
 * status word. Never the data; for a command carrying a secret not even its length.
 */
import { carriesSecret } from '../../card/apdu';
import { toHex } from '../../card/bytes';

const hexOf = (bytes: Uint8Array) =>
  toHex(bytes)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

/** A command APDU, header and lengths only. */
export function summarizeCommand(apdu: Uint8Array): { summary: string; secret: boolean } {
  if (apdu.length < 4) return { summary: `command shorter than a header (${apdu.length} B)`, secret: false };
  const header = hexOf(apdu.subarray(0, 4));
  if (carriesSecret(apdu)) return { summary: `${header} with a secret (data and length hidden)`, secret: true };
  if (apdu.length === 4) return { summary: header, secret: false };
  if (apdu.length === 5) return { summary: `${header} Le ${apdu[4] || 256}`, secret: false };
  const lc = apdu[4]!;
  const le = apdu.length === 5 + lc + 1 ? ` Le ${apdu[5 + lc] || 256}` : '';
  return { summary: `${header} Lc ${lc}${le}`, secret: false };
}

/** A response APDU: status word and data length. */
export function summarizeResponse(response: Uint8Array): string {
  if (response.length < 2) return `response without status word (${response.length} B)`;
  return `SW ${hexOf(response.subarray(-2))}, ${response.length - 2} B data`;
}
