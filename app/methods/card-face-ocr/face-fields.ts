/**
 * Turns recognised text of the card's front into the fields an age check may use — the date of birth, the
 * expiry and the security code. A date is found *inside* its line (whatever follows it: 性別, a stray mark), by
 * the card-date rules of the policy, and never repaired (an OCR `O` for `0` fails rather than guesses); it is
 * judged by the confidence of its own words. Anything ambiguous (two different birth dates) gives nothing.
 * Text that looks like the card's back (a long run of digits, the label 個人番号) stops everything: the back
 * prints the My Number, which may never be read. A value found here is only a candidate: `second-read.ts`
 * must confirm it and `front-reader.ts` checks it against the rest of the card.
 */
import {
  cardDateToIso,
  compactCardText,
  eraDigits,
  findCardDates,
  parseIsoDate,
  type CardDateInLine,
  type EraName,
} from '../../policy';
import { median, type LineBox, type OcrLine } from './recognised-lines';

export type { OcrLine } from './recognised-lines';

export interface BirthField {
  readonly iso: string;
  /** The era as printed; null for a Western date (foreign residents, next card generation). */
  readonly era: EraName | null;
}

/**
 * The fields read from a front. Each is independent of the others: a birth date is returned whether or not the
 * expiry or the security code could be read (the chip hand-over needs only the birth date's era digits).
 */
export interface FaceFields {
  readonly birth: BirthField | null;
  readonly expiry: string | null;
  readonly securityCode: string | null;
}

export type FaceReading = { readonly kind: 'back' } | { readonly kind: 'front'; readonly fields: FaceFields };

/** A value found by the first read, with where it was (for the second read) and its words' confidence. */
export interface Located<T> {
  readonly value: T;
  readonly box: LineBox | null;
  readonly confidence: number;
}

export interface FaceCandidates {
  readonly birth: Located<BirthField> | null;
  /**
   * Where the birth date seems to be when the first read could not make it out (`昭和3年10月2H生`): the box of
   * its digits, for two reads of their own that must agree. Null when `birth` is set, or on a back.
   */
  readonly birthGuess: LineBox | null;
  readonly expiry: Located<string> | null;
  readonly securityCode: Located<string> | null;
}

export type FaceScan =
  | { readonly kind: 'back' }
  | {
      readonly kind: 'front';
      readonly candidates: FaceCandidates;
      /**
       * The birth dates the read showed when it showed more than one (no candidate then): evidence that a later
       * look at the same card, which may see only one of them, must not take for a first sighting.
       */
      readonly disputed: readonly BirthField[];
    };

/**
 * A date or code whose own words score below this is not a candidate. Zero on purpose: tesseract scores
 * correct one-digit words near 0 (`昭和 1 2 年 5 月` had 0 on both digits), so the score cannot tell good from
 * bad; the second read decides. Only characters too small to trust fall below it (`spanOf` gives them −1).
 */
export const MIN_FIELD_CONFIDENCE = 0;
/**
 * Characters smaller than this, px, are too coarse to tell 31 from 3 (seen when a card on a white table was
 * not found and the whole frame was shrunk): such a date is not taken, however the reads agree.
 */
export const MIN_CHAR_HEIGHT = 15;

/**
 * The label, then the four digits. Only セキュリティ is required of the label: its コード is misread (`コートド_`:
 * the e2e tests' card, whose dates move with the day, lost its code so on 18 of 40 days in a row, none with this),
 * and a gap before the digits as `_` or `:`. Nothing else on a front follows セキュリティ; the code is read again
 * at three scales and leaned before it is taken.
 */
const LABELLED_CODE = /セキュリティ\D{0,6}?(\d{4})(?!\d)/gu;
const CODE_ALONE = /^(\d{4})$/u;
/**
 * The back prints the 12-digit My Number (often grouped 4-4-4); the front has no run of 8 digits anywhere, so
 * even a number misread in one group is caught.
 */
