import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, hex, toHex } from '../../app/card/bytes';
import { AID } from '../../app/card/mynumber/ids';
import { getSlotStatus, iccPowerOn, xfrBlock } from '../../app/readers/ccid/ccid-message';
import { createPersonaCard } from '../card/persona-card';
import type { VirtualMyNumberCard } from '../card/virtual-card';
import { CcidModel } from './ccid-model';
import { FakeUsbDevice } from './fake-usb';

const SELECT_JPKI = fromHex(`00A4040C0A${toHex(AID.jpki)}`);

let card: VirtualMyNumberCard;
beforeAll(async () => {
  card = (await createPersonaCard('adult-35', '2026-11-26')).card;
});

/** A claimed fake reader; `send` returns the IN packets of the answer, in hex. */
async function setUp() {
  card.insert();
  const model = new CcidModel(card);
  const device = new FakeUsbDevice(model);
  device.faults.unrestricted = true;
  await device.open();
  await device.selectConfiguration(1);
  await device.claimInterface(0);
  const send = async (message: Uint8Array) => {
    const before = model.packetsSent;
    await device.transferOut(1, message.slice());
    const packets: string[] = [];
    for (let i = before; i < model.packetsSent; i += 1) {
      const result = await device.transferIn(2, 64);
      packets.push(toHex(new Uint8Array(result.data!.buffer, result.data!.byteOffset, result.data!.byteLength)));
    }
    return packets;
  };
  return { model, device, send };
}

describe('CcidModel', () => {
  it('reports the slot, powers the card on with its ATR, and answers APDUs', async () => {
    const { model, send } = await setUp();
    expect(await send(getSlotStatus(0, 0))).toEqual([toHex(hex`81 00000000 00 00 01 00 00`)]);
    expect(await send(iccPowerOn(0, 1))).toEqual([toHex(hex`80 09000000 00 01 00 00 00 3BE000FF8131FE4514`)]);
    expect(await send(getSlotStatus(0, 2))).toEqual([toHex(hex`81 00000000 00 02 00 00 00`)]);
    expect(await send(xfrBlock(0, 3, SELECT_JPKI))).toEqual([toHex(hex`80 02000000 00 03 00 00 00 9000`)]);
    expect(model.counts).toMatchObject({ powerOn: 1, slotStatus: 2, xfrBlock: 1 });
  });

  it('splits long answers into 64-byte packets, with a zero-length packet after a full last one', async () => {
    const { send } = await setUp();
    await send(iccPowerOn(0, 0));
    await send(xfrBlock(0, 1, SELECT_JPKI));
    await send(xfrBlock(0, 2, hex`00 A4 02 0C 02 00 0A`));
    const long = await send(xfrBlock(0, 3, hex`00 B0 00 00 00`)); // 256 + 2 + 10 = 268 bytes
    expect(long.map((p) => p.length / 2)).toEqual([64, 64, 64, 64, 12]);
    const whole = await send(xfrBlock(0, 4, hex`00 B0 00 00 34`)); // 52 + 2 + 10 = 64 bytes
    expect(whole.map((p) => p.length / 2)).toEqual([64, 0]);
  });

  it('sends the requested time extensions before the answer', async () => {
    const { model, send } = await setUp();
    await send(iccPowerOn(0, 0));
    model.timeExtensionsBeforeNext = 2;
    model.timeExtensionMultiplier = 3;
    expect(await send(xfrBlock(0, 1, SELECT_JPKI))).toEqual(
      ['80 00000000 00 01 80 03 00', '80 00000000 00 01 80 03 00', '80 02000000 00 01 00 00 00 9000'].map((h) =>
        toHex(hex`${h}`),
      ),
    );
  });

  it.each([
    ['power-on without a card: failed, absent, ICC_MUTE', 'no-card', iccPowerOn(0, 0), '80 00000000 00 00 42 FE 00'],
    [
      'an APDU before power-on: failed, inactive, ICC_MUTE',
      'card',
      xfrBlock(0, 0, SELECT_JPKI),
      '80 00000000 00 00 41 FE 00',
    ],
    ['a slot that does not exist: bError 5 (bSlot)', 'card', getSlotStatus(1, 0), '81 00000000 01 00 42 05 00'],
    [
      'an unsupported command (SetParameters): bError 00',
      'card',
      hex`61 00000000 00 07 00 00 00`,
      '81 00000000 00 07 41 00 00',
    ],
  ])('answers %s', async (_, slot, message, answer) => {
    const { model, send } = await setUp();
    if (slot === 'no-card') model.removeCard();
    expect(await send(message)).toEqual([toHex(hex`${answer}`)]);
  });

  it('does not answer a garbled message, and forgets the power state on a USB reset', async () => {
    const { model, device, send } = await setUp();
    expect(await send(hex`62 05000000 00`)).toEqual([]);
    await send(iccPowerOn(0, 0));
    await device.reset();
    expect(await send(getSlotStatus(0, 1))).toEqual([toHex(hex`81 00000000 00 01 01 00 00`)]);
    expect(model.counts.powerOn).toBe(1);
  });
});
