/**
 * Browser half of `npm run bench:numberb`: decodes a persona's chip photo (JP2) with the app's lazily loaded
 * OpenJPEG WebAssembly decoder, where it really runs. The first round includes loading and compiling it.
 */
import { decodeJp2 } from '../../app/ui/verdict/jp2-decode';
import { FACE_PHOTOS_JP2 } from '../card/face-photos';

const ROUNDS = 30;

async function run() {
  const jp2 = Uint8Array.from(atob(FACE_PHOTOS_JP2['adult-35']), (c) => c.charCodeAt(0));
  const times: number[] = [];
  let size = { width: 0, height: 0 };
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    const image = await decodeJp2(jp2);
    times.push(performance.now() - started);
    size = { width: image.width, height: image.height };
  }
  const sorted = times.slice(1).sort((a, b) => a - b);
  return { firstMs: times[0] ?? 0, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, rounds: ROUNDS, ...size };
}

Object.assign(globalThis, { benchPhoto: run });
