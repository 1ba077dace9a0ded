/**
 * The recogniser's output reduced to what the field reader takes: lines with their confidence and box. Typed
 * structurally, so this module does not load tesseract.js; spaces tesseract puts between Japanese characters
 * are folded later by `foldLine`.
 */
import type { OcrLine } from './face-fields';

/** A line's box in image pixels. */
export interface LineBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The part of tesseract.js's `Page` this reads (`recognize(image, {}, { blocks: true })`). */
export interface RecognisedPage {
  readonly blocks:
    | readonly {
        readonly paragraphs: readonly {
          readonly lines: readonly { readonly text: string; readonly confidence: number; readonly bbox?: LineBox }[];
        }[];
      }[]
    | null;
}

export function linesOf(page: RecognisedPage): OcrLine[] {
  return (page.blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.map((line) => ({
        text: line.text.trim(),
        confidence: line.confidence,
        ...(line.bbox ? { box: line.bbox } : {}),
      })),
    ),
  );
}
