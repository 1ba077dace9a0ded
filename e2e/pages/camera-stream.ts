/**
 * A camera for any test or screenshot, in any project: `getUserMedia` answers with a canvas stream showing a
 * rendered card side (any persona, front or back), redrawn so frames keep coming. Chromium's own fake camera
 * plays one clip per browser; this lets every page choose its card.
 */
import type { Page } from '@playwright/test';
import { japanDate } from '../../app/policy';
import { renderCardImage } from '../../mocks/card-face/render-card-face';
import { persona, type PersonaId } from '../../mocks/card/personas';

/** PNG of the persona's card front (or of a back with a fictional number). */
export async function cardSide(side: { front: PersonaId } | { back: true }): Promise<Uint8Array> {
  const image =
    'front' in side
      ? await renderCardImage({ kind: 'front', persona: persona(side.front, japanDate(new Date())) })
      : await renderCardImage({ kind: 'back', fictionalNumber: '123456789012' });
  return image.data;
}

/**
 * The page-side script, as text: a function passed to `addInitScript` would be rewritten by the TypeScript
 * loader (name helpers that do not exist in the page).
 */
const CAMERA_SCRIPT = `
(() => {
  const WIDTH = 1280;
  const HEIGHT = 720;
  const open = async () => {
    const image = new Image();
    image.src = window.__cardImage;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const ctx = canvas.getContext('2d');
    const scale = Math.min(WIDTH / image.width, HEIGHT / image.height) * 0.9;
    const w = image.width * scale;
    const h = image.height * scale;
    const draw = () => {
      ctx.fillStyle = '#3a3d42';
      ctx.fillRect(0, 0, WIDTH, HEIGHT);
      ctx.drawImage(image, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h);
    };
    draw();
    const timer = setInterval(draw, 200);
    const stream = canvas.captureStream(5);
    for (const track of stream.getTracks()) {
      const stop = track.stop.bind(track);
      track.stop = () => {
        clearInterval(timer);
        stop();
      };
    }
    return stream;
  };
  // The page sees the usual navigator.mediaDevices; only what it answers changes.
  MediaDevices.prototype.getUserMedia = () => open();
})();
`;

/** Installs the camera before the page loads (call before `goto`). */
export async function fakeCamera(page: Page, png: Uint8Array): Promise<void> {
  const url = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  await page.addInitScript({ content: `window.__cardImage = ${JSON.stringify(url)};\n${CAMERA_SCRIPT}` });
}
