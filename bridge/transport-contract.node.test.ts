/**
 * The transport contract (`mocks/transport-contract.ts`) for the PC/SC bridge: the page's own client
 * (`BridgeConnection` → `PcscBridgeTransport`, paired over OPAQUE like the page) through a running bridge — its
 * card policy, its card-change handling — to a PC/SC stand-in whose card is the virtual My Number Card. PC/SC
 * answers time extensions itself and has no USB pipe, so a slow card is simply slow and the stall and
 * stale-data cases do not apply.
 */
import { afterEach } from 'vitest';
import type { BridgeConnection } from '../app/readers/pcsc-bridge/connection';
import { createPersonaCard } from '../mocks/card/persona-card';
import { nodeBridgeClient } from '../mocks/bridge/node-client';
import { runTransportContract, type Harness, type Rig } from '../mocks/transport-contract';
import { DEFAULT_PAIRING } from './pairing';
import { PairingStore } from './pairing-store';
import { startBridge, type RunningBridge } from './server';
import { FakePcsc } from './testing/fake-pcsc';

const ORIGIN = 'http://127.0.0.1:5173';
const READER = 'Fake Reader 00';

const open: { bridge: RunningBridge; client: BridgeConnection }[] = [];
afterEach(async () => {
  for (const { bridge, client } of open.splice(0)) {
    client.close();
    await bridge.close();
  }
});

const bridgeHarness: Harness = {
  name: 'PC/SC bridge',
  has: { usb: false },
  midExchangeStep: 1,
  rig: async ({ card: withCard }) => {
    const { card } = await createPersonaCard('adult-35', '2026-11-26');
    const pcsc = new FakePcsc([READER]);
    let steps = 0;
    let removal: { at: number; done: () => void } | null = null;
    const remove = () => {
      card.remove();
      pcsc.vanishCard(READER);
    };
    pcsc.respond = (apdu) => {
      steps += 1;
      if (removal && steps === removal.at) {
        // The card leaves as this APDU goes out: PC/SC reports it gone.
        remove();
        pcsc.removeCard(READER);
        removal.done();
        removal = null;
      }
      return card.transmit(apdu);
    };
    if (!withCard) {
      card.remove();
      pcsc.removeCard(READER);
    }
    const codes: string[] = [];
    const bridge = await startBridge({
      host: '127.0.0.1',
      port: 0,
      origins: [ORIGIN],
      pcsc,
      store: await PairingStore.open(null),
      pairing: { ...DEFAULT_PAIRING, now: () => Date.now(), onCode: (code) => codes.push(code) },
      log: () => undefined,
      pollMs: 20,
      limits: {},
    });
    const client = nodeBridgeClient(bridge.port, ORIGIN);
    open.push({ bridge, client });
    await client.pair(codes.at(-1) ?? '');
    const transport = client.open(READER);
    const rig: Rig = {
      transport,
      removeCard: () => {
        remove();
        pcsc.removeCard(READER);
      },
      insertCard: () => {
        card.insert();
        pcsc.insertCard(READER);
      },
      removeBeforeStep: (n) =>
        new Promise<void>((resolve) => {
          removal = { at: steps + n, done: resolve };
        }),
      unplug: () => {
        pcsc.unplug(READER);
      },
      stall: () => undefined,
      slowDown: () => undefined,
      resets: () => 0,
      drained: () => 0,
    };
    return rig;
  },
};

runTransportContract([bridgeHarness]);
