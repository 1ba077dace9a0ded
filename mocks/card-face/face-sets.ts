/**
 * The benchmark's sets of card photos, each drawn from its own seed with the same generator: `tune` …
 * `tune10`, the sets the recogniser's settings were chosen on, and `heldout` and `fresh` … `fresh15`, which are
 * only ever scored as a whole (nobody looks at their images one by one, so their figures say how the recogniser does on
 * faces it was not fitted to).
 * Each set: fronts, half clean and half photographed badly, plus backs that must never yield anything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Degradation } from './camera-shot';
import { randomFace, type FaceLayout } from './face-sample';
import { ensureBenchFonts, renderCardImage, seededRandom } from './render-card-face';

/**
 * `heldout` was scored once per tuning round; `fresh`, added in the fourth round, three times in it (it is no
 * longer unseen); `fresh2`, added in the fifth, had never been generated or scored before that round's final
 * run, so it is the cleaner measure of faces not fitted to. `tune6` and `tune7`, also added in the fifth, are
 * tuning sets like the others. `fresh3`, added in the sixth round, was generated and scored only on that round's
 * final code (fresh2 had been scored once by then); it was scored twice in that round, so `fresh4`, added in the
 * round after, is the unseen one for that round's final run; `fresh5`, added the round after that, for its own;
 * `fresh6`, added in the eighth round, for that round's; `fresh7`, added in the ninth, for its own; `fresh8`, added in the tenth, for its own (scored a second time, in part, for an expiry check that was not kept).
 * `tune8` … `tune10`, added in the eleventh round, are tuning sets: more faces to look at one by one for the kind
 * of wrong expiry fresh8 accepted; `fresh9`, added in the same round, is its unseen set; `fresh10`, added in the
 * twelfth, is that round's; `fresh11`, added in the thirteenth, is its own; `fresh12`, added in the fourteenth, is its own; `fresh13`, added in the
 * fifteenth, is its own; `fresh14`, added in the sixteenth, is its own; `fresh15`, added in the seventeenth, is its
 * own.
 */
export const FACE_SETS = {
  tune: 20261201,
  tune2: 43117759,
  tune3: 3520769522,
  tune4: 3241953375,
  tune5: 2523781873,
  tune6: 4179347574,
  tune7: 175122668,
  tune8: 2416960916,
  tune9: 504460422,
  tune10: 1529142990,
  heldout: 61830427,
  fresh: 3869324700,
  fresh2: 1976067393,
  fresh3: 2469506299,
  fresh4: 2172168339,
  fresh5: 1751145888,
  fresh6: 3857164857,
  fresh7: 2095957128,
  fresh8: 2559035224,
  fresh9: 552209209,
  fresh10: 1675845725,
  fresh11: 363676610,
  fresh12: 1452187284,
  fresh13: 1707816064,
  fresh14: 1299555579,
  fresh15: 1877065404,
} as const;
/** The sets one may look at image by image (and tune on); the held-out ones are only ever scored whole. */
export const TUNING_SETS: readonly FaceSetName[] = [
  'tune',
  'tune2',
  'tune3',
  'tune4',
  'tune5',
  'tune6',
  'tune7',
  'tune8',
  'tune9',
  'tune10',
];
export type FaceSetName = keyof typeof FACE_SETS;

/** One image of a set and what it shows. */
export interface FaceTruth {
  readonly file: string;
  readonly side: 'front' | 'back';
  readonly degraded: boolean;
  /** Fronts only. */
  readonly layout?: FaceLayout;
  readonly font?: string;
  readonly birthText?: string;
  readonly dateOfBirth?: string;
  readonly birthDigits?: string;
  readonly expiry?: string;
  readonly securityCode?: string;
  readonly degradation: Degradation;
}

