import { describe, expect, it } from 'vitest';
import { hex } from '../card/bytes';
import { createPersonaCard } from '../../mocks/card/persona-card';
import { asUsbDevice, FakeUsbDevice } from '../../mocks/usb/fake-usb';
import { RCS380_INTERFACES, Rcs380Model } from '../../mocks/usb/rcs380-model';
import { UsbLink } from './usb-link';

async function device() {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const model = new Rcs380Model(card);
  return { model, device: new FakeUsbDevice(model) };
}

describe('UsbLink', () => {
  it('tells a system that denies the device from one where another driver holds it', async () => {
    const denied = (await device()).device;
    denied.faults.accessDenied = true; // Chrome: open() → SecurityError "Access denied."
    await expect(UsbLink.open(asUsbDevice(denied), { interfaceNumber: 0 })).rejects.toMatchObject({
      code: 'transport.reader-access-denied',
    });
    const held = (await device()).device;
    held.faults.claimedElsewhere = true; // Chrome: claimInterface() → NetworkError "Unable to claim interface."
    await expect(UsbLink.open(asUsbDevice(held), { interfaceNumber: 0 })).rejects.toMatchObject({
      code: 'transport.reader-in-use',
    });
  });

  it('maps a transfer refused at once by a device that is gone to reader-unplugged', async () => {
    const { device: fake } = await device();
    const link = await UsbLink.open(asUsbDevice(fake), { interfaceNumber: 0 });
    fake.unplug();
    await expect(link.receive(64, 50)).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
  });

  it('keeps an IN transfer that timed out pending, and hands its packet to the next receive', async () => {
    const { device: fake } = await device();
    const link = await UsbLink.open(asUsbDevice(fake), { interfaceNumber: 0 });
    await expect(link.receive(64, 5)).rejects.toMatchObject({ code: 'transport.timeout' });
    expect(link.stale).toBe(true);
    fake.emit(hex`01 02 03`);
    // A second transferIn would race the first for this packet; the link reuses the first.
    expect(await link.receive(64, 50)).toEqual(hex`01 02 03`);
    expect(fake.log.filter((t) => t.direction === 'in')).toHaveLength(1);
  });

  it('drains what an earlier session left, and stays in step for the next answer', async () => {
    const { device: fake } = await device();
    fake.emit(hex`AA`);
    fake.emit(hex`BB BB`);
    const link = await UsbLink.open(asUsbDevice(fake), { interfaceNumber: 0 });
    expect(await link.drain(5)).toBe(2);
    expect(link.stale).toBe(false);
    fake.emit(hex`CC`);
    expect(await link.receive(64, 50)).toEqual(hex`CC`);
    expect(link.counters.drained).toBe(2);
  });

  it('ends an OUT transfer of whole packets with a zero-length packet, when asked to', async () => {
    const fake = new FakeUsbDevice({
      vendorId: 0x054c,
      productId: 0x06c3,
      productName: 'bytes sink',
      interfaces: RCS380_INTERFACES,
      attach: () => undefined,
      onOut: () => undefined,
      onReset: () => undefined,
    });
    const link = await UsbLink.open(asUsbDevice(fake), { interfaceNumber: 0, zeroLengthPacket: true });
    await link.send(new Uint8Array(63));
    await link.send(new Uint8Array(128));
    const outs = fake.log.filter((t) => t.direction === 'out').map((t) => t.data.length);
    expect(outs).toEqual([63, 128, 0]);
    expect(link.counters.zeroLengthPackets).toBe(1);
  });
});
