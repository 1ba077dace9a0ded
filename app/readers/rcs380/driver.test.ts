import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, hex, toHex } from '../../card/bytes';
import { AID, JPKI_EF } from '../../card/mynumber/ids';
import { createPersonaCard } from '../../../mocks/card/persona-card';
import { asUsbDevice, FakeUsbDevice } from '../../../mocks/usb/fake-usb';
import { RCS380_INTERFACES, Rcs380Model } from '../../../mocks/usb/rcs380-model';
import { ScriptedReader, type ScriptStep } from '../../../mocks/usb/scripted-reader';
import { Rcs380Transport } from './driver';
import { encodeFrame } from './port100-frame';

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
    // One field reset (SwitchRF off, then the RF set-up again) after the lost session.
    expect(transport.counters.fieldResets).toBe(1);
    expect(model.counts.inSetRf).toBe(2);
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

/** nfcpy's frame helpers (`tests/test_clf_rcs380.py`): CMD = FRAME('D6' + …), RSP = FRAME('D7' + …). */
const CMD = (data: string) => toHex(encodeFrame(hex`D6 ${data}`));
const RSP = (data: string) => toHex(encodeFrame(hex`D7 ${data}`));
const ACK = '0000ff00ff00';
const NFCPY = 'nfcpy tests/test_clf_rcs380.py';

/** The open sequence with nfcpy's answers to each command (its `chipset` and `sense_ttb` fixtures). */
const OPEN_STEPS: ScriptStep[] = [
  { out: ACK, in: [] },
  { out: CMD('2A 01'), in: [ACK, RSP('2B 00')], source: `${NFCPY} chipset fixture` },
  { out: CMD('06 00'), in: [ACK, RSP('07 00')], source: `${NFCPY} chipset fixture` },
  { out: CMD('00 03070F07'), in: [ACK, RSP('01 00')], source: `${NFCPY} test_sense_ttb_*` },
  {
    out: CMD('02 00180101020103000400050006000708 080009000a000b000c000e040f001000 110012001306'),
    in: [ACK, RSP('03 00')],
    source: `${NFCPY} test_sense_ttb_*`,
  },
  { out: CMD('02 0B0109010C010A010014'), in: [ACK, RSP('03 00')], source: `${NFCPY} test_sense_ttb_*` },
];

function scripted(steps: readonly ScriptStep[]) {
  const model = new ScriptedReader(0x054c, 0x06c3, RCS380_INTERFACES, steps, true);
  const device = new FakeUsbDevice(model);
  return { model, device };
}

describe('RC-S380 driver against nfcpy’s byte sequences', () => {
  it('reads an empty field from the 4-byte status alone, without a USB reset', async () => {
    const { model, device } = scripted([
      ...OPEN_STEPS,
      // REQB with a 30 ms timeout; nfcpy test_sense_ttb_with_no_target_found: RSP('05 80000000').
      { out: CMD('04 2C01 050010'), in: [ACK, RSP('05 80000000')], source: NFCPY },
      { out: CMD('04 2C01 050010'), in: [ACK, RSP('05 80000000')], source: NFCPY },
    ]);
    const transport = await Rcs380Transport.open(asUsbDevice(device));
    expect(await transport.cardPresent()).toBe(false);
    expect(await transport.cardPresent()).toBe(false);
    expect(model.mismatch).toBeNull();
    expect(model.leftovers()).toEqual([]);
    expect(transport.link.counters.resets).toBe(0);
  });

  it('takes a real ATQB (nfcpy test_sense_ttb_with_tt4_target_found) and sends ATTRIB to its PUPI', async () => {
    const { model, device } = scripted([
      ...OPEN_STEPS,
      { out: CMD('04 2C01 050010'), in: [ACK, RSP('05 00000000 08 50E8253EEC00000011008185')], source: NFCPY },
      // ATTRIB to PUPI E8253EEC; FWI 8 from the ATQB → 30 ms + 77.3 ms = 0x0431 units. Answer: ours (no vector).
      { out: CMD('04 3104 1D E8253EEC 00080100'), in: [ACK, RSP('05 00000000 00 00')] },
    ]);
    const transport = await Rcs380Transport.open(asUsbDevice(device));
    expect(await transport.cardPresent()).toBe(true);
    expect(model.mismatch).toBeNull();
    expect(model.leftovers()).toEqual([]);
  });

  it('drains an answer left in the pipe by a killed page before it sets the reader up', async () => {
    const { model, device } = scripted(OPEN_STEPS);
    // What a page killed mid-InCommRF leaves behind: the ACK and the answer to a command no one will ask again.
    model.preload(ACK, RSP('05 00000000 00 0290 00'));
    const transport = await Rcs380Transport.open(asUsbDevice(device));
    expect(model.mismatch).toBeNull();
    expect(model.leftovers()).toEqual([]);
    expect(transport.link.counters).toMatchObject({ drained: 2, resets: 0 });
  });
});

