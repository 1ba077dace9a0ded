/**
 * Finds the card in a camera frame and makes it flat, upright and evenly lit before recognition: the card is
 * the largest bright region (Otsu threshold on a reduced copy), its four sides are fitted as lines (so rounded
 * corners and ragged edges do not matter), and a homography maps it onto a fixed-size card image, which is then
 * divided by its own blurred background so glare and low light leave black text on white. Pure pixel code on
 * plain arrays: the browser passes canvas `ImageData`, the benchmark passes @napi-rs/canvas pixels.
 */

import {
  CARD_ASPECT,
  cardShaped,
  crossing,
  distance,
  fitLine,
  findCardOutline,
  MIN_CARD_SHARE,
  type GrayImage,
  type Point,
  type Quad,
  type RgbaImage,
} from './card-outline';

export type { GrayImage, Point, Quad, RgbaImage } from './card-outline';

/**
 * The rectified card's width: about 11 px/mm, which puts the face's date text at roughly 28 px, a height
 * tesseract's LSTM model reads well. `npm run bench:ocr` chose it: 1,200 px read no better and took about 20%
 * longer; 800 px began to miss expiry dates and security codes on degraded images.
 */
export const CARD_OUT_WIDTH = 960;
export const CARD_OUT_HEIGHT = Math.round(CARD_OUT_WIDTH / CARD_ASPECT);
/**
 * The width the card is rectified at for the cut-outs of the second reads and the second look, px: the
 * whole-card read takes it scaled down to `CARD_OUT_WIDTH`, the cut-outs take the frame's finer detail. Read
 * whole at this width, the tuning sets' degraded fronts gave as many birth dates as they lost (84% → 80%, 75% →
 * 76%); as a second look at the cards the first read gave nothing, it rescued about one in four.
 */
export const FINE_CARD_WIDTH = 1280;
/** Frames without a card outline are read at their own size up to this width, px. */
const MAX_FRAME_WIDTH = 1600;
/** Detection runs on a copy reduced by this factor: plenty for edges, and 16× fewer pixels. */
const DETECT_SCALE = 4;
/** Half the window of the background estimate, in pixels of a `CARD_OUT_WIDTH` card: several text heights. */
const BACKGROUND_RADIUS = 48;

/** The grey level of the RGBA pixel at byte offset `i` (integer BT.601 weights); white outside the data. */
export function greyAt(data: ArrayLike<number>, i: number): number {
  return (77 * (data[i] ?? 255) + 150 * (data[i + 1] ?? 255) + 29 * (data[i + 2] ?? 255)) >> 8;
}

function luminance(image: RgbaImage): GrayImage {
  const { width, height, data } = image;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < gray.length; i += 4, p += 1) {
    gray[p] = greyAt(data, i);
  }
  return { data: gray, width, height };
}

function reduce(gray: GrayImage, factor: number): GrayImage {
  const width = Math.floor(gray.width / factor);
  const height = Math.floor(gray.height / factor);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy += 1) {
        const row = (y * factor + dy) * gray.width + x * factor;
        for (let dx = 0; dx < factor; dx += 1) sum += gray.data[row + dx]!;
      }
      out[y * width + x] = sum / (factor * factor);
    }
  }
  return { data: out, width, height };
}

