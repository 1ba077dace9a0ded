/**
 * Finds the card's four sides in a camera frame from its edges, not its brightness: on a pale table the card
 * is hardly brighter than what it lies on, but its sides are still long straight edges. Straight lines are
 * collected from the edges of a reduced copy (a Hough transform), every four of them that make a card-shaped
 * quadrilateral are scored by how much of each side an edge really runs along, and the best one's sides are
 * then fitted again on the full-resolution frame. A side that the frame cuts off (the photo side pushed out of
 * the picture) is put back where the card's proportions say it is. Plain pixel code on plain arrays.
 */

export interface RgbaImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface GrayImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Corners in frame pixels: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** ID-1 card, 85.60 × 53.98 mm. */
export const CARD_ASPECT = 85.6 / 53.98;
/** Perspective may stretch the sides' ratio this much either way before the shape is not a card. */
const ASPECT_TOLERANCE = 0.25;
/** The card must cover at least this share of the frame (the guide asks for most of it). */
export const MIN_CARD_SHARE = 0.12;
/** The reduced copy's longer side, px: enough for a card's sides, few pixels to vote. */
const DETECT_SIZE = 400;
/** Edges weaker than this (Sobel on the reduced copy) do not vote: a card on a pale table still passes. */
const EDGE_MIN = 14;
/** Lines taken from each channel's Hough accumulator, strongest first. */
const MAX_LINES = 12;
/** Opposite sides may differ this much in direction (perspective), and adjacent ones from a right angle. */
const MAX_PARALLEL_DEG = 20;
const MAX_SKEW_FROM_RIGHT_DEG = 25;
/** Each third of a side must have an edge under at least this share of its visible length. */
const MIN_THIRD_SUPPORT = 0.3;

/**
 * The images the sides are looked for in, as weights of red, green and blue plus an offset: brightness, and
 * two colour differences (blue and red against brightness). A
 * pink or green card on a grey table of the same brightness still differs in colour.
 */
export interface Channel {
  /** Weights of red, green and blue, and an offset that keeps the values in 0–255. */
  readonly weights: readonly [number, number, number];
  readonly offset: number;
  /** Blur passes on the reduced copy. */
  readonly passes: number;
  /** Degrees either side of an edge pixel's direction that it votes for. */
  readonly spread: number;
}

export const CHANNELS: readonly Channel[] = [
  { weights: [77 / 256, 150 / 256, 29 / 256], offset: 0, passes: 1, spread: 2 },
  // JPEG keeps colour in 16-pixel blocks: blurred more, and a slanted side's staircase votes more widely.
  { weights: [-77 / 256, -150 / 256, 227 / 256], offset: 128, passes: 3, spread: 6 },
  { weights: [179 / 256, -150 / 256, -29 / 256], offset: 128, passes: 3, spread: 6 },
];
interface Line {
  /** Unit normal and offset: the points p with n·p = rho (reduced-copy pixels). */
  readonly nx: number;
  readonly ny: number;
  readonly rho: number;
  /** A side of the frame: the card runs out of the picture there. */
  readonly border: boolean;
}

interface Gradient {
  readonly gx: Float32Array;
  readonly gy: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A [1 2 1] / 4 blur each way, in place. */
function blur(plane: Float32Array, width: number, height: number): void {
  const row = new Float32Array(width);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) row[x] = plane[y * width + x] ?? 0;
    for (let x = 0; x < width; x += 1) {
      plane[y * width + x] =
        ((row[Math.max(0, x - 1)] ?? 0) + 2 * (row[x] ?? 0) + (row[Math.min(width - 1, x + 1)] ?? 0)) / 4;
    }
  }
  const column = new Float32Array(height);
  for (let x = 0; x < width; x += 1) {
    for (let y = 0; y < height; y += 1) column[y] = plane[y * width + x] ?? 0;
    for (let y = 0; y < height; y += 1) {
      plane[y * width + x] =
        ((column[Math.max(0, y - 1)] ?? 0) + 2 * (column[y] ?? 0) + (column[Math.min(height - 1, y + 1)] ?? 0)) / 4;
    }
  }
}

