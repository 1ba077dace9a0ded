/**
 * The printed parts of a card that are not text: the tinted background with fine guilloche waves and
 * rosettes across the whole card, and a face photo with texture (skin shading, hair, clothes, grain) — things
 * a recogniser meets on a real card and a flat synthetic face hides.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';

type Random = () => number;

/** Background tints, light as on the card: each a gradient pair and the ink of its pattern. */
const TINTS = [
  { from: '#f7edf1', to: '#edf1f8', ink: [190, 120, 150] },
  { from: '#eef6f1', to: '#f6f3e7', ink: [100, 160, 130] },
  { from: '#f2eef8', to: '#eef6f7', ink: [140, 120, 190] },
  { from: '#f8f3e5', to: '#e9f0f8', ink: [170, 150, 100] },
  { from: '#fbf6f1', to: '#f1f1f1', ink: [150, 150, 150] },
  { from: '#e9f1f9', to: '#f8edf3', ink: [110, 140, 190] },
] as const;

/** Tinted background, guilloche waves over the whole card, and one or two rosettes. */
export function drawCardBackground(
  ctx: SKRSContext2D,
  width: number,
  height: number,
  tint: number,
  random: Random,
): void {
  const palette = TINTS[tint % TINTS.length] ?? TINTS[0];
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, palette.from);
  gradient.addColorStop(1, palette.to);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  const [r, g, b] = palette.ink;
  const alpha = 0.12 + random() * 0.2;
  ctx.strokeStyle = `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(2)})`;
  ctx.lineWidth = 0.6 + random() * 0.7;
  // Two crossing families of sine waves: the fine line pattern of security printing.
  for (const family of [0, 1]) {
    const spacing = 5 + random() * 9;
    const wavelength = 60 + random() * 220;
    const amplitude = 4 + random() * 18;
    const drift = random() * 0.4;
    for (let y0 = -amplitude; y0 < height + amplitude; y0 += spacing) {
      ctx.beginPath();
      for (let x = 0; x <= width; x += 6) {
        const phase = (2 * Math.PI * x) / wavelength + y0 * drift + family * Math.PI;
        const y = y0 + amplitude * Math.sin(phase) * (family === 0 ? 1 : -1);
        if (x === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
  }
  const rosettes = 1 + Math.floor(random() * 2);
  for (let n = 0; n < rosettes; n += 1) {
    const cx = random() * width;
    const cy = random() * height;
    const radius = 80 + random() * 160;
    const petals = 8 + Math.floor(random() * 16);
    ctx.strokeStyle = `rgba(${r}, ${g}, ${b}, ${(alpha + 0.05).toFixed(2)})`;
    for (let ring = 0; ring < 10; ring += 1) {
      ctx.beginPath();
      for (let t = 0; t <= 2 * Math.PI + 0.01; t += 0.02) {
        const rr = radius * (0.4 + ring * 0.06) * (1 + 0.15 * Math.sin(petals * t + ring));
        const x = cx + rr * Math.cos(t);
        const y = cy + rr * Math.sin(t);
        if (t === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
  }
}

const SKIN = ['#f1d2b6', '#e6bc98', '#d9a77f', '#c68b63', '#a86f4b'] as const;
const HAIR = ['#1b1512', '#2e241d', '#4a3a2c', '#6b6b6b', '#c9c9c9'] as const;
const CLOTHES = ['#1f2a3a', '#2b2b2b', '#5a5f66', '#7a2f2f', '#3d5a3d', '#ffffff'] as const;
const BACKDROP = ['#cfe0ee', '#dcdcdc', '#e8e4da', '#c7d3e0'] as const;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A face photo: backdrop, clothes, neck, shaded head, hair, features, then film grain. */
export function drawFacePhoto(
  ctx: SKRSContext2D,
  box: { x: number; y: number; width: number; height: number },
  random: Random,
): void {
  const { x, y, width: w, height: h } = box;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  const backdrop = ctx.createLinearGradient(x, y, x, y + h);
  backdrop.addColorStop(0, pick(random, BACKDROP));
  backdrop.addColorStop(1, pick(random, BACKDROP));
  ctx.fillStyle = backdrop;
  ctx.fillRect(x, y, w, h);
  const cx = x + w * (0.45 + random() * 0.1);
  const headY = y + h * (0.36 + random() * 0.06);
  const headW = w * (0.25 + random() * 0.06);
  const headH = headW * (1.25 + random() * 0.15);
  ctx.fillStyle = pick(random, CLOTHES);
  ctx.beginPath();
  ctx.ellipse(cx, y + h * 1.02, w * 0.55, h * 0.3, 0, 0, 2 * Math.PI);
  ctx.fill();
  const skin = pick(random, SKIN);
  ctx.fillStyle = skin;
  ctx.fillRect(cx - headW * 0.4, headY + headH * 0.6, headW * 0.8, h * 0.25);
  const shade = ctx.createRadialGradient(cx - headW * 0.3, headY - headH * 0.3, 5, cx, headY, headH * 1.2);
  shade.addColorStop(0, '#fff3e6');
  shade.addColorStop(0.35, skin);
  shade.addColorStop(1, '#8a5a3c');
  ctx.fillStyle = shade;
  ctx.beginPath();
  ctx.ellipse(cx, headY, headW, headH, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = pick(random, HAIR);
  ctx.beginPath();
  ctx.ellipse(cx, headY - headH * 0.45, headW * 1.08, headH * (0.55 + random() * 0.2), 0, Math.PI, 2 * Math.PI);
  ctx.fill();
  if (random() < 0.5) {
    ctx.fillRect(cx - headW * 1.08, headY - headH * 0.45, headW * 0.25, headH * (0.6 + random() * 0.9));
    ctx.fillRect(cx + headW * 0.83, headY - headH * 0.45, headW * 0.25, headH * (0.6 + random() * 0.9));
  }
  ctx.fillStyle = '#201a18';
  for (const side of [-1, 1]) {
    ctx.beginPath();
    ctx.ellipse(cx + side * headW * 0.38, headY - headH * 0.05, headW * 0.11, headW * 0.06, 0, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillRect(cx + side * headW * 0.38 - headW * 0.16, headY - headH * 0.22, headW * 0.32, headW * 0.05);
  }
  ctx.strokeStyle = 'rgba(90, 50, 40, 0.7)';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx, headY);
  ctx.lineTo(cx - headW * 0.08, headY + headH * 0.3);
  ctx.moveTo(cx - headW * 0.3, headY + headH * 0.52);
  ctx.quadraticCurveTo(cx, headY + headH * (0.58 + random() * 0.08), cx + headW * 0.3, headY + headH * 0.52);
  ctx.stroke();
  // Grain and soft blotches: a printed photo is never flat.
  const image = ctx.getImageData(x, y, w, h);
  const blotch = 10 + random() * 20;
  for (let i = 0; i < image.data.length; i += 4) {
    const px = (i / 4) % w;
    const py = Math.floor(i / 4 / w);
    const low = blotch * Math.sin(px / 23 + py / 31) * Math.cos(py / 17 - px / 41);
    const n = (random() - 0.5) * 36 + low;
    for (let c = 0; c < 3; c += 1) image.data[i + c] = Math.max(0, Math.min(255, (image.data[i + c] ?? 0) + n));
  }
  ctx.putImageData(image, x, y);
  ctx.restore();
}

/** A QR-code-like block with the three finder patterns, as on the back. */
export function drawQrLike(ctx: SKRSContext2D, x: number, y: number, cell: number, random: Random): void {
  const size = 29;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x - cell * 2, y - cell * 2, (size + 4) * cell, (size + 4) * cell);
  ctx.fillStyle = '#111111';
  const finder = (fx: number, fy: number) => {
    ctx.fillRect(x + fx * cell, y + fy * cell, 7 * cell, 7 * cell);
    ctx.clearRect(x + (fx + 1) * cell, y + (fy + 1) * cell, 5 * cell, 5 * cell);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(x + (fx + 1) * cell, y + (fy + 1) * cell, 5 * cell, 5 * cell);
    ctx.fillStyle = '#111111';
    ctx.fillRect(x + (fx + 2) * cell, y + (fy + 2) * cell, 3 * cell, 3 * cell);
  };
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      const inFinder = (row < 8 && col < 8) || (row < 8 && col >= size - 8) || (row >= size - 8 && col < 8);
      if (!inFinder && random() < 0.5) ctx.fillRect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  finder(0, 0);
  finder(size - 7, 0);
  finder(0, size - 7);
}
