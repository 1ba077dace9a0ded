/**
 * The chip's challenge command `80 2A 00 00` (see `CHIP_CHALLENGE`), shared by the support and surface APs:
 * the selected application signs our DigestInfo with its own key, no credential needed.
 */
import { encodeCommand } from '../apdu';
import { CardError, checkSw } from '../card-errors';
import { SIGNATURE_LENGTH } from '../mynumber/chip-layout';
import { CHIP_CHALLENGE } from '../mynumber/ids';
import type { CardTransport, TransmitOptions } from '../transport';

/**
 * Asks the selected application to sign `digestInfo`.
 * @throws {CardError} `card.parse` when the answer is not a 256-byte signature; `card.status` for a refusal.
 */
export async function signChallenge(
  transport: CardTransport,
  digestInfo: Uint8Array,
  options?: TransmitOptions,
): Promise<Uint8Array> {
  const command = encodeCommand({ ...CHIP_CHALLENGE, data: digestInfo, le: 256 });
  const answer = checkSw(await transport.transmit(command, options));
  if (answer.length !== SIGNATURE_LENGTH) throw new CardError('card.parse', 'the chip returned no RSA-2048 signature');
  return answer.slice();
}
