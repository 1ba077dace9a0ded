import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, hex, toHex } from '../../card/bytes';
import { AID, JPKI_CONTACT_ATR, JPKI_EF } from '../../card/mynumber/ids';
import { TransportError } from '../../card/transport';
import { createPersonaCard } from '../../../mocks/card/persona-card';
import { CCID_READER_INTERFACES, CcidModel } from '../../../mocks/usb/ccid-model';
import { asUsbDevice, FakeUsbDevice, type ReaderModel } from '../../../mocks/usb/fake-usb';
import { Rcs380Model } from '../../../mocks/usb/rcs380-model';
import { CcidBlockedError, CcidTransport, findCcidInterface, MAX_TIME_EXTENSIONS } from './driver';

const SELECT_JPKI = fromHex(`00A4040C0A${toHex(AID.jpki)}`);
const SELECT_AUTH_CERT = fromHex(`00A4020C02${JPKI_EF.authCertificate.toString(16).padStart(4, '0')}`);
/** Answer timeout for the fault tests, milliseconds: short, so a stalled reader fails fast. */
const SHORT_TIMEOUT_MS = 50;

async function setUp(options: { unrestricted?: boolean; answerTimeoutMs?: number } = {}) {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const model = new CcidModel(card);
  const device = new FakeUsbDevice(model);
  device.faults.unrestricted = options.unrestricted ?? true;
  const transport = await CcidTransport.open(asUsbDevice(device), { answerTimeoutMs: options.answerTimeoutMs });
  return { card, model, device, transport };
}

/** Every IN packet the reader sent was read, and every message the driver sent is on the wire. */
function expectNoLeftovers({ device, model, transport }: Awaited<ReturnType<typeof setUp>>) {
  expect(device.log.filter((t) => t.direction === 'in').length).toBe(model.packetsSent);
  expect(device.log.filter((t) => t.direction === 'out').length).toBe(transport.counters.messages);
}

const readBinary = (offset: number, le: number) => Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, le & 0xff);

/** Reads the selected EF's DER object in 256-byte READ BINARY chunks (`00 B0 <offset> 00`). */
async function readCertificate(transport: CcidTransport): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = Infinity;
  for (let offset = 0; offset < total; offset += 256) {
    const response = await transport.transmit(readBinary(offset, 256));
    expect(toHex(response.subarray(-2))).toBe('9000');
    parts.push(response.subarray(0, -2));
    if (offset === 0) {
      expect(toHex(response.subarray(0, 2))).toBe('3082'); // SEQUENCE with a two-byte length
      total = 4 + ((response[2]! << 8) | response[3]!);
    }
  }
  return concatBytes(...parts).subarray(0, total);
}

/** The file as the virtual card holds it, for byte-exact comparison. */
function cardFile(card: Awaited<ReturnType<typeof setUp>>['card'], fid: number): Uint8Array {
  const file = card.model.applications.find((a) => a.name === 'jpki')?.files.get(fid);
  if (file?.kind !== 'binary') throw new Error(`no binary file ${fid}`);
  return file.content;
}

/**
 * A reader that plays a script: each OUT message must match the next step, which answers with its IN packets.
 * Mismatches are collected (throwing inside the fake would turn them into transport errors).
 */
class ScriptedReader implements ReaderModel {
  readonly vendorId = 0x04e6;
  readonly productId = 0x5116;
  readonly productName = 'Scripted CCID reader';
  readonly interfaces = CCID_READER_INTERFACES;
  readonly mismatches: string[] = [];
  #device: FakeUsbDevice | null = null;

  constructor(readonly script: { out: string; in: string[] }[]) {}

  attach(device: FakeUsbDevice): void {
    this.#device = device;
  }
  onReset(): void {}
  onOut(_endpoint: number, data: Uint8Array): void {
    const step = this.script.shift();
    const sent = toHex(data);
    if (!step || toHex(hex`${step.out}`) !== sent) {
      this.mismatches.push(`sent ${sent}, expected ${step?.out ?? 'nothing'}`);
      return;
    }
    for (const packet of step.in) this.#device?.emit(hex`${packet}`);
  }
}

