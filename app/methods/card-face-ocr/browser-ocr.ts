/**
 * tesseract.js in the page: one worker, created on first use and kept warm, running the Japanese model that
 * the app serves itself (`ocr/`, copied from npm at build; see `scripts/ocr-assets.ts`). Nothing is fetched
 * from another origin and nothing is cached in browser storage.
 */
import type { Worker as TesseractWorker } from 'tesseract.js';
import { FINE_CARD_WIDTH, normaliseCard, normaliseFrame, type NormalisedCard, type RgbaImage } from './card-rectify';
import type { FaceReading } from './face-fields';
import { cardView, readFrontWith, type FaceRecogniser } from './front-reader';
import { ocrCorePath } from './ocr-core';
import { cutPixels, cutPlan, type CropStyle } from './cut-plan';
import type { Rectangle } from './second-read';
import { showsQrCode } from './qr-back';
import { oneAtATime } from './one-at-a-time';
import { pgmOf } from './grey-pgm';
import { warmWorker, WorkerStalled } from './warm-worker';
import { CardFaceError } from './face-errors';
import { TransportError } from '../../card/transport';

type OcrImage = Blob | HTMLCanvasElement;

/**
 * The one worker (`warmWorker`: a failed start is forgotten, a worker a read failed or stalled on is dropped).
 * The deadlines are far above what happens: a read takes 0.5–2 s, the first with the engine's start 8–25 s in
 * the e2e tests on a loaded 2-core machine; the start's allows fetching the engine and model (~4 MB) slowly.
 */
const ocr = warmWorker(startWorker, { startMs: 180_000, readMs: 60_000 });

function startWorker(): Promise<TesseractWorker> {
  return (async () => {
    const [{ createWorker, OEM }, corePath] = await Promise.all([import('tesseract.js'), ocrCorePath()]);
    const at = (path: string) => new URL(path, document.baseURI).href;
    return createWorker('jpn', OEM.LSTM_ONLY, {
      workerPath: at('ocr/worker.min.js'),
      // One file, the one `keepOcrCoreOffline` keeps for offline use (tesseract.js would pick the same).
      corePath: at(corePath),
      langPath: at('ocr/lang'),
      gzip: true,
      // A same-origin worker file instead of a blob: the strict CSP stays as it is.
      workerBlobURL: false,
      cacheMethod: 'none',
    });
  })();
}

/** Creates the worker ahead of the first read; a failure here shows up again, with its error, on that read. */
export function warmUp(): void {
  ocr.get().catch(() => undefined);
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  return ctx;
}

async function pixelsOf(image: OcrImage): Promise<RgbaImage> {
  if (image instanceof HTMLCanvasElement) return context(image).getImageData(0, 0, image.width, image.height);
  const bitmap = await createImageBitmap(image);
  try {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = context(canvas);
    ctx.drawImage(bitmap, 0, 0);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    canvas.width = 0;
    return pixels;
  } finally {
    bitmap.close();
  }
}

/**
 * A normalised image (`normaliseCard`, `normaliseFrame`) moved onto a canvas of its own (its pixels zeroed), put
 * in `canvases` to be dropped after the read; `readScale` brings it to the whole-card read's size.
 */
function canvasOf({ image, readScale }: NormalisedCard, canvases: HTMLCanvasElement[]) {
  const canvas = document.createElement('canvas');
  canvases.push(canvas);
  canvas.width = image.width;
  canvas.height = image.height;
  context(canvas).putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  image.data.fill(0);
  return { canvas, readScale };
}

/** The front reader's view of a normalised image: the whole-card read at its usual size, the cut-outs finer. */
function cardImageOf(normalised: NormalisedCard, canvases: HTMLCanvasElement[]) {
  const { canvas, readScale } = canvasOf(normalised, canvases);
  const whole = { left: 0, top: 0, width: canvas.width, height: canvas.height };
  return cardView(cropperOf(canvas, canvases), whole, readScale);
}