/** Surfaces under the card: dark, wood, light grey (the card barely stands out), white, green mat, black. */
const TABLES = ['#3a3d42', '#7a5c3e', '#b8b5ae', '#e4e2dc', '#2f5d4a', '#111111'] as const;
const FRAMES = [
  [1280, 720],
  [1920, 1080],
  [1600, 1200],
  [1284, 875],
] as const;
const CASTS = [
  [1.06, 1, 0.82],
  [0.88, 0.96, 1.1],
  [1, 1.04, 0.9],
] as const;

type Random = () => number;

/** A photo taken at a counter: any of blur, motion, noise, rotation, perspective, glare, dim or tinted light… */
export function randomDegradation(random: Random): Degradation {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const crop = random() < 0.15;
  return {
    blur: random() < 0.6 ? random() * 1.6 : 0,
    motion: random() < 0.15 ? 1 + random() * 3 : 0,
    noise: random() * 22,
    rotateDeg: (random() - 0.5) * 24,
    perspective: (random() - 0.5) * 0.16,
    tilt: (random() - 0.5) * 0.16,
    glare: random() < 0.5 ? random() * 0.6 : 0,
    light: 0.45 + random() * 0.55,
    ...(random() < 0.35 ? { cast: pick(CASTS) } : {}),
    jpegQuality: 45 + Math.round(random() * 45),
    table: pick(TABLES),
    tableTexture: random() < 0.3,
    cardShare: crop ? 0.9 + random() * 0.08 : 0.6 + random() * 0.3,
    // A partial crop pushes the photo side (right) or the top or bottom margin out of the frame.
    shift: crop
      ? pick([
          [0.06 + random() * 0.04, 0],
          [0, 0.03 + random() * 0.02],
          [0, -(0.03 + random() * 0.02)],
        ] as const)
      : [(random() - 0.5) * 0.08, (random() - 0.5) * 0.08],
    frame: pick(FRAMES),
  };
}

/** A fictional 12-digit number: never a real My Number (the check digit is left wrong on purpose). */
function fictionalNumber(random: Random): string {
  return Array.from({ length: 12 }, () => Math.floor(random() * 10)).join('');
}

/**
 * Writes a set's images and `truth.json` to `dir`.
 * @param fronts number of fronts (half clean, half degraded)
 * @param backs number of backs (half clean, half degraded)
 */
export async function writeFaceSet(
  name: FaceSetName,
  dir: string,
  fronts: number,
  backs: number,
): Promise<FaceTruth[]> {
  ensureBenchFonts();
  mkdirSync(dir, { recursive: true });
  const truth: FaceTruth[] = [];
  for (let i = 0; i < fronts + backs; i += 1) {
    // One stream per image, so a longer set begins with the same images as a shorter one.
    const random = seededRandom((FACE_SETS[name] + i * 7919) >>> 0);
    const back = i >= fronts;
    const degraded = i % 2 === 1;
    const face = randomFace(random);
    const degradation = degraded ? randomDegradation(random) : {};
    const seed = Math.floor(random() * 2 ** 31);
    const image = await renderCardImage(
      back ? { kind: 'back', fictionalNumber: fictionalNumber(random), face } : { kind: 'front', face },
      degradation,
      seed,
    );
    const file = `${back ? 'back' : 'card'}-${String(i).padStart(3, '0')}.${image.mime === 'image/jpeg' ? 'jpg' : 'png'}`;
    writeFileSync(join(dir, file), image.data);
    truth.push(
      back
        ? { file, side: 'back', degraded, degradation }
        : {
            file,
            side: 'front',
            degraded,
            layout: face.layout,
            font: face.style.dataFont,
            birthText: face.birth.text,
            dateOfBirth: face.birth.iso,
            birthDigits: face.birthDigits,
            expiry: face.expiry.iso,
            securityCode: face.securityCode,
            degradation,
          },
    );
  }
  writeFileSync(
    join(dir, 'truth.json'),
    `${JSON.stringify({ set: name, seed: FACE_SETS[name], images: truth }, null, 1)}\n`,
  );
  return truth;
}
