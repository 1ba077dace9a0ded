/**
 * The browser's image step in Node: decode an image file with @napi-rs/canvas, normalise it with the app's
 * `normaliseCard`, and hand tesseract.js each image as greyscale PGM (`grey-pgm.ts`; in Node it takes encoded images), with
 * the crop step of the second read (`cutPlan`, as in `browser-ocr.ts`).
 */
import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas';
import {
  FINE_CARD_WIDTH,
  normaliseCard,
  normaliseFrame,
  type NormalisedCard,
} from '../../app/methods/card-face-ocr/card-rectify';
import { cardView, type CardImage } from '../../app/methods/card-face-ocr/front-reader';
import { cutPixels, cutPlan } from '../../app/methods/card-face-ocr/cut-plan';
import type { CropImage } from '../../app/methods/card-face-ocr/second-read';
import { pgmOf } from '../../app/methods/card-face-ocr/grey-pgm';

export async function normalisedCard(file: Buffer): Promise<{
  card: CardImage<Buffer>;
  found: boolean;
  /** The frame as it is, without the card's outline (`readFrontWith`'s `frameView`); only where a card was found. */
  frame?: () => Promise<CardImage<Buffer>>;
}> {
  const image = await loadImage(file);
  const frame = createCanvas(image.width, image.height);
  const ctx = frame.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const pixels = ctx.getImageData(0, 0, image.width, image.height);
  const normalised = normaliseCard(pixels, FINE_CARD_WIDTH);
  const card = await cardImageOf(normalised);
  if (!normalised.found) return { card, found: false };
  return { card, found: true, frame: () => cardImageOf(normaliseFrame(pixels, FINE_CARD_WIDTH)) };
}

/** A normalised image as the front reader takes it: the whole-card read at its usual size, cut-outs from it. */
function cardImageOf({ image: card, readScale }: NormalisedCard): Promise<CardImage<Buffer>> {
  const out = createCanvas(card.width, card.height);
  const outCtx = out.getContext('2d');
  const pixels = outCtx.createImageData(card.width, card.height);
  pixels.data.set(card.data);
  outCtx.putImageData(pixels, 0, 0);
  const crop: CropImage<Buffer> = ({ left, top, width, height }, scale, style) => {
    let source: Canvas = out;
    let from = { left, top, width, height };
    const pixels = cutPixels(style, () => outCtx.getImageData(left, top, width, height));
    if (pixels) {
      source = createCanvas(pixels.width, pixels.height);
      const sourceCtx = source.getContext('2d');
      const sourcePixels = sourceCtx.createImageData(pixels.width, pixels.height);
      sourcePixels.data.set(pixels.data);
      sourceCtx.putImageData(sourcePixels, 0, 0);
      from = { left: 0, top: 0, width: pixels.width, height: pixels.height };
    }
    const plan = cutPlan(from.width, from.height, scale, style);
    const cut = createCanvas(plan.width, plan.height);
    const cutCtx = cut.getContext('2d');
    cutCtx.fillStyle = 'white';
    cutCtx.fillRect(0, 0, cut.width, cut.height);
    cutCtx.setTransform(...plan.transform);
    cutCtx.imageSmoothingQuality = 'high';
    cutCtx.drawImage(source, from.left, from.top, from.width, from.height, 0, 0, plan.drawWidth, plan.drawHeight);
    return Promise.resolve(Buffer.from(pgmOf(cutCtx.getImageData(0, 0, cut.width, cut.height)).buffer));
  };
  // The whole-card read at its usual size, the cut-outs from the finer card.
  return cardView(crop, { left: 0, top: 0, width: card.width, height: card.height }, readScale);
}
