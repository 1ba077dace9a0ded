/**
 * One contract for every `CardTransport`: the same counter-side situations, run against each reader's driver
 * and its fake (`app/readers/transport-contract.test.ts`: RC-S380, RC-S300, CCID, the virtual card) and the PC/SC
 * bridge (`bridge/transport-contract.node.test.ts`), with the outcome the card layer and the UI rely on. The
 * hooks are awaited, never slept on.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex, toHex, u16be } from '../app/card/bytes';
import { AID, JPKI_EF } from '../app/card/mynumber/ids';
import type { CardTransport } from '../app/card/transport';

const SELECT_JPKI = concatBytes(hex`00 A4 04 0C`, Uint8Array.of(AID.jpki.length), AID.jpki);
const SELECT_AUTH_CERT = concatBytes(hex`00 A4 02 0C 02`, u16be(JPKI_EF.authCertificate));
/** READ BINARY Le 256: 258 bytes back, more than one ISO-DEP frame: a contactless card chains its answer. */
const READ_256 = hex`00 B0 00 00 00`;
const sw = (response: Uint8Array) => toHex(response.subarray(-2));

/** A reader with the card in it, opened by its driver, and the levers a test pulls. */
export interface Rig {
  readonly transport: CardTransport;
  removeCard(): void;
  insertCard(): void;
  /** Takes the card away just before the `n`-th step (RF frame, CCID message, APDU…) of what happens next. */
  removeBeforeStep(n: number): Promise<void>;
  unplug(): void;
  stall(on: boolean): void;
  /** Makes the card ask for more time before its next answer (S(WTX), CCID time extension). */
  slowDown(): void;
  /** USB resets so far. */
  resets(): number;
  /** Transfers thrown away at open. */
  drained(): number;
}

export interface Harness {
  readonly name: string;
  /** Builds the reader; `stale` leaves an earlier session's answer in its pipe before the driver opens it. */
  rig(options: { card: boolean; stale?: boolean }): Promise<Rig>;
  /** Which situations this kind of reader has at all (a USB pipe that can stall or hold stale data). */
  readonly has: { readonly usb: boolean };
  /**
   * The step of a 256-byte read at which the card leaves: contactless readers take it in several RF frames
   * (2 = the R(ACK) for the second part); an APDU-level reader in one message (1).
   */
  readonly midExchangeStep: number;
}

/** Runs the contract for each harness. */
export function runTransportContract(harnesses: readonly Harness[]): void {
  describe.each(harnesses)('CardTransport contract: $name', (harness) => {
    it('an empty reader: no card, as often as it is asked, and no USB reset', async () => {
      const rig = await harness.rig({ card: false });
      for (let poll = 0; poll < 10; poll += 1) expect(await rig.transport.cardPresent()).toBe(false);
      await expect(rig.transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.no-card' });
      expect(rig.resets()).toBe(0);
    });

    it('a card placed on it: found, and it answers', async () => {
      const rig = await harness.rig({ card: false });
      expect(await rig.transport.cardPresent()).toBe(false);
      rig.insertCard();
      expect(await rig.transport.cardPresent()).toBe(true);
      expect(sw(await rig.transport.transmit(SELECT_JPKI))).toBe('9000');
    });

    it('a chained response arrives whole', async () => {
      const rig = await harness.rig({ card: true });
      await rig.transport.transmit(SELECT_JPKI);
      await rig.transport.transmit(SELECT_AUTH_CERT);
      const response = await rig.transport.transmit(READ_256);
      expect(response.length).toBe(258);
      expect(sw(response)).toBe('9000');
      expect(toHex(response.subarray(0, 2))).toBe('3082');
    });

    it('the card removed mid-exchange: card-removed, then absent, then found again — no USB reset', async () => {
      const rig = await harness.rig({ card: true });
      await rig.transport.transmit(SELECT_JPKI);
      await rig.transport.transmit(SELECT_AUTH_CERT);
      const removal = rig.removeBeforeStep(harness.midExchangeStep);
      const read = rig.transport.transmit(READ_256);
      await expect(read).rejects.toMatchObject({ code: 'transport.card-removed' });
      await removal;
      expect(await rig.transport.cardPresent()).toBe(false);
      rig.insertCard();
      expect(await rig.transport.cardPresent()).toBe(true);
      expect(sw(await rig.transport.transmit(SELECT_JPKI))).toBe('9000');
      expect(rig.resets()).toBe(0);
    });

    it('a slow card asking for more time still answers', async () => {
      const rig = await harness.rig({ card: true });
      rig.slowDown();
      expect(sw(await rig.transport.transmit(SELECT_JPKI))).toBe('9000');
    });

    it('the reader unplugged: reader-unplugged', async () => {
      const rig = await harness.rig({ card: true });
      await rig.transport.transmit(SELECT_JPKI);
      rig.unplug();
      await expect(rig.transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
    });

    it.runIf(harness.has.usb)('a stalled endpoint: a timeout, then one USB reset and it works again', async () => {
      const rig = await harness.rig({ card: true });
      await rig.transport.transmit(SELECT_JPKI);
      rig.stall(true);
      await expect(rig.transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.timeout' });
      rig.stall(false);
      expect(await rig.transport.cardPresent()).toBe(true);
      expect(sw(await rig.transport.transmit(SELECT_JPKI))).toBe('9000');
      expect(rig.resets()).toBe(1);
    });

    it.runIf(harness.has.usb)('stale data at open is drained, and the first exchange is ours', async () => {
      const rig = await harness.rig({ card: true, stale: true });
      expect(rig.drained()).toBeGreaterThanOrEqual(1);
      expect(await rig.transport.cardPresent()).toBe(true);
      expect(sw(await rig.transport.transmit(SELECT_JPKI))).toBe('9000');
      expect(rig.resets()).toBe(0);
    });
  });
}