/**
 * The channels of `frame`, each block-averaged by `factor` (one pass over the frame), then blurred `passes`
 * times against noise, fine print and (in the colour channels) the blocks of JPEG's coarser colour.
 */
export function reducedChannels(frame: RgbaImage, channels: readonly Channel[], factor: number): GrayImage[] {
  const width = Math.floor(frame.width / factor);
  const height = Math.floor(frame.height / factor);
  const sums = [new Float32Array(width * height), new Float32Array(width * height), new Float32Array(width * height)];
  const [red, green, blue] = sums as [Float32Array, Float32Array, Float32Array];
  const src = frame.data;
  for (let y = 0; y < height * factor; y += 1) {
    const target = Math.floor(y / factor) * width;
    for (let x = 0, i = y * frame.width * 4; x < width * factor; x += 1, i += 4) {
      const p = target + Math.floor(x / factor);
      red[p] = (red[p] ?? 0) + (src[i] ?? 0);
      green[p] = (green[p] ?? 0) + (src[i + 1] ?? 0);
      blue[p] = (blue[p] ?? 0) + (src[i + 2] ?? 0);
    }
  }
  const scale = 1 / (factor * factor);
  return channels.map(({ weights: [wr, wg, wb], offset, passes }) => {
    const plane = new Float32Array(width * height);
    for (let p = 0; p < plane.length; p += 1) {
      plane[p] = (wr * (red[p] ?? 0) + wg * (green[p] ?? 0) + wb * (blue[p] ?? 0)) * scale;
    }
    for (let pass = 0; pass < passes; pass += 1) blur(plane, width, height);
    const out = new Uint8Array(width * height);
    for (let p = 0; p < out.length; p += 1) out[p] = Math.max(0, Math.min(255, (plane[p] ?? 0) + offset));
    return { data: out, width, height };
  });
}

export function sobel(gray: GrayImage): Gradient {
  const { width, height, data: d } = gray;
  const gx = new Float32Array(width * height);
  const gy = new Float32Array(width * height);
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1, p = y * width + 1; x < width - 1; x += 1, p += 1) {
      const nw = d[p - width - 1] ?? 0;
      const n = d[p - width] ?? 0;
      const ne = d[p - width + 1] ?? 0;
      const w = d[p - 1] ?? 0;
      const e = d[p + 1] ?? 0;
      const sw = d[p + width - 1] ?? 0;
      const s = d[p + width] ?? 0;
      const se = d[p + width + 1] ?? 0;
      gx[p] = ne + 2 * e + se - nw - 2 * w - sw;
      gy[p] = sw + 2 * s + se - nw - 2 * n - ne;
    }
  }
  return { gx, gy, width, height };
}

/** How far either side of an edge the step test looks, reduced-copy pixels. */
const STEP_REACH = 3;

/**
 * Thin edge pixels (local maxima across the edge) at least `EDGE_MIN` strong, that are steps: what lies a few
 * pixels beyond is brighter than what lies before, as across the card's side. The two edges of a thin line
 * (a stroke of text, the guilloche, the grain of a table) have the same level on both sides and do not count.
 */
