import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, hex, toHex, u16be } from '../../card/bytes';
import { AID, JPKI_EF } from '../../card/mynumber/ids';
import { TransportError } from '../../card/transport';
import { createPersonaCard } from '../../../mocks/card/persona-card';
import type { VirtualMyNumberCard } from '../../../mocks/card/virtual-card';
import { asUsbDevice, FakeUsb, FakeUsbDevice } from '../../../mocks/usb/fake-usb';
import { Rcs300Model } from '../../../mocks/usb/rcs300-model';
import { RCS300_DEVICES, Rcs300Transport } from './driver';

let card: VirtualMyNumberCard;
beforeAll(async () => {
  card = (await createPersonaCard('adult-35', '2026-11-26')).card;
});

/** A fresh fake RC-S300/P with the card in the field (or not), opened by the driver. */
async function setUp({ withCard = true } = {}) {
  card.insert();
  const model = new Rcs300Model(card);
  if (!withCard) model.removeCard();
  const device = new FakeUsbDevice(model);
  const transport = await Rcs300Transport.open(asUsbDevice(device), FAST);
  return { model, device, transport };
}

/** The driver's waits, shortened: the fake reader needs no guard times. */
const FAST = { rfSwitchPauseMs: 0, fieldResetMs: 0, drainQuietMs: 1 };

const SELECT_JPKI = concatBytes(hex`00 A4 04 0C`, Uint8Array.of(AID.jpki.length), AID.jpki);
const selectEf = (fid: number) => concatBytes(hex`00 A4 02 0C 02`, u16be(fid));
/** READ BINARY at `offset`; Le 256 is coded 00. */
const readBinary = (offset: number, le: number) => concatBytes(hex`00 B0`, u16be(offset), Uint8Array.of(le & 0xff));
const swOf = (response: Uint8Array) => toHex(response.subarray(-2));
const trace = (device: FakeUsbDevice) => device.log.map((entry) => `${entry.direction} ${toHex(entry.data)}`);

/** Reads EF 000A in 256-byte chunks; its length comes from the DER header `30 82 LL LL`. */
async function readAuthCertificate(transport: Rcs300Transport): Promise<Uint8Array> {
  expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
  expect(swOf(await transport.transmit(selectEf(JPKI_EF.authCertificate)))).toBe('9000');
  const first = await transport.transmit(readBinary(0, 256));
  expect(swOf(first)).toBe('9000');
  expect(first.length).toBe(258);
  expect(toHex(first.subarray(0, 2))).toBe('3082');
  const total = 4 + ((first[2]! << 8) | first[3]!);
  const parts = [first.subarray(0, -2)];
  for (let offset = 256; offset < total; offset += 256) {
    const chunk = await transport.transmit(readBinary(offset, Math.min(256, total - offset)));
    expect(swOf(chunk)).toBe('9000');
    parts.push(chunk.subarray(0, -2));
  }
  return concatBytes(...parts).subarray(0, total);
}

function authCertificateFile(): Uint8Array {
  const file = card.model.applications.find((a) => a.name === 'jpki')?.files.get(JPKI_EF.authCertificate);
  if (file?.kind !== 'binary') throw new Error('the persona card has no authentication certificate');
  return file.content;
}