const MY_NUMBER_PATTERN = /\d{8}/u;
/** The back labels the number 個人番号; the front's title is 個人番号カード (often read カー ド or カ一ド). */
const BACK_LABEL = /個人番号(?!カ)/u;
/**
 * Text only the front prints (the back has the number, the name, the birth date and a QR code): without one
 * of these, or an expiry date, a birth date is not taken, so a back whose number went unread still yields
 * nothing. まで or 有効 alone counts: only the front's expiry line and certificate box have them, and either is
 * often misread (`まで て 有 有効`, `ま て 有効`: tune7 card-071, whose birth line was read right).
 */
const FRONT_MARKS = /まで|有効|性別|住所|セキュリティ|電子証明書|個人番号カ|(?:市|区|町|村)長/u;

/** Width and spaces folded the way the card's text allows (NFKC; all white space dropped). */
export function foldLine(text: string): string {
  return compactCardText(text);
}

/** Whether a line shows the back. Checked on every line, confident or not. */
export function showsBack(line: string): boolean {
  const folded = foldLine(line);
  return MY_NUMBER_PATTERN.test(folded) || BACK_LABEL.test(folded);
}

/**
 * The box and lowest word confidence of the part `[start, end)` of the line's compact text; confidence −1 when
 * its characters are too small to be trusted.
 */
function spanOf(line: OcrLine, start: number, end: number): { box: LineBox | null; confidence: number } {
  const found = wordsSpan(line, start, end);
  const height = median((found.words ?? []).flatMap((w) => (w.charHeight === undefined ? [] : [w.charHeight])));
  const tooSmall = height !== undefined && height < MIN_CHAR_HEIGHT;
  return { box: found.box, confidence: tooSmall ? -1 : found.confidence };
}

function wordsSpan(
  line: OcrLine,
  start: number,
  end: number,
): { box: LineBox | null; confidence: number; words?: NonNullable<OcrLine['words']> } {
  const words = line.words ?? [];
  let offset = 0;
  const covered = [];
  for (const w of words) {
    const length = foldLine(w.text).length;
    if (offset < end && offset + length > start) covered.push(w);
    offset += length;
  }
  // Words that do not add up to the line (never seen from tesseract) fall back to the whole line.
  if (covered.length === 0 || offset !== foldLine(line.text).length) {
    return { box: line.box ?? null, confidence: line.confidence };
  }
  return {
    box: boxAround(covered) ?? line.box ?? null,
    confidence: Math.min(...covered.map((w) => w.confidence)),
    words: covered,
  };
}

