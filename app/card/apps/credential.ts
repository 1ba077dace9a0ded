/**
 * VERIFY without ever locking a card (card-protocol.md §2): the tries left are read with an empty VERIFY
 * before each attempt, an attempt is refused below a floor, nothing is ever retried, and the secret's bytes
 * are wiped once sent.
 */
import { encodeCommand, INS } from '../apdu';
import { wipe } from '../bytes';
import { CardError, checkSw } from '../card-errors';
import { SW, triesLeftOf } from '../status-words';
import { TransportError, type CardTransport, type TransmitOptions } from '../transport';

const swOf = (response: Uint8Array) =>
  ((response[response.length - 2] ?? 0) << 8) | (response[response.length - 1] ?? 0);

const verifyCommand = (data: Uint8Array) => encodeCommand({ cla: 0x00, ins: INS.verify, p1: 0x00, p2: 0x80, data });

/**
 * Tries left on the credential EF currently selected: an empty VERIFY, which spends nothing.
 * @throws {CardError} `card.status` when the card does not answer 63 Cx (or 69 84, which means 0).
 */
export async function readTriesLeft(transport: CardTransport, options?: TransmitOptions): Promise<number> {
  const sw = swOf(await transport.transmit(verifyCommand(new Uint8Array(0)), options));
  if (sw === SW.pinBlocked) return 0;
  const tries = triesLeftOf(sw);
  if (tries === null) throw new CardError('card.status', 'the card did not report the tries left', { sw });
  return tries;
}

/**
 * One VERIFY of the selected credential with `secret`, which is wiped afterwards whatever happens. The command
 * is sent exactly once (the transport never corrects or resends it). An answer other than 90 00, 63 Cx or
 * 69 84 (e.g. 6C xx, 61 xx) is odd: the tries left are read again with an empty VERIFY, which spends nothing,
 * and the check ends.
 * @param triesLeft the count read by {@link readTriesLeft} just before, in the same session
 * @param floor the fewest tries left at which an attempt is still allowed
 * @throws {CardError} `card.pin-too-few-tries` (nothing sent), `card.pin-rejected` with the tries left,
 *   `card.pin-blocked`, `card.verify-odd-status` with the status word and the tries left re-read,
 *   `card.verify-unanswered` when the transport failed with the command out (its fate unknown).
 */
export async function verifyOnce(
  transport: CardTransport,
  secret: Uint8Array,
  triesLeft: number | null,
  floor: number,
  options?: TransmitOptions,
): Promise<void> {
  let response: Uint8Array;
  try {
    if (triesLeft === null || triesLeft < floor) {
      throw new CardError('card.pin-too-few-tries', 'too few tries left to risk an attempt', {
        triesLeft: triesLeft ?? 0,
      });
    }
    response = await transport.transmit(verifyCommand(secret), options);
  } catch (error) {
    // The secret may have reached the card: a failure the app offers to "try again" would send it twice. A
    // cancel stays a cancel (the person ended the check; nothing is offered again by itself).
    if (error instanceof TransportError && error.code !== 'transport.aborted') {
      throw new CardError('card.verify-unanswered', `the answer to VERIFY was lost: ${error.code}`);
    }
    throw error;
  } finally {
    wipe(secret);
  }
  const sw = swOf(response);
  if (sw === SW.ok || sw === SW.pinBlocked || triesLeftOf(sw) !== null) {
    checkSw(response);
    return;
  }
  let triesAfter: number | undefined;
  try {
    triesAfter = await readTriesLeft(transport, options);
  } catch {
    // The count could not be read again: the error below says so by leaving it out.
  }
  throw new CardError('card.verify-odd-status', `the card answered VERIFY with ${sw.toString(16)}`, {
    sw,
    ...(triesAfter === undefined ? {} : { triesLeft: triesAfter }),
  });
}