export function edgePixels(g: Gradient, gray: GrayImage): { x: number; y: number; angle: number }[] {
  const { gx, gy, width, height } = g;
  const squared = (p: number) => (gx[p] ?? 0) ** 2 + (gy[p] ?? 0) ** 2;
  const edges = [];
  for (let y = STEP_REACH + 1; y < height - STEP_REACH - 1; y += 1) {
    for (let x = STEP_REACH + 1, p = y * width + x; x < width - STEP_REACH - 1; x += 1, p += 1) {
      const m2 = squared(p);
      if (m2 < EDGE_MIN * EDGE_MIN) continue;
      const m = Math.sqrt(m2);
      const ux = (gx[p] ?? 0) / m;
      const uy = (gy[p] ?? 0) / m;
      const step = Math.round(uy) * width + Math.round(ux);
      if (m2 < squared(p + step) || m2 < squared(p - step)) continue;
      const beyond = gray.data[Math.round(y + uy * STEP_REACH) * width + Math.round(x + ux * STEP_REACH)] ?? 0;
      const before = gray.data[Math.round(y - uy * STEP_REACH) * width + Math.round(x - ux * STEP_REACH)] ?? 0;
      if (beyond - before < m / 6) continue;
      edges.push({ x: x + 0.5, y: y + 0.5, angle: Math.atan2(uy, ux) });
    }
  }
  return edges;
}

/** The strongest straight lines of the edges (Hough transform, 1° by 1 px), one per neighbourhood. */
export function houghLines(
  edges: readonly { x: number; y: number; angle: number }[],
  width: number,
  height: number,
  spread: number,
): Line[] {
  const thetas = 180;
  const maxRho = Math.ceil(Math.hypot(width, height));
  const rhos = 2 * maxRho + 1;
  const votes = new Float32Array(thetas * rhos);
  const cos = Float64Array.from({ length: thetas }, (_, t) => Math.cos((t * Math.PI) / 180));
  const sin = Float64Array.from({ length: thetas }, (_, t) => Math.sin((t * Math.PI) / 180));
  for (const { x, y, angle } of edges) {
    // The line's normal is the gradient's direction, modulo 180°.
    const centre = Math.round(((((angle * 180) / Math.PI) % 180) + 180) % 180);
    for (let d = -spread; d <= spread; d += 1) {
      const t = (centre + d + thetas) % thetas;
      const rho = Math.round(x * (cos[t] ?? 0) + y * (sin[t] ?? 0)) + maxRho;
      const i = t * rhos + rho;
      votes[i] = (votes[i] ?? 0) + 1;
    }
  }
  const minVotes = 0.1 * Math.min(width, height);
  const peaks: { t: number; rho: number; votes: number }[] = [];
  for (let t = 0; t < thetas; t += 1) {
    for (let r = 1; r < rhos - 1; r += 1) {
      const v = votes[t * rhos + r] ?? 0;
      if (v < minVotes) continue;
      let peak = true;
      for (let dt = -3; dt <= 3 && peak; dt += 1) {
        const tt = (t + dt + thetas) % thetas;
        // Across the 0°/180° seam the same line has the opposite offset.
        const seam = t + dt < 0 || t + dt >= thetas;
        for (let dr = -6; dr <= 6; dr += 1) {
          const rr = seam ? 2 * maxRho - (r + dr) : r + dr;
          if (rr < 0 || rr >= rhos || (dt === 0 && dr === 0)) continue;
          const w = votes[tt * rhos + rr] ?? 0;
          if (w > v || (w === v && tt * rhos + rr < t * rhos + r)) {
            peak = false;
            break;
          }
        }
      }
      if (peak) peaks.push({ t, rho: r - maxRho, votes: v });
    }
  }
  peaks.sort((a, b) => b.votes - a.votes);
  return peaks.slice(0, MAX_LINES).map(({ t, rho }) => ({ nx: cos[t] ?? 1, ny: sin[t] ?? 0, rho, border: false }));
}

function intersect(a: Line, b: Line): Point | null {
  const det = a.nx * b.ny - a.ny * b.nx;
  if (Math.abs(det) < 1e-6) return null;
  return { x: (a.rho * b.ny - b.rho * a.ny) / det, y: (a.nx * b.rho - b.nx * a.rho) / det };
}

/** The acute angle between two lines, degrees (0–90). */
function angleBetween(a: Line, b: Line): number {
  const c = Math.min(1, Math.abs(a.nx * b.nx + a.ny * b.ny));
  return (Math.acos(c) * 180) / Math.PI;
}

