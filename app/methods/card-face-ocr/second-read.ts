/**
 * A second, independent read of each field the first read found: only the field's own box, cut out and
 * enlarged (`CROP_SCALE`), recognised as a single text line with a whitelist of the characters the field
 * contains. Different pixels, a different scale and a different segmentation make its slips unlike the first
 * read's: the same image at the same scale repeated the first read's mistakes (2001年11月 read twice as
 * 2001年1月 in the tuning set). A field is accepted only when both reads give the same value, so a misread
 * digit costs a retry instead of a wrong age; the security code, which nothing else on the card can check,
 * needs the cut-outs at three scales to agree with the first read, so that a misread code does not reach the
 * chip, where it would cost one of the card's tries.
 */
import {
  aDigitLost,
  birthFromText,
  restoredBirthRead,
  expiryAgreesWithBirthday,
  expiryLostADigit,
  expiryFromText,
  foldLine,
  sameBirth,
  securityCodeFromText,
  type BirthField,
  type FaceCandidates,
  type FaceFields,
  type Located,
} from './face-fields';
import { cardDateToIso, eraDigits, parseIsoDate } from '../../policy';
import type { LineBox } from './recognised-lines';
import type { CropStyle } from './cut-plan';

export type { CropStyle } from './cut-plan';

const DIGITS = '0123456789';
const ERAS = '明治大正昭和平成令和元';
/** Characters of each field; the whitelists keep the recogniser from inventing look-alikes. */
const WHITELIST = {
  birth: `${ERAS}${DIGITS}年月日生`,
  expiry: `${DIGITS}年月日まで有効`,
  securityCode: DIGITS,
} as const;
/** Margin around the box, px, so that the first character is not cut (more takes in the next line's tops). */
const MARGIN = 3;
/** tesseract page segmentation modes: 7 = a single text line; 6 = a single block, tesseract.js's default. */
const PSM_SINGLE_LINE = '7';
const PSM_DEFAULT = '6';

/** Enlargement of the cut-out field for the second read (the first read sees the date about 28 px high). */
export const CROP_SCALE = 2;
/**
 * A birth date the first read could not make out is read at these scales, and all must agree: cut-outs of the
 * same pixels are less independent than the whole-card read and a cut-out, and two of them agreed on a wrong
 * month in the tuning set (Noto Serif `11月` read as `1月` at 1× and 2×; 1.5× read it as nothing).
 */
export const GUESS_SCALES = [1, 1.5, CROP_SCALE] as const;
const OTHER_SCALES = GUESS_SCALES.filter((scale) => scale !== CROP_SCALE);
/** The scale of a birth-date cut-out read in place of one of `GUESS_SCALES` that gave no date. */
export const SPARE_SCALE = 2.5;

/** Scales a security code must be read the same at, the 2× cut-out first (it refuses most). */
export const CODE_SCALES = [CROP_SCALE, ...OTHER_SCALES] as const;

/** The numbers a card prints for the date: era year (none for 元年) or Western year, month and day. */
function printedNumbers(birth: BirthField): number[] {
  const { year, month, day } = parseIsoDate(birth.iso);
  const eraYear = birth.era === null ? year : Number(eraDigits(birth.iso, birth.era).slice(0, 2));
  return [...(birth.era !== null && eraYear === 1 ? [] : [eraYear]), month, day];
}

/**
 * Whether `shorter` is `longer` with one printed digit lost (昭和7年5月15日 for 昭和47年5月15日): reads lose
 * digits far more often than they invent them, so the shorter of two such reads is never taken (tune3 card-197:
 * 昭和47年 read right once, and 7年 by five reads of two looks).
 */
export function losesADigit(shorter: BirthField, longer: BirthField): boolean {
  if (shorter.era !== longer.era) return false;
  const a = printedNumbers(shorter).join('/');
  const b = printedNumbers(longer).join('/');
  if (b.length !== a.length + 1) return false;
  // ASCII digits and slashes only, so indexing by code unit is exact.
  return Array.from({ length: b.length }, (_, i) => i).some(
    (i) => /\d/u.test(b.charAt(i)) && b.slice(0, i) + b.slice(i + 1) === a,
  );
}