/** The box around all the words, or null when one has none. */
function boxAround(words: NonNullable<OcrLine['words']>): LineBox | null {
  const boxes = words.map((w) => w.box).filter((b) => b !== undefined);
  if (boxes.length === 0 || boxes.length !== words.length) return null;
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * The date's ISO form, or null for a date no card prints: an impossible one, or an era's first year written
 * `1年` (cards print 元年, ../shared/docs/age-rules-and-card-face.md), which is a read that lost a digit (tune5
 * card-187: 平成21年 read `成1年` by every cut-out of one box, which would have made a minor of 17 an adult of 37).
 */
function isoOf(date: CardDateInLine): string | null {
  if (date.parts.era !== null && date.parts.year === 1 && !date.text.includes('元')) return null;
  try {
    return cardDateToIso(date.parts);
  } catch {
    return null;
  }
}

/**
 * The one value found, or null when none, when two differ, or when one of them is unusable (an impossible
 * date: the line may be misread, so the other may be too).
 */
function single<T>(found: readonly (Located<T> | null)[], same: (a: T, b: T) => boolean): Located<T> | null {
  const [first] = found;
  if (!first || found.some((f) => f === null || !same(f.value, first.value))) return null;
  // The least confident sighting speaks for the value.
  return found.reduce<Located<T>>((a, b) => (b !== null && b.confidence < a.confidence ? b : a), first);
}

export const sameBirth = (a: BirthField, b: BirthField) => a.iso === b.iso && a.era === b.era;

/**
 * The birth line ends its date with 生, then 性別 on current cards; tesseract often merges a 生 that stands
 * close to the small 性別 label into something else (入, 。, nothing). A date without a suffix that is followed
 * by the sex field is the birth date all the same: only the birth line carries it.
 */
const SEX_FIELD_AFTER = /^.{0,4}[性別男女]/u;
/** A misread まで有効 (`ま>`, `まで有`): the expiry line is the only one whose date is followed by ま or 有. */
const EXPIRY_AFTER = /^.{0,1}[ま有]/u;

function isBirth(date: CardDateInLine): boolean {
  return date.suffix === '生' || (date.suffix === null && SEX_FIELD_AFTER.test(date.after));
}

function isExpiry(date: CardDateInLine): boolean {
  return date.suffix === 'まで有効' || (date.suffix === null && EXPIRY_AFTER.test(date.after));
}

/** Dates of one role in the lines, located; an impossible one is kept as null (it spoils the field). */
function datesWith(
  lines: readonly OcrLine[],
  role: (date: CardDateInLine) => boolean,
): (Located<CardDateInLine> | null)[] {
  return lines.flatMap((line) =>
    findCardDates(line.text)
      .filter(role)
      // The suffix is not part of the span: tesseract often glues 生 to what follows it and scores that low.
      .map((date) =>
        isoOf(date) === null ? null : { value: date, ...spanOf(line, date.start, date.start + date.text.length) },
      ),
  );
}

function birthOf(date: CardDateInLine): BirthField {
  return { iso: isoOf(date) ?? '', era: date.parts.era };
}

/** Whether a box lies in the lower right of the card, under the photo, where the security code is printed. */
function underPhoto(box: LineBox | undefined, size: { width: number; height: number } | undefined): boolean {
  return box !== undefined && size !== undefined && box.x0 > size.width * 0.55 && box.y0 > size.height * 0.55;
}

/** Characters of an address (丁目, 番地, 号, 都道府県), never of a birth line. */
const ADDRESS_MARK = /[丁番号都道府県]/u;
/** Characters that end the birth date on its line: 生, or the sex field that follows it. */
const AFTER_BIRTH = /[生性別男女]/u;
const DATE_START = /[0-9明治大正昭和平成令元]/u;

/**
 * The box of a line that looks like the birth line but whose date did not parse: the one line, not the expiry,
 * with 年 and 月 followed by 生 or the sex field, or where one of them was misread (tune6 card-175's
 * `2011 年 7 戸 31 日 生`), three digits before that ending and nothing of an address or an expiry; from its
 * first word with a digit or an era to the word before 生 or 性別.
 * Null when no line or two lines look like that. Its reads must agree at every scale (`second-read.ts`).
 */
function guessBirthBox(lines: readonly OcrLine[]): LineBox | null {
  const looking = lines.filter((line) => {
    const folded = foldLine(line.text);
    if (/まで|有効/u.test(folded)) return false;
    if (/年.*月.*[生性別男女]/u.test(folded) && /\d/u.test(folded)) return true;
    // One of 年 and 月 misread: the date's digits before the ending, and nothing of an address (丁目 read 丁月,
    // then 弥生荘) or of the expiry line (まで lost, 有 read 生: a year cards expire in).
    const before = /^(.*?[年月].*?)[生性別男女]/u.exec(folded)?.[1];
    return (
      before !== undefined &&
      (before.match(/\d/gu) ?? []).length >= 3 &&
      !ADDRESS_MARK.test(folded) &&
      Number(/\d{4}/u.exec(before)?.[0] ?? 0) < FIRST_EXPIRY_YEAR
    );
  });
  const [line] = looking;
  if (looking.length !== 1 || !line?.words) return null;
  const words = line.words;
  let first = words.findIndex((w) => DATE_START.test(w.text.normalize('NFKC')));
  const last = words.findIndex((w, i) => i > first && AFTER_BIRTH.test(w.text));
  // A word that holds 生 but not the sex field (`日生`) is kept: it may carry the date's 日.
  const end = last < 0 ? undefined : /^[^性別男女]*生/u.test(words[last]?.text ?? '') ? last + 1 : last;
  // The era's characters before the year may be misread (`招 和 37 年`, `拓本 20 年`): up to two characters
  // without digits before the first word taken are taken too, so that the cut-out holds the whole era.
  for (let taken = 0; first > 0;) {
    const before = words[first - 1]?.text.normalize('NFKC') ?? '';
    taken += before.length;
    if (taken > 2 || /\d/u.test(before)) break;
    first -= 1;
  }
  return first < 0 ? null : boxAround(words.slice(first, end));
}

/** The first year a card could expire in (cards were first issued in 2016); the back prints no later year. */
const FIRST_EXPIRY_YEAR = 2016;

/**
 * Whether a line is the front's expiry line, itself a front mark where まで and 有効 were misread (tune7
 * card-071: `2032 年 11 月 18 日 ま て 有効`): a Western date of a year a card can expire in, followed by ま or
 * 有, on a line with nothing of a birth line (生, 性別) — the back prints a birth date, and its 生 misread as 有
 * must not make it an expiry. Such a line is never taken for the birth line either.
 */
function showsExpiryLine(line: OcrLine): boolean {
  if (/[生性別男女]/u.test(foldLine(line.text))) return false;
  return findCardDates(line.text).some((d) => isExpiry(d) && d.parts.era === null && d.parts.year >= FIRST_EXPIRY_YEAR);
}

/**
 * The candidates of one read of the whole card.
 * @param size the image's size, to place the security code printed as digits under a small label
 */
export function scanFace(lines: readonly OcrLine[], size?: { width: number; height: number }): FaceScan {
  // The back is refused on any line, confident or not: better a false alarm than a captured My Number.
  if (lines.some((l) => showsBack(l.text))) return { kind: 'back' };
  const shown = FRONT_MARKS.test(lines.map((l) => foldLine(l.text)).join('\n'));

  const confident = <T>(found: Located<T> | null) =>
    found !== null && found.confidence >= MIN_FIELD_CONFIDENCE ? found : null;
  const births = datesWith(lines, isBirth).map((d) => (d ? { ...d, value: birthOf(d.value) } : null));
  const expiries = datesWith(lines, isExpiry).map((d) => (d ? { ...d, value: isoOf(d.value) ?? '' } : null));

  const codes = lines.flatMap((line) => {
    const folded = foldLine(line.text);
    const labelled = [...folded.matchAll(LABELLED_CODE)].map((m) => {
      const at = m.index + m[0].length - 4;
      return { value: m[1] ?? '', ...spanOf(line, at, at + 4) };
    });
    const alone = CODE_ALONE.exec(folded);
    if (labelled.length === 0 && alone && underPhoto(line.box, size)) {
      return [{ value: alone[1] ?? '', box: line.box ?? null, confidence: line.confidence }];
    }
    return labelled;
  });

  const front = shown || lines.some(showsExpiryLine);
  const birth = front ? confident(single(births, sameBirth)) : null;
  const distinct = births.flatMap((b, i) =>
    b !== null && births.findIndex((o) => o !== null && sameBirth(o.value, b.value)) === i ? [b.value] : [],
  );
  return {
    kind: 'front',
    disputed: front && distinct.length > 1 ? distinct : [],
    candidates: {
      birth,
      birthGuess: front && birth === null && births.every((b) => b === null) ? guessBirthBox(lines) : null,
      expiry: confident(single(expiries, (a, b) => a === b)),
      securityCode: confident(single(codes, (a, b) => a === b)),
    },
  };
}

/** The candidates' values: what one read alone would give (the benchmark's baseline). */
export function readFaceFields(lines: readonly OcrLine[], size?: { width: number; height: number }): FaceReading {
  const scan = scanFace(lines, size);
  if (scan.kind === 'back') return scan;
  const { birth, expiry, securityCode } = scan.candidates;
  return {
    kind: 'front',
    fields: { birth: birth?.value ?? null, expiry: expiry?.value ?? null, securityCode: securityCode?.value ?? null },
  };
}

/**
 * A cut-out's read of the birth line with the two characters it loses most restored, each only where it can
 * mean one thing (tuning sets): the 平 of 平成 at the start (成 belongs to no other era; only at the start, as
 * 大成 could be 大正), and the 日 between the day and 生, lost (`10月13生`) or read as 月 (`3月9月生`: after
 * the month's digits, a second 月 can only be the day's 日). Any other loss still gives nothing, and
 * the reads must agree as before: a restored read counts as one read.
 */
export function restoredBirthRead(text: string): string {
  return compactCardText(text)
    .replace(/^成(?=(?:元|\d{1,2})年)/u, '平成')
    .replace(/(月\d{1,2})月?生/u, '$1日生');
}

/** The birth date in a second read of its box: exactly one date, with or without its 生. */
export function birthFromText(text: string): BirthField | null {
  const dates = findCardDates(restoredBirthRead(text)).filter((d) => d.suffix !== 'まで有効');
  const [date] = dates;
  return dates.length === 1 && date && isoOf(date) !== null ? birthOf(date) : null;
}

/** The expiry in a second read of its box: exactly one date, with or without まで有効. */
export function expiryFromText(text: string): string | null {
  const dates = findCardDates(text).filter((d) => d.suffix !== '生');
  const [date] = dates;
  return dates.length === 1 && date ? isoOf(date) : null;
}

/** The security code in a second read of its box: exactly one group of four digits. */
export function securityCodeFromText(text: string): string | null {
  const groups = [...foldLine(text).matchAll(/(?<!\d)\d{4}(?!\d)/gu)];
  return groups.length === 1 ? (groups[0]?.[0] ?? null) : null;
}

/** Keeps only the fields two consecutive frames read identically. */
export function agreeingFields(previous: FaceFields, current: FaceFields): FaceFields {
  return {
    birth:
      previous.birth !== null && current.birth !== null && sameBirth(previous.birth, current.birth)
        ? current.birth
        : null,
    expiry: previous.expiry !== null && previous.expiry === current.expiry ? current.expiry : null,
    securityCode:
      previous.securityCode !== null && previous.securityCode === current.securityCode ? current.securityCode : null,
  };
}

/**
 * Cards of Japanese nationals (era-printed birth dates) expire on the holder's birthday, so the expiry's month
 * and day must match it (29 February: 28 February or 1 March in a common year). Western-printed cards (foreign
 * residents, the next generation) end with a residence period or a month after the birthday: no check.
 */
export function expiryAgreesWithBirthday(birth: BirthField, expiry: string): boolean {
  if (birth.era === null) return true;
  const birthday = birth.iso.slice(5);
  const expiryDay = expiry.slice(5);
  if (birthday === '02-29') return ['02-28', '02-29', '03-01'].includes(expiryDay);
  return birthday === expiryDay;
}

/**
 * Whether `shorter` is the number `longer` with one digit lost (one `digit`, when given): `7` for `27`, `1` for
 * `11`. Reads lose digits (a thin `1`, a tight pair) far more often than they invent them.
 */
export function aDigitLost(longer: string, shorter: string, digit?: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  return Array.from({ length: longer.length }, (_, i) => i).some(
    (i) => (digit === undefined || longer.charAt(i) === digit) && longer.slice(0, i) + longer.slice(i + 1) === shorter,
  );
}

/**
 * Whether an expiry read on an era-printed card shows the birthday with one digit of its month or day lost
 * (`2032年7月1日` beside 7月11日, tune7 card-056; `12月7日` beside 12月27日, card-014): a misread of the expiry,
 * which then says nothing of the birth date either way.
 */
export function expiryLostADigit(birth: BirthField, expiry: string): boolean {
  if (birth.era === null) return false;
  const { month, day } = parseIsoDate(birth.iso);
  const { month: readMonth, day: readDay } = parseIsoDate(expiry);
  // A lost `1`, or a lost first digit (`7` for 27); not a lost last digit of the day, which a 日 read as a digit
  // can fake the other way (`2日` read `27`). The month's last digit may be lost (`12月` read `1月`, tune4
  // card-057): nothing before 月 is read as a digit.
  const lost = (longer: number, shorter: number) =>
    aDigitLost(String(longer), String(shorter), '1') || (longer >= 10 && String(longer).slice(1) === String(shorter));
  const lostFromMonth = (longer: number, shorter: number) => lost(longer, shorter) || (longer >= 10 && shorter === 1);
  return (month === readMonth && lost(day, readDay)) || (day === readDay && lostFromMonth(month, readMonth));
}

/** The six era digits YYMMDD of the birth date, in the era the card prints: all the chip hand-over needs. */
export function birthEraDigits(birth: BirthField): string {
  return birth.era === null ? eraDigits(birth.iso) : eraDigits(birth.iso, birth.era);
}
