/**
 * Synthetic My Number Card sides for the OCR tests, the e2e fake camera and the benchmark (Node,
 * @napi-rs/canvas). The front follows the public specimen's layout loosely and varies what real faces vary:
 * Mincho or Gothic data text, small light labels, half- or full-width digits and spaces inside dates, 性別 on
 * the birth line at varying distance, the expiry line, the electronic-certificate box (sometimes holding a
 * date), the issuing municipality's head (「名古屋市長」), a textured face photo, guilloche on a tinted
 * background, the security code inline or as a small label above its digits, and the next-generation face
 * (furigana and romaji, no sex). The back prints a fictional 12-digit number, the name, the birth date and a
 * QR-like block. Then `camera-shot.ts` photographs it. Positions are approximate, never measured from a card.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import { splitCardDate } from '../../app/policy';
import type { Persona } from '../card/personas';
import { drawCardBackground, drawFacePhoto, drawQrLike } from './card-art';
import { photograph, type Degradation } from './camera-shot';
import type { FaceSample, FaceStyle } from './face-sample';

export type { Degradation } from './camera-shot';

/** ID-1 card at about 12 px/mm (85.60 × 53.98 mm). */
export const CARD_WIDTH = 1027;
export const CARD_HEIGHT = 648;

/** Debian `fonts-noto-cjk`; the benchmark also draws with the fonts of `BENCH_FONT_PACKAGES`. */
const REQUIRED_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** The Debian packages whose families `face-sample.ts` names. */
export const BENCH_FONT_PACKAGES = {
  IPAexMincho: 'fonts-ipaexfont-mincho',
  IPAexGothic: 'fonts-ipaexfont-gothic',
  IPAMincho: 'fonts-ipafont-mincho',
  'BIZ UDMincho': 'fonts-morisawa-bizud-mincho',
  'BIZ UDGothic': 'fonts-morisawa-bizud-gothic',
} as const;

/** @throws {Error} when the Japanese fonts are missing (@napi-rs/canvas loads the system's fonts itself). */
function ensureFonts(): void {
  if (!existsSync(REQUIRED_FONT)) throw new Error('Japanese fonts missing: apt-get install fonts-noto-cjk');
}

/**
 * Checks that every family the benchmark's faces name is installed: canvas would otherwise draw them in a
 * fallback font without a word, and the sets would differ from machine to machine.
 * @throws {Error} naming the Debian packages to install
 */
export function ensureBenchFonts(): void {
  ensureFonts();
  const missing = Object.entries(BENCH_FONT_PACKAGES).filter(([family]) => !GlobalFonts.has(family));
  if (missing.length > 0) {
    throw new Error(`fonts missing: apt-get install ${[...new Set(missing.map(([, pkg]) => pkg))].join(' ')}`);
  }
}

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

/** ID-1 corner radius, 3.18 mm, at the drawing's scale. */
const CORNER_RADIUS = 38;
const PHOTO = { x: 742, y: 118, width: 250, height: 318 } as const;
/**
 * Where the security code and its label are printed, in either style (card pixels): what a reflection or a
 * thumb would cover in the tests' "code unreadable" faces.
 */
export const SECURITY_CODE_AREA = {
  x: PHOTO.x - 30,
  y: PHOTO.y + PHOTO.height + 8,
  width: CARD_WIDTH - PHOTO.x + 20,
  height: 84,
} as const;
const INK = '#161616';
const LABEL_INK = '#6f6f6f';

const font = (size: number, family: string, bold = false) => `${bold ? 'bold ' : ''}${size}px "${family}"`;

/** Writes `text` at (x, y), shrinking the size until it ends before `maxX`. Returns where it ended. */
function fit(
  ctx: SKRSContext2D,
  text: string,
  x: number,
  y: number,
  size: number,
  family: string,
  maxX: number,
  bold = false,
): number {
  let s = size;
  ctx.font = font(s, family, bold);
  while (s > 12 && x + ctx.measureText(text).width > maxX) {
    s -= 1;
    ctx.font = font(s, family, bold);
  }
  ctx.fillText(text, x, y);
  return x + ctx.measureText(text).width;
}