export const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** Whether the quad has a card's shape: convex, sides in a card's ratio (within perspective's stretch). */
export function cardShaped(quad: Quad): boolean {
  const [tl, tr, br, bl] = quad;
  const aspect = (distance(tl, tr) + distance(bl, br)) / (distance(tl, bl) + distance(tr, br));
  if (Math.abs(aspect / CARD_ASPECT - 1) > ASPECT_TOLERANCE) return false;
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i] ?? tl;
    const b = quad[(i + 1) % 4] ?? tl;
    const c = quad[(i + 2) % 4] ?? tl;
    if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) <= 0) return false;
  }
  return true;
}

/** The four points in the order top-left, top-right, bottom-right, bottom-left (clockwise from upper left). */
function ordered(points: readonly Point[]): Quad {
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const cy = points.reduce((s, p) => s + p.y, 0) / points.length;
  const [a, b, c, d] = [...points].sort((p, q) => Math.atan2(p.y - cy, p.x - cx) - Math.atan2(q.y - cy, q.x - cx));
  const fallback = { x: cx, y: cy };
  return [a ?? fallback, b ?? fallback, c ?? fallback, d ?? fallback];
}

function quadArea(q: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i += 1) {
    const a = q[i] ?? q[0];
    const b = q[(i + 1) % 4] ?? q[0];
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}

/**
 * How well an edge runs along the side a→b: per third of the side, the share of visible sample points with an
 * edge across the side (one polarity, the stronger), within a pixel or two. Null when a third has too little.
 */
function sideSupport(g: Gradient, a: Point, b: Point): number | null {
  const length = distance(a, b);
  if (length < 8) return null;
  const tx = (b.x - a.x) / length;
  const ty = (b.y - a.y) / length;
  const thirds = [0, 0, 0].map(() => ({ visible: 0, brighter: 0, darker: 0 }));
  const samples = Math.max(12, Math.round(length / 2));
  for (let s = 0; s < samples; s += 1) {
    const t = 0.08 + (0.84 * (s + 0.5)) / samples;
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    if (x < 3 || y < 3 || x >= g.width - 3 || y >= g.height - 3) continue;
    const third = thirds[Math.min(2, Math.floor(((t - 0.08) / 0.84) * 3))];
    if (!third) continue;
    third.visible += 1;
    let best = 0;
    for (let o = -2; o <= 2; o += 1) {
      const p = Math.floor(y - o * tx) * g.width + Math.floor(x + o * ty);
      const gx = g.gx[p] ?? 0;
      const gy = g.gy[p] ?? 0;
      // Across the side: the component along its normal (−ty, tx), which must dominate the one along it.
      const across = -gx * ty + gy * tx;
      const along = gx * tx + gy * ty;
      if (Math.abs(across) >= EDGE_MIN && Math.abs(across) > Math.abs(along) && Math.abs(across) > Math.abs(best)) {
        best = across;
      }
    }
    if (best > 0) third.brighter += 1;
    else if (best < 0) third.darker += 1;
  }
  let supported = 0;
  for (const third of thirds) {
    if (third.visible < 3) continue;
    const share = Math.max(third.brighter, third.darker) / third.visible;
    if (share < MIN_THIRD_SUPPORT) return null;
    supported += Math.max(third.brighter, third.darker);
  }
  return supported;
}

/** A side must separate two levels at least this far apart (in some channel), a few pixels either side of it. */
const MIN_SIDE_CONTRAST = 5;

/**
 * How much the bands a few pixels inside and outside the side a→b differ, in the channel where they differ
 * most: a card's side separates the card from the table, while a line drawn on the table (its grain, a
 * seam) has table on both sides. `inside` is a point inside the quadrilateral.
 */