describe('Rcs300Transport', () => {
  it('knows the /S and /P readers', () => {
    expect(RCS300_DEVICES.map((d) => [d.vendorId, d.productId])).toEqual([
      [0x054c, 0x0dc8],
      [0x054c, 0x0dc9],
    ]);
  });

  it('claims the vendor interface and sets RF up, byte for byte', async () => {
    const { device, transport } = await setUp();
    expect(transport.link.interfaceNumber).toBe(1);
    expect(transport.info).toEqual({ kind: 'rcs300', name: 'Sony RC-S300/P', simulated: false, extendedApdu: false });
    // The public WebUSB FeliCa client's initDevice: end session, start session, RF off, RF on.
    expect(trace(device)).toEqual([
      `out ${toHex(hex`6B 08 00 00 00 00 00 00 00 00  FF 50 00 00 02 82 00 00`)}`, // end transparent session
      `in ${toHex(hex`83 07 00 00 00 00 00 00 00 00  C0 03 00 90 00 90 00`)}`,
      `out ${toHex(hex`6B 08 00 00 00 00 01 00 00 00  FF 50 00 00 02 81 00 00`)}`, // start transparent session
      `in ${toHex(hex`83 07 00 00 00 00 01 00 00 00  C0 03 00 90 00 90 00`)}`,
      `out ${toHex(hex`6B 08 00 00 00 00 02 00 00 00  FF 50 00 00 02 83 00 00`)}`, // RF off
      `in ${toHex(hex`83 07 00 00 00 00 02 00 00 00  C0 03 00 90 00 90 00`)}`,
      `out ${toHex(hex`6B 08 00 00 00 00 03 00 00 00  FF 50 00 00 02 84 00 00`)}`, // RF on
      `in ${toHex(hex`83 07 00 00 00 00 03 00 00 00  C0 03 00 90 00 90 00`)}`,
    ]);
  });

  it('activates the card and sends an ISO-DEP I-block through transceive, byte for byte', async () => {
    const { device, transport } = await setUp();
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(trace(device).slice(8)).toEqual([
      `out ${toHex(hex`6B 0A 00 00 00 00 04 00 00 00  FF 50 00 02 04 8F 02 01 04 00`)}`, // switch: Type B, layer 4
      `in ${toHex(hex`83 07 00 00 00 00 04 00 00 00  C0 03 00 90 00 90 00`)}`,
      // transceive: timer 329 314 µs (FWI 10 + 20 ms), then I(0) with SELECT JPKI-AP
      `out ${toHex(hex`6B 25 00 00 00 00 05 00 00 00  FF 50 00 01 00 00 1B  5F 46 04 62 06 05 00
        95 82 00 10 02 00 A4 04 0C 0A ${toHex(AID.jpki)}  00 00 00`)}`,
      `in ${toHex(hex`83 10 00 00 00 00 05 00 00 00  C0 03 00 90 00 96 02 00 00 97 03 02 90 00 90 00`)}`,
    ]);
  });

  it('reads the whole authentication certificate, with answers longer than one packet', async () => {
    const { model, device, transport } = await setUp();
    const certificate = await readAuthCertificate(transport);
    expect(toHex(certificate)).toBe(toHex(authCertificateFile().subarray(0, certificate.length)));
    expect(device.log.some((entry) => entry.direction === 'in' && entry.data.length === 64)).toBe(true);
    // RF set up once, the card activated once.
    expect(model.counts).toMatchObject({ startSession: 1, rfOn: 1, rfOff: 1, switchProtocol: 1, reqb: 1, attrib: 1 });
    expect(transport.counters).toMatchObject({ setupRuns: 1, activations: 1, fieldResets: 0, recoveries: 0 });
  });

  it('activates once per card presence', async () => {
    const { model, transport } = await setUp();
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(await transport.cardPresent()).toBe(true);
    expect(swOf(await transport.transmit(selectEf(JPKI_EF.tokenInfo)))).toBe('9000');
    expect(await transport.cardPresent()).toBe(true);
    expect(model.counts).toMatchObject({ startSession: 1, rfOn: 1, switchProtocol: 1, attrib: 1 });

    model.removeCard();
    expect(await transport.cardPresent()).toBe(false);
    expect(await transport.cardPresent()).toBe(false);
    model.insertCard();
    expect(await transport.cardPresent()).toBe(true);
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(model.counts).toMatchObject({ startSession: 1, attrib: 2 });
    // One field reset after the lost session; the polls without a card did not cycle RF again.
    expect(transport.counters).toMatchObject({ setupRuns: 1, activations: 2, fieldResets: 1 });
    expect(model.counts.rfOn).toBe(2);
  });

  it('reports a card removed during a read as card-removed, and reads again once it is back', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    await transport.transmit(selectEf(JPKI_EF.authCertificate));
    expect(swOf(await transport.transmit(readBinary(0, 256)))).toBe('9000');
    model.removeCard();
    await expect(transport.transmit(readBinary(256, 256))).rejects.toMatchObject({ code: 'transport.card-removed' });
    model.insertCard();
    const certificate = await readAuthCertificate(transport);
    expect(toHex(certificate)).toBe(toHex(authCertificateFile().subarray(0, certificate.length)));
    expect(transport.counters).toMatchObject({ activations: 2, fieldResets: 1 });
  });

  it('reports a card removed in the middle of a chained response as card-removed', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    await transport.transmit(selectEf(JPKI_EF.authCertificate));
    const receive = model.target.receive.bind(model.target);
    let frames = 0;
    model.target.receive = (frame) => {
      frames += 1;
      if (frames === 2) model.removeCard(); // after the first part, before the R(ACK) for the second
      return receive(frame);
    };
    await expect(transport.transmit(readBinary(0, 256))).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(frames).toBe(4); // I-block, R(ACK) and its two retries
  });

  it('reports no card, then finds one when it arrives', async () => {
    const { model, transport } = await setUp({ withCard: false });
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.no-card' });
    expect(await transport.cardPresent()).toBe(false);
    expect(model.counts.attrib).toBe(0);
    model.insertCard();
    expect(await transport.cardPresent()).toBe(true);
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters).toMatchObject({ setupRuns: 1, activations: 1, fieldResets: 0 });
  });

  it('reports an unplugged reader', async () => {
    const usb = new FakeUsb();
    const { device, transport } = await setUp();
    usb.add(device, { permitted: true });
    await transport.transmit(SELECT_JPKI);
    usb.unplug(device);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
    await expect(transport.cardPresent()).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
    await transport.close(); // must not throw
  });

  it('reports a reader unplugged while it is answering', async () => {
    const { device, transport } = await setUp();
    device.faults.stall = true;
    const pending = transport.transmit(SELECT_JPKI);
    setTimeout(() => {
      device.unplug();
    }, 5);
    await expect(pending).rejects.toMatchObject({ code: 'transport.reader-unplugged' });
  });

  it('fails closed on a corrupted answer that still frames, then works again without a USB reset', async () => {
    const { model, device, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    // The packet's middle byte is in the generic status: the answer frames, but means nothing known.
    device.faults.corruptNextIn = true;
    await expect(transport.transmit(selectEf(JPKI_EF.tokenInfo))).rejects.toMatchObject({
      code: 'transport.protocol',
    });
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(swOf(await transport.transmit(selectEf(JPKI_EF.tokenInfo)))).toBe('9000');
    expect(transport.counters).toMatchObject({ recoveries: 0, setupRuns: 1, activations: 2, fieldResets: 1 });
    expect(model.counts.startSession).toBe(1);
  });

  it('resets USB after an answer out of sequence, then works again', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    model.queueStaleAnswer(); // an answer with another bSeq arrives first
    await expect(transport.transmit(selectEf(JPKI_EF.tokenInfo))).rejects.toMatchObject({
      code: 'transport.protocol',
    });
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters).toMatchObject({ recoveries: 1, setupRuns: 2, activations: 2 });
    expect(model.counts.startSession).toBe(2);
  });

  it('reports a stalled reader as a timeout, then works again after a USB reset', async () => {
    const { device, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    device.faults.stall = true;
    await expect(transport.transmit(selectEf(JPKI_EF.tokenInfo))).rejects.toMatchObject({ code: 'transport.timeout' });
    expect(transport.link.stale).toBe(true);
    device.faults.stall = false;
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters).toMatchObject({ recoveries: 1, setupRuns: 2 });
  });

  it('waits through CCID time extensions', async () => {
    const { model, transport } = await setUp();
    model.timeExtensionsBeforeNext = 3;
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(model.timeExtensionsBeforeNext).toBe(0);
  });

  it('skips the zero-length packet after an answer of exactly 64 bytes', async () => {
    const { device, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    await transport.transmit(selectEf(JPKI_EF.authCertificate));
    // 10 header + C0 (5) + 96 (4) + 97 2B (2 + PCB + 38 data + SW) + 90 00 = 64 bytes.
    expect((await transport.transmit(readBinary(0, 38))).length).toBe(40);
    expect(device.log.at(-1)?.data.length).toBe(64);
    expect(swOf(await transport.transmit(readBinary(0, 1)))).toBe('9000');
    expect(device.log.filter((entry) => entry.direction === 'in' && entry.data.length === 0)).toHaveLength(1);
  });

  it('recovers lost and damaged RF frames through ISO-DEP', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    model.rfFaults.silenceNext = 1;
    expect(swOf(await transport.transmit(selectEf(JPKI_EF.tokenInfo)))).toBe('9000');
    model.rfFaults.damageNext = 1;
    expect(swOf(await transport.transmit(selectEf(JPKI_EF.tokenInfo)))).toBe('9000');
    expect(transport.counters.activations).toBe(1);
  });

  it('chains a command longer than the assumed FSC of 64 bytes', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    const before = model.counts.transceive;
    const longSelect = concatBytes(hex`00 A4 04 0C 50`, new Uint8Array(0x50));
    expect((await transport.transmit(longSelect)).length).toBe(2); // an SW only: no such application
    expect(model.counts.transceive - before).toBe(2);
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('rejects a second exchange while one is running', async () => {
    const { transport } = await setUp();
    const first = transport.transmit(SELECT_JPKI);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.busy' });
    expect(swOf(await first)).toBe('9000');
  });

  it('stops on an aborted signal, then works again', async () => {
    const { transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    await expect(transport.transmit(SELECT_JPKI, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'transport.aborted',
    });
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('switches RF off, ends the session and releases the reader on close', async () => {
    const { model, device, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    await transport.close();
    expect(model.counts).toMatchObject({ rfOff: 2, endSession: 2 }); // at open and at close
    expect(model.target.state).toBe('idle');
    expect(device.opened).toBe(false);
  });

  it('ends every exchange fed malformed transceive answers in a TransportError (fuzz)', async () => {
    const valid = hex`C0 03 00 90 00 96 02 00 00 97 03 02 90 00 90 00`;
    const damaged = fc
      .tuple(fc.nat(valid.length), fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 }))
      .map(([cut, at, xor]) => {
        const bytes = valid.slice(0, cut);
        if (at < bytes.length) bytes[at]! ^= xor;
        return bytes;
      });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(damaged, fc.uint8Array({ maxLength: 24 })), { minLength: 1, maxLength: 6 }),
        async (answers) => {
          const { model, transport } = await setUp();
          model.scriptedAnswers.push(...answers);
          try {
            await transport.transmit(SELECT_JPKI);
          } catch (error) {
            expect(error).toBeInstanceOf(TransportError);
          }
          expect(model.counts.escapes).toBeLessThan(200);
        },
      ),
      { seed: 300, numRuns: 150 },
    );
  });
});

