import { describe, expect, it } from 'vitest';
import { createPersonaCard } from '../../mocks/card/persona-card';
import type { BridgeStatus } from '../readers/pcsc-bridge/connection';
import { TransportError } from '../card/transport';
import { BridgeError } from '../readers/pcsc-bridge/errors';
import type { BridgeEventKind } from '../readers/pcsc-bridge/protocol';
import { VirtualCardTransport } from '../readers/virtual-card/driver';
import { createReaderStore, type BridgeReaders } from './reader-store';

/** A bridge with one PC/SC reader holding a simulated card; the code is 123456. */
async function fakeBridge() {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  let status: BridgeStatus = 'unpaired';
  const listeners: ((event: BridgeEventKind, reader: string) => void)[] = [];
  const readers = [{ name: 'ACS ACR39U 00 00', cardPresent: true }];
  const bridge: BridgeReaders = {
    probe: () => Promise.resolve(status),
    pair: (code) => {
      if (code !== '123456') return Promise.reject(new BridgeError('bridge.pairing-refused'));
      status = 'paired';
      return Promise.resolve();
    },
    readers: () => Promise.resolve(readers),
    open: () => new VirtualCardTransport(card),
    onEvent: (listener) => listeners.push(listener),
  };
  return {
    bridge,
    readers,
    emit: (event: BridgeEventKind) => {
      listeners.forEach((l) => {
        l(event, 'x');
      });
    },
  };
}

describe('reader store with the PC/SC bridge', () => {
  it('asks for pairing, refuses a wrong code, then offers and selects the bridge reader', async () => {
    const { bridge } = await fakeBridge();
    const store = createReaderStore({ usb: null, webNfc: false, virtualCard: null, bridge });
    expect(store.getState().bridge).toBe('absent');
    await store.getState().reconnect();
    expect(store.getState()).toMatchObject({ bridge: 'unpaired', choices: [] });
    await store.getState().pairBridge('000000');
    expect(store.getState()).toMatchObject({ bridge: 'unpaired', bridgeErrorCode: 'bridge.pairing-refused' });
    await store.getState().pairBridge('123456');
    expect(store.getState()).toMatchObject({
      bridge: 'paired',
      bridgeErrorCode: null,
      selectedId: 'bridge:ACS ACR39U 00 00',
      status: 'card-present',
      choices: [{ id: 'bridge:ACS ACR39U 00 00', label: 'ACS ACR39U 00 00', simulated: false, bridge: true }],
    });
  });

  it('is off without a configured bridge, and follows reader events', async () => {
    expect(createReaderStore({ usb: null, webNfc: false, virtualCard: null }).getState().bridge).toBe('off');
    const { bridge, readers, emit } = await fakeBridge();
    const store = createReaderStore({ usb: null, webNfc: false, virtualCard: null, bridge });
    await bridge.pair('123456');
    await store.getState().refresh();
    expect(store.getState().choices).toHaveLength(1);
    readers.push({ name: 'Second 00 00', cardPresent: false });
    emit('reader-added');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.getState().choices.map((c) => c.label)).toEqual(['ACS ACR39U 00 00', 'Second 00 00']);
  });

  it('lists readers holding a card first, so a kiosk (no reader choice on screen) selects the one with the card', async () => {
    const { bridge, readers } = await fakeBridge();
    readers.unshift({ name: 'Virtual PCD 00 00', cardPresent: false });
    await bridge.pair('123456');
    const store = createReaderStore({ usb: null, webNfc: false, virtualCard: null, bridge });
    await store.getState().reconnect();
    expect(store.getState().selectedId).toBe('bridge:ACS ACR39U 00 00');
  });

  it('a bridge that stops proving it is the paired one is shown as untrusted', async () => {
    const { bridge } = await fakeBridge();
    await bridge.pair('123456');
    const untrusted: BridgeReaders = {
      ...bridge,
      probe: () => Promise.resolve('untrusted'),
      readers: () => Promise.reject(new TransportError('transport.permission-denied', 'untrusted')),
    };
    const store = createReaderStore({ usb: null, webNfc: false, virtualCard: null, bridge: untrusted });
    await store.getState().reconnect();
    expect(store.getState()).toMatchObject({ bridge: 'untrusted', choices: [], selectedId: null });
  });
});
