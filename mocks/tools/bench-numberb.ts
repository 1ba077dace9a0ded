/**
 * `npm run bench:numberb`: one number-B check (tries, VERIFY 照合番号B, EF 0002 read) through the RC-S380 driver
 * and its fake: APDUs, USB transfers, bytes and time under the reader latency model. Prints figures only.
 */
import { runNumberBCheck } from '../../app/methods/number-b/number-b-check';
import { Rcs380Transport } from '../../app/readers/rcs380/driver';
import { createPersonaCard } from '../card/persona-card';
import { asUsbDevice, FakeUsbDevice } from '../usb/fake-usb';
import { Rcs380Model } from '../usb/rcs380-model';
import { MODEL_TEXT, modelledMs } from './latency-model';
import { utf8 } from '../../app/card/bytes';

const TODAY = '2026-11-26';
const { card, persona } = await createPersonaCard('adult-35', TODAY);
const model = new Rcs380Model(card);
const transport = await Rcs380Transport.open(asUsbDevice(new FakeUsbDevice(model)));
await transport.cardPresent();
const before = { ...transport.link.counters };
const rfBefore = model.counts.rfBytes;
const apdusBefore = card.trace.length;
const started = performance.now();
const result = await runNumberBCheck(
  { transport, today: TODAY },
  {
    birth: utf8(persona.numberB.slice(0, 6)),
    expiryYear: utf8(persona.numberB.slice(6, 10)),
    securityCode: utf8(persona.numberB.slice(10)),
  },
);
const wallMs = performance.now() - started;
if (result.kind !== 'evidence') throw new Error(`unexpected ${result.kind}`);
const after = transport.link.counters;
const transfers = after.outTransfers - before.outTransfers + after.inTransfers - before.inTransfers;
const rfBytes = model.counts.rfBytes - rfBefore;
console.log('Number-B check through the RC-S380 driver (fake reader, virtual card, adult-35):');
console.log(
  `  APDUs ${card.trace.length - apdusBefore}, USB transfers ${transfers}, ` +
    `USB bytes ${after.bytesOut - before.bytesOut + after.bytesIn - before.bytesIn}, RF bytes ${rfBytes}`,
);
console.log(`  modelled reader time ${modelledMs(transfers, rfBytes).toFixed(1)} ms (${MODEL_TEXT})`);
console.log(`  whole check in Node with the fake: ${wallMs.toFixed(1)} ms`);
