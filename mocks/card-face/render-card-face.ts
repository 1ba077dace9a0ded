/**
 * Synthetic My Number Card faces for the OCR tests and benchmark (Node, @napi-rs/canvas): the front's layout
 * — title, name, address, era birth date with 性別, expiry line, security code, photo box — on the card's light
 * patterned background, drawn from a persona, with optional degradations (blur, noise, rotation, perspective,
 * glare, low light, JPEG). Also a back, with a fictional 12-digit number and a QR-like block, so tests can prove
 * the back is refused. Layout proportions follow the public specimen; exact positions are approximate.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import type { Persona } from '../card/personas';

/** ID-1 card at about 12 px/mm (85.60 × 53.98 mm). */
export const CARD_WIDTH = 1027;
export const CARD_HEIGHT = 648;

const FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];
let fontsReady = false;

/** Registers the Japanese fonts (Debian `fonts-noto-cjk`). @throws {Error} when they are missing. */
function ensureFonts(): void {
  if (fontsReady) return;
  const found = FONT_FILES.filter((file) => existsSync(file));
  if (found.length === 0) throw new Error('Japanese fonts missing: apt-get install fonts-noto-cjk');
  for (const file of found) GlobalFonts.registerFromPath(file);
  fontsReady = true;
}

export interface Degradation {
  /** Gaussian blur radius, px. */
  readonly blur?: number;
  /** Noise amplitude, 0–255. */
  readonly noise?: number;
  /** Rotation of the card in the frame, degrees (±10 at most in the benchmark). */
  readonly rotateDeg?: number;
  /** Horizontal keystone, −0.1 – 0.1: the card seen slightly from the side. */
  readonly perspective?: number;
  /** Strength of a specular highlight, 0–1. */
  readonly glare?: number;
  /** Brightness factor, 0–1 (1 = unchanged). */
  readonly light?: number;
  /** JPEG quality 1–100; absent = PNG. */
  readonly jpegQuality?: number;
  /** The surface under the card, a CSS colour; absent = a dark table. */
  readonly table?: string;
}

/** ID-1 corner radius, 3.18 mm, at the drawing's scale. */
const CORNER_RADIUS = 38;

/** A seeded pseudo-random generator (mulberry32), so images are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function background(ctx: SKRSContext2D): void {
  const gradient = ctx.createLinearGradient(0, 0, CARD_WIDTH, CARD_HEIGHT);
  gradient.addColorStop(0, '#f4f1ea');
  gradient.addColorStop(1, '#e9eef3');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  // The card's fine guilloche-like pattern, faint enough not to compete with the text.
  ctx.strokeStyle = 'rgba(120, 150, 180, 0.12)';
  ctx.lineWidth = 1;
  for (let x = -CARD_HEIGHT; x < CARD_WIDTH; x += 14) {
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.bezierCurveTo(x + 80, CARD_HEIGHT / 3, x - 40, (2 * CARD_HEIGHT) / 3, x + CARD_HEIGHT / 2, CARD_HEIGHT);
    ctx.stroke();
  }
}

const SEX_TEXT: Readonly<Record<string, string>> = { '1': '男', '2': '女' };

/** Draws the front of the persona's card onto a card-sized canvas. */
function drawFront(ctx: SKRSContext2D, persona: Persona): void {
  background(ctx);
  ctx.fillStyle = '#1d1d1d';
  ctx.textBaseline = 'alphabetic';
  ctx.font = 'bold 30px "Noto Sans CJK JP"';
  ctx.fillText('個人番号カード', 40, 60);
  ctx.font = '22px "Noto Sans CJK JP"';
  ctx.fillText('氏名', 40, 130);
  ctx.font = 'bold 38px "Noto Sans CJK JP"';
  ctx.fillText(persona.name, 110, 132);
  ctx.font = '22px "Noto Sans CJK JP"';
  ctx.fillText('住所', 40, 200);
  ctx.font = '28px "Noto Sans CJK JP"';
  ctx.fillText(persona.address, 110, 202);
  ctx.font = '30px "Noto Sans CJK JP"';
  // The card separates the birth date and 性別 with a wide (ideographic) space.
  ctx.fillText(`${persona.face.birthDateText}\u3000性別 ${SEX_TEXT[persona.sex] ?? ''}`, 40, 290);
  ctx.fillText(persona.face.expiryText, 40, 360);
  ctx.font = '26px "Noto Sans CJK JP"';
  ctx.fillText(`セキュリティコード ${persona.face.securityCode}`, 40, 560);
  // Photo box: grey placeholder, no face.
  ctx.fillStyle = '#c9ced6';
  ctx.fillRect(CARD_WIDTH - 300, 230, 240, 300);
  ctx.strokeStyle = '#8a919c';
  ctx.strokeRect(CARD_WIDTH - 300, 230, 240, 300);
  ctx.fillStyle = '#1d1d1d';
  ctx.font = '20px "Noto Sans CJK JP"';
  ctx.fillText('臓器提供意思', CARD_WIDTH - 300, 600);
}

