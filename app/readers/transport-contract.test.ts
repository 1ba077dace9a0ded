/**
 * The transport contract (`mocks/transport-contract.ts`) for the WebUSB drivers and the virtual card. Each fake
 * answers as the real reader does in the byte sequences of implementations we did not write (see each model's
 * header).
 */
import { beforeAll } from 'vitest';
import type { CardTransport } from '../card/transport';
import { createPersonaCard } from '../../mocks/card/persona-card';
import type { VirtualMyNumberCard } from '../../mocks/card/virtual-card';
import { runTransportContract, type Harness, type Rig } from '../../mocks/transport-contract';
import { CcidModel } from '../../mocks/usb/ccid-model';
import { asUsbDevice, FakeUsbDevice } from '../../mocks/usb/fake-usb';
import { Rcs300Model } from '../../mocks/usb/rcs300-model';
import { Rcs380Model } from '../../mocks/usb/rcs380-model';
import { CcidTransport } from './ccid/driver';
import { Rcs300Transport } from './rcs300/driver';
import { Rcs380Transport } from './rcs380/driver';
import { VirtualCardTransport } from './virtual-card/driver';

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

runTransportContract(HARNESSES);
