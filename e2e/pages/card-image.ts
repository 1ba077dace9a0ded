/**
 * Synthetic card-face images for the file chooser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { japanDate } from '../../app/policy';
import { renderCardImage } from '../../mocks/card-face/render-card-face';
import { persona } from '../../mocks/card/personas';
import { cardSide } from './camera-stream';

/** A clean synthetic front of the persona's card, written to `dir`; returns its path. */
export async function cardImage(id: Parameters<typeof persona>[0], dir: string): Promise<string> {
  const image = await renderCardImage({ kind: 'front', persona: persona(id, japanDate(new Date())) });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${id}.png`);
  writeFileSync(file, image.data);
  return file;
}

/** A card side as `cardSide` draws it (a covered code or expiry, a back), written to `dir` as `name`.png. */
export async function cardSideImage(side: Parameters<typeof cardSide>[0], dir: string, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  writeFileSync(file, await cardSide(side));
  return file;
}
