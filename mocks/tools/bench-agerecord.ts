/**
 * `npm run bench:agerecord`: the six-digit age-record check through the RC-S380 driver and its fake: tries
 * query and VERIFY of the birth-date key, the CV certificate, EF 0001, the challenge — APDUs, USB transfers,
 * RF bytes and the time under the reader latency model per step. Prints figures only.
 */
import { runAgeRecordCheck } from '../../app/methods/age-record/age-record-check';
import { chipBench } from './chip-bench-setup';
import { MODEL_TEXT } from './latency-model';

const { ledger, ports, persona } = await chipBench('adult-35');
const started = performance.now();
const result = await runAgeRecordCheck(ports, { birth: persona.numberB.slice(0, 6) });
const wallMs = performance.now() - started;
if (result.kind !== 'evidence') throw new Error(`unexpected ${result.kind}`);
ledger.print('Age-record check with six digits (RC-S380 fake, adult-35):');
console.log(
  `  whole check in Node with the fake (simulator signing and verification included): ${wallMs.toFixed(1)} ms`,
);
console.log(`  model: ${MODEL_TEXT}`);