/** The date's printed digits with one of its lone `1`s read as `11`, for each such `1`. */
export function withOneDoubled(birth: BirthField): string[] {
  const numbers = printedNumbers(birth);
  return numbers.flatMap((n, i) => (n === 1 ? [numbers.map((m, j) => (j === i ? '11' : String(m))).join('')] : []));
}

/**
 * The month and the day a read shows: the number between 年 (or whatever a read made of the 年 after the year's
 * digits: `1998和11月`) and 月, and the number between 月 and 日 (日 restored as `restoredBirthRead` does). The year is left out: the era's kanji next to it, stretched or pulled apart, are read as digits
 * (`昭和18年` as `昭和118年`, `昭198年`). A month after anything else is not one: with 年 lost, the year's
 * digits run into it (tune7 card-199: `昭和15年6月` stretched read as `昭 16 月`; tune6 card-049: `昭和4年1月`
 * as `和 1 1 月`), and each refused the right date.
 */
function monthAndDay(
  text: string,
  { tightEleven = true, afterYear = true } = {},
): [string | undefined, string | undefined] {
  // The first stroke of a tight `11` is read as 和 (`1998 年 和 1 月`, tune7 card-118, card-008; tune6 card-098),
  // which after 年 can be no era. Only to refuse a date: taking one needs the digits themselves.
  const restored = restoredBirthRead(text);
  const compact = tightEleven ? restored.replace(/年和(?=\d月)/u, '年1') : restored;
  const month = afterYear ? /(?:年|\d\D)(\d+)月/u : /(?:^|\D)(\d+)月/u;
  return [month.exec(compact)?.[1], /月(\d+)日/u.exec(compact)?.[1]];
}

/**
 * Whether a read shows the date's month or day with a `1` more: `11月` where the date has 1月, `17日` for 7日
 * — a thin or tightly set `1` the date's reads lost. Looked for apart from the rest of the read, which a
 * garbled year or era does not spoil (tune4 card-075: 1948年11月26日 read 1月 by every cut-out, spaced
 * `19438 年 11 月 26 日 生`). Only a `1`: a stretched 年 glued to the month is read as another digit
 * (`昭和2年2月` as `22月`).
 */
export function hidesADigit(birth: BirthField, text: string): boolean {
  return dateHidesADigit(birth.iso, text);
}

/** `hidesADigit` for any card date (ISO): the expiry's reads lose a tight `1` as the birth date's do. */
export function dateHidesADigit(iso: string, text: string): boolean {
  const { month, day } = parseIsoDate(iso);
  const [shownMonth, shownDay] = monthAndDay(text);
  // The number shown must be a month or a day itself: a spaced read made `10月` of `年10月` read `和110月`.
  return (
    (shownMonth !== undefined && Number(shownMonth) <= 12 && aDigitLost(shownMonth, String(month), '1')) ||
    (shownDay !== undefined && Number(shownDay) <= 31 && aDigitLost(shownDay, String(day), '1'))
  );
}

/** Whether a read shows each of the date's lone `1`s (a month or a day of 1) alone in its place: `年1月`, `月1日`. */
export function showsLoneOnes(birth: BirthField, text: string): boolean {
  const { month, day } = parseIsoDate(birth.iso);
  // Any number before 月: a distorted read garbles 年 (`和 1 月 2`), and a `1` shown there is a `1`.
  const [shownMonth, shownDay] = monthAndDay(text, { afterYear: false });
  return (month !== 1 || shownMonth === '1') && (day !== 1 || shownDay === '1');
}

/**
 * Whether a `1` could have been lost from the date's month or day and leave a date: a month of 1 or 2 (11,
 * 12), a day of one digit (17 for 7, 21 for 2).
 */
export function couldHideADigit(birth: BirthField): boolean {
  const { month, day } = parseIsoDate(birth.iso);
  return month <= 2 || day <= 9;
}