/** Otsu's threshold: the grey level that best separates the histogram into two classes. */
export function otsuThreshold(values: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (const v of values) histogram[v] = (histogram[v] ?? 0) + 1;
  let total = 0;
  for (let v = 0; v < 256; v += 1) total += v * (histogram[v] ?? 0);
  let below = 0;
  let belowSum = 0;
  let best = 0;
  let threshold = 128;
  for (let v = 0; v < 256; v += 1) {
    below += histogram[v] ?? 0;
    if (below === 0) continue;
    const above = values.length - below;
    if (above === 0) break;
    belowSum += v * (histogram[v] ?? 0);
    const meanBelow = belowSum / below;
    const meanAbove = (total - belowSum) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

/** The largest 4-connected region of `mask`, as a mask of its own. */
function largestRegion(mask: Uint8Array, width: number): { region: Uint8Array; size: number } {
  const label = new Int32Array(mask.length);
  const stack = new Int32Array(mask.length);
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < mask.length; start += 1) {
    if (!mask[start] || label[start]) continue;
    next += 1;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    while (top > 0) {
      const p = stack[--top] ?? 0;
      size += 1;
      const x = p % width;
      const neighbours = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width];
      for (const q of neighbours) {
        if (q < 0 || q >= mask.length || !mask[q] || label[q]) continue;
        label[q] = next;
        stack[top++] = q;
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = next;
    }
  }
  const region = new Uint8Array(mask.length);
  for (let p = 0; p < mask.length; p += 1) region[p] = label[p] === bestLabel && bestLabel > 0 ? 1 : 0;
  return { region, size: bestSize };
}

interface Line {
  /** A point on the line and its unit direction. */
  readonly point: Point;
  readonly direction: Point;
}

/**
 * The card's corners in `image`, or null when no card-shaped bright region stands out from the background
 * (then the caller reads the frame as it is).
 */
export function findCard(image: RgbaImage): Quad | null {
  return findCardIn(image, luminance(image));
}

/**
 * The bright region first (fast, and exact on a darker table). A region that reaches the frame's edge may be a
 * pale table whose light merges with the card's, or a card the frame cuts off, whose outline then runs along the
 * frame's edge (a cut corner leaves a five-sided region: no card shape, as on tune4 card-013, or one with a side
 * in the wrong place). The card's edges are used first then (`card-outline.ts`: one side cut by the frame is
 * put back from the card's proportions, a corner may lie a little outside the frame), the region's outline
 * kept if they give nothing. A card merely touching the edge takes this way too, and comes out the same.
 */
function findCardIn(image: RgbaImage, gray: GrayImage): Quad | null {
  const small = reduce(gray, DETECT_SCALE);
  const { width, height } = small;
  if (width < 16 || height < 16) return null;
  const threshold = otsuThreshold(small.data);
  const bright = small.data.map((v) => (v > threshold ? 1 : 0));
  const { region, size } = largestRegion(bright, width);
  if (size < MIN_CARD_SHARE * width * height) return null;
  if (touchesBorder(region, width, height)) {
    return findCardOutline(image) ?? quadOfRegion(region, width, height);
  }
  return quadOfRegion(region, width, height);
}

/** Whether `region` reaches the frame's border anywhere. */
function touchesBorder(region: Uint8Array, width: number, height: number): boolean {
  for (let x = 0; x < width; x += 1) if (region[x] || region[(height - 1) * width + x]) return true;
  for (let y = 1; y < height - 1; y += 1) if (region[y * width] || region[y * width + width - 1]) return true;
  return false;
}

/** The card-shaped quadrilateral around `region` (reduced pixels in, frame pixels out), or null. */
function quadOfRegion(region: Uint8Array, width: number, height: number): Quad | null {
  // Rough corners: the region's extremes along the diagonals (exact for a rectangle rotated less than 45°).
  const boundary: Point[] = [];
  let tl = { x: 0, y: 0, score: Infinity };
  let br = { x: 0, y: 0, score: -Infinity };
  let tr = { x: 0, y: 0, score: -Infinity };
  let bl = { x: 0, y: 0, score: Infinity };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const p = y * width + x;
      if (!region[p]) continue;
      if (x + y < tl.score) tl = { x, y, score: x + y };
      if (x + y > br.score) br = { x, y, score: x + y };
      if (x - y > tr.score) tr = { x, y, score: x - y };
      if (x - y < bl.score) bl = { x, y, score: x - y };
      const onBorder = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      if (onBorder || !region[p - 1] || !region[p + 1] || !region[p - width] || !region[p + width]) {
        boundary.push({ x: x + 0.5, y: y + 0.5 });
      }
    }
  }
  const rough: Quad = [tl, tr, br, bl];

  // Each side: the boundary points near the segment between its rough corners, away from the corners. A rounded
  // corner puts its rough corner about 3 reduced pixels inside both sides, hence the 6-pixel band.
  const sides: Line[] = [];
  for (let side = 0; side < 4; side += 1) {
    const a = rough[side] ?? tl;
    const b = rough[(side + 1) % 4] ?? tl;
    const length = distance(a, b);
    if (length < 8) return null;
    const ux = (b.x - a.x) / length;
    const uy = (b.y - a.y) / length;
    const near = boundary.filter((p) => {
      const along = (p.x - a.x) * ux + (p.y - a.y) * uy;
      const across = Math.abs((p.x - a.x) * uy - (p.y - a.y) * ux);
      return along > 0.2 * length && along < 0.8 * length && across < 6;
    });
    const line = fitLine(near, 4);
    if (!line) return null;
    sides.push(line);
  }
  const [top, right, bottom, left] = sides as [Line, Line, Line, Line];
  const corners = [crossing(left, top), crossing(top, right), crossing(right, bottom), crossing(bottom, left)];
  if (corners.some((c) => c === null)) return null;
  const [c0, c1, c2, c3] = corners.map((c) => ({ x: (c?.x ?? 0) * DETECT_SCALE, y: (c?.y ?? 0) * DETECT_SCALE }));
  const quad: Quad = [c0 ?? tl, c1 ?? tl, c2 ?? tl, c3 ?? tl];
  return cardShaped(quad) ? quad : null;
}

