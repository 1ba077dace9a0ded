/**
 * Turns recognised text of the card's front into the fields an age check may use — the date of birth, the
 * expiry and the security code — strictly: a field is taken only from a line shaped exactly like the card's
 * (after width and space folding), never repaired (an OCR `O` for `0` fails rather than guesses), and only at
 * high confidence. Text that looks like the card's back (a 12-digit number) stops everything: the back prints
 * the My Number, which may never be read.
 */
import { parseCardDate, splitCardDate, type EraName } from '../../policy';

/** One recognised line with the recogniser's confidence, 0–100, and where it was in the image. */
export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  readonly box?: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

export interface BirthField {
  readonly iso: string;
  /** The era as printed; null for a Western date (foreign residents, next card generation). */
  readonly era: EraName | null;
}

export interface FaceFields {
  readonly birth: BirthField | null;
  readonly expiry: string | null;
  readonly securityCode: string | null;
}

export type FaceReading = { readonly kind: 'back' } | { readonly kind: 'front'; readonly fields: FaceFields };

/** Lines read with less confidence than this are ignored. */
export const MIN_LINE_CONFIDENCE = 80;

const ERA = '(?:明治|大正|昭和|平成|令和)(?:元|\\d{1,2})';
const DATE = `(?:${ERA}|\\d{4})年\\d{1,2}月\\d{1,2}日`;
const BIRTH = new RegExp(`(${DATE})生`, 'gu');
const EXPIRY = new RegExp(`(${DATE})まで有効`, 'gu');
const SECURITY_CODE = /セキュリティコード[:：]?(\d{4})(?!\d)/gu;
/** The back prints the 12-digit My Number (often grouped 4-4-4). */
const MY_NUMBER_PATTERN = /(?<!\d)\d{4}\d{4}\d{4}(?!\d)/u;
/** The back labels the number 個人番号; the front's title is 個人番号カード. */
const BACK_LABEL = /個人番号(?!カード)/u;

/** Width and spaces folded the way the card's text allows (NFKC; all white space dropped). */
export function foldLine(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** The single distinct value a pattern yields over the lines, or null when none or several disagree. */
function single<T>(values: readonly T[], same: (a: T, b: T) => boolean): T | null {
  const first = values[0];
  if (first === undefined) return null;
  return values.every((v) => same(v, first)) ? first : null;
}

function matches(lines: readonly string[], pattern: RegExp): string[] {
  return lines.flatMap((line) => [...line.matchAll(pattern)].map((m) => m[1] ?? ''));
}

function parseDate(text: string): string | null {
  try {
    return parseCardDate(text);
  } catch {
    return null;
  }
}

/** Reads the fields from one frame's lines. */
export function readFaceFields(lines: readonly OcrLine[]): FaceReading {
  const folded = lines.map((l) => foldLine(l.text));
  // The back is refused on any line, confident or not: better a false alarm than a captured My Number.
  if (folded.some((line) => MY_NUMBER_PATTERN.test(line) || BACK_LABEL.test(line))) return { kind: 'back' };
  const confident = lines.filter((l) => l.confidence >= MIN_LINE_CONFIDENCE).map((l) => foldLine(l.text));

  const births = matches(confident, BIRTH).map((text) => {
    const iso = parseDate(text);
    return iso === null ? null : { iso, era: splitCardDate(text).era };
  });
  const birth = births.includes(null)
    ? null
    : single(
        births.filter((b) => b !== null),
        (a, b) => a.iso === b.iso && a.era === b.era,
      );

  const expiries = matches(confident, EXPIRY).map(parseDate);
  const expiry = expiries.includes(null)
    ? null
    : single(
        expiries.filter((e) => e !== null),
        (a, b) => a === b,
      );

  const securityCode = single(matches(confident, SECURITY_CODE), (a, b) => a === b);
  return { kind: 'front', fields: { birth, expiry, securityCode } };
}

/** The confident line that holds a field (for a second, restricted read), if exactly one does. */
function fieldLine(lines: readonly OcrLine[], pattern: RegExp): OcrLine | null {
  const candidates = lines.filter(
    (l) => l.confidence >= MIN_LINE_CONFIDENCE && [...foldLine(l.text).matchAll(pattern)].length > 0,
  );
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/** The one match of `pattern` in a line of text, or null when there is not exactly one. */
function oneMatch(text: string, pattern: RegExp): string | null {
  const found = [...foldLine(text).matchAll(pattern)].map((m) => m[1] ?? '');
  return found.length === 1 && found[0] ? found[0] : null;
}

export const birthLine = (lines: readonly OcrLine[]) => fieldLine(lines, BIRTH);
export const expiryLine = (lines: readonly OcrLine[]) => fieldLine(lines, EXPIRY);
export const securityCodeLine = (lines: readonly OcrLine[]) => fieldLine(lines, SECURITY_CODE);

/** The birth date in one line of text, or null when there is not exactly one well-formed birth date. */
export function birthFromText(text: string): BirthField | null {
  const found = oneMatch(text, BIRTH);
  const iso = found === null ? null : parseDate(found);
  return found === null || iso === null ? null : { iso, era: splitCardDate(found).era };
}

/** The expiry date in one line of text, or null unless exactly one well-formed `…まで有効`. */
export function expiryFromText(text: string): string | null {
  const found = oneMatch(text, EXPIRY);
  return found === null ? null : parseDate(found);
}

/** The labelled security code in one line of text, or null unless exactly one. */
export function securityCodeFromText(text: string): string | null {
  return oneMatch(text, SECURITY_CODE);
}

/** Keeps only the fields two consecutive frames read identically. */
export function agreeingFields(previous: FaceFields, current: FaceFields): FaceFields {
  const sameBirth =
    previous.birth !== null &&
    current.birth !== null &&
    previous.birth.iso === current.birth.iso &&
    previous.birth.era === current.birth.era;
  return {
    birth: sameBirth ? current.birth : null,
    expiry: previous.expiry !== null && previous.expiry === current.expiry ? current.expiry : null,
    securityCode:
      previous.securityCode !== null && previous.securityCode === current.securityCode ? current.securityCode : null,
  };
}

/**
 * Cards of Japanese nationals (era-printed birth dates) expire on the holder's birthday, so the expiry's month
 * and day must match it (29 February: 28 February or 1 March in a common year). Western-printed cards (foreign
 * residents) end with the residence period, so no check applies to them.
 */
export function expiryAgreesWithBirthday(birth: BirthField, expiry: string): boolean {
  if (birth.era === null) return true;
  const birthday = birth.iso.slice(5);
  const expiryDay = expiry.slice(5);
  if (birthday === '02-29') return ['02-28', '02-29', '03-01'].includes(expiryDay);
  return birthday === expiryDay;
}