/** Draws a back: a fictional 12-digit number and a QR-like block. Never a real number. */
function drawBack(ctx: SKRSContext2D, fictionalNumber: string, random: () => number): void {
  background(ctx);
  ctx.fillStyle = '#1d1d1d';
  ctx.font = '26px "Noto Sans CJK JP"';
  ctx.fillText('個人番号', 40, 80);
  ctx.font = 'bold 56px "Noto Sans CJK JP"';
  ctx.fillText(fictionalNumber.replace(/(\d{4})(?=\d)/g, '$1 '), 40, 160);
  const cell = 8;
  for (let y = 0; y < 29; y += 1) {
    for (let x = 0; x < 29; x += 1) {
      if (random() < 0.5) ctx.fillRect(CARD_WIDTH - 300 + x * cell, 300 + y * cell, cell, cell);
    }
  }
}

/** Renders a card side and its degradations into an encoded image. */
export async function renderCardImage(
  side: { kind: 'front'; persona: Persona } | { kind: 'back'; fictionalNumber: string },
  degradation: Degradation = {},
  seed = 1,
): Promise<{ data: Buffer; mime: 'image/png' | 'image/jpeg'; width: number; height: number }> {
  ensureFonts();
  const random = seededRandom(seed);
  const card = createCanvas(CARD_WIDTH, CARD_HEIGHT);
  const cardCtx = card.getContext('2d');
  // Rounded corners, as on a real card: the table shows through them.
  cardCtx.beginPath();
  cardCtx.roundRect(0, 0, CARD_WIDTH, CARD_HEIGHT, CORNER_RADIUS);
  cardCtx.clip();
  if (side.kind === 'front') drawFront(cardCtx, side.persona);
  else drawBack(cardCtx, side.fictionalNumber, random);

  // The frame: the card on a dark table, rotated and seen slightly from the side.
  const width = Math.round(CARD_WIDTH * 1.25);
  const height = Math.round(CARD_HEIGHT * 1.35);
  const frame = createCanvas(width, height);
  const ctx = frame.getContext('2d');
  ctx.fillStyle = degradation.table ?? '#3a3d42';
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  if (degradation.blur) ctx.filter = `blur(${degradation.blur}px)`;
  ctx.translate(width / 2, height / 2);
  ctx.rotate(((degradation.rotateDeg ?? 0) * Math.PI) / 180);
  ctx.transform(1, degradation.perspective ?? 0, 0, 1, 0, 0);
  ctx.drawImage(card, -CARD_WIDTH / 2, -CARD_HEIGHT / 2);
  ctx.restore();

  if (degradation.glare) {
    const glare = ctx.createRadialGradient(width * 0.65, height * 0.35, 10, width * 0.65, height * 0.35, width * 0.3);
    glare.addColorStop(0, `rgba(255,255,255,${degradation.glare})`);
    glare.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = glare;
    ctx.fillRect(0, 0, width, height);
  }
  if (degradation.light !== undefined || degradation.noise) {
    const image = ctx.getImageData(0, 0, width, height);
    const light = degradation.light ?? 1;
    const noise = degradation.noise ?? 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const n = noise ? (random() - 0.5) * 2 * noise : 0;
      for (let c = 0; c < 3; c += 1) image.data[i + c] = Math.max(0, Math.min(255, image.data[i + c]! * light + n));
    }
    ctx.putImageData(image, 0, 0);
  }
  if (degradation.jpegQuality !== undefined) {
    return { data: await frame.encode('jpeg', degradation.jpegQuality), mime: 'image/jpeg', width, height };
  }
  return { data: await frame.encode('png'), mime: 'image/png', width, height };
}
