/**
 * Fake-camera videos for the e2e tests: a card side rendered by `render-card-face.ts`, scaled into a 1280×720
 * frame, as a short Y4M clip.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Persona } from '../card/personas';
import { renderCardImage } from './render-card-face';
import { encodeY4m } from './y4m';

const WIDTH = 1280;
const HEIGHT = 720;

export async function cardVideo(
  side: { kind: 'front'; persona: Persona } | { kind: 'back'; fictionalNumber: string },
): Promise<Uint8Array> {
  const image = await loadImage((await renderCardImage(side)).data);
  const canvas = createCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#3a3d42';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const scale = Math.min(WIDTH / image.width, HEIGHT / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  ctx.drawImage(image, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h);
  const frame = { width: WIDTH, height: HEIGHT, data: ctx.getImageData(0, 0, WIDTH, HEIGHT).data };
  return encodeY4m([frame, frame], 5);
}
