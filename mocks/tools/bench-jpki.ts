/**
 * `npm run bench:jpki`: one JPKI signature check (tries, password, certificate, SIGN, verification) through
 * the RC-S380 driver and its fake: APDUs, USB transfers, bytes, and time under the reader latency model of
 * `bench:readers`; then the X.509 verification time measured in Chromium. Prints figures; asserts nothing.
 */
import { utf8 } from '../../app/card/bytes';
import { demoAnchors } from '../../app/card/jpki-trust-anchors';
import { openJpkiCheck } from '../../app/methods/jpki-signature/jpki-signature-check';
import { Rcs380Transport } from '../../app/readers/rcs380/driver';
import { createPersonaCard } from '../card/persona-card';
import { caCertificates } from '../card/pki/simulator-pki';
import { asUsbDevice, FakeUsbDevice } from '../usb/fake-usb';
import { Rcs380Model } from '../usb/rcs380-model';
import { runInChromium } from './chromium-bench';
import { MODEL_TEXT, modelledMs } from './latency-model';

const { card } = await createPersonaCard('adult-35', '2026-11-26');
const model = new Rcs380Model(card);
const transport = await Rcs380Transport.open(asUsbDevice(new FakeUsbDevice(model)));
await transport.cardPresent();
const anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
const before = { ...transport.link.counters };
const rfBefore = model.counts.rfBytes;
const apdusBefore = card.trace.length;
const started = performance.now();
const opened = await openJpkiCheck({
  transport,
  loadTrust: () => Promise.resolve(anchors),
  revocation: null,
  now: () => new Date('2026-11-26T03:00:00Z'),
  random: (n) => crypto.getRandomValues(new Uint8Array(n)),
});
if (opened.kind !== 'ask-password') throw new Error('unexpected refusal');
const result = await opened.check.submitPassword(utf8('ABC123'));
const wallMs = performance.now() - started;
if (result.kind !== 'evidence') throw new Error('the check did not produce evidence');
const after = transport.link.counters;
const transfers = after.outTransfers - before.outTransfers + after.inTransfers - before.inTransfers;
const rfBytes = model.counts.rfBytes - rfBefore;

console.log('JPKI signature check through the RC-S380 driver (fake reader, virtual card, adult-35):');
console.log(
  `  APDUs ${card.trace.length - apdusBefore}, USB transfers ${transfers}, USB bytes ${after.bytesOut - before.bytesOut + after.bytesIn - before.bytesIn}, RF bytes ${rfBytes}`,
);
console.log(`  modelled reader time ${modelledMs(transfers, rfBytes).toFixed(1)} ms (${MODEL_TEXT})`);
console.log(
  `  whole check in Node with the fake (includes simulator signing and X.509 verification): ${wallMs.toFixed(1)} ms`,
);

// X.509 verification in Chromium: the browser half runs in a blank page.
const figures = await runInChromium<{ firstMs: number; medianMs: number; rounds: number }>(
  'mocks/tools/bench-jpki-browser.ts',
  'benchJpki',
);
console.log(
  `  X.509 verification in Chromium (parse, chain by signature, validity, key usage, policy, challenge signature): ` +
    `first ${figures.firstMs.toFixed(1)} ms, median ${figures.medianMs.toFixed(1)} ms over ${figures.rounds}`,
);
