/**
 * Synthetic card-face images for the file chooser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { japanDate } from '../../app/policy';
import { renderCardImage } from '../../mocks/card-face/render-card-face';
import { persona } from '../../mocks/card/personas';

/** A clean synthetic front of the persona's card, written to `dir`; returns its path. */
export async function cardImage(id: Parameters<typeof persona>[0], dir: string): Promise<string> {
  const image = await renderCardImage({ kind: 'front', persona: persona(id, japanDate(new Date())) });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${id}.png`);
  writeFileSync(file, image.data);
  return file;
}
