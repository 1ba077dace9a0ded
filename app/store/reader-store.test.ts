import { describe, expect, it } from 'vitest';
import { createPersonaCard } from '../../mocks/card/persona-card';
import { FakeUsb, FakeUsbDevice } from '../../mocks/usb/fake-usb';
import { Rcs380Model } from '../../mocks/usb/rcs380-model';
import { createReaderStore } from './reader-store';

async function setUp({ permitted = false, virtual = false } = {}) {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const model = new Rcs380Model(card);
  const usb = new FakeUsb();
  const device = usb.add(new FakeUsbDevice(model), { permitted });
  const { card: virtualCard } = await createPersonaCard('minor-17', '2026-11-26');
  const store = createReaderStore({
    usb: usb as unknown as USB,
    webNfc: false,
    virtualCard: virtual ? virtualCard : null,
  });
  return { store, usb, device, model, virtualCard };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('reader store', () => {
  it('reconnects a previously permitted reader without a prompt', async () => {
    const { store } = await setUp({ permitted: true });
    await store.getState().reconnect();
    expect(store.getState()).toMatchObject({ status: 'card-present', errorCode: null });
    expect(store.getState().choices.map((c) => c.label)).toEqual(['Sony RC-S380/P']);
  });

  it('lists nothing until the user picks a reader in the chooser', async () => {
    const { store, usb } = await setUp();
    await store.getState().reconnect();
    expect(store.getState()).toMatchObject({ choices: [], status: 'none' });
    usb.userCancels = true;
    await store.getState().requestReader();
    expect(store.getState()).toMatchObject({ status: 'none', errorCode: null }); // cancelling is not an error
    usb.userCancels = false;
    await store.getState().requestReader();
    expect(store.getState().status).toBe('card-present');
  });

  it('follows the card on and off the reader', async () => {
    const { store, model } = await setUp({ permitted: true });
    await store.getState().reconnect();
    model.removeCard();
    await store.getState().poll();
    expect(store.getState().status).toBe('no-card');
    model.insertCard();
    await store.getState().poll();
    expect(store.getState().status).toBe('card-present');
  });

  it('runs the reader check with progress', async () => {
    const { store } = await setUp({ permitted: true });
    await store.getState().reconnect();
    const progress: number[] = [];
    const unsubscribe = store.subscribe((s) => progress.push(s.check.progress));
    await store.getState().runReaderCheck();
    unsubscribe();
    expect(store.getState().check).toMatchObject({ state: 'ok', progress: 1 });
    expect(store.getState().check.certificateBytes).toBeGreaterThan(800);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
  });

  it('on unplug: a clear error and nothing left open; on replug: back without a prompt', async () => {
    const { store, usb, device } = await setUp({ permitted: true });
    await store.getState().reconnect();
    usb.unplug(device);
    await settle();
    expect(store.getState()).toMatchObject({
      transport: null,
      selectedId: null,
      status: 'error',
      errorCode: 'transport.reader-unplugged',
    });
    usb.replug(device);
    await settle();
    expect(store.getState().status).toBe('card-present');
  });

  it('offers the virtual card in demo mode, marked as simulated', async () => {
    const { store, virtualCard } = await setUp({ virtual: true });
    await store.getState().refresh();
    expect(store.getState().choices).toEqual([expect.objectContaining({ id: 'virtual', simulated: true })]);
    await store.getState().select('virtual');
    expect(store.getState().transport?.info.simulated).toBe(true);
    virtualCard.remove();
    await store.getState().runReaderCheck();
    expect(store.getState()).toMatchObject({ status: 'no-card', errorCode: 'transport.no-card' });
  });

  it('says not-supported without WebUSB', async () => {
    const store = createReaderStore({ usb: null, webNfc: true, virtualCard: null });
    expect(store.getState()).toMatchObject({ webUsb: false, webNfc: true });
    await store.getState().requestReader();
    expect(store.getState().errorCode).toBe('transport.not-supported');
  });

  it('watches card presence while a reader is open, and stops when told', async () => {
    const { store, model } = await setUp({ permitted: true });
    await store.getState().reconnect();
    const stop = store.getState().watchPresence(10);
    model.removeCard();
    await expect.poll(() => store.getState().status, { interval: 5 }).toBe('no-card');
    model.insertCard();
    await expect.poll(() => store.getState().status, { interval: 5 }).toBe('card-present');
    stop();
    model.removeCard();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.getState().status).toBe('card-present');
  });
});