function label(ctx: SKRSContext2D, text: string, x: number, y: number, style: FaceStyle, size = 15): void {
  ctx.fillStyle = LABEL_INK;
  ctx.font = font(size, style.labelFont);
  ctx.fillText(text, x, y);
  ctx.fillStyle = INK;
}

/** The front of `face` on a card-sized canvas. */
function drawFront(ctx: SKRSContext2D, face: FaceSample): void {
  const { style } = face;
  const random = seededRandom(style.artSeed);
  const jitter = (n: number) => Math.round((random() - 0.5) * 2 * n);
  drawCardBackground(ctx, CARD_WIDTH, CARD_HEIGHT, style.tint, random);
  drawFacePhoto(ctx, { ...PHOTO, x: PHOTO.x + jitter(8), y: PHOTO.y + jitter(10) }, random);
  const textEnd = PHOTO.x - 16;
  const dataX = 96 + jitter(10);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';

  let y = 56 + jitter(6);
  if (face.layout === 'next-gen') {
    ctx.font = font(20, style.labelFont, true);
    ctx.fillText('日本国 JAPAN', 30, y);
    ctx.font = font(22, style.labelFont);
    ctx.fillText('個人番号カード', 200, y);
    y += 8;
  } else if (style.title) {
    ctx.font = font(24, style.labelFont, true);
    ctx.fillText('個人番号カード', 30 + jitter(6), y);
  }

  // Name.
  y += 52 + jitter(6);
  if (face.nameReading.kana) {
    label(ctx, face.nameReading.kana, dataX, y - 4, style, 16);
    y += 36;
  }
  label(ctx, '氏名', 30, y - 6, style);
  ctx.fillStyle = INK;
  fit(ctx, face.name, dataX, y, 36, style.dataFont, textEnd, style.dataBold);
  if (face.nameReading.romaji) {
    y += 34;
    fit(ctx, face.nameReading.romaji, dataX, y, 24, style.dataFont, textEnd);
  }

  // Address, one or two lines.
  y += 58 + jitter(6);
  label(ctx, '住所', 30, y - 4, style);
  for (const [index, line] of face.address.entries()) {
    fit(ctx, line, dataX, y + index * 34, 26, style.dataFont, textEnd, style.dataBold);
  }
  y += (face.address.length - 1) * 34;

  // Birth date, then 性別 on the same line at the face's distance.
  y += 62 + jitter(8);
  const dateX = random() < 0.5 ? 30 : dataX;
  const end = fit(ctx, face.birth.text, dateX, y, style.dateSize, style.dataFont, textEnd - 120, style.dataBold);
  if (face.sex) {
    const sexX = Math.min(end + style.sexGap, textEnd - 80);
    label(ctx, '性別', sexX, y, style, random() < 0.5 ? 15 : style.dateSize - 6);
    ctx.font = font(style.dateSize, style.dataFont, style.dataBold);
    ctx.fillText(face.sex, sexX + (random() < 0.5 ? 40 : style.dateSize + 8), y);
  }

  // Expiry line.
  y += style.dateSize + 22 + jitter(6);
  fit(ctx, face.expiry.text, dateX, y, style.dateSize - jitter(2), style.dataFont, textEnd, style.dataBold);

  // Electronic-certificate box, with the next renewal's date in it on some cards.
  const boxY = y + 18;
  const boxHeight = Math.min(CARD_HEIGHT - 70 - boxY, 70);
  if (boxHeight > 30) {
    ctx.strokeStyle = LABEL_INK;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.roundRect(30, boxY, 520, boxHeight, 6);
    ctx.stroke();
    label(ctx, '電子証明書の有効期限の記載欄', 40, boxY + 18, style, 13);
    if (style.certificateDate) {
      ctx.font = font(18, style.dataFont);
      ctx.fillText(`署名用電子証明書\u3000${style.certificateDate}`, 48, boxY + 18 + Math.min(34, boxHeight - 24));
    }
  }

  // The issuing municipality's head and its seal.
  ctx.font = font(20, style.dataFont);
  ctx.fillText(face.issuer, 360 + jitter(40), CARD_HEIGHT - 26);
  ctx.strokeStyle = 'rgba(200, 40, 40, 0.7)';
  ctx.lineWidth = 2;
  ctx.strokeRect(480 + jitter(30), CARD_HEIGHT - 58, 40, 40);

  // Security code under the photo.
  if (style.securityCode === 'inline') {
    label(ctx, 'セキュリティコード', PHOTO.x - 20, PHOTO.y + PHOTO.height + 48, style, 16);
    ctx.font = font(24, style.dataFont, style.dataBold);
    ctx.fillText(face.securityCode, PHOTO.x + 140, PHOTO.y + PHOTO.height + 48);
  } else {
    label(ctx, 'セキュリティコード', PHOTO.x + 30, PHOTO.y + PHOTO.height + 34, style, 13);
    ctx.font = font(30, style.dataFont, style.dataBold);
    ctx.fillText(face.securityCode, PHOTO.x + 70, PHOTO.y + PHOTO.height + 74);
  }
  label(ctx, '臓器提供意思', PHOTO.x + 40, CARD_HEIGHT - 20, style, 13);
}