/**
 * The era-printed birth date `birth`, refused because a read showed its month or day with a `1` more, with that
 * month or day taken from the confirmed expiry: only when the expiry ends on the birthday with exactly that
 * `1` more, and a read of the birth date's own box showed the same number: two lines of the card then show the
 * `1` the birth date's plain reads lost. Null otherwise; never for a Western-printed date, which no expiry
 * checks. Made for the tuning sets' pattern (`11月` read `1月` by every plain read of the birth line, `11月` by
 * a stretched one); on tune6 and tune7 it restored no date — there the expiry had lost the `1` as well — and
 * on tune4 one (card-031: 平成元年12月31日, `12月3日` by every plain read, `31日` stretched and on the expiry).
 */
export function restoredFromExpiry(
  birth: BirthField,
  expiry: string | null,
  texts: readonly string[],
): BirthField | null {
  if (birth.era === null || expiry === null) return null;
  const { month, day } = parseIsoDate(birth.iso);
  const { month: expiryMonth, day: expiryDay } = parseIsoDate(expiry);
  const monthGained = day === expiryDay && aDigitLost(String(expiryMonth), String(month), '1');
  const dayGained = month === expiryMonth && aDigitLost(String(expiryDay), String(day), '1');
  if (!monthGained && !dayGained) return null;
  const shown = texts.some((text) => {
    const [shownMonth, shownDay] = monthAndDay(text, { tightEleven: false });
    return monthGained ? shownMonth === String(expiryMonth) : shownDay === String(expiryDay);
  });
  if (!shown) return null;
  try {
    const year = Number(eraDigits(birth.iso, birth.era).slice(0, 2));
    const iso = cardDateToIso({ era: birth.era, year, month: expiryMonth, day: expiryDay });
    return { iso, era: birth.era };
  } catch {
    return null; // no such date in the era (昭和64年11月)
  }
}

