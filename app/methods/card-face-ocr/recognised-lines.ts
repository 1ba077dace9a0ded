/**
 * The recogniser's output reduced to what the field reader takes: lines with their confidence and box, and
 * their words with theirs (a date is judged by its own words, not by the noise that shares its line). Typed
 * structurally, so this module does not load tesseract.js; spaces tesseract puts between Japanese characters
 * are folded later.
 */

/** A box in image pixels. */
export interface LineBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** One recognised word with the recogniser's confidence, 0–100. */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly box?: LineBox;
  /** Median height of the word's characters, px (tesseract's word boxes are often taller than the text). */
  readonly charHeight?: number;
}

/** One recognised line with the recogniser's confidence, 0–100, where it was in the image, and its words. */
export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  readonly box?: LineBox;
  readonly words?: readonly OcrWord[];
}

interface PageWord {
  readonly text: string;
  readonly confidence: number;
  readonly bbox?: LineBox;
  readonly symbols?: readonly { readonly bbox: LineBox }[] | null;
}

/** The median of the values; undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The part of tesseract.js's `Page` this reads (`recognize(image, {}, { blocks: true })`). */
export interface RecognisedPage {
  readonly blocks:
    | readonly {
        readonly paragraphs: readonly {
          readonly lines: readonly {
            readonly text: string;
            readonly confidence: number;
            readonly bbox?: LineBox;
            readonly words?: readonly PageWord[];
          }[];
        }[];
      }[]
    | null;
}

function word(w: PageWord): OcrWord {
  const charHeight = median((w.symbols ?? []).map((s) => s.bbox.y1 - s.bbox.y0));
  return {
    text: w.text,
    confidence: w.confidence,
    ...(w.bbox ? { box: w.bbox } : {}),
    ...(charHeight === undefined ? {} : { charHeight }),
  };
}

export function linesOf(page: RecognisedPage): OcrLine[] {
  return (page.blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.map((line) => ({
        text: line.text.trim(),
        confidence: line.confidence,
        ...(line.bbox ? { box: line.bbox } : {}),
        ...(line.words ? { words: line.words.map(word) } : {}),
      })),
    ),
  );
}