/**
 * How the front reader gets its images: a region of the card at a scale, as greyscale PGM bytes. Each canvas
 * made on the way that outlives the call is put in `canvases`, for the caller to drop with the card's.
 */
function cropperOf(canvas: HTMLCanvasElement, canvases: HTMLCanvasElement[]) {
  return ({ left, top, width, height }: Rectangle, scale: number, style?: CropStyle) => {
    let source = canvas;
    let from = { left, top, width, height };
    const pixels = cutPixels(style, () => context(canvas).getImageData(left, top, width, height));
    if (pixels) {
      source = document.createElement('canvas');
      canvases.push(source);
      source.width = pixels.width;
      source.height = pixels.height;
      context(source).putImageData(
        new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height),
        0,
        0,
      );
      from = { left: 0, top: 0, width: pixels.width, height: pixels.height };
    }
    const plan = cutPlan(from.width, from.height, scale, style);
    const cut = document.createElement('canvas');
    cut.width = plan.width;
    cut.height = plan.height;
    const ctx = context(cut);
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, cut.width, cut.height);
    ctx.setTransform(...plan.transform);
    ctx.imageSmoothingQuality = 'high';
    try {
      ctx.drawImage(source, from.left, from.top, from.width, from.height, 0, 0, plan.drawWidth, plan.drawHeight);
      // Greyscale PGM bytes, not the PNG tesseract.js would encode the canvas as (`grey-pgm.ts`), handed over
      // as they are (no Blob, which the browser may keep outside the page); the cut's pixels dropped at once.
      const cutOut = ctx.getImageData(0, 0, cut.width, cut.height);
      const pgm = pgmOf(cutOut);
      cutOut.data.fill(0);
      return Promise.resolve(pgm);
    } finally {
      cut.width = 0;
    }
  };
}

/**
 * Reads the front's fields from an image: a QR code means the back; otherwise the card is cut out and
 * straightened, read whole, and each field's line is read again with a whitelist; a field counts only if both
 * reads agree (`npm run bench:ocr`). One image at a time (`oneAtATime`): the one worker keeps each read's settings.
 */
export const readFront = oneAtATime(readFrontNow);

const cancelled = () => new TransportError('transport.aborted', 'cancelled');

async function readFrontNow(image: OcrImage, signal?: AbortSignal): Promise<FaceReading> {
  // A read queued behind another (`oneAtATime`) whose check was cancelled meanwhile is not run at all.
  if (signal?.aborted) throw cancelled();
  if (await showsQrCode(image)) return { kind: 'back' };
  // The card's canvas and every copy of a region of it, dropped however the read ends; the frame's pixels too.
  const canvases: HTMLCanvasElement[] = [];
  let pixels: RgbaImage | null = null;
  let normalised: NormalisedCard | null = null;
  try {
    const frame = (pixels = await pixelsOf(image));
    const card = (normalised = normaliseCard(frame, FINE_CARD_WIDTH));
    // The cancel button stops the wait for an engine still starting; a read once begun runs on (≤ 60 s).
    return await ocr.run(async (tesseract) => {
      const cardImage = await cardImageOf(card, canvases);
      // Where a card was found, the frame as it is is the second chance of an outline found wrong.
      const frameView = card.found ? () => cardImageOf(normaliseFrame(frame, FINE_CARD_WIDTH), canvases) : undefined;
      return await readFrontWith(tesseract as unknown as FaceRecogniser<Uint8Array>, cardImage, frameView);
    }, signal);
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    // An engine that stopped answering (`warmWorker`'s deadlines), not the picture: another try runs on a fresh
    // worker, or on the one still starting once it has answered.
    if (error instanceof WorkerStalled) throw new CardFaceError('card-face.engine-stalled', error.message);
    throw error;
  } finally {
    for (const canvas of canvases) canvas.width = 0;
    pixels?.data.fill(0);
    normalised?.image.data.fill(0); // when the read ended before the card reached its canvas
  }
}
