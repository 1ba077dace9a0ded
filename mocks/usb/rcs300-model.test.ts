import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, hex, toHex, u16be } from '../../app/card/bytes';
import { AID, JPKI_EF } from '../../app/card/mynumber/ids';
import { encodeEscape } from '../../app/readers/rcs300/escape-frame';
import { SESSION, SWITCH_TYPE_B_LAYER_4, transceiveCommand } from '../../app/readers/rcs300/sony-commands';
import { UsbLink } from '../../app/readers/usb-link';
import { createPersonaCard } from '../card/persona-card';
import type { VirtualMyNumberCard } from '../card/virtual-card';
import { asUsbDevice, FakeUsbDevice } from './fake-usb';
import { Rcs300Model } from './rcs300-model';

let card: VirtualMyNumberCard;
beforeAll(async () => {
  card = (await createPersonaCard('adult-35', '2026-11-26')).card;
});

const OK = hex`C0 03 00 90 00 90 00`;

/** The fake with interface 1 claimed, and raw access to its pipes. */
async function openDevice({ withCard = true } = {}) {
  card.insert();
  const model = new Rcs300Model(card);
  if (!withCard) model.removeCard();
  const device = new FakeUsbDevice(model);
  await device.open();
  await device.selectConfiguration(1);
  await device.claimInterface(1);
  let seq = 0;
  const send = async (payload: Uint8Array) => {
    await device.transferOut(2, encodeEscape(payload, seq));
    seq += 1;
  };
  const packet = async () => {
    const { data } = await device.transferIn(2, 64);
    return data ? toHex(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) : 'none';
  };
  /** Sends a pseudo-APDU and returns the payload of its one-packet answer. */
  const command = async (payload: Uint8Array) => {
    await send(payload);
    return (await packet()).slice(20);
  };
  return { model, device, send, packet, command };
}

/** I-block with a block number and an APDU, as the driver frames it. */
const iBlock = (bn: number, apdu: Uint8Array) => concatBytes(Uint8Array.of(0x02 | bn), apdu);
const SELECT_JPKI = concatBytes(hex`00 A4 04 0C`, Uint8Array.of(AID.jpki.length), AID.jpki);

describe('Rcs300Model', () => {
  it('exposes the CCID interface 0 (which WebUSB refuses) and the vendor interface 1', async () => {
    const device = new FakeUsbDevice(new Rcs300Model(card));
    await expect(UsbLink.open(asUsbDevice(device), { interfaceNumber: 0 })).rejects.toMatchObject({
      code: 'transport.not-supported',
    });
    const link = await UsbLink.open(asUsbDevice(device), { interfaceNumber: 1 });
    expect([link.outEndpoint, link.inEndpoint]).toEqual([2, 2]);
  });

  it('answers in escape messages with the command sequence number', async () => {
    const { send, packet } = await openDevice();
    await send(SESSION.start);
    expect(await packet()).toBe(toHex(hex`83 07 00 00 00 00 00 00 00 00 C0 03 00 90 00 90 00`));
  });

  it('refuses transparent commands outside a session', async () => {
    const { command } = await openDevice();
    expect(await command(SESSION.rfOn)).toBe('6985');
  });

  it('answers an unknown message type with a failed SlotStatus', async () => {
    const { device, packet } = await openDevice();
    await device.transferOut(2, hex`62 00 00 00 00 00 07 00 00 00`); // PC_to_RDR_IccPowerOn
    expect(await packet()).toBe(toHex(hex`81 00 00 00 00 00 07 40 00 00`));
  });

  it('reports no card on switch protocol, and no answer to transceive while RF is off', async () => {
    const { model, command } = await openDevice({ withCard: false });
    expect(await command(SESSION.start)).toBe(toHex(OK));
    expect(await command(transceiveCommand(hex`05 00 00`, 10))).toBe(toHex(hex`C0 03 02 64 01 90 00`));
    expect(await command(SESSION.rfOn)).toBe(toHex(OK));
    expect(await command(SWITCH_TYPE_B_LAYER_4)).toBe(toHex(hex`C0 03 01 64 01 90 00`));
    expect(model.counts).toMatchObject({ switchProtocol: 1, reqb: 1, attrib: 0 });
  });

  it('activates the card on switch protocol and passes ISO-DEP blocks to it', async () => {
    const { model, command } = await openDevice();
    await command(SESSION.start);
    await command(SESSION.rfOn);
    expect(await command(SWITCH_TYPE_B_LAYER_4)).toBe(toHex(OK));
    expect(model.target.state).toBe('active');
    expect(await command(transceiveCommand(iBlock(0, SELECT_JPKI), 100))).toBe(
      toHex(hex`C0 03 00 90 00 96 02 00 00 97 03 02 90 00 90 00`),
    );
    expect(await command(SESSION.rfOff)).toBe(toHex(OK));
    expect(model.target.state).toBe('idle');
  });

  it('sends long answers as 64-byte packets, and a zero-length packet after a full last one', async () => {
    const { send, packet, command } = await openDevice();
    await command(SESSION.start);
    await command(SESSION.rfOn);
    await command(SWITCH_TYPE_B_LAYER_4);
    await command(transceiveCommand(iBlock(0, SELECT_JPKI), 100));
    await command(transceiveCommand(iBlock(1, concatBytes(hex`00 A4 02 0C 02`, u16be(JPKI_EF.authCertificate))), 100));
    // The first part of a chained 256-byte answer: 10 + C0 (5) + 96 (4) + 97 81 FE (3 + 254) + 90 00 = 278 bytes.
    await send(transceiveCommand(iBlock(0, hex`00 B0 00 00 00`), 100));
    const sizes = [];
    for (let i = 0; i < 5; i += 1) sizes.push((await packet()).length / 2);
    expect(sizes).toEqual([64, 64, 64, 64, 22]);
    // R(ACK) for the rest, then a 38-byte read: exactly 64 bytes, so a zero-length packet follows.
    await command(transceiveCommand(hex`A3`, 100));
    await send(transceiveCommand(iBlock(0, hex`00 B0 00 00 26`), 100));
    expect((await packet()).length / 2).toBe(64);
    expect(await packet()).toBe('');
  });

  it('sends the requested CCID time extensions before the answer', async () => {
    const { model, send, packet } = await openDevice();
    model.timeExtensionsBeforeNext = 2;
    await send(SESSION.start);
    expect([await packet(), await packet(), (await packet()).slice(20)]).toEqual([
      toHex(hex`83 00 00 00 00 00 00 80 01 00`),
      toHex(hex`83 00 00 00 00 00 00 80 01 00`),
      toHex(OK),
    ]);
  });
});
