/**
 * `npm run gen:card-faces -- [--set tune|tune2|…|tune10|heldout|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|fresh7|fresh8|fresh9|fresh10|fresh11|fresh12|fresh13|fresh14|fresh15] [--fronts 200] [--backs 20] [--out bench-data/card-faces]`:
 * a set of synthetic card photos with their ground truth (`truth.json`), for the OCR benchmark
 * (`mocks/card-face/face-sets.ts`). Generated on demand, never committed.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FACE_SETS, writeFaceSet, type FaceSetName } from '../card-face/face-sets';

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'tune' },
    fronts: { type: 'string', default: '200' },
    backs: { type: 'string', default: '20' },
    out: { type: 'string', default: 'bench-data/card-faces' },
  },
});
if (!(values.set in FACE_SETS)) throw new Error(`--set must be one of ${Object.keys(FACE_SETS).join(', ')}`);
const name = values.set as FaceSetName;
const dir = join(values.out, name);
const truth = await writeFaceSet(name, dir, Number(values.fronts), Number(values.backs));
console.log(`wrote ${truth.length} images of the ${name} set and truth.json to ${dir}`);
