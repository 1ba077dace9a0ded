/**
 * SELECT by DF name and by file id (card-protocol.md §1), refusing the My-Number-bearing files, and any file
 * the card policy (`mynumber/card-policy.ts`, which the PC/SC bridge enforces too) does not list, before any
 * byte is sent.
 */
import { encodeCommand, INS } from '../apdu';
import { u16be } from '../bytes';
import { CardError, checkSw } from '../card-errors';
import { isSelectable } from '../mynumber/card-policy';
import { AID, isForbiddenFile, type ApplicationName } from '../mynumber/ids';
import type { CardTransport, TransmitOptions } from '../transport';

const NO_RESPONSE = 0x0c;

/** Selects an application by its DF name; this also ends the previous DF's security state. */
export async function selectApplication(
  transport: CardTransport,
  app: ApplicationName,
  options?: TransmitOptions,
): Promise<void> {
  checkSw(
    await transport.transmit(
      encodeCommand({ cla: 0x00, ins: INS.select, p1: 0x04, p2: NO_RESPONSE, data: AID[app] }),
      options,
    ),
  );
}

/**
 * Selects an EF of the current application.
 * @throws {CardError} `card.forbidden` for a file or credential that holds the My Number, or that the card
 *   policy does not list.
 */
export async function selectFile(
  transport: CardTransport,
  app: ApplicationName,
  fid: number,
  options?: TransmitOptions,
): Promise<void> {
  if (isForbiddenFile(app, fid)) {
    throw new CardError('card.forbidden', `refusing to select ${app} EF ${fid.toString(16)}: it holds the My Number`);
  }
  if (!isSelectable(app, fid)) {
    throw new CardError('card.forbidden', `refusing to select ${app} EF ${fid.toString(16)}: not in the card policy`);
  }
  checkSw(
    await transport.transmit(
      encodeCommand({ cla: 0x00, ins: INS.select, p1: 0x02, p2: NO_RESPONSE, data: u16be(fid) }),
      options,
    ),
  );
}