function sideContrast(images: readonly GrayImage[], a: Point, b: Point, inside: Point): number {
  const length = distance(a, b);
  const tx = (b.x - a.x) / length;
  const ty = (b.y - a.y) / length;
  // The normal that points into the quadrilateral.
  const sign = (inside.x - a.x) * -ty + (inside.y - a.y) * tx > 0 ? 1 : -1;
  const nx = -ty * sign;
  const ny = tx * sign;
  let best = 0;
  // Sample points a side of this length would have if all of them fell inside the frame.
  const expected = 6 * Math.floor((0.8 * length) / 2);
  for (const image of images) {
    let sumIn = 0;
    let sumOut = 0;
    let count = 0;
    for (let t = 0.1; t <= 0.9; t += 2 / length) {
      const x = a.x + (b.x - a.x) * t;
      const y = a.y + (b.y - a.y) * t;
      for (let o = 2; o <= 7; o += 1) {
        const xi = Math.round(x + o * nx);
        const yi = Math.round(y + o * ny);
        const xo = Math.round(x - o * nx);
        const yo = Math.round(y - o * ny);
        if (Math.min(xi, yi, xo, yo) < 0 || Math.max(xi, xo) >= image.width || Math.max(yi, yo) >= image.height)
          continue;
        sumIn += image.data[yi * image.width + xi] ?? 0;
        sumOut += image.data[yo * image.width + xo] ?? 0;
        count += 1;
      }
    }
    if (count > 0) best = Math.max(best, Math.abs(sumIn - sumOut) / count);
    // A side at the frame's very edge has no outside to compare with: it is not judged.
    if (count < 0.3 * expected) return Infinity;
  }
  return best;
}

/** Whether two lines are nearly the same (within 3° and 4 px). */
function sameLine(a: Line, b: Line): boolean {
  const dot = a.nx * b.nx + a.ny * b.ny;
  return Math.abs(dot) > Math.cos((3 * Math.PI) / 180) && Math.abs(a.rho - Math.sign(dot) * b.rho) < 4;
}

/** The lines that bound the frame: a side cut off by the picture's edge ends there. */
export function borderLines(width: number, height: number): Line[] {
  return [
    { nx: 1, ny: 0, rho: 0.5, border: true },
    { nx: 1, ny: 0, rho: width - 0.5, border: true },
    { nx: 0, ny: 1, rho: 0.5, border: true },
    { nx: 0, ny: 1, rho: height - 0.5, border: true },
  ];
}

interface Candidate {
  readonly quad: Quad;
  /** Which of the sides (top, right, bottom, left) lies on the frame's edge; null when none. */
  readonly cut: number | null;
  readonly score: number;
  /** Per side, the channel (`CHANNELS`) it showed best in. */
  readonly channels: readonly number[];
}

/**
 * Moves a side that lies on the frame's edge out to where the card's proportions put it: the card's width (or
 * height) is taken as the mean of the two sides across the cut (perspective makes them differ), and the other
 * way follows from the card's ratio. Null when the visible part is clearly longer than a card would be.
 */
function restoreCutSide(quad: Quad, cut: number): Quad | null {
  const [tl, tr, br, bl] = quad;
  const along = (from: Point, to: Point, length: number): Point => {
    const d = distance(from, to);
    return { x: from.x + ((to.x - from.x) / d) * length, y: from.y + ((to.y - from.y) / d) * length };
  };
  if (cut === 1 || cut === 3) {
    const visible = Math.max(distance(tl, tr), distance(bl, br));
    const width = ((distance(tl, bl) + distance(tr, br)) / 2) * CARD_ASPECT;
    if (width < 0.85 * visible) return null;
    const w = Math.max(width, visible);
    return cut === 1 ? [tl, along(tl, tr, w), along(bl, br, w), bl] : [along(tr, tl, w), tr, br, along(br, bl, w)];
  }
  const visible = Math.max(distance(tl, bl), distance(tr, br));
  const height = (distance(tl, tr) + distance(bl, br)) / 2 / CARD_ASPECT;
  if (height < 0.85 * visible) return null;
  const h = Math.max(height, visible);
  return cut === 0 ? [along(bl, tl, h), along(br, tr, h), br, bl] : [tl, tr, along(tr, br, h), along(tl, bl, h)];
}