/**
 * The homography that maps the output rectangle (0,0)–(w,h) onto `quad`, as the 8 coefficients of
 * x = (a·u + b·v + c) / (g·u + h·v + 1), y = (d·u + e·v + f) / (g·u + h·v + 1).
 */
export function homography(quad: Quad, width: number, height: number): number[] {
  const from: Point[] = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const rows: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const { x: u, y: v } = from[i] ?? { x: 0, y: 0 };
    const { x, y } = quad[i] ?? { x: 0, y: 0 };
    rows.push([u, v, 1, 0, 0, 0, -u * x, -v * x, x]);
    rows.push([0, 0, 0, u, v, 1, -u * y, -v * y, y]);
  }
  // Gaussian elimination with partial pivoting on the 8 × 9 augmented matrix.
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < 8; r += 1) {
      if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[pivot]?.[col] ?? 0)) pivot = r;
    }
    [rows[col], rows[pivot]] = [rows[pivot] ?? [], rows[col] ?? []];
    const top = rows[col] ?? [];
    for (let r = 0; r < 8; r += 1) {
      if (r === col) continue;
      const row = rows[r] ?? [];
      const factor = (row[col] ?? 0) / (top[col] ?? 1);
      for (let k = col; k < 9; k += 1) row[k] = (row[k] ?? 0) - factor * (top[k] ?? 0);
    }
  }
  return rows.map((row, i) => (row[8] ?? 0) / (row[i] ?? 1));
}

/** Samples `gray` through the homography into a `width` × `height` image (bilinear; outside = white). */
function warp(gray: GrayImage, h: readonly number[], width: number, height: number): GrayImage {
  const [a = 1, b = 0, c = 0, d = 0, e = 1, f = 0, g = 0, k = 0] = h;
  const out = new Uint8Array(width * height);
  const src = gray.data;
  const sw = gray.width;
  for (let v = 0; v < height; v += 1) {
    // Per-row terms hoisted; each sum keeps its order, so the samples are the same to the last bit.
    const kv = k * v;
    const bv = b * v;
    const ev = e * v;
    for (let u = 0; u < width; u += 1) {
      const w = g * u + kv + 1;
      const x = (a * u + bv + c) / w;
      const y = (d * u + ev + f) / w;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= sw || y0 + 1 >= gray.height) {
        out[v * width + u] = 255;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      const p = y0 * sw + x0;
      const top = src[p]! * (1 - fx) + src[p + 1]! * fx;
      const bottom = src[p + sw]! * (1 - fx) + src[p + sw + 1]! * fx;
      out[v * width + u] = top * (1 - fy) + bottom * fy;
    }
  }
  return { data: out, width, height };
}

/**
 * The camera's noise relative to the paper's brightness: the median absolute difference between a pixel and the
 * mean of its left and right neighbours, over the mean level. Text and print edges are a small share of the
 * pixels, so the median sees the paper's grain.
 */
