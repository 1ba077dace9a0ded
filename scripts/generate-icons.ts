/**
 * Draws the app's install icons (the favicon's card on the accent colour) as PNGs into `public/icons/`.
 * Committed output; run again only when the design changes: `npx tsx scripts/generate-icons.ts`.
 * `maskable` icons keep the card inside the 80% safe zone that launchers may crop to a circle.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';

export const ICON_ACCENT = '#1f4e8c';
const OUT_DIR = 'public/icons';

function drawIcon(size: number, maskable: boolean): Buffer {
  const canvas = createCanvas(size, size);
  const g = canvas.getContext('2d');
  // The favicon is drawn on a 32-unit grid; scale it to the icon, smaller when maskable.
  const unit = (maskable ? size * 0.7 : size) / 32;
  const offset = maskable ? size * 0.15 : 0;
  const box = (x: number, y: number, w: number, h: number) => {
    g.fillRect(offset + x * unit, offset + y * unit, w * unit, h * unit);
  };
  if (maskable) {
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, size, size);
  }
  g.fillStyle = ICON_ACCENT;
  g.beginPath();
  g.roundRect(offset + 2 * unit, offset + 6 * unit, 28 * unit, 20 * unit, 3 * unit);
  g.fill();
  g.fillStyle = '#ffffff';
  box(5, 10, 8, 10);
  box(16, 11, 11, 2);
  box(16, 16, 8, 2);
  return canvas.toBuffer('image/png');
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(join(OUT_DIR, `icon-${size}.png`), drawIcon(size, false));
  writeFileSync(join(OUT_DIR, `icon-maskable-${size}.png`), drawIcon(size, true));
}