/** The best card-shaped quadrilateral of the lines, in reduced-copy pixels. */
export function bestQuad(
  lines: readonly Line[],
  gradients: readonly Gradient[],
  images: readonly GrayImage[],
): Candidate | null {
  const { width, height } = gradients[0] ?? { width: 0, height: 0 };
  const pairs: [Line, Line][] = [];
  const minGap = 0.15 * Math.min(width, height);
  for (let i = 0; i < lines.length; i += 1) {
    for (let j = i + 1; j < lines.length; j += 1) {
      const a = lines[i];
      const b = lines[j];
      if (!a || !b || (a.border && b.border) || angleBetween(a, b) > MAX_PARALLEL_DEG) continue;
      // Their distance, measured from the point of a nearest the frame's centre.
      const c = a.nx * (width / 2) + a.ny * (height / 2) - a.rho;
      const px = width / 2 - c * a.nx;
      const py = height / 2 - c * a.ny;
      if (Math.abs(b.nx * px + b.ny * py - b.rho) > minGap) pairs.push([a, b]);
    }
  }
  let best: Candidate | null = null;
  const margin = 0.15 * Math.max(width, height);
  for (let i = 0; i < pairs.length; i += 1) {
    for (let j = i + 1; j < pairs.length; j += 1) {
      const [a1, a2] = pairs[i] ?? [];
      const [b1, b2] = pairs[j] ?? [];
      if (!a1 || !a2 || !b1 || !b2) continue;
      const sides = [a1, a2, b1, b2];
      if (sides.filter((s) => s.border).length > 1) continue;
      if (sides.some((s, k) => sides.indexOf(s) !== k)) continue;
      if (90 - angleBetween(a1, b1) > MAX_SKEW_FROM_RIGHT_DEG || 90 - angleBetween(a2, b2) > MAX_SKEW_FROM_RIGHT_DEG)
        continue;
      const corners = [intersect(a1, b1), intersect(b1, a2), intersect(a2, b2), intersect(b2, a1)];
      if (
        corners.some(
          (p) => p === null || p.x < -margin || p.y < -margin || p.x > width + margin || p.y > height + margin,
        )
      ) {
        continue;
      }
      let quad = ordered(corners as Point[]);
      // Which side of the ordered quad each line is: the side whose both corners it passes through.
      let cut: number | null = null;
      const border = sides.find((s) => s.border);
      if (border) {
        const onBorder = (p: Point) => Math.abs(border.nx * p.x + border.ny * p.y - border.rho) < 1e-6;
        cut = [0, 1, 2, 3].find((k) => onBorder(quad[k] ?? quad[0]) && onBorder(quad[(k + 1) % 4] ?? quad[0])) ?? null;
        if (cut === null) continue;
      }
      // Shape first (cheap): a cut side is put back where the card's proportions say.
      const shape = cut === null ? quad : restoreCutSide(quad, cut);
      if (!shape || !cardShaped(shape) || quadArea(shape) < MIN_CARD_SHARE * width * height) continue;
      let score = 0;
      let valid = true;
      const channels: number[] = [];
      for (let k = 0; k < 4 && valid; k += 1) {
        channels.push(0);
        if (k === cut) continue;
        // The channel in which the side shows best.
        let support: number | null = null;
        for (const [c, g] of gradients.entries()) {
          const s = sideSupport(g, quad[k] ?? quad[0], quad[(k + 1) % 4] ?? quad[0]);
          if (s !== null && (support === null || s > support)) {
            support = s;
            channels[k] = c;
          }
        }
        if (support === null) valid = false;
        else score += support;
      }
      if (!valid || (best && score <= best.score)) continue;
      const centre = { x: (quad[0].x + quad[2].x) / 2, y: (quad[0].y + quad[2].y) / 2 };
      const flat = [0, 1, 2, 3].some(
        (k) =>
          k !== cut &&
          sideContrast(images, quad[k] ?? quad[0], quad[(k + 1) % 4] ?? quad[0], centre) < MIN_SIDE_CONTRAST,
      );
      if (flat) continue;
      quad = shape;
      best = { quad, cut, score, channels };
    }
  }
  return best;
}