describe('Rcs300Transport on the error paths of the real reader', () => {
  it('opens a reader whose transparent session a crashed tab left open', async () => {
    card.insert();
    const model = new Rcs300Model(card);
    const device = new FakeUsbDevice(model);
    model.leaveSessionOpen();
    const transport = await Rcs300Transport.open(asUsbDevice(device), FAST);
    expect(model.counts).toMatchObject({ endSession: 1, startSession: 1 });
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('drains an answer left in the pipe before it opens the session', async () => {
    card.insert();
    const model = new Rcs300Model(card);
    const device = new FakeUsbDevice(model);
    model.queueStaleAnswer();
    const transport = await Rcs300Transport.open(asUsbDevice(device), FAST);
    expect(transport.link.counters).toMatchObject({ drained: 1, resets: 0 });
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it.each([
    ['64 01', 0x6401],
    ['64 00', 0x6400],
    ['6A 81', 0x6a81],
    ['63 01', 0x6301],
  ])('reads "no answer" %s as no card while polling, and never resets USB', async (_, status) => {
    const { model, transport } = await setUp({ withCard: false });
    model.noAnswerStatus = status;
    for (let poll = 0; poll < 20; poll += 1) expect(await transport.cardPresent()).toBe(false);
    await expect(transport.transmit(SELECT_JPKI)).rejects.toMatchObject({ code: 'transport.no-card' });
    expect(transport.counters.recoveries).toBe(0);
    expect(transport.link.counters.resets).toBe(0);
  });

  it.each([
    ['64 01', 0x6401],
    ['6A 81', 0x6a81],
    ['63 01', 0x6301],
  ])('reads "no answer" %s inside an exchange as R(NAK), then the card gone', async (_, status) => {
    const { model, transport } = await setUp();
    model.noAnswerStatus = status;
    await transport.transmit(SELECT_JPKI);
    const removal = model.beforeRfFrame(1, () => {
      model.removeCard();
    });
    const pending = transport.transmit(selectEf(JPKI_EF.tokenInfo));
    await removal;
    await expect(pending).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(model.rfFrames).toBeGreaterThanOrEqual(3); // the I-block and its R(NAK) retries
    expect(transport.link.counters.resets).toBe(0);
  });

  it('fails closed on an answer carrying an unknown data object, and names it', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    model.scriptedAnswers.push(hex`C0 03 00 90 00 96 02 00 00 97 03 02 90 00 A7 01 00 90 00`);
    await expect(transport.transmit(selectEf(JPKI_EF.tokenInfo))).rejects.toThrow(/unknown data object A7/);
    expect(transport.link.counters.resets).toBe(0);
    expect(swOf(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });
});
