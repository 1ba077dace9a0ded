/**
 * The browser's image step in Node: decode an image file with @napi-rs/canvas, normalise it with the app's
 * `normaliseCard`, and encode the result as PNG for tesseract.js (which in Node takes encoded images).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { normaliseCard } from '../../app/methods/card-face-ocr/card-rectify';

export async function normalisedPng(file: Buffer): Promise<{ png: Buffer; found: boolean }> {
  const image = await loadImage(file);
  const frame = createCanvas(image.width, image.height);
  const ctx = frame.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { image: card, found } = normaliseCard(ctx.getImageData(0, 0, image.width, image.height));
  const out = createCanvas(card.width, card.height);
  const outCtx = out.getContext('2d');
  const pixels = outCtx.createImageData(card.width, card.height);
  pixels.data.set(card.data);
  outCtx.putImageData(pixels, 0, 0);
  return { png: await out.encode('png'), found };
}
