/**
 * `npm run bench:readers`: a full read of a 2 KB certificate file (JPKI EF 000A: the certificate and its
 * padding, 2,048 bytes) through each reader driver against its fake device, with the APDUs, USB transfers and
 * bytes on the wire, and a time from a stated latency model. The baseline is the RC-S380 driven as the older
 * public WebUSB driver does it: RF set-up (InSetRF + 2 × InSetProtocol) before every RF exchange.
 * Then the cost of the state a counter terminal is in most of the time: an open reader with no card, polled
 * at the app's interval — USB transfers per poll, and USB resets per minute (must be 0: a reset loop on an
 * empty reader is what the drivers' error paths used to risk). And the card-on-the-reader cost: activations
 * per presence.
 * Prints figures; asserts nothing.
 */
import { readBytes } from '../../app/card/apps/binary-file';
import { selectApplication, selectFile } from '../../app/card/apps/select';
import { JPKI_EF } from '../../app/card/mynumber/ids';
import type { CardTransport } from '../../app/card/transport';
import { CONFIG } from '../../app/config';
import { CcidTransport } from '../../app/readers/ccid/driver';
import { Rcs300Transport } from '../../app/readers/rcs300/driver';
import { Rcs380Transport } from '../../app/readers/rcs380/driver';
import type { UsbCounters } from '../../app/readers/usb-link';
import { VirtualCardTransport } from '../../app/readers/virtual-card/driver';
import { createPersonaCard } from '../card/persona-card';
import { CcidModel } from '../usb/ccid-model';
import { asUsbDevice, FakeUsbDevice, type ReaderModel } from '../usb/fake-usb';
import { Rcs300Model } from '../usb/rcs300-model';
import { Rcs380Model } from '../usb/rcs380-model';
import { modelledMs, RF_BYTE_MS, USB_TRANSFER_MS } from './latency-model';

const FILE_BYTES = 2048;

interface Row {
  name: string;
  apdus: number;
  out: number;
  in: number;
  bytes: number;
  rfBytes: number | null;
  wallMs: number;
}

/** Counts APDUs passing through a transport. */
function counting(transport: CardTransport): { transport: CardTransport; apdus: () => number } {
  let apdus = 0;
  return {
    transport: {
      info: transport.info,
      transmit: (apdu, options) => {
        apdus += 1;
        return transport.transmit(apdu, options);
      },
      cardPresent: (options) => transport.cardPresent(options),
      close: () => transport.close(),
    },
    apdus: () => apdus,
  };
}

async function read(transport: CardTransport): Promise<number> {
  await selectApplication(transport, 'jpki');
  await selectFile(transport, 'jpki', JPKI_EF.authCertificate);
  return (await readBytes(transport, 0, FILE_BYTES)).length;
}

interface UsbDriverUnderTest {
  readonly name: string;
  readonly model: (
    card: Awaited<ReturnType<typeof createPersonaCard>>['card'],
  ) => ReaderModel & { removeCard(): void; insertCard(): void };
  readonly open: (device: USBDevice) => Promise<CardTransport & { link: { counters: UsbCounters } }>;
  /** ISO 14443 bytes over the air, where the fake counts them. */
  readonly rfBytes?: (model: ReaderModel) => number;
}

const rcs380RfBytes = (model: ReaderModel) => (model instanceof Rcs380Model ? model.counts.rfBytes : 0);

const DRIVERS: readonly UsbDriverUnderTest[] = [
  {
    name: 'RC-S380 (this driver)',
    model: (c) => new Rcs380Model(c),
    open: (d) => Rcs380Transport.open(d),
    rfBytes: rcs380RfBytes,
  },
  {
    name: 'RC-S380 baseline: RF set-up per exchange',
    model: (c) => new Rcs380Model(c),
    open: (d) => Rcs380Transport.open(d, { rfSetupEveryExchange: true }),
    rfBytes: rcs380RfBytes,
  },
  { name: 'RC-S300 (untested on hardware)', model: (c) => new Rcs300Model(c), open: (d) => Rcs300Transport.open(d) },
  {
    name: 'CCID (Isolated Web App only)',
    model: (c) => new CcidModel(c),
    open: async (d) => {
      (d as unknown as FakeUsbDevice).faults.unrestricted = true;
      return CcidTransport.open(d);
    },
  },
];

async function usbRow(driver: UsbDriverUnderTest): Promise<Row> {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const model = driver.model(card);
  const transport = await driver.open(asUsbDevice(new FakeUsbDevice(model)));
  await transport.cardPresent(); // activation is part of placing the card, not of the read
  const before: UsbCounters = { ...transport.link.counters };
  const rfBefore = driver.rfBytes?.(model) ?? 0;
  const counted = counting(transport);
  const started = performance.now();
  const bytes = await read(counted.transport);
  const wallMs = performance.now() - started;
  if (bytes !== FILE_BYTES) throw new Error(`read ${bytes} bytes`);
  const after = transport.link.counters;
  return {
    name: driver.name,
    apdus: counted.apdus(),
    out: after.outTransfers - before.outTransfers,
    in: after.inTransfers - before.inTransfers,
    bytes: after.bytesOut - before.bytesOut + after.bytesIn - before.bytesIn,
    rfBytes: driver.rfBytes ? driver.rfBytes(model) - rfBefore : null,
    wallMs,
  };
}

