/**
 * A card photographed: the flat card image placed on a table through a true perspective mapping (a
 * homography, so the far side shrinks as in a camera), then blur, motion, glare, dim or tinted light, sensor
 * noise and JPEG. The card may be partly out of the frame.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';

export interface Degradation {
  /** Gaussian blur radius, px. */
  readonly blur?: number;
  /** Noise amplitude, 0–255. */
  readonly noise?: number;
  /** Rotation of the card in the frame, degrees. */
  readonly rotateDeg?: number;
  /** Horizontal keystone, −0.15 – 0.15: the card seen from the side (one side shorter than the other). */
  readonly perspective?: number;
  /** Vertical keystone, −0.15 – 0.15: the card seen from below or above. */
  readonly tilt?: number;
  /** Strength of a specular highlight, 0–1. */
  readonly glare?: number;
  /** Brightness factor, 0–1 (1 = unchanged). */
  readonly light?: number;
  /** Colour of the light, multipliers for red, green and blue (warm shop lights, a blue screen…). */
  readonly cast?: readonly [number, number, number];
  /** JPEG quality 1–100; absent = PNG. */
  readonly jpegQuality?: number;
  /** The surface under the card, a CSS colour; absent = a dark table. */
  readonly table?: string;
  /** Wood-grain or fabric lines on the table. */
  readonly tableTexture?: boolean;
  /** The card's width as a share of the frame's width (default 0.8). */
  readonly cardShare?: number;
  /** The card's centre moved off the frame's centre, as shares of the frame (may push an edge out). */
  readonly shift?: readonly [number, number];
  /** Motion blur length, px, horizontal. */
  readonly motion?: number;
  /** Frame size, px (default 1.25 × 1.35 of the card image). */
  readonly frame?: readonly [number, number];
}

type Random = () => number;
type Matrix = readonly [number, number, number, number, number, number, number, number];

/** The homography that maps the unit square's corners (0,0) (1,0) (1,1) (0,1) onto `quad`. */
function squareToQuad(quad: readonly (readonly [number, number])[]): Matrix {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = quad as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h];
}

/** Inverse of a 3×3 homography (last element 1). */
function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f, g, h] = m;
  const A = e - f * h;
  const B = f * g - d;
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const n = [A, c * h - b, b * f - c * e, B, a - c * g, c * d - a * f, C, b * g - a * h, a * e - b * d].map(
    (v) => v / det,
  );
  const k = n[8] ?? 1;
  return n.slice(0, 8).map((v) => v / k) as unknown as Matrix;
}

/** Draws `card` into `frame` through the perspective mapping onto `quad` (bilinear sampling, alpha kept). */
function warpInto(frame: Canvas, card: Canvas, quad: readonly (readonly [number, number])[]): void {
  const cw = card.width;
  const ch = card.height;
  const src = card.getContext('2d').getImageData(0, 0, cw, ch).data;
  const fctx = frame.getContext('2d');
  const out = fctx.getImageData(0, 0, frame.width, frame.height);
  const inverse = invert(squareToQuad(quad));
  const [a, b, c, d, e, f, g, h] = inverse;
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const left = Math.max(0, Math.floor(Math.min(...xs)));
  const right = Math.min(frame.width - 1, Math.ceil(Math.max(...xs)));
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const bottom = Math.min(frame.height - 1, Math.ceil(Math.max(...ys)));
  for (let y = top; y <= bottom; y += 1) {
    for (let x = left; x <= right; x += 1) {
      const w = g * x + h * y + 1;
      const u = ((a * x + b * y + c) / w) * cw - 0.5;
      const v = ((d * x + e * y + f) / w) * ch - 0.5;
      if (u < 0 || v < 0 || u >= cw - 1 || v >= ch - 1) continue;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      const i00 = (v0 * cw + u0) * 4;
      const i10 = i00 + 4;
      const i01 = i00 + cw * 4;
      const i11 = i01 + 4;
      const o = (y * frame.width + x) * 4;
      const alpha =
        ((src[i00 + 3] ?? 0) * (1 - fu) * (1 - fv) +
          (src[i10 + 3] ?? 0) * fu * (1 - fv) +
          (src[i01 + 3] ?? 0) * (1 - fu) * fv +
          (src[i11 + 3] ?? 0) * fu * fv) /
        255;
      if (alpha <= 0) continue;
      for (let k = 0; k < 3; k += 1) {
        const value =
          (src[i00 + k] ?? 0) * (1 - fu) * (1 - fv) +
          (src[i10 + k] ?? 0) * fu * (1 - fv) +
          (src[i01 + k] ?? 0) * (1 - fu) * fv +
          (src[i11 + k] ?? 0) * fu * fv;
        out.data[o + k] = value * alpha + (out.data[o + k] ?? 0) * (1 - alpha);
      }
    }
  }
  fctx.putImageData(out, 0, 0);
}