/** Bilinear sample of one channel of `frame` (edge pixels repeated). */
function sample(frame: RgbaImage, channel: Channel, x: number, y: number): number {
  const cx = Math.min(frame.width - 1.001, Math.max(0, x));
  const cy = Math.min(frame.height - 1.001, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const fx = cx - x0;
  const fy = cy - y0;
  const [wr, wg, wb] = channel.weights;
  const d = frame.data;
  const at = (p: number) => wr * (d[4 * p] ?? 0) + wg * (d[4 * p + 1] ?? 0) + wb * (d[4 * p + 2] ?? 0);
  const p = y0 * frame.width + x0;
  return (
    (at(p) * (1 - fx) + at(p + 1) * fx) * (1 - fy) +
    (at(p + frame.width) * (1 - fx) + at(p + frame.width + 1) * fx) * fy
  );
}

/** Total least squares through the points: a point on the line and its unit direction (null below `fewest`). */
export function fitLine(points: readonly Point[], fewest = 6): { point: Point; direction: Point } | null {
  if (points.length < fewest) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
    syy += (p.y - my) ** 2;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { point: { x: mx, y: my }, direction: { x: Math.cos(angle), y: Math.sin(angle) } };
}

/**
 * The side a→b (full-frame pixels) fitted again on the full-resolution frame: along the side, the strongest
 * step across it within `reach` pixels (averaged over a few pixels along it against noise), then a line
 * through those points without the ones far from it. Null when too few steps were found.
 */
function refineSide(
  frame: RgbaImage,
  channel: Channel,
  a: Point,
  b: Point,
  reach: number,
): { point: Point; direction: Point } | null {
  const length = distance(a, b);
  const tx = (b.x - a.x) / length;
  const ty = (b.y - a.y) / length;
  const nx = -ty;
  const ny = tx;
  const level = (x: number, y: number) => {
    let sum = 0;
    for (let k = -2; k <= 2; k += 1) sum += sample(frame, channel, x + k * tx, y + k * ty);
    return sum / 5;
  };
  const found: Point[] = [];
  const steps: number[] = [];
  const samples = 60;
  for (let s = 0; s < samples; s += 1) {
    const t = 0.1 + (0.8 * (s + 0.5)) / samples;
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    if (x < 2 || y < 2 || x > frame.width - 3 || y > frame.height - 3) continue;
    const profile: number[] = [];
    for (let o = -reach - 1; o <= reach + 1; o += 1) profile.push(level(x + o * nx, y + o * ny));
    let bestAt = 0;
    let bestStep = 0;
    for (let i = 1; i < profile.length - 1; i += 1) {
      const step = (profile[i + 1] ?? 0) - (profile[i - 1] ?? 0);
      if (Math.abs(step) > Math.abs(bestStep)) {
        bestStep = step;
        bestAt = i;
      }
    }
    if (bestAt <= 1 || bestAt >= profile.length - 2) continue;
    // Sub-pixel: the vertex of the parabola through the step and its neighbours.
    const left = Math.abs((profile[bestAt] ?? 0) - (profile[bestAt - 2] ?? 0));
    const mid = Math.abs(bestStep);
    const right = Math.abs((profile[bestAt + 2] ?? 0) - (profile[bestAt] ?? 0));
    const denominator = left - 2 * mid + right;
    const offset = denominator < 0 ? (0.5 * (left - right)) / denominator : 0;
    const o = bestAt - reach - 1 + offset;
    found.push({ x: x + o * nx, y: y + o * ny });
    steps.push(bestStep);
  }
  // One polarity: the card's side is a step one way along its whole length.
  const positive = steps.filter((s) => s > 0).length;
  const points = found.filter((_, i) => (steps[i] ?? 0) > 0 === positive * 2 >= steps.length);
  let line = fitLine(points);
  if (!line) return null;
  for (let round = 0; round < 2 && line; round += 1) {
    const { point, direction } = line;
    const off = (p: Point) => Math.abs((p.x - point.x) * direction.y - (p.y - point.y) * direction.x);
    const kept = points.filter((p) => off(p) < (round === 0 ? 3 : 1.5));
    if (kept.length < Math.max(6, points.length / 3)) return line;
    line = fitLine(kept);
  }
  return line;
}

/** Where two lines (a point and a direction each) cross; null for parallel lines. */
export function crossing(a: { point: Point; direction: Point }, b: { point: Point; direction: Point }): Point | null {
  const cross = a.direction.x * b.direction.y - a.direction.y * b.direction.x;
  if (Math.abs(cross) < 1e-6) return null;
  const t = ((b.point.x - a.point.x) * b.direction.y - (b.point.y - a.point.y) * b.direction.x) / cross;
  return { x: a.point.x + t * a.direction.x, y: a.point.y + t * a.direction.y };
}

/**
 * The card's corners in the frame, or null when no card-shaped outline stands out (then the caller reads the
 * frame as it is).
 */
export function findCardOutline(frame: RgbaImage): Quad | null {
  const factor = Math.max(1, Math.round(Math.max(frame.width, frame.height) / DETECT_SIZE));
  const images = reducedChannels(frame, CHANNELS, factor);
  const [first] = images;
  if (!first || first.width < 16 || first.height < 16) return null;
  const gradients = images.map(sobel);
  // The strongest lines of each channel: a table's grain fills the brightness channel with long lines, while
  // the colour channels show only what has colour, such as the card on a grey table.
  const lines: Line[] = [];
  for (const [c, image] of images.entries()) {
    const { spread } = CHANNELS[c] ?? { spread: 2 };
    for (const line of houghLines(edgePixels(gradients[c] ?? sobel(image), image), image.width, image.height, spread)) {
      if (!lines.some((other) => sameLine(line, other))) lines.push(line);
    }
  }
  lines.push(...borderLines(first.width, first.height));
  const found = bestQuad(lines, gradients, images);
  if (!found) return null;
  const full = found.quad.map((p) => ({ x: p.x * factor, y: p.y * factor }));
  // Each side fitted again at full resolution, in its channel; a side cut off by the frame keeps its estimate.
  const sides = [0, 1, 2, 3].map((k) => {
    const a = full[k] ?? { x: 0, y: 0 };
    const b = full[(k + 1) % 4] ?? { x: 0, y: 0 };
    const coarse = { point: a, direction: { x: (b.x - a.x) / distance(a, b), y: (b.y - a.y) / distance(a, b) } };
    const channel = CHANNELS[found.channels[k] ?? 0] ?? CHANNELS[0];
    if (k === found.cut || !channel) return coarse;
    return refineSide(frame, channel, a, b, 2 * factor) ?? coarse;
  });
  const corners: Point[] = [];
  for (let k = 0; k < 4; k += 1) {
    const before = sides[(k + 3) % 4];
    const side = sides[k];
    const corner = before && side ? crossing(before, side) : null;
    if (!corner) return null;
    corners.push(corner);
  }
  let quad = ordered(corners);
  if (found.cut !== null) quad = restoreCutSide(quad, found.cut) ?? quad;
  return cardShaped(quad) ? quad : null;
}