async function scripted(script: { out: string; in: string[] }[]) {
  const reader = new ScriptedReader(script);
  const device = new FakeUsbDevice(reader);
  device.faults.unrestricted = true;
  const transport = await CcidTransport.open(asUsbDevice(device), { answerTimeoutMs: SHORT_TIMEOUT_MS });
  /** The whole script ran, and nothing else was sent. */
  const done = () => {
    expect(reader.mismatches).toEqual([]);
    expect(reader.script).toEqual([]);
  };
  return { transport, done };
}

const POWER_ON_0 = { out: '62 00000000 00 00 000000', in: ['80 09000000 00 00 00 00 00 3BE000FF8131FE4514'] };

describe('CCID driver', () => {
  it('finds the CCID interface, and describes the reader', async () => {
    const setup = await setUp();
    expect(findCcidInterface(asUsbDevice(setup.device))?.interfaceNumber).toBe(0);
    const { card } = await createPersonaCard('adult-35', '2026-11-26');
    expect(findCcidInterface(asUsbDevice(new FakeUsbDevice(new Rcs380Model(card))))).toBeUndefined();
    expect(setup.transport.info).toEqual({
      kind: 'ccid',
      name: 'Generic CCID Reader (fake)',
      simulated: false,
      extendedApdu: false,
    });
  });

  it('polls the slot, powers the card on, and sends the APDU in an XfrBlock, byte for byte', async () => {
    const setup = await setUp();
    const { device, transport } = setup;
    expect(await transport.cardPresent()).toBe(true);
    expect(transport.atr).toEqual(JPKI_CONTACT_ATR);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(device.log.map((t) => `${t.direction === 'out' ? '=>' : '<='} ${toHex(t.data)}`)).toEqual([
      '=> 65000000000000000000', // GetSlotStatus, seq 0
      '<= 81000000000000010000', // SlotStatus: card present, inactive
      '=> 62000000000001000000', // IccPowerOn, seq 1, automatic voltage
      '<= 80090000000001000000' + '3be000ff8131fe4514', // DataBlock with the ATR
      '=> 6f0f0000000002000000' + '00a4040c0ad392f000260100000001', // XfrBlock SELECT JPKI-AP, seq 2
      '<= 80020000000002000000' + '9000', // DataBlock 90 00
    ]);
    expectNoLeftovers(setup);
  });

  it('reads the whole authentication certificate, powering the card on once', async () => {
    const setup = await setUp();
    const { card, model, transport } = setup;
    expect(await transport.cardPresent()).toBe(true);
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(toHex(await transport.transmit(SELECT_AUTH_CERT))).toBe('9000');
    const certificate = await readCertificate(transport);
    expect(certificate.length).toBeGreaterThan(512); // several chunks, each a multi-packet DataBlock
    expect(toHex(certificate)).toBe(toHex(cardFile(card, JPKI_EF.authCertificate).subarray(0, certificate.length)));
    expect(await transport.cardPresent()).toBe(true);
    expect(model.counts.powerOn).toBe(1);
    expect(transport.counters.powerOns).toBe(1);
    expect(transport.counters.recoveries).toBe(0);
    expectNoLeftovers(setup);
  });

  it('powers the card on by itself when the first APDU comes before any poll', async () => {
    const setup = await setUp();
    expect(toHex(await setup.transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(setup.model.counts).toMatchObject({ powerOn: 1, slotStatus: 0 });
    expectNoLeftovers(setup);
  });

  it('reads an answer of whole packets and skips the zero-length packet after it', async () => {
    const setup = await setUp();
    const { transport } = setup;
    await transport.transmit(SELECT_JPKI);
    await transport.transmit(SELECT_AUTH_CERT);
    // 52 data bytes + SW = 54, + 10 header bytes = one full 64-byte packet, then a ZLP.
    expect((await transport.transmit(readBinary(0, 52))).length).toBe(54);
    expect((await transport.transmit(readBinary(52, 4))).length).toBe(6);
    expect(setup.device.log.filter((t) => t.direction === 'in' && t.data.length === 0)).toHaveLength(1);
    expectNoLeftovers(setup);
  });

  it('keeps reading through time extensions', async () => {
    const setup = await setUp();
    const { model, transport } = setup;
    model.timeExtensionsBeforeNext = 3;
    model.timeExtensionMultiplier = 2;
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(model.counts.timeExtensions).toBe(3);
    expect(transport.counters.timeExtensions).toBe(3);
    expectNoLeftovers(setup);
  });

  it('gives up on a card that asks for more time without end, then starts clean', async () => {
    const { model, transport } = await setUp();
    model.timeExtensionsBeforeNext = MAX_TIME_EXTENSIONS + 1;
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.timeout' });
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters.recoveries).toBe(1);
  });

  it('says no-card for an empty slot, then finds the card when it arrives', async () => {
    const setup = await setUp();
    const { model, transport } = setup;
    model.removeCard();
    expect(await transport.cardPresent()).toBe(false);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.no-card' });
    expect(model.counts.powerOn).toBe(0);
    model.insertCard();
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(model.counts.powerOn).toBe(1);
    expectNoLeftovers(setup);
  });

  it('reports a card removed mid-read, and powers the next card on once', async () => {
    const setup = await setUp();
    const { model, transport } = setup;
    await transport.transmit(SELECT_JPKI);
    await transport.transmit(SELECT_AUTH_CERT);
    await transport.transmit(readBinary(0, 256));
    model.removeCard();
    await expect(transport.transmit(readBinary(256, 256))).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(await transport.cardPresent()).toBe(false);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.no-card' });
    model.insertCard();
    expect(await transport.cardPresent()).toBe(true);
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(model.counts.powerOn).toBe(2);
    expect(transport.counters.recoveries).toBe(0);
    expectNoLeftovers(setup);
  });

  it('notices a card swapped between two exchanges (slot inactive)', async () => {
    const setup = await setUp();
    const { model, transport } = setup;
    await transport.transmit(SELECT_JPKI);
    model.removeCard();
    model.insertCard();
    await expect(transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    model.removeCard();
    model.insertCard();
    expect(await transport.cardPresent()).toBe(true); // powered on again: a new session
    expect(model.counts.powerOn).toBe(3);
    expectNoLeftovers(setup);
  });

  it('reports an unplugged reader, between and during exchanges', async () => {
    const first = await setUp();
    await first.transport.transmit(SELECT_JPKI);
    first.device.unplug();
    await expect(first.transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({
      code: 'transport.reader-unplugged',
    });

    const second = await setUp();
    await second.transport.transmit(SELECT_JPKI);
    second.device.faults.stall = true;
    const pending = second.transport.transmit(SELECT_AUTH_CERT);
    await new Promise((resolve) => setTimeout(resolve, 20));
    second.device.unplug();
    await expect(pending).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
  });

  it('explains which route works when WebUSB refuses the smart-card class', async () => {
    const error: unknown = await setUp({ unrestricted: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CcidBlockedError);
    expect(error).toBeInstanceOf(TransportError);
    const blocked = error as CcidBlockedError;
    expect(blocked.code).toBe('transport.not-supported');
    expect(blocked.retriable).toBe(false);
    expect(blocked.message).toMatch(/Isolated Web App/);
    expect(blocked.message).toMatch(/RC-S380/);
    expect(blocked.message).toMatch(/PC\/SC bridge/);
    expect(blocked.alternatives).toEqual(['rcs380', 'pcsc-bridge']);
    // The original DOMException stays reachable, mapped by UsbLink from its name.
    expect(((blocked.cause as TransportError).cause as DOMException).name).toBe('SecurityError');
  });

  it('refuses a device that is no CCID reader', async () => {
    const { card } = await createPersonaCard('adult-35', '2026-11-26');
    const device = asUsbDevice(new FakeUsbDevice(new Rcs380Model(card)));
    await expect(CcidTransport.open(device)).rejects.toMatchObject({ code: 'transport.not-supported' });
  });

  it('turns a corrupted IN packet into a protocol error, and the next exchange works again', async () => {
    const setup = await setUp();
    const { device, model, transport } = setup;
    await transport.transmit(SELECT_JPKI);
    // The fake flips the middle byte of the 12-byte answer: bSeq, so the answer belongs to no message.
    device.faults.corruptNextIn = true;
    await expect(transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({ code: 'transport.protocol' });
    // A USB reset resynchronises the pipe and deactivates the card: a new session, from SELECT on.
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(toHex(await transport.transmit(SELECT_AUTH_CERT))).toBe('9000');
    expect(transport.counters.recoveries).toBe(1);
    expect(model.counts.powerOn).toBe(2);
  });

  it('times out on a stalled reader, and recovers with a USB reset', async () => {
    const { device, model, transport } = await setUp({ answerTimeoutMs: SHORT_TIMEOUT_MS });
    await transport.transmit(SELECT_JPKI);
    device.faults.stall = true;
    await expect(transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({ code: 'transport.timeout' });
    device.faults.stall = false;
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters.recoveries).toBe(1);
    expect(model.counts.powerOn).toBe(2);
  });

  it('starts a fresh session after a poll timed out', async () => {
    const { device, model, transport } = await setUp({ answerTimeoutMs: SHORT_TIMEOUT_MS });
    await transport.transmit(SELECT_JPKI);
    device.faults.stall = true;
    await expect(transport.cardPresent()).rejects.toMatchObject({ code: 'transport.timeout' });
    device.faults.stall = false;
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters.recoveries).toBe(1);
    expect(model.counts.powerOn).toBe(2);
  });

  it('stops waiting when the check is cancelled, and starts clean afterwards', async () => {
    const { device, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    device.faults.stall = true;
    const controller = new AbortController();
    const pending = transport.transmit(SELECT_AUTH_CERT, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'transport.aborted' });
    device.faults.stall = false;
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('refuses a second exchange while one runs', async () => {
    const { transport } = await setUp();
    const first = transport.transmit(SELECT_JPKI);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.busy' });
    expect(toHex(await first)).toBe('9000');
  });

  it('powers the card off and releases the reader on close', async () => {
    const setup = await setUp();
    await setup.transport.transmit(SELECT_JPKI);
    await setup.transport.close();
    expect(setup.model.counts.powerOff).toBe(1);
    expect(setup.device.opened).toBe(false);
    expect(setup.transport.atr).toBeNull();
    expect(toHex(setup.device.log.at(-2)!.data)).toBe(toHex(hex`63 00000000 00 02 00 00 00`));
    expectNoLeftovers(setup);
  });

  it('assembles an answer whose header spans several transfers', async () => {
    const { transport, done } = await scripted([
      { out: '62 00000000 00 00 000000', in: ['80 09 00 00', '00 00 00 00 00 00 3B E0', '00 FF 81 31 FE 45 14'] },
      { out: '6F 05000000 00 01 000000 00B0000002', in: ['80 04000000 00 01 00 00 00 3082', '9000'] },
    ]);
    expect(toHex(await transport.transmit(hex`00 B0 00 00 02`))).toBe('30829000');
    expect(transport.atr).toEqual(JPKI_CONTACT_ATR);
    done();
  });

  it.each([
    ['a chained answer (extended APDU level)', '80 02000000 00 01 00 00 01 6100', /bChainParameter 1/],
    ['an answer for another slot', '80 02000000 01 01 00 00 00 9000', /slot 1/],
    ['a stale answer to an earlier message', '80 02000000 00 00 00 00 00 9000', /answer to message 0, expected 1/],
    ['a SlotStatus where a DataBlock belongs', '81 00000000 00 01 00 00 00', /expected a data-block/],
    ['a reader hardware error', '80 00000000 00 01 40 FB 00', /error fb/],
  ])('refuses %s, then powers the card on again', async (_, answer, message) => {
    const { transport, done } = await scripted([
      POWER_ON_0,
      { out: '6F 05000000 00 01 000000 00B0000002', in: [answer] },
      { out: '62 00000000 00 02 000000', in: ['80 09000000 00 02 00 00 00 3BE000FF8131FE4514'] },
      { out: '6F 05000000 00 03 000000 00A4040C00', in: ['80 02000000 00 03 00 00 00 9000'] },
    ]);
    await expect(transport.transmit(hex`00 B0 00 00 02`)).rejects.toMatchObject({
      code: 'transport.protocol',
      message: expect.stringMatching(message) as unknown,
    });
    expect(toHex(await transport.transmit(hex`00 A4 04 0C 00`))).toBe('9000');
    done();
  });
});
