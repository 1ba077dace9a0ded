/**
 * One contract for every `CardTransport`: the same counter-side situations, run against each reader's driver
 * and its fake, with the outcome the card layer and the UI rely on. Each fake answers as the real reader does
 * in the byte sequences of implementations we did not write (see each model's header); the hooks are awaited,
 * never slept on. The PC/SC bridge client has its own transport tests (`pcsc-bridge/`) against the bridge.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, hex, toHex, u16be } from '../card/bytes';
import { AID, JPKI_EF } from '../card/mynumber/ids';
import type { CardTransport } from '../card/transport';
import { createPersonaCard } from '../../mocks/card/persona-card';
import type { VirtualMyNumberCard } from '../../mocks/card/virtual-card';
import { CcidModel } from '../../mocks/usb/ccid-model';
import { asUsbDevice, FakeUsbDevice } from '../../mocks/usb/fake-usb';
import { Rcs300Model } from '../../mocks/usb/rcs300-model';
import { Rcs380Model } from '../../mocks/usb/rcs380-model';
import { CcidTransport } from './ccid/driver';
import { Rcs300Transport } from './rcs300/driver';
import { Rcs380Transport } from './rcs380/driver';
import { VirtualCardTransport } from './virtual-card/driver';

const SELECT_JPKI = concatBytes(hex`00 A4 04 0C`, Uint8Array.of(AID.jpki.length), AID.jpki);
const SELECT_AUTH_CERT = concatBytes(hex`00 A4 02 0C 02`, u16be(JPKI_EF.authCertificate));
/** READ BINARY Le 256: 258 bytes back, more than one ISO-DEP frame: the card chains its answer. */
const READ_256 = hex`00 B0 00 00 00`;
const sw = (response: Uint8Array) => toHex(response.subarray(-2));

/** A reader with the card in it, opened by its driver, and the levers a test pulls. */
interface Rig {
  readonly transport: CardTransport;
  removeCard(): void;
  insertCard(): void;
  /** Takes the card away just before the `n`-th step (RF frame, CCID message…) of what happens next. */
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

interface Harness {
  readonly name: string;
  /** Builds the reader; `stale` leaves an earlier session's answer in its pipe before the driver opens it. */
  rig(options: { card: boolean; stale?: boolean }): Promise<Rig>;
  /** Which situations this kind of reader has at all. */
  readonly has: { readonly usb: boolean };
  /**
   * The step of a 256-byte read at which the card leaves: contactless readers take it in several RF frames
   * (2 = the R(ACK) for the second part); an APDU-level reader in one message (1).
   */
  readonly midExchangeStep: number;
}

let card: VirtualMyNumberCard;
beforeAll(async () => {
  card = (await createPersonaCard('adult-35', '2026-11-26')).card;
});

function usbRig(
  device: FakeUsbDevice,
  model: Rcs380Model | Rcs300Model | CcidModel,
  transport: CardTransport & { link: { counters: { resets: number; drained: number } } },
  steps: { before: (n: number, action: () => void) => Promise<void> },
  slowDown: () => void,
): Rig {
  return {
    transport,
    removeCard: () => {
      model.removeCard();
    },
    insertCard: () => {
      model.insertCard();
    },
    removeBeforeStep: (n) =>
      steps.before(n, () => {
        model.removeCard();
      }),
    unplug: () => {
      device.unplug();
    },
    stall: (on) => {
      device.faults.stall = on;
    },
    slowDown,
    resets: () => transport.link.counters.resets,
    drained: () => transport.link.counters.drained,
  };
}

const HARNESSES: readonly Harness[] = [
  {
    name: 'RC-S380',
    has: { usb: true },
    midExchangeStep: 2,
    rig: async ({ card: withCard, stale }) => {
      card.insert();
      const model = new Rcs380Model(card);
      if (!withCard) model.removeCard();
      const device = new FakeUsbDevice(model);
      if (stale) model.queueStaleAnswer();
      const transport = await Rcs380Transport.open(asUsbDevice(device), {
        timing: { fieldResetMs: 0, drainQuietMs: 1 },
      });
      return usbRig(device, model, transport, model.rf, () => {
        model.target.wtxBeforeNextResponse = 3;
      });
    },
  },
  {
    name: 'RC-S300',
    has: { usb: true },
    midExchangeStep: 2,
    rig: async ({ card: withCard, stale }) => {
      card.insert();
      const model = new Rcs300Model(card);
      if (!withCard) model.removeCard();
      const device = new FakeUsbDevice(model);
      if (stale) model.queueStaleAnswer();
      const transport = await Rcs300Transport.open(asUsbDevice(device), {
        rfSwitchPauseMs: 0,
        fieldResetMs: 0,
        drainQuietMs: 1,
      });
      return usbRig(device, model, transport, model.rf, () => {
        model.target.wtxBeforeNextResponse = 2;
        model.timeExtensionsBeforeNext = 2;
      });
    },
  },
  {
    name: 'CCID',
    has: { usb: true },
    midExchangeStep: 1,
    rig: async ({ card: withCard, stale }) => {
      card.insert();
      const model = new CcidModel(card);
      if (!withCard) model.removeCard();
      const device = new FakeUsbDevice(model);
      device.faults.unrestricted = true; // an Isolated Web App: the protected class may be claimed
      if (stale) model.queueStaleAnswer();
      const transport = await CcidTransport.open(asUsbDevice(device), { answerTimeoutMs: 200, drainQuietMs: 1 });
      return usbRig(device, model, transport, model.xfr, () => {
        model.timeExtensionsBeforeNext = 3;
      });
    },
  },
  {
    name: 'virtual card',
    has: { usb: false },
    midExchangeStep: 1,
    rig: ({ card: withCard }) => {
      card.insert();
      if (!withCard) card.remove();
      let steps = 0;
      let removeAt: number | null = null;
      let removed: (() => void) | null = null;
      // The simulator has no frames: count APDUs reaching it instead.
      const transmit = card.transmit.bind(card);
      const counted = {
        get present() {
          return card.present;
        },
        transmit: (apdu: Uint8Array) => {
          steps += 1;
          if (steps === removeAt) {
            card.remove();
            removed?.();
          }
          return transmit(apdu);
        },
      };
      const virtual = new VirtualCardTransport(counted);
      return Promise.resolve({
        transport: virtual,
        removeCard: () => {
          card.remove();
        },
        insertCard: () => {
          card.insert();
        },
        removeBeforeStep: (n: number) =>
          new Promise<void>((resolve) => {
            removeAt = steps + n;
            removed = resolve;
          }),
        unplug: () => void virtual.close(),
        stall: () => undefined,
        slowDown: () => undefined,
        resets: () => 0,
        drained: () => 0,
      });
    },
  },
];

describe.each(HARNESSES)('CardTransport contract: $name', (harness) => {
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