export function noiseLevel(gray: GrayImage): number {
  const { width, height, data } = gray;
  const histogram = new Uint32Array(256);
  let count = 0;
  let sum = 0;
  for (let y = 1; y < height - 1; y += 2) {
    for (let x = 1; x < width - 1; x += 2) {
      const p = y * width + x;
      const v = data[p] ?? 0;
      const d = Math.abs(v - ((data[p - 1] ?? 0) + (data[p + 1] ?? 0)) / 2);
      histogram[Math.min(255, Math.round(d))] = (histogram[Math.min(255, Math.round(d))] ?? 0) + 1;
      count += 1;
      sum += v;
    }
  }
  let seen = 0;
  let median = 0;
  while (median < 255 && seen + (histogram[median] ?? 0) < count / 2) seen += histogram[median++] ?? 0;
  return median / Math.max(1, sum / Math.max(1, count));
}

/**
 * Above this `noiseLevel`, grain is smoothed before recognition: a sharp photo in good light stays below 0.01
 * (0.0045 without noise), while dim light or a cheap sensor leaves 0.015–0.06, enough speckle to break
 * tesseract's line finding.
 */
const NOISY = 0.015;
/** One more smoothing pass for each further step of this much noise. */
const NOISE_STEP = 0.02;

/** Smooths camera grain (separable [1 2 1] passes, more for more noise); a clean image is left as it is. */
function denoise(gray: GrayImage): GrayImage {
  const noise = noiseLevel(gray);
  if (noise <= NOISY) return gray;
  const passes = Math.min(3, 1 + Math.floor((noise - NOISY) / NOISE_STEP));
  const { width, height } = gray;
  const data = Float32Array.from(gray.data);
  const tmp = new Float32Array(data.length);
  // Plain indexed loops with the edges clamped outside them: this runs on a million pixels per frame.
  for (let pass = 0; pass < passes; pass += 1) {
    for (let y = 0; y < height; y += 1) {
      const row = y * width;
      for (let x = 0; x < width; x += 1) {
        const l = data[x > 0 ? row + x - 1 : row]!;
        const r = data[x < width - 1 ? row + x + 1 : row + width - 1]!;
        tmp[row + x] = (l + 2 * data[row + x]! + r) / 4;
      }
    }
    for (let y = 0; y < height; y += 1) {
      const row = y * width;
      const up = y > 0 ? row - width : 0;
      const down = y < height - 1 ? row + width : row;
      for (let x = 0; x < width; x += 1) data[row + x] = (tmp[up + x]! + 2 * tmp[row + x]! + tmp[down + x]!) / 4;
    }
  }
  const out = new Uint8Array(data.length);
  for (let p = 0; p < data.length; p += 1) out[p] = Math.round(data[p]!);
  return { data: out, width, height };
}

/** Scales `gray` to `width` × `height` (bilinear), for frames without a detectable card. */
function resize(gray: GrayImage, width: number, height: number): GrayImage {
  return warp(gray, [gray.width / width, 0, 0, 0, gray.height / height, 0, 0, 0], width, height);
}

/**
 * Flat-field correction: each pixel divided by the mean of its neighbourhood (a box of BACKGROUND_RADIUS, from
 * an integral image), so the paper becomes white whatever the light and glare, and text stays dark.
 */
function flatten(gray: GrayImage, radius: number): GrayImage {
  const { width, height, data } = gray;
  const stride = width + 1;
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y += 1) {
    let row = 0;
    for (let x = 0; x < width; x += 1) {
      row += data[y * width + x]!;
      integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1]! + row;
    }
  }
  // The window's columns for each x, computed once rather than per pixel.
  const fromX = Int32Array.from({ length: width }, (_, x) => Math.max(0, x - radius));
  const toX = Int32Array.from({ length: width }, (_, x) => Math.min(width, x + radius + 1));
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    const top = y0 * stride;
    const bottom = y1 * stride;
    for (let x = 0; x < width; x += 1) {
      const x0 = fromX[x]!;
      const x1 = toX[x]!;
      const sum = integral[bottom + x1]! - integral[top + x1]! - integral[bottom + x0]! + integral[top + x0]!;
      const mean = sum / ((x1 - x0) * (y1 - y0));
      // The mean includes some text, so the paper sits a little above it: 1.1 brings it to white.
      out[y * width + x] = Math.min(255, (255 * 1.1 * data[y * width + x]!) / Math.max(1, mean));
    }
  }
  return { data: out, width, height };
}

