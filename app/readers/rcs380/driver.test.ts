import { describe, expect, it } from 'vitest';
import { fromHex, hex, toHex } from '../../card/bytes';
import { AID, JPKI_EF } from '../../card/mynumber/ids';
import { createPersonaCard } from '../../../mocks/card/persona-card';
import { asUsbDevice, FakeUsbDevice } from '../../../mocks/usb/fake-usb';
import { Rcs380Model } from '../../../mocks/usb/rcs380-model';
import { Rcs380Transport } from './driver';

const SELECT_JPKI = fromHex(`00A4040C0A${toHex(AID.jpki)}`);
const SELECT_AUTH_CERT = fromHex(`00A4020C02${JPKI_EF.authCertificate.toString(16).padStart(4, '0')}`);

async function setUp() {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const model = new Rcs380Model(card);
  const device = new FakeUsbDevice(model);
  const transport = await Rcs380Transport.open(asUsbDevice(device));
  return { card, model, device, transport };
}

/** Reads the selected EF's DER object: header, then 256-byte reads. */
async function readCertificate(transport: Rcs380Transport): Promise<Uint8Array> {
  const head = await transport.transmit(hex`00 B0 00 00 04`);
  const total = ((head[2]! << 8) | head[3]!) + 4;
  const out = new Uint8Array(total);
  for (let offset = 0; offset < total; offset += 256) {
    const le = Math.min(256, total - offset) & 0xff;
    const response = await transport.transmit(Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, le));
    expect(toHex(response.subarray(-2))).toBe('9000');
    out.set(response.subarray(0, -2), offset);
  }
  return out;
}

describe('RC-S380 driver', () => {
  it('sets RF up once, activates the card once, and reads the authentication certificate', async () => {
    const { model, transport, device } = await setUp();
    expect(transport.info).toMatchObject({ kind: 'rcs380', name: 'Sony RC-S380/P', simulated: false });
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(toHex(await transport.transmit(SELECT_AUTH_CERT))).toBe('9000');
    const certificate = await readCertificate(transport);
    expect(certificate[0]).toBe(0x30);
    expect(certificate.length).toBeGreaterThan(800);
    expect(model.counts).toMatchObject({ inSetRf: 1, inSetProtocol: 2, reqb: 1, attrib: 1 });
    // One OUT per chipset command, and an ACK plus an answer IN for each.
    const outs = device.log.filter((t) => t.direction === 'out').length;
    const ins = device.log.filter((t) => t.direction === 'in').length;
    expect(ins).toBe(2 * (outs - 1)); // the opening host ACK gets no answer
    expect(transport.counters).toMatchObject({ setupRuns: 1, activations: 1 });
  });

  it('sends the documented set-up bytes in order', async () => {
    const { device } = await setUp();
    const outs = device.log.filter((t) => t.direction === 'out').map((t) => toHex(t.data));
    // Checksums computed by hand: LCS = −(LEN lo + LEN hi), DCS = −ΣDATA (mod 256).
    expect(outs.slice(0, 4)).toEqual([
      '0000ff00ff00', // ACK: abort anything pending
      '0000ffffff0300fdd62a01ff00', // SetCommandType 01
      '0000ffffff0300fdd606002400', // SwitchRF 00
      '0000ffffff0600fad60003070f070a00', // InSetRF 106B
    ]);
  });

  it('says no-card when nothing answers REQB, and finds the card when it arrives', async () => {
    const { model, transport } = await setUp();
    model.removeCard();
    expect(await transport.cardPresent()).toBe(false);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.no-card' });
    model.insertCard();
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('detects removal mid-read, then activates again once the card is back', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    await transport.transmit(SELECT_AUTH_CERT);
    await transport.transmit(hex`00 B0 00 00 00`);
    model.removeCard();
    await expect(transport.transmit(hex`00 B0 01 00 00`)).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(await transport.cardPresent()).toBe(false);
    model.insertCard();
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(model.counts.attrib).toBe(2);
    expect(model.counts.inSetRf).toBe(1);
  });

  it('recovers from RF silence and damage through ISO-DEP', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    model.rfFaults.silenceNext = 1;
    expect(toHex(await transport.transmit(SELECT_AUTH_CERT))).toBe('9000');
    model.rfFaults.damageNext = 1;
    expect(toHex(await transport.transmit(SELECT_AUTH_CERT))).toBe('9000');
  });

  it('answers the card’s S(WTX) during a slow command', async () => {
    const { model, transport } = await setUp();
    model.target.wtxBeforeNextResponse = 3;
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('turns a corrupted USB frame into a protocol error and carries on', async () => {
    const { device, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    device.faults.corruptNextIn = true;
    await expect(transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({ code: 'transport.protocol' });
    await transport.cardPresent();
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('times out on a stalled reader and recovers with a USB reset', async () => {
    const { device, transport, model } = await setUp();
    await transport.transmit(SELECT_JPKI);
    device.faults.stall = true;
    await expect(transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({ code: 'transport.timeout' });
    device.faults.stall = false;
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters.setupRuns).toBe(2);
    expect(model.counts.inSetRf).toBe(2);
  });

  it('reports an unplugged reader', async () => {
    const { device, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    device.unplug();
    await expect(transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
  });

  it('refuses a second exchange while one runs', async () => {
    const { transport } = await setUp();
    const first = transport.transmit(SELECT_JPKI);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.busy' });
    expect(toHex(await first)).toBe('9000');
  });
});