async function virtualRow(): Promise<Row> {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const counted = counting(new VirtualCardTransport(card));
  const started = performance.now();
  await read(counted.transport);
  return {
    name: 'virtual card (no USB)',
    apdus: counted.apdus(),
    out: 0,
    in: 0,
    bytes: 0,
    rfBytes: null,
    wallMs: performance.now() - started,
  };
}

interface PollRow {
  name: string;
  transfersPerPoll: number;
  resetsPerMinute: number;
  activationsPerPresence: number;
}

/**
 * An hour's worth of polls would take long even against a fake: poll a minute's worth of the app's interval on
 * an empty reader, then 100 polls with the card on it.
 */
async function pollRow(driver: UsbDriverUnderTest): Promise<PollRow> {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const model = driver.model(card);
  const transport = await driver.open(asUsbDevice(new FakeUsbDevice(model)));
  model.removeCard();
  const pollsPerMinute = Math.round(60_000 / CONFIG.readerPollIntervalMs);
  const before: UsbCounters = { ...transport.link.counters };
  for (let poll = 0; poll < pollsPerMinute; poll += 1) {
    if (await transport.cardPresent()) throw new Error('a card on an empty reader');
  }
  const after = transport.link.counters;
  const transfers = after.outTransfers - before.outTransfers + after.inTransfers - before.inTransfers;
  model.insertCard();
  const activationsBefore = activationsOf(transport);
  for (let poll = 0; poll < 100; poll += 1) {
    if (!(await transport.cardPresent())) throw new Error('the card was not seen');
  }
  return {
    name: driver.name,
    transfersPerPoll: transfers / pollsPerMinute,
    resetsPerMinute: after.resets - before.resets,
    activationsPerPresence: activationsOf(transport) - activationsBefore,
  };
}

/** Card activations a driver counts (RC-S380, RC-S300: REQB/ATTRIB or switch protocol; CCID: IccPowerOn). */
function activationsOf(transport: object): number {
  const counters = (transport as { counters?: { activations?: number; powerOns?: number } }).counters;
  return counters?.activations ?? counters?.powerOns ?? 0;
}

const rows: Row[] = [];
for (const driver of DRIVERS) rows.push(await usbRow(driver));
rows.push(await virtualRow());
const modelled = (r: Row) => modelledMs(r.out + r.in, r.rfBytes ?? 0);

console.log(
  `Full read of a ${FILE_BYTES}-byte certificate file (JPKI EF 000A) after SELECT AP + SELECT EF; READ BINARY Le 251.`,
);
console.log(
  `Model: ${USB_TRANSFER_MS} ms per USB transfer + ${RF_BYTE_MS.toFixed(4)} ms per RF byte (106 kbit/s, counted by the RC-S380 fake only); card processing not modelled.`,
);
console.log('driver'.padEnd(44) + 'APDUs  OUT   IN  USB bytes  RF bytes  modelled ms  fake wall ms');
for (const r of rows) {
  console.log(
    r.name.padEnd(44) +
      String(r.apdus).padStart(5) +
      String(r.out).padStart(5) +
      String(r.in).padStart(5) +
      String(r.bytes).padStart(11) +
      String(r.rfBytes ?? '-').padStart(10) +
      modelled(r).toFixed(1).padStart(13) +
      r.wallMs.toFixed(1).padStart(14),
  );
}
const ours = rows[0]!;
const baseline = rows[1]!;
console.log(
  `baseline / this driver: ${(baseline.out + baseline.in) / (ours.out + ours.in)}× USB transfers, ` +
    `${(modelled(baseline) / modelled(ours)).toFixed(2)}× modelled time`,
);

console.log('');
console.log(
  `Empty reader polled at the app's interval (${CONFIG.readerPollIntervalMs} ms, ${Math.round(60_000 / CONFIG.readerPollIntervalMs)} polls = one minute), then 100 polls with the card on it.`,
);
console.log('driver'.padEnd(44) + 'USB transfers/poll  resets/minute  activations per presence');
for (const driver of DRIVERS.filter((d) => !d.name.includes('baseline'))) {
  const r = await pollRow(driver);
  console.log(
    r.name.padEnd(44) +
      r.transfersPerPoll.toFixed(1).padStart(18) +
      String(r.resetsPerMinute).padStart(15) +
      String(r.activationsPerPresence).padStart(26),
  );
}