/** The darkest ink is brought to this level at least (tesseract's own threshold loses light, thin strokes). */
const INK_TARGET = 40;
/** The share of pixels taken as the darkest ink. */
const INK_SHARE = 0.005;
/** Contrast is raised at most this much (more would raise the background's grain with the ink). */
const MAX_GAIN = 3;

/**
 * Darkens faint print (blur, glare, a thin Mincho face) after `flatten`: the distance from white is multiplied
 * so that the darkest `INK_SHARE` of the text column's pixels reaches `INK_TARGET`. Print that is dark already is untouched.
 */
function stretch(gray: GrayImage): GrayImage {
  const histogram = new Uint32Array(256);
  // The text column only: the photo on the right is dark whatever the print.
  const columns = Math.round(gray.width * TEXT_SHARE);
  for (let y = 0; y < gray.height; y += 1) {
    for (let x = 0; x < columns; x += 1) histogram[gray.data[y * gray.width + x]!]! += 1;
  }
  const counted = columns * gray.height;
  let seen = 0;
  let dark = 0;
  while (dark < 255 && seen + (histogram[dark] ?? 0) < INK_SHARE * counted) seen += histogram[dark++] ?? 0;
  if (dark <= INK_TARGET) return gray;
  const gain = Math.min(MAX_GAIN, (255 - INK_TARGET) / Math.max(1, 255 - dark));
  const level = Uint8Array.from({ length: 256 }, (_, v) => Math.max(0, Math.round(255 - (255 - v) * gain)));
  const data = new Uint8Array(gray.data.length);
  for (let p = 0; p < data.length; p += 1) data[p] = level[gray.data[p]!]!;
  return { data, width: gray.width, height: gray.height };
}

/**
 * Where the face photo is printed on the front, as shares of the card's width and height: the right side, from
 * near the top to two thirds down (the data text ends before it; the security code is under it).
 */
const PHOTO_AREA = { left: 0.72, bottom: 0.7 } as const;

/**
 * Whitens the photo on a straightened card: a dark face photo beside the text lines made tesseract take the
 * rows it spans for one tall line and lose the birth date in it. Nothing to read is printed there.
 */
function withoutPhoto(gray: GrayImage): GrayImage {
  const data = Uint8Array.from(gray.data);
  const left = Math.round(gray.width * PHOTO_AREA.left);
  const bottom = Math.round(gray.height * PHOTO_AREA.bottom);
  for (let y = 0; y < bottom; y += 1) data.fill(255, y * gray.width + left, (y + 1) * gray.width);
  return { data, width: gray.width, height: gray.height };
}