/** Where the card's corners land in the frame. */
function cardQuad(card: Canvas, width: number, height: number, d: Degradation): [number, number][] {
  const share = d.cardShare ?? 0.8;
  const w = width * share;
  const hgt = (w * card.height) / card.width;
  const [sx, sy] = d.shift ?? [0, 0];
  const cx = width / 2 + sx * width;
  const cy = height / 2 + sy * height;
  const p = d.perspective ?? 0;
  const t = d.tilt ?? 0;
  // Keystone: the right side (p > 0) or the bottom (t > 0) is nearer the camera, so larger.
  const corners: [number, number][] = [
    [(-w / 2) * (1 - t), (-hgt / 2) * (1 - p)],
    [(w / 2) * (1 - t), (-hgt / 2) * (1 + p)],
    [(w / 2) * (1 + t), (hgt / 2) * (1 + p)],
    [(-w / 2) * (1 + t), (hgt / 2) * (1 - p)],
  ];
  const angle = ((d.rotateDeg ?? 0) * Math.PI) / 180;
  return corners.map(([x, y]) => [
    cx + x * Math.cos(angle) - y * Math.sin(angle),
    cy + x * Math.sin(angle) + y * Math.cos(angle),
  ]);
}

/** Photographs `card` (a canvas with transparent rounded corners) and encodes the frame. */
export async function photograph(
  card: Canvas,
  d: Degradation,
  random: Random,
): Promise<{ data: Buffer; mime: 'image/png' | 'image/jpeg'; width: number; height: number }> {
  const [width, height] = d.frame ?? [Math.round(card.width * 1.25), Math.round(card.height * 1.35)];
  const frame = createCanvas(width, height);
  const ctx = frame.getContext('2d');
  ctx.fillStyle = d.table ?? '#3a3d42';
  ctx.fillRect(0, 0, width, height);
  if (d.tableTexture) {
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.12)';
    for (let y = 0; y < height; y += 3 + random() * 9) {
      ctx.lineWidth = 0.5 + random() * 2;
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.bezierCurveTo(width / 3, y + random() * 20 - 10, (2 * width) / 3, y + random() * 20 - 10, width, y);
      ctx.stroke();
    }
  }
  warpInto(frame, card, cardQuad(card, width, height, d));

  let shot = frame;
  if (d.blur || d.motion) {
    shot = createCanvas(width, height);
    const blurred = shot.getContext('2d');
    if (d.blur) blurred.filter = `blur(${d.blur}px)`;
    const steps = d.motion ? Math.max(2, Math.round(d.motion)) : 1;
    for (let s = 0; s < steps; s += 1) {
      blurred.globalAlpha = s === 0 ? 1 : 1 / (s + 1);
      blurred.drawImage(frame, steps > 1 ? (s / (steps - 1) - 0.5) * (d.motion ?? 0) : 0, 0);
    }
    blurred.globalAlpha = 1;
  }
  const sctx = shot.getContext('2d');
  if (d.glare) {
    const gx = width * (0.2 + random() * 0.6);
    const gy = height * (0.2 + random() * 0.6);
    const glare = sctx.createRadialGradient(gx, gy, 10, gx, gy, width * (0.15 + random() * 0.2));
    glare.addColorStop(0, `rgba(255,255,255,${d.glare})`);
    glare.addColorStop(1, 'rgba(255,255,255,0)');
    sctx.fillStyle = glare;
    sctx.fillRect(0, 0, width, height);
  }
  if (d.light !== undefined || d.noise || d.cast) {
    const image = sctx.getImageData(0, 0, width, height);
    const light = d.light ?? 1;
    const noise = d.noise ?? 0;
    const cast = d.cast ?? [1, 1, 1];
    // Light falls off towards one side, as from a lamp beside the counter.
    const falloff = random() * 0.35;
    for (let i = 0; i < image.data.length; i += 4) {
      const x = (i / 4) % width;
      const l = light * (1 - falloff * (x / width));
      const n = noise ? (random() - 0.5) * 2 * noise : 0;
      for (let c = 0; c < 3; c += 1) {
        image.data[i + c] = Math.max(0, Math.min(255, (image.data[i + c] ?? 0) * l * (cast[c] ?? 1) + n));
      }
    }
    sctx.putImageData(image, 0, 0);
  }
  if (d.jpegQuality !== undefined) {
    return { data: await shot.encode('jpeg', d.jpegQuality), mime: 'image/jpeg', width, height };
  }
  return { data: await shot.encode('png'), mime: 'image/png', width, height };
}