/** The back: a fictional number, the name, the birth date and a QR-like block. Never a real number. */
function drawBack(ctx: SKRSContext2D, fictionalNumber: string, face: FaceSample | null, random: () => number): void {
  const style = face?.style;
  const dataFont = style?.dataFont ?? 'Noto Sans CJK JP';
  drawCardBackground(ctx, CARD_WIDTH, CARD_HEIGHT, style?.tint ?? 0, random);
  ctx.fillStyle = INK;
  ctx.font = font(22, style?.labelFont ?? 'Noto Sans CJK JP');
  ctx.fillText('個人番号', 40, 80);
  ctx.font = font(52, dataFont, true);
  ctx.fillText(fictionalNumber.replace(/(\d{4})(?=\d)/g, '$1 '), 40, 150);
  if (face) {
    ctx.font = font(18, style?.labelFont ?? dataFont);
    ctx.fillText('氏名', 40, 220);
    ctx.fillText('生年月日', 40, 290);
    ctx.font = font(28, dataFont);
    ctx.fillText(face.name, 130, 222);
    ctx.fillText(face.birth.text, 130, 292);
  }
  // The chip's contacts.
  ctx.fillStyle = '#c8a951';
  ctx.fillRect(60, 380, 110, 90);
  drawQrLike(ctx, CARD_WIDTH - 300, 300, 8, random);
}

/** The face of a persona in one fixed, realistic style (the e2e tests' cards). */
export function personaFace(persona: Persona): FaceSample {
  const era = splitCardDate(persona.face.birthDateText).era;
  return {
    layout: era === null ? 'foreign' : 'national',
    birth: { iso: persona.dateOfBirth, era, text: persona.face.birthDateText },
    expiry: { iso: persona.face.expiry, text: persona.face.expiryText },
    securityCode: persona.face.securityCode,
    birthDigits: persona.numberB.slice(0, 6),
    name: persona.name,
    nameReading: { kana: null, romaji: null },
    address: [persona.address],
    sex: persona.sex === '1' ? '男' : '女',
    issuer: '千代田区長',
    style: {
      dataFont: 'Noto Serif CJK JP',
      labelFont: 'Noto Sans CJK JP',
      dataBold: false,
      dateSize: 30,
      digits: 'half',
      spacing: 'none',
      sexGap: 40,
      securityCode: 'inline',
      tint: 0,
      artSeed: 7,
      title: true,
      certificateDate: null,
    },
  };
}

export type CardSide =
  | { kind: 'front'; persona: Persona }
  | { kind: 'front'; face: FaceSample }
  | { kind: 'back'; fictionalNumber: string; face?: FaceSample };

/** Renders a card side, photographed with `degradation`, into an encoded image. */
export async function renderCardImage(
  side: CardSide,
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
  if (side.kind === 'front') drawFront(cardCtx, 'face' in side ? side.face : personaFace(side.persona));
  else drawBack(cardCtx, side.fictionalNumber, side.face ?? null, random);
  return photograph(card, degradation, random);
}