describe('RC-S380 driver on the error paths of the real reader', () => {
  it('polls an empty reader with one InCommRF per poll and no USB reset', async () => {
    const { model, device, transport } = await setUp();
    model.removeCard();
    const before = { out: transport.link.counters.outTransfers, in: transport.link.counters.inTransfers };
    for (let poll = 0; poll < 50; poll += 1) expect(await transport.cardPresent()).toBe(false);
    expect(transport.link.counters.outTransfers - before.out).toBe(50);
    expect(transport.link.counters.inTransfers - before.in).toBe(100);
    expect(transport.link.counters.resets).toBe(0);
    expect(device.outHeld).toBe(false);
  });

  it('resets the field when a card left ACTIVE after an error would ignore REQB', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    // Three damaged answers in a row: ISO-DEP gives up with a protocol error; the card stays in the field, ACTIVE.
    model.rfFaults.damageNext = 3;
    await expect(transport.transmit(SELECT_AUTH_CERT)).rejects.toMatchObject({ code: 'transport.protocol' });
    expect(model.target.state).toBe('active');
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
    expect(transport.counters.fieldResets).toBe(1);
    expect(model.counts.switchRfOff).toBe(2); // at open, and the field reset
    expect(transport.link.counters.resets).toBe(0);
  });

  it('takes the card away mid-exchange: R(NAK) retries, then card-removed, no USB reset', async () => {
    const { model, transport } = await setUp();
    await transport.transmit(SELECT_JPKI);
    await transport.transmit(SELECT_AUTH_CERT);
    // READ BINARY Le 256: 258 bytes do not fit one 256-byte frame, so the card chains its answer.
    const removal = model.beforeRfFrame(2, () => {
      model.removeCard();
    });
    const read = transport.transmit(hex`00 B0 00 00 00`);
    await removal;
    await expect(read).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(await transport.cardPresent()).toBe(false);
    expect(transport.link.counters.resets).toBe(0);
  });

  it('opens a reader that holds a stale answer, without a USB reset', async () => {
    const { card } = await createPersonaCard('adult-35', '2026-11-26');
    const model = new Rcs380Model(card);
    const device = new FakeUsbDevice(model);
    model.queueStaleAnswer();
    const transport = await Rcs380Transport.open(asUsbDevice(device));
    expect(transport.link.counters).toMatchObject({ drained: 2, resets: 0 });
    expect(await transport.cardPresent()).toBe(true);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('resets the USB device once and tries again when the set-up fails at open', async () => {
    const { card } = await createPersonaCard('adult-35', '2026-11-26');
    const device = new FakeUsbDevice(new Rcs380Model(card));
    device.faults.corruptNextIn = true;
    const transport = await Rcs380Transport.open(asUsbDevice(device));
    expect(transport.link.counters.resets).toBe(1);
    expect(toHex(await transport.transmit(SELECT_JPKI))).toBe('9000');
  });

  it.each([49, 113, 177, 241])(
    'ends a %i-byte APDU’s frame of whole packets with a zero-length packet',
    async (length) => {
      const { device, transport } = await setUp();
      await transport.transmit(SELECT_JPKI);
      // SELECT by DF name with a name of the right length: the card answers 6A 82 (no such DF).
      const apdu = concatBytes(hex`00 A4 04 0C`, Uint8Array.of(length - 5), new Uint8Array(length - 5).fill(0xd3));
      expect(apdu.length).toBe(length);
      const sent = device.log.length;
      expect(toHex(await transport.transmit(apdu))).toBe('6a82');
      const outs = device.log.slice(sent).filter((t) => t.direction === 'out');
      expect(outs[0]!.data.length % 64).toBe(0);
      expect(outs[1]!.data.length).toBe(0);
      expect(transport.link.counters.zeroLengthPackets).toBe(1);
    },
  );
});