function toRgba(gray: GrayImage): RgbaImage {
  const data = new Uint8ClampedArray(gray.data.length * 4);
  for (let p = 0, i = 0; p < gray.data.length; p += 1, i += 4) {
    const v = gray.data[p]!;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
  return { data, width: gray.width, height: gray.height };
}

/** Text darker than this (after `flatten`) counts for the skew estimate. */
const INK_LEVEL = 110;
/** Skew searched in this range, degrees: what a missed or misplaced card outline leaves. */
const MAX_SKEW_DEG = 15;
/** Below this, degrees, the text is left as it is (tesseract takes a small tilt in its stride). */
const MIN_SKEW_DEG = 0.4;
/** The share of the width, from the left, that holds the card's text lines. */
const TEXT_SHARE = 0.7;
/** A skew is applied only if its lines stand out this much more than level ones (else it is noise). */
const MIN_SKEW_GAIN = 1.1;

/**
 * The angle of the text lines, degrees, by projection profiles: rotated by the right angle, the dark pixels
 * pile up in a few rows (the lines) and the squared row counts peak. Coarse search in 1° steps, then ¼°.
 */
export function skewAngle(gray: GrayImage): number {
  const xs: number[] = [];
  const ys: number[] = [];
  // The left part only: the text column; the photo (or the back's QR code) on the right has no lines.
  for (let y = 0; y < gray.height; y += 2) {
    for (let x = 0; x < gray.width * TEXT_SHARE; x += 2) {
      if ((gray.data[y * gray.width + x] ?? 255) < INK_LEVEL) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return 0;
  const bins = new Float64Array(Math.ceil(Math.hypot(gray.width, gray.height) / 2) + 2);
  const offset = bins.length / 2;
  const score = (deg: number) => {
    const t = (deg * Math.PI) / 180;
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    bins.fill(0);
    for (let i = 0; i < xs.length; i += 1) {
      const row = Math.floor(((ys[i] ?? 0) * cos - (xs[i] ?? 0) * sin) / 2 + offset / 2);
      bins[row] = (bins[row] ?? 0) + 1;
    }
    let sum = 0;
    for (const b of bins) sum += b * b;
    return sum;
  };
  let best = 0;
  const level = score(0);
  let bestScore = level;
  const search = (from: number, to: number, step: number) => {
    for (let deg = from; deg <= to + 1e-9; deg += step) {
      const value = score(deg);
      if (value > bestScore) {
        bestScore = value;
        best = deg;
      }
    }
  };
  search(-MAX_SKEW_DEG, MAX_SKEW_DEG, 1);
  const coarse = best;
  search(coarse - 0.75, coarse + 0.75, 0.25);
  return bestScore > level * MIN_SKEW_GAIN ? best : 0;
}

/** Turns the image so that text at `deg` becomes level (outside = white). */
function rotate(gray: GrayImage, deg: number): GrayImage {
  const t = (deg * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = gray.width / 2;
  const cy = gray.height / 2;
  return warp(
    gray,
    [cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos, 0, 0],
    gray.width,
    gray.height,
  );
}

/** Levels text the card outline left tilted (a card on a pale table, or no card found). */
function deskew(gray: GrayImage): GrayImage {
  const deg = skewAngle(gray);
  return Math.abs(deg) < MIN_SKEW_DEG ? gray : rotate(gray, deg);
}

export interface NormalisedCard {
  readonly image: RgbaImage;
  /** The scale that brings `image` to the size the whole-card read takes (1 at the default width). */
  readonly readScale: number;
  /** Whether a card was found and rectified; otherwise the whole frame was scaled and evened out. */
  readonly found: boolean;
}

/**
 * The frame made ready for recognition: the card cut out, upright, at a fixed size, evenly lit.
 * @param width the card's width, px; `CARD_OUT_WIDTH` for the whole-card read, more for sharper cut-outs
 */
export function normaliseCard(frame: RgbaImage, width = CARD_OUT_WIDTH): NormalisedCard {
  const gray = luminance(frame);
  const quad = findCardIn(frame, gray);
  if (!quad) return frameOf(gray, width);
  const factor = width / CARD_OUT_WIDTH;
  const radius = Math.round(BACKGROUND_RADIUS * factor);
  const height = Math.round(width / CARD_ASPECT);
  const card = warp(gray, homography(quad, width, height), width, height);
  const image = toRgba(deskew(withoutPhoto(stretch(flatten(denoise(card), radius)))));
  return { image, readScale: 1 / factor, found: true };
}

/**
 * The whole frame made ready for recognition, with no card cut out: what `normaliseCard` gives when it finds
 * no card, and the second chance of a card whose outline was found wrong (`readFrontWith`'s `frameView`).
 */
export function normaliseFrame(frame: RgbaImage, width = CARD_OUT_WIDTH): NormalisedCard {
  return frameOf(luminance(frame), width);
}

function frameOf(gray: GrayImage, width: number): NormalisedCard {
  const factor = width / CARD_OUT_WIDTH;
  const radius = Math.round(BACKGROUND_RADIUS * factor);
  // No card outline: the card may be small in the frame, so keep the frame's own resolution (up to a bound).
  const scale = Math.min(1, (MAX_FRAME_WIDTH * factor) / Math.max(gray.width, 1));
  const readScale = Math.min(1, MAX_FRAME_WIDTH / Math.max(gray.width, 1)) / scale;
  const resized = resize(gray, Math.round(gray.width * scale), Math.max(1, Math.round(gray.height * scale)));
  return { image: toRgba(deskew(stretch(flatten(denoise(resized), radius)))), readScale, found: false };
}
