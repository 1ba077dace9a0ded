import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFromCamera, MAX_FRAMES } from './camera';
import type { FaceFields, FaceReading } from './face-fields';

/**
 * The frame loop in Node: a stand-in `document` whose video "plays" a 640×480 stream and whose canvas records
 * what is drawn on it and when its pixels are dropped (`width = 0`). The OCR is a scripted `read`.
 */
interface FakeCanvas {
  width: number;
  height: number;
  drawn: number;
  getContext(): { drawImage(): void };
}
let canvases: FakeCanvas[];
interface FakeVideo {
  srcObject: unknown;
  videoWidth: number;
  videoHeight: number;
  play(): Promise<void>;
}
let videos: FakeVideo[];

beforeEach(() => {
  vi.useFakeTimers();
  canvases = [];
  videos = [];
  vi.stubGlobal('document', {
    createElement(tag: string) {
      if (tag === 'video') {
        const video: FakeVideo = { srcObject: null, videoWidth: 640, videoHeight: 480, play: () => Promise.resolve() };
        videos.push(video);
        return video;
      }
      const canvas: FakeCanvas = {
        width: 300,
        height: 150,
        drawn: 0,
        getContext: () => ({
          drawImage: () => {
            canvas.drawn += 1;
          },
        }),
      };
      canvases.push(canvas);
      return canvas;
    },
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const stream = {} as MediaStream;
const birth = { iso: '1990-05-15', era: '平成' as const };
const front = (fields: Partial<FaceFields>): FaceReading => ({
  kind: 'front',
  fields: { birth: null, expiry: null, securityCode: null, ...fields },
});
const adult = front({ birth: { iso: '1980-05-15', era: '昭和' }, expiry: '2030-05-15' });

/** Runs the loop to its end, the pauses between frames skipped. */
async function run(reads: (frame: FakeCanvas) => FaceReading | Promise<FaceReading>, options = {}) {
  const frames: number[] = [];
  const result = readFromCamera(stream, {
    signal: new AbortController().signal,
    read: (canvas) => Promise.resolve(reads(canvas as unknown as FakeCanvas)),
    needsExpiry: true,
    onFrame: (n) => {
      frames.push(n);
      // The frame's pixels are dropped before anything else is told of it.
      expect(canvases.map((c) => c.width)).toEqual([0]);
    },
    ...options,
  });
  const settled: Promise<{ fields?: FaceFields; error?: unknown }> = result.then(
    (fields) => ({ fields }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return { ...(await settled), frames };
}

describe('readFromCamera', () => {
  it('settles when two consecutive frames agree, each frame drawn at the video size and dropped after its read', async () => {
    const sizes: string[] = [];
    const { fields, frames } = await run((canvas) => {
      sizes.push(`${canvas.width}×${canvas.height} drawn ${canvas.drawn}`);
      return adult;
    });
    expect(fields).toEqual(adult.kind === 'front' && adult.fields);
    expect(frames).toEqual([1, 2]);
    expect(sizes).toEqual(['640×480 drawn 1', '640×480 drawn 2']);
    expect(canvases.every((c) => c.width === 0)).toBe(true);
    expect(videos.map((v) => v.srcObject)).toEqual([null]);
  });

  it('stops at once on the back of the card, whatever frames came before', async () => {
    let n = 0;
    const { error, frames } = await run(() => ((n += 1) === 1 ? adult : { kind: 'back' }));
    expect(error).toMatchObject({ name: 'CardFaceError', code: 'card-face.back-shown' });
    expect(frames).toEqual([1]);
    expect(canvases.every((c) => c.width === 0)).toBe(true);
  });

  it('gives up after MAX_FRAMES frames that never agree, with nothing kept', async () => {
    let n = 0;
    const { error, frames } = await run(() =>
      front({ birth, expiry: (n += 1) % 2 === 0 ? '2030-05-15' : '2031-05-15' }),
    );
    expect(error).toMatchObject({ code: 'card-face.unreadable' });
    expect(frames).toHaveLength(MAX_FRAMES);
  });

  it('settles for the birth date alone, out of frames, where the expiry is not needed (a hand-over to the chip)', async () => {
    // Two frames agree on the birth date, and the expiry never agrees; frames read after give no birth date.
    let n = 0;
    const { fields } = await run(() => ((n += 1) <= 2 ? front({ birth, expiry: `203${n}-05-15` }) : front({})), {
      needsExpiry: false,
    });
    expect(fields).toMatchObject({ birth });
  });

  it('cancelled while a frame is read: aborted, not settled, the frame dropped', async () => {
    const controller = new AbortController();
    const { error, frames } = await run(
      () => {
        controller.abort();
        return adult;
      },
      { signal: controller.signal },
    );
    expect(error).toMatchObject({ code: 'transport.aborted' });
    expect(frames).toEqual([]);
    expect(canvases.every((c) => c.width === 0)).toBe(true);
    expect(videos.map((v) => v.srcObject)).toEqual([null]);
  });
});
