/**
 * A YUV4MPEG2 (`.y4m`) video from RGBA frames, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): 4:2:0 chroma, BT.601 full-range conversion, as Chromium reads it.
 */

/** One frame's pixels, RGBA, width and height even. */
export interface RgbaFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

function planes({ width, height, data }: RgbaFrame): Uint8Array {
  const y = new Uint8Array(width * height);
  const u = new Uint8Array((width / 2) * (height / 2));
  const v = new Uint8Array((width / 2) * (height / 2));
  for (let row = 0; row < height; row += 1) {
    for (let col = 0; col < width; col += 1) {
      const i = 4 * (row * width + col);
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      y[row * width + col] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
      if (row % 2 === 0 && col % 2 === 0) {
        const c = (row / 2) * (width / 2) + col / 2;
        u[c] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        v[c] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
      }
    }
  }
  const out = new Uint8Array(y.length + u.length + v.length);
  out.set(y);
  out.set(u, y.length);
  out.set(v, y.length + u.length);
  return out;
}

/** Encodes frames (all the same size) as a Y4M file at `fps` frames per second. */
export function encodeY4m(frames: readonly RgbaFrame[], fps = 10): Uint8Array {
  const first = frames[0];
  if (!first || first.width % 2 !== 0 || first.height % 2 !== 0) throw new Error('need frames of even size');
  const header = new TextEncoder().encode(`YUV4MPEG2 W${first.width} H${first.height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = new TextEncoder().encode('FRAME\n');
  const bodies = frames.map(planes);
  const out = new Uint8Array(header.length + bodies.reduce((n, b) => n + frameHeader.length + b.length, 0));
  let at = 0;
  out.set(header, at);
  at += header.length;
  for (const body of bodies) {
    out.set(frameHeader, at);
    at += frameHeader.length;
    out.set(body, at);
    at += body.length;
  }
  return out;
}
