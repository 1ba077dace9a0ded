import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persona } from '../card/personas';
import { renderCardImage } from '../card-face/render-card-face';
import { createJpnWorker } from './jpn-worker';
import { normalisedCard } from './node-card-image';

/** The PNG of a PGM's pixels, encoded by @napi-rs/canvas (Skia): what the pipeline handed tesseract before. */
async function pngOfPgm(pgm: Buffer): Promise<Buffer> {
  const header = /^P5\s*(?:#[^\n]*\n)*(\d+)\s+(\d+)\s+255\s/u.exec(pgm.subarray(0, 1024).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [text = '', w = '0', h = '0'] = header;
  const [width, height] = [Number(w), Number(h)];
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(width, height);
  for (let p = 0; p < width * height; p += 1) {
    const v = pgm[text.length + p] ?? 0;
    pixels.data.set([v, v, v, 255], p * 4);
  }
  ctx.putImageData(pixels, 0, 0);
  return canvas.encode('png');
}

// tesseract.js with the Japanese model in Node: a few seconds to start and read, more on a loaded machine.
describe('the card handed to tesseract as greyscale PGM', { timeout: 120_000 }, () => {
  let worker: Awaited<ReturnType<typeof createJpnWorker>>;
  beforeAll(async () => {
    worker = await createJpnWorker();
  });
  afterAll(async () => {
    await worker.terminate();
  });

  it("is read by Leptonica's own PGM decoder exactly as the PNG of the same pixels, whole and cut out", async () => {
    const shot = await renderCardImage(
      { kind: 'front', persona: persona('adult-35', '2026-11-26') },
      { blur: 0.6, noise: 8, rotateDeg: 3, jpegQuality: 80 },
      5,
    );
    const { card, found } = await normalisedCard(shot.data);
    expect(found).toBe(true);
    expect(card.image.subarray(0, 2).toString('latin1')).toBe('P5');
    const whole = await worker.recognize(card.image, {}, { blocks: true });
    const wholePng = await worker.recognize(await pngOfPgm(card.image), {}, { blocks: true });
    expect(whole.data.text).toMatch(/生/u);
    expect(JSON.stringify(whole.data.blocks)).toBe(JSON.stringify(wholePng.data.blocks));
    // A cut-out at 2× of the card's upper half, as the second reads take their boxes.
    const cut = await card.crop({ left: 0, top: 0, width: card.width, height: card.height / 2 }, 2);
    const [cutPgm, cutPng] = [await worker.recognize(cut), await worker.recognize(await pngOfPgm(cut))];
    expect(cutPgm.data.text.length).toBeGreaterThan(10);
    expect(cutPgm.data.text).toBe(cutPng.data.text);
  });
});
