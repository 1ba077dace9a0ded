/**
 * A camera for any test or screenshot, in any project: `getUserMedia` answers with a canvas stream showing a
 * rendered card side (any persona, front or back), redrawn so frames keep coming. Chromium's own fake camera
 * plays one clip per browser; this lets every page choose its card.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from '@playwright/test';
import { japanDate } from '../../app/policy';
import { CARD_HEIGHT, CARD_WIDTH, renderCardImage, SECURITY_CODE_AREA } from '../../mocks/card-face/render-card-face';
import { persona, type PersonaId } from '../../mocks/card/personas';

/**
 * PNG of the persona's card front (optionally with its security code covered, as a reflection or a thumb
 * would, or its expiry line left out: a face whose expiry cannot be read), of a back with a fictional number,
 * or of an empty table (nothing to read).
 */
export async function cardSide(
  side: { front: PersonaId; hideSecurityCode?: boolean; hideExpiry?: boolean } | { back: true } | { empty: true },
): Promise<Uint8Array> {
  if ('empty' in side) {
    const canvas = createCanvas(640, 360);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#3a3d42';
    ctx.fillRect(0, 0, 640, 360);
    return canvas.encode('png');
  }
  if ('back' in side) return (await renderCardImage({ kind: 'back', fictionalNumber: '123456789012' })).data;
  const shown = persona(side.front, japanDate(new Date()));
  const front = side.hideExpiry === true ? { ...shown, face: { ...shown.face, expiryText: '' } } : shown;
  const image = await renderCardImage({ kind: 'front', persona: front });
  if (side.hideSecurityCode !== true) return image.data;
  // The renderer centres the card in its frame; the code and its label are printed under the photo.
  const picture = await loadImage(image.data);
  const canvas = createCanvas(picture.width, picture.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(picture, 0, 0);
  const left = (picture.width - CARD_WIDTH) / 2;
  const top = (picture.height - CARD_HEIGHT) / 2;
  const area = SECURITY_CODE_AREA;
  ctx.fillStyle = '#eeeeea';
  ctx.fillRect(left + area.x, top + area.y, area.width, area.height);
  return canvas.encode('png');
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

/**
 * A camera that is still starting until the test says it gives up (`NotFoundError`, as a browser with no usable
 * camera answers): the step under the clerk changes while they are choosing a photo.
 */
export async function hesitantCamera(page: Page): Promise<() => Promise<void>> {
  // Every request waits (the app may ask more than once); giving up fails them all.
  await page.addInitScript({
    content: `window.__cameraWaiting = [];
MediaDevices.prototype.getUserMedia = () => new Promise((_, reject) => { window.__cameraWaiting.push(reject); });
window.__cameraGivesUp = () => {
  for (const reject of window.__cameraWaiting.splice(0)) reject(new DOMException('no camera', 'NotFoundError'));
};`,
  });
  type Waiting = { __cameraWaiting: unknown[]; __cameraGivesUp(): void };
  return async () => {
    // Not before the page has asked for the camera: a give-up with nothing waiting would change nothing.
    await page.waitForFunction(() => (window as unknown as Waiting).__cameraWaiting.length > 0);
    await page.evaluate(() => {
      (window as unknown as Waiting).__cameraGivesUp();
    });
  };
}