/** A rectangle of the card image, px. */
export interface Rectangle {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Cuts a rectangle out of the card image and scales it: a canvas in the browser, an encoded image in Node.
 */
export type CropImage<I> = (rectangle: Rectangle, scale: number, style?: CropStyle) => Promise<I>;

/**
 * What one pass's reads said of the birth date, for a later look at the same card: every date a read gave,
 * those refused for cause (a digit more in another read, an expiry ending on another day), and every read's
 * text. Filled in by `confirmFields`.
 */
export interface BirthEvidence {
  readonly read: BirthField[];
  readonly refused: BirthField[];
  /** The text of every read of the birth date's box, a date or not (for `hidesADigit`). */
  readonly texts: string[];
  /** Of those, the plain ones: the whole card's line and the cut-outs drawn as they are (`tightElevenRead`). */
  readonly plainTexts: string[];
  /** The date the whole-card read gave, if any (one per look). */
  readonly whole: BirthField[];
  /** Every expiry read, the whole card's and the cut-outs' (ISO dates). */
  readonly expiries: string[];
  /** The text of every read of the expiry line, a date or not. */
  readonly expiryTexts: string[];
}

/** Evidence of no read yet. */
export const noEvidence = (): BirthEvidence => ({
  read: [],
  refused: [],
  texts: [],
  plainTexts: [],
  whole: [],
  expiries: [],
  expiryTexts: [],
});

/** A tight `11` read as one box-shaped character between the year's 年 and 月 (`tight-eleven.ts`). */
export const ELEVEN_AS_ONE = /年[日昌]月/u;

/**
 * Whether any read the evidence holds shows `birth`'s month or day with a `1` more (`hidesADigit`), or shows a month
 * of 1 as a tight `11` read as one box (`年日月`, `年昌月`: 11 in every such read of the tuning sets,
 * `tight-eleven.ts`): a read of its own box, or on an era-printed card, which expires on the birthday, a read of
 * the expiry line (tune7 card-033: 平成15年11月27日 read `1月` by the whole card and a cut-out, the expiry line
 * `2034年11月27月まで有効`). The box is looked for here, not in `hidesADigit`: `confirmFields` does not read
 * further a date its reads already show with a `1` more, and its spaced read is what shows the `11` in digits to
 * `restoredFromExpiry` (tune4 card-130: `年日月` whole, `11月` spaced and on the expiry line).
 */
export function showsALostOne(evidence: BirthEvidence, birth: BirthField): boolean {
  const reads = birth.era === null ? evidence.texts : [...evidence.texts, ...evidence.expiryTexts];
  const january = parseIsoDate(birth.iso).month === 1;
  return reads.some((text) => hidesADigit(birth, text) || (january && ELEVEN_AS_ONE.test(foldLine(text))));
}

/**
 * The reads of a birth date's box that show a lost digit (`confirmFields`' `nothingHidden`): stretched sideways, and
 * where the date prints a lone `1`, first with its strokes pulled apart. `found`: one showed a number with a `1`
 * more (the spaced one: the lone `1` doubled anywhere in its digits), and the reads stopped there; `shown`: one
 * showed each lone `1` alone in its place (`showsLoneOnes`).
 */
export async function distortedReads(
  birth: BirthField,
  read: (style: CropStyle) => Promise<string>,
): Promise<{ found: boolean; shown: boolean }> {
  const doubled = withOneDoubled(birth);
  let shown = false;
  for (const style of [...(doubled.length > 0 ? (['spaced'] as const) : []), 'wide', 'wider'] as const) {
    const text = await read(style);
    const digits = text.replace(/\D/gu, '');
    shown ||= showsLoneOnes(birth, text);
    if (hidesADigit(birth, text) || (style === 'spaced' && doubled.some((other) => digits.includes(other)))) {
      return { found: true, shown };
    }
  }
  return { found: false, shown };
}

/**
 * Whether a date no look confirmed (`undisputedAcrossLooks`) passes the check for a hidden digit a confirmed one
 * gets (`confirmFields`' `nothingHidden`), on its box in `crop`: where it could hide a `1` (`couldHideADigit`), no
 * distorted read may show a `1` more (or a month of 1 as a tight `11` read as one box), and where it prints a lone
 * `1`, one must show it alone (tune6 card-111: a full-width `１１月` read `1月` by every plain read). The reads'
 * texts, and the date where refused, go into `evidence` (the look whose box was read), as `nothingHidden`'s do:
 * a later look (`lastLook`) must not take what this refused.
 */
export async function nothingHiddenIn<I>(
  worker: LineRecogniser<I>,
  crop: CropImage<I>,
  box: LineBox,
  birth: BirthField,
  evidence: BirthEvidence,
): Promise<boolean> {
  if (!couldHideADigit(birth)) return true;
  const { found, shown } = await distortedReads(birth, async (style) => {
    const text = (await reread(worker, crop, box, WHITELIST.birth, CROP_SCALE, style)) ?? '';
    evidence.texts.push(text);
    return text;
  });
  // As `nothingHidden` does after its reads: a tight `11` read as one box (`年日月`) refuses a month of 1. Only the
  // reads just made can refuse: `acrossLooks` found none of the look's earlier reads, its expiry's included,
  // showing a `1` more; they are looked at again here so that the check stands on its own.
  const hidden = found || showsALostOne(evidence, birth);
  const passed = !hidden && (withOneDoubled(birth).length === 0 || shown);
  if (!passed) evidence.refused.push(birth);
  return passed;
}

/** What this needs of a tesseract.js worker (browser or Node). */
export interface LineRecogniser<I> {
  setParameters(params: Record<string, string>): Promise<unknown>;
  recognize(image: I): Promise<{ data: { text: string } }>;
}

/** Recognises a box again, cut out and scaled, with `whitelist`; null without a box. */
async function reread<I>(
  worker: LineRecogniser<I>,
  crop: CropImage<I>,
  box: Located<unknown>['box'],
  whitelist: string,
  scale = CROP_SCALE,
  style?: CropStyle,
): Promise<string | null> {
  if (!box) return null;
  const { x0, y0, x1, y1 } = box;
  const rectangle = {
    left: Math.max(0, x0 - MARGIN),
    top: Math.max(0, y0 - MARGIN),
    width: x1 - x0 + 2 * MARGIN,
    height: y1 - y0 + 2 * MARGIN,
  };
  const image = await crop(rectangle, scale, style ?? 'plain');
  await worker.setParameters({ tessedit_char_whitelist: whitelist, tessedit_pageseg_mode: PSM_SINGLE_LINE });
  try {
    const { data } = await worker.recognize(image);
    return data.text;
  } finally {
    await worker.setParameters({ tessedit_char_whitelist: '', tessedit_pageseg_mode: PSM_DEFAULT });
  }
}

/**
 * Reads each candidate again on its own box, and keeps it only if both reads agree. One read at a time.
 * @param crop cuts a box out of the image the first read used
 */
export async function confirmFields<I>(
  worker: LineRecogniser<I>,
  crop: CropImage<I>,
  candidates: FaceCandidates,
  evidence: BirthEvidence = noEvidence(),
): Promise<FaceFields> {
  const confirm = async <T>(
    found: Located<T> | null,
    whitelist: string,
    parse: (text: string) => T | null,
    same: (a: T, b: T) => boolean = (a, b) => a === b,
    seen: T[] = [],
    texts: string[] = [],
  ): Promise<T | null> => {
    if (found === null) return null;
    const text = await reread(worker, crop, found.box, whitelist, CROP_SCALE, 'bare');
    if (text !== null) texts.push(text);
    const second = text === null ? null : parse(text);
    seen.push(found.value, ...(second === null ? [] : [second]));
    return second !== null && same(found.value, second) ? found.value : null;
  };
  /**
   * A field read at each of `scales` on `box`, which must all agree (and agree with `agreed` when given); the
   * reads stop at the first that does not.
   */
  const agreeAtScales = async <T>(
    box: LineBox,
    scales: readonly number[],
    whitelist: string,
    parse: (text: string) => T | null,
    same: (a: T, b: T) => boolean,
    agreed: T | null = null,
  ): Promise<T | null> => {
    for (const scale of scales) {
      const value = parse((await reread(worker, crop, box, whitelist, scale, 'bare')) ?? '');
      if (value === null || (agreed !== null && !same(agreed, value))) return null;
      agreed = value;
    }
    return agreed;
  };
  /** A read of the birth date's box, its text kept as evidence. */
  const readBirthBox = async (box: LineBox, scale: number, style?: CropStyle): Promise<string> => {
    const text = (await reread(worker, crop, box, WHITELIST.birth, scale, style)) ?? '';
    evidence.texts.push(text);
    if (style === undefined) evidence.plainTexts.push(text);
    return text;
  };
  /**
   * The birth date read at each of `scales`, which must all agree (and agree with `agreed` when given). One read
   * that gives no date at all (a faint character lost) is replaced by a read at `SPARE_SCALE`: the same number
   * of reads must agree, and a read of another date still ends it.
   */
  const readAtScales = async (box: LineBox, scales: readonly number[], agreed: BirthField | null = null) => {
    const queue = [...scales];
    let spared = false;
    for (let scale = queue.shift(); scale !== undefined; scale = queue.shift()) {
      const value = birthFromText(await readBirthBox(box, scale));
      if (value === null && !spared) {
        spared = true;
        queue.push(SPARE_SCALE);
        continue;
      }
      if (value !== null) evidence.read.push(value);
      if (value === null || (agreed !== null && !sameBirth(agreed, value))) return null;
      agreed = value;
    }
    return agreed;
  };
  /**
   * A birth date the first read found: confirmed by the enlarged cut-out. When that disagrees or gives nothing
   * (a glare-thinned stroke read differently at one scale, camera grain enlarged with the digits), the cut-out
   * is read at the other `GUESS_SCALES`, which must agree with each other and with the first read: three reads
   * of four on one value, the 2× one outvoted. Never the cut-outs against the first read: they share one box,
   * and a digit its edge clips is lost at every scale (tune3 card-197: 昭和47年 read right by the first read, as
   * 昭和7年 by all three cut-outs). Not for a date that prints a lone `1` either: a tight `11` is read as `1` at
   * every scale but the 2× one (tuning set: 1923年11月9日 as 1月9日 by the first read and the 1× and 1.5×
   * cut-outs), so there the 2× read's word stands. Anything less gives nothing.
   */
  const confirmBirth = async (found: Located<BirthField>): Promise<BirthField | null> => {
    if (!found.box) return null;
    evidence.whole.push(found.value);
    const second = birthFromText(await readBirthBox(found.box, CROP_SCALE));
    evidence.read.push(found.value, ...(second === null ? [] : [second]));
    if (second !== null && sameBirth(found.value, second)) return found.value;
    if (second === null && withOneDoubled(found.value).length > 0) return null;
    if (second !== null && losesADigit(found.value, second)) return null;
    const others = await readAtScales(found.box, OTHER_SCALES);
    return others !== null && sameBirth(others, found.value) && withOneDoubled(others).length === 0 ? others : null;
  };
  /** The date `nothingHidden` refused because a read showed a `1` more in it (`restoredFromExpiry`). */
  const lostAOne: BirthField[] = [];
  /**
   * A birth date that could have lost a digit (`couldHideADigit`) is read again in ways that show a lost digit:
   * stretched sideways (`STRETCH`), and, where it prints a lone `1`, with its strokes pulled apart (the model
   * reads a tight `11` as `1` on every plain cut-out). If any read of its box, these or the earlier ones, shows
   * one of its numbers with a digit more (`hidesADigit`), the date is dropped. A date that prints a lone `1`
   * needs one of these reads to show that `1` alone in its place (`showsLoneOnes`): every read of tune6
   * card-111's full-width `１１月` gave `1月`, and spaced and stretched, garbled the month rather than show 11.
   * Any other read is no evidence either way: faint strokes come apart, stretched kanji are misread.
   */
  const nothingHidden = async (birth: BirthField | null, box: LineBox | null): Promise<BirthField | null> => {
    if (birth === null || box === null || !couldHideADigit(birth)) return birth;
    const loneOne = withOneDoubled(birth).length > 0;
    let found = evidence.texts.some((text) => hidesADigit(birth, text));
    let shown = false;
    if (!found) {
      ({ found, shown } = await distortedReads(birth, (style) => readBirthBox(box, CROP_SCALE, style)));
    }
    // The expiry line after the box's own reads: a `1` they show is what `restoredFromExpiry` needs (tune4
    // card-031: 12月3日 by every plain read, 12月31日 stretched and on the expiry line).
    found ||= showsALostOne(evidence, birth);
    if (!found && (!loneOne || shown)) return birth;
    if (found) lostAOne.push(birth);
    evidence.refused.push(birth);
    return null;
  };
  const read = candidates.birth
    ? await nothingHidden(await confirmBirth(candidates.birth), candidates.birth.box)
    : candidates.birthGuess &&
      (await nothingHidden(await readAtScales(candidates.birthGuess, GUESS_SCALES), candidates.birthGuess));
  // The expiry and the code serve only with a birth date (`consistentFields`): without one they are not read,
  // unless the expiry could show the `1` the birth date's reads lost.
  const nothing = { birth: null, expiry: null, securityCode: null };
  if (candidates.expiry) evidence.expiries.push(candidates.expiry.value);
  // Reads that did not agree may still have agreed twice on a date another read showed with a `1` more (tune7
  // card-085: `平成6年1月27日` at 1.5× and 2×, `年和1月` at 1×; its expiry lost the `1` too, so it stays refused).
  const twice = evidence.read.find((b, i) => evidence.read.some((other, j) => j > i && sameBirth(b, other)));
  if (read === null && twice && showsALostOne(evidence, twice)) lostAOne.push(twice);
  const [lost] = lostAOne;
  if (read === null && lost === undefined) return nothing;
  const expiryReads: string[] = [];
  const expiry = await confirm(
    candidates.expiry,
    WHITELIST.expiry,
    expiryFromText,
    undefined,
    expiryReads,
    evidence.expiryTexts,
  );
  evidence.expiries.push(...expiryReads.slice(1)); // the first is the whole card's, kept above
  /**
   * An agreed expiry is read once more, stretched sideways (`wide`), and dropped if that read gives another date;
   * one that gives no date is no evidence either way. The first read and the 2× cut-out can agree on a misread
   * that the stretched read does not make (scratch probe of 2,500 clean fronts from new seeds, two such: a
   * Mincho `2028年` read `2029年` by both, `2028` stretched; a Western-printed `11月` read `1月` by both — which no
   * birthday checks — `11月` stretched). Checked after the birth date is settled, which it leaves as it was.
   * An expiry whose month or day is a lone `1` is also read with its strokes pulled apart (`spaced`), as a birth
   * date is; and any read of its line, these included, that shows its month or day with a `1` more drops it
   * (`dateHidesADigit`), as it would a birth date: a tight `11` read `1` by the first read and the 2× cut-out
   * alike (tune4 card-131 `2026年11月11日` and tune7 card-183 `2033年11月17日`, Western-printed, were both
   * accepted as January once their cards were cut out from an outline the frame cut off; the stretched read of
   * card-183 showed `2033 年 11 月 17 ま`, no date, so it had counted for nothing).
   */
  const expiryNothingHidden = async (agreed: string | null): Promise<string | null> => {
    const box = candidates.expiry?.box;
    if (agreed === null || !box) return agreed;
    if (evidence.expiryTexts.some((text) => dateHidesADigit(agreed, text))) return null;
    const { month, day } = parseIsoDate(agreed);
    const styles = month === 1 || day === 1 ? (['wide', 'spaced'] as const) : (['wide'] as const);
    for (const style of styles) {
      const text = (await reread(worker, crop, box, WHITELIST.expiry, CROP_SCALE, style)) ?? '';
      const other = expiryFromText(text);
      if (dateHidesADigit(agreed, text) || (other !== null && other !== agreed)) return null;
    }
    return agreed;
  };
  const restored = lost ? restoredFromExpiry(lost, expiry, evidence.texts) : null;
  // Only where no read gave another date still (a read that saw the `1` but another year: 平成8年11月27日).
  const uncontradicted =
    restored && lost && evidence.read.every((b) => sameBirth(b, lost) || sameBirth(b, restored)) ? restored : null;
  const birth = read ?? uncontradicted;
  if (birth === null) return nothing;
  /**
   * The security code must be read the same by the first read and at every one of `CODE_SCALES`, as a birth
   * date the reads disagree on; anything less gives no code. Four digits have no words or calendar to check
   * them against, and a wrong code sent to the chip costs one of number B's tries, a missing one only the
   * typing. Then the 2× cut-out is read leaned back (`LEAN`): a forward-leaning `1` is read as `7` at every
   * scale, and leaned back shows the `1`, so a leaned read that gives another four digits drops the code. One
   * that gives no four digits is no evidence either way: the shear alone makes tesseract see a fifth digit in
   * a clean `2285`.
   */
  const code = candidates.securityCode;
  const agreed = code?.box
    ? await agreeAtScales(
        code.box,
        CODE_SCALES,
        WHITELIST.securityCode,
        securityCodeFromText,
        (a, b) => a === b,
        code.value,
      )
    : null;
  const leaned =
    agreed !== null && code?.box
      ? securityCodeFromText((await reread(worker, crop, code.box, WHITELIST.securityCode, CROP_SCALE, 'leaned')) ?? '')
      : null;
  const securityCode = leaned === null || leaned === agreed ? agreed : null;
  // Every read of the expiry counts against an era-printed birth date, confirmed or not: one that ends on
  // another day (`2025年11月21日` beside a birth read as `平成24年1月21日`) shows a misread on one of them. Not one
  // that shows the birthday with a digit lost: that read is the misread (`expiryLostADigit`).
  const agreesWithExpiry = expiryReads.every(
    (read) => expiryAgreesWithBirthday(birth, read) || expiryLostADigit(birth, read),
  );
  if (!agreesWithExpiry) evidence.refused.push(birth);
  return {
    birth: agreesWithExpiry ? birth : null,
    expiry: await expiryNothingHidden(expiry),
    securityCode,
  };
}
