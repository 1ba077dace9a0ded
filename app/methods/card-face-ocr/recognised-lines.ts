/**
 * The recogniser's output reduced to what the field reader takes: lines with their confidence. Typed
 * structurally, so this module does not load tesseract.js; spaces tesseract puts between Japanese characters
 * are folded later by `foldLine`.
 */
import type { OcrLine } from './face-fields';

/** The part of tesseract.js's `Page` this reads (`recognize(image, {}, { blocks: true })`). */
export interface RecognisedPage {
  readonly blocks:
    | readonly {
        readonly paragraphs: readonly {
          readonly lines: readonly { readonly text: string; readonly confidence: number }[];
        }[];
      }[]
    | null;
}

export function linesOf(page: RecognisedPage): OcrLine[] {
  return (page.blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.map((line) => ({ text: line.text.trim(), confidence: line.confidence })),
    ),
  );
}
