/**
 * `npm run bench:numberb`: the number-B check through the RC-S380 driver and its fake, with the genuine-chip
 * proof: in kiosk mode (no photo) and in clerk mode (with the chip's photo). For each step — tries query,
 * VERIFY, EF 0002, CV certificate, EF 0007, challenge, and the surface AP's photo path — the APDUs, USB
 * transfers, RF bytes and the time under the reader latency model; then the photo's JPEG 2000 decode time in
 * Chromium. Prints figures only.
 */
import { runNumberBCheck } from '../../app/methods/number-b/number-b-check';
import { chipBench } from './chip-bench-setup';
import { runInChromium } from './chromium-bench';
import { MODEL_TEXT, modelledMs } from './latency-model';
import { utf8 } from '../../app/card/bytes';

const isProof = (label: string) => /CV certificate|signed key|challenge/.test(label) && label.startsWith('support');

for (const readPhoto of [false, true]) {
  const { ledger, ports, persona } = await chipBench('adult-35');
  const started = performance.now();
  const result = await runNumberBCheck(
    { ...ports, readPhoto },
    {
      birth: utf8(persona.numberB.slice(0, 6)),
      expiryYear: utf8(persona.numberB.slice(6, 10)),
      securityCode: utf8(persona.numberB.slice(10)),
    },
  );
  const wallMs = performance.now() - started;
  if (result.kind !== 'evidence') throw new Error(`unexpected ${result.kind}`);
  ledger.print(
    `Number-B check, ${readPhoto ? 'clerk mode, with the chip photo' : 'kiosk mode, no photo'} (RC-S380 fake, adult-35):`,
  );
  const proof = ledger.total(isProof);
  const photo = ledger.total((label) => label.startsWith('surface'));
  console.log(
    `  genuine-chip proof on the support AP: ${proof.apdus} APDUs, ${proof.transfers} transfers, ` +
      `${modelledMs(proof.transfers, proof.rfBytes).toFixed(1)} ms` +
      (readPhoto
        ? `; photo path on the surface AP: ${photo.apdus} APDUs, ${photo.transfers} transfers, ` +
          `${modelledMs(photo.transfers, photo.rfBytes).toFixed(1)} ms (photo ${result.photo?.length ?? 0} bytes of JP2)`
        : ''),
  );
  console.log(
    `  whole check in Node with the fake (simulator signing and verification included): ${wallMs.toFixed(1)} ms`,
  );
}
console.log(`  model: ${MODEL_TEXT}`);

const decode = await runInChromium<{
  firstMs: number;
  medianMs: number;
  rounds: number;
  width: number;
  height: number;
}>('mocks/tools/bench-photo-browser.ts', 'benchPhoto');
console.log(
  `Chip photo decode in Chromium (OpenJPEG WebAssembly, ${decode.width}×${decode.height} greyscale JP2): ` +
    `first ${decode.firstMs.toFixed(1)} ms (loads and compiles the decoder), median ${decode.medianMs.toFixed(1)} ms over ${decode.rounds}`,
);
