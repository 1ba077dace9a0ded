/**
 * The card-face pipeline after the image is normalised (`card-rectify.ts`): one read of the whole card, the
 * field finder, a second, independent read of each field that must agree, then a check against the rest of
 * the card. Generic over the image type so the browser (a canvas) and the benchmark (an encoded image in Node)
 * run the same steps.
 */
import {
  expiryAgreesWithBirthday,
  expiryLostADigit,
  sameBirth,
  type BirthField,
  scanFace,
  type FaceFields,
  type FaceReading,
} from './face-fields';
import { linesOf, type LineBox, type OcrLine, type RecognisedPage } from './recognised-lines';
import { expiriesRead, lostAOneFrom, regainedOne, undisputedAcrossLooks } from './regained-one';
import { smallPrint } from './small-print';
import { tightElevenRead } from './tight-eleven';
import { CARD_OUT_WIDTH, FINE_CARD_WIDTH } from './card-rectify';
import {
  confirmFields,
  losesADigit,
  noEvidence,
  nothingHiddenIn,
  showsALostOne,
  type BirthEvidence,
  type CropImage,
  type LineRecogniser,
  type Rectangle,
} from './second-read';

/** What the pipeline needs of a tesseract.js worker. */
export interface FaceRecogniser<I> extends LineRecogniser<I> {
  recognize(
    image: I,
    options?: object,
    output?: { blocks: boolean },
  ): Promise<{ data: RecognisedPage & { text: string } }>;
}

/** The normalised card: the image the recogniser takes, its size, and a way to cut boxes out of it. */
export interface CardImage<I> {
  readonly image: I;
  readonly width: number;
  readonly height: number;
  readonly crop: CropImage<I>;
}

const NOTHING: FaceFields = { birth: null, expiry: null, securityCode: null };

/**
 * Confirmed fields that contradict each other are dropped: on an era-printed card (a Japanese national's) the
 * card expires on the birthday, so a birth date whose month and day differ from the expiry's means one of the
 * two is misread — unless the expiry shows the birthday with a digit lost (`expiryLostADigit`: reads lose
 * digits, they rarely add them), when the expiry alone is dropped. Where the expiry was not read, the birth
 * date stands on its two reads alone. The expiry and
 * the security code serve only with a birth date (the card-face verdict needs both dates, 照合番号B all three),
 * so without one nothing is given: an expiry that lost a thin `1` (`7月13日` read twice as `7月3日`) then has
 * no birth date to be checked against, and would be a wrong value for nothing.
 */
export function consistentFields(fields: FaceFields): FaceFields {
  const { birth, expiry } = fields;
  if (birth === null) return NOTHING;
  if (expiry === null || expiryAgreesWithBirthday(birth, expiry)) return fields;
  return expiryLostADigit(birth, expiry) ? { ...fields, expiry: null } : NOTHING;
}

/**
 * A region of a card drawn at `scale`, as a card of its own; `crop` cuts the card's own pixels. The view's
 * cut-outs are taken from those pixels (at `scale` times the scale asked for), so that they are as sharp as the
 * card allows, whatever the view's size.
 */
export async function cardView<I>(crop: CropImage<I>, region: Rectangle, scale: number): Promise<CardImage<I>> {
  return {
    image: await crop(region, scale),
    width: Math.round(region.width * scale),
    height: Math.round(region.height * scale),
    crop: (r, s, style) => {
      const left = region.left + Math.floor(r.left / scale);
      const top = region.top + Math.floor(r.top / scale);
      const inCard = { left, top, width: Math.ceil(r.width / scale), height: Math.ceil(r.height / scale) };
      return style ? crop(inCard, s * scale, style) : crop(inCard, s * scale);
    },
  };
}

/**
 * The whole-card read's text of the line the birth date was found on, as evidence beside the cut-outs' reads:
 * it loses a tight `11`'s first stroke in its own way (tune7 card-085: `平成6年和1月27日` whole, `1月` in every
 * cut-out framed in white), and a `1` one read shows is a `1` the others lost.
 */
export function birthLineTexts(lines: readonly OcrLine[], box: LineBox | null | undefined): string[] {
  if (!box) return [];
  const middle = (box.y0 + box.y1) / 2;
  return lines.filter((line) => line.box && line.box.y0 <= middle && middle <= line.box.y1).map((line) => line.text);
}

/** What only the expiry line (and the certificate box's label) print on the front. */
const EXPIRY_MARK = /まで|有効/u;

/** One pass: the whole card read, its candidates confirmed and checked against each other. */
async function readPass<I>(
  recogniser: FaceRecogniser<I>,
  card: CardImage<I>,
  evidence: BirthEvidence,
): Promise<{ reading: FaceReading; lines: OcrLine[]; birthBox?: LineBox | null }> {
  const { data } = await recogniser.recognize(card.image, {}, { blocks: true });
  const lines = linesOf(data);
  const scan = scanFace(lines, card);
  if (scan.kind === 'back') return { reading: scan, lines };
  // Two birth dates seen in one read are a dispute no later look settles: each counts as read (so no fallback,
  // the frame or the print side, runs as if nothing had been seen, and sees only one of them) and as refused
  // (so no look after this one takes either).
  evidence.read.push(...scan.disputed);
  evidence.refused.push(...scan.disputed);
  const birthBox = scan.candidates.birth?.box ?? scan.candidates.birthGuess;
  const birthLine = birthLineTexts(lines, birthBox);
  evidence.texts.push(...birthLine);
  evidence.plainTexts.push(...birthLine);
  evidence.expiryTexts.push(...lines.filter((line) => EXPIRY_MARK.test(line.text)).map((line) => line.text));
  const confirmed = await confirmFields(recogniser, card.crop, scan.candidates, evidence);
  const fields = consistentFields(confirmed);
  if (confirmed.birth !== null && fields.birth === null) evidence.refused.push(confirmed.birth);
  return { reading: { kind: 'front', fields }, lines, birthBox };
}

/** The second look's enlargement of the whole card: the finer card the cut-outs come from, when there is one. */
export const SECOND_LOOK_SCALE = FINE_CARD_WIDTH / CARD_OUT_WIDTH;

/**
 * tesseract's `thresholding_method` for the last looks at a card the first two gave nothing for: Sauvola's local
 * threshold, then Leptonica's local Otsu, instead of one Otsu threshold for the whole image (`GLOBAL_OTSU`, its
 * default). Ink and paper are then told apart neighbourhood by neighbourhood, so a blurred or dimly lit photo is
 * cut into lines and glyphs otherwise, and read otherwise. On the tuning sets, with `lastLook`'s rules, the two
 * looks read 8 of the 57 degraded fronts and 1 of the 6 clean ones the first two looks gave nothing for, and no
 * wrong date; the same thresholds on the enlarged view gave a wrong one (`14日` read `4日`, as an earlier look had
 * too), so they look at the card at its first size only.
 */
export const LAST_LOOK_THRESHOLDS = ['2', '1'] as const;
export const GLOBAL_OTSU = '0';

/**
 * A last look (`LAST_LOOK_THRESHOLDS`): the first look again, thresholded otherwise. A threshold's misreads tend
 * to repeat in every read of its pixels, so its birth date is taken only if a read of the global-threshold looks
 * showed it exactly (the local thresholds' reads only ever count against a date), the first look read it or read
 * it only with a `1` lost (where it read any date: the second look's rule, with the lost `1` of `regainedOne`), no
 * look refused it for cause, no read showed it with a digit more (`losesADigit`, `showsALostOne`), and, on an
 * era-printed card, no expiry read ends on another day (one with a digit lost aside) — where any read lost a `1`
 * from it, every expiry read ends on its birthday exactly and one of the global-threshold looks' does (an expiry
 * that lost the same `1` backs the shorter date). Its expiry is given only if a global-threshold look read the
 * same, and never its security code: under one threshold they have no witness. A last look that takes the card
 * for its back gives nothing (the first two looks saw a front).
 */
async function lastLook<I>(
  recogniser: FaceRecogniser<I>,
  card: CardImage<I>,
  threshold: string,
  looks: { global: readonly [BirthEvidence, BirthEvidence]; local: readonly BirthEvidence[] },
): Promise<{ fields: FaceFields | null; evidence: BirthEvidence }> {
  const evidence = noEvidence();
  await recogniser.setParameters({ thresholding_method: threshold });
  let reading: FaceReading;
  try {
    reading = (await readPass(recogniser, card, evidence)).reading;
  } finally {
    await recogniser.setParameters({ thresholding_method: GLOBAL_OTSU });
  }
  if (reading.kind === 'back' || reading.fields.birth === null) return { fields: null, evidence };
  const { birth, expiry } = reading.fields;
  const same = (b: BirthField) => sameBirth(b, birth);
  const earlier = [...looks.global, ...looks.local];
  const [first] = looks.global;
  const globalReads = looks.global.flatMap((look) => look.read);
  const shownByGlobal = globalReads.some(same);
  const firstAgrees = first.read.some(same) || first.read.every((b) => lostAOneFrom(birth, b));
  // A read of any look, this one's included, that lost a `1` from it: the split `regainedOne` also guards.
  const lostAOne = [...earlier, evidence].some((look) => look.read.some((b) => lostAOneFrom(birth, b)));
  const longer = earlier.some((look) => look.read.some((b) => losesADigit(birth, b)) || showsALostOne(look, birth));
  const refused = earlier.some((look) => look.refused.some(same));
  const globalExpiries = expiriesRead(looks.global);
  const expiries = expiriesRead([...earlier, evidence]);
  const onBirthday = (e: string) => expiryAgreesWithBirthday(birth, e);
  const witnessed =
    birth.era === null ||
    (lostAOne
      ? globalExpiries.some(onBirthday) && expiries.every(onBirthday)
      : expiries.every((e) => onBirthday(e) || expiryLostADigit(birth, e)));
  if (!shownByGlobal || !firstAgrees || longer || refused || !witnessed) return { fields: null, evidence };
  const seenExpiry = expiry !== null && globalExpiries.includes(expiry) ? expiry : null;
  return { fields: { birth, expiry: seenExpiry, securityCode: null }, evidence };
}

/**
 * Reads the front's fields; the back is reported and nothing of it is kept. A card that gave no birth date is
 * looked at once more, enlarged (its small print only, when it came out small: `smallPrint`), with the same
 * rules, and one more: where the first look read a birth date at all, the second look's must be one of the
 * first look's reads, and none the first look refused for cause. A refusal is evidence, and another try at the
 * same pixels could get past it (tuning set: 1923年11月9日, read 1月 and refused by the spaced read, was read 1月
 * again enlarged, where the spaced read no longer parted the `11`). Then the two looks' reads together may show
 * a date whose other reads all lost a `1` from it (`regainedOne`), or a month of 11 read as one character
 * (`tightElevenRead`), or a date both looks gave and no read disputed (`undisputedAcrossLooks`), which must then
 * pass the distorted reads a confirmed date passes (`nothingHiddenIn`); then the birth date alone is given. Last,
 * the card is looked at with other thresholds (`lastLook`); or, where neither look read a birth date at all from a card
 * that was found (`frameView` given), the frame as it is, without the card's outline (`frameView`: see below), and
 * where that read no birth date at all either, the card's print side alone (`printSide`). `frameView` is given
 * exactly when the card's outline was found: a frame read as it is has no other view to fall back on.
 */
export async function readFrontWith<I>(
  recogniser: FaceRecogniser<I>,
  card: CardImage<I>,
  frameView?: () => Promise<CardImage<I>>,
): Promise<FaceReading> {
  const printSideRead = async () => printSideFields(await readLooks(recogniser, await printSide(card)));
  return readLooks(
    recogniser,
    card,
    frameView && (async () => readLooks(recogniser, await frameView(), printSideRead)),
  );
}

/**
 * The share of the card's width, from its left edge, that holds the birth and expiry dates; the face photo lies
 * to the right of it on every front (our renderer puts it at about 72 % of the width, a real card's at about two
 * thirds), with the security code under it.
 */
export const PRINT_SIDE_SHARE = 0.6;

/**
 * The card's print side as a card of its own: the photo cut away. A photo's dark mass can set tesseract's one
 * threshold for the whole card (Otsu's, between the photo and the paper) above a pale print, which then vanishes:
 * tune4 card-049, 昭和34年8月2日 printed legibly in grey on a pale table, whole-card reads `ーー`; without the photo
 * the line is read (`招和34年8月2日生`: its era lost, so still refused). `normaliseCard` whitens where the photo is
 * printed, but only on an outline found right: card-049's was found wider than the card, its photo began at about
 * 62 % of the image instead of 72 %, and most of it stayed. Read last, after the frame, and only where
 * the frame read no date at all: read before the frame, a date it read and could not confirm kept the frame from
 * being read, and the held-out sets lost three fronts the frame had read (thirteenth round).
 */
function printSide<I>(card: CardImage<I>): Promise<CardImage<I>> {
  const region = { left: 0, top: 0, width: Math.round(PRINT_SIDE_SHARE * card.width), height: card.height };
  return cardView(card.crop, region, 1);
}

/**
 * What the print side may give: its dates. The security code is printed under the photo, outside the print side,
 * so a four-digit line found there (`scanFace` takes an unlabelled one in the lower right of the image it is given)
 * is something else; and a print side taken for the back is not the back (the whole card's reads saw a front).
 */
function printSideFields(reading: FaceReading): FaceReading {
  if (reading.kind === 'back') return { kind: 'front', fields: NOTHING };
  return { kind: 'front', fields: { ...reading.fields, securityCode: null } };
}

/**
 * `birth` (a date `undisputedAcrossLooks` took), or null where it could hide a `1` and the distorted reads of its
 * box (`nothingHiddenIn`) show one or do not show its lone `1`s: read on the first look's box, or the second's
 * where the first found none, into that look's evidence. Null where neither look found a box: the date cannot be
 * checked, so it is not taken.
 */
async function checkedForHiddenOne<I>(
  recogniser: FaceRecogniser<I>,
  birth: BirthField | null,
  boxes: readonly (readonly [CropImage<I>, LineBox | null | undefined, BirthEvidence])[],
): Promise<BirthField | null> {
  if (birth === null) return null;
  const found = boxes.find(([, box]) => box);
  if (!found?.[1]) {
    // Not reached today (a whole-card read of the date always has a box), but a refusal all the same.
    boxes[0]?.[2].refused.push(birth);
    return null;
  }
  const [crop, box, evidence] = found;
  return (await nothingHiddenIn(recogniser, crop, box, birth, evidence)) ? birth : null;
}

/**
 * The card's looks: the first, the second (enlarged), the two together (`regainedOne`, `tightElevenRead`,
 * `undisputedAcrossLooks` checked by `checkedForHiddenOne`), then the last looks (`lastLook`); where neither of the
 * first two read a birth date at all, `nothingRead` is what is read instead, if given.
 */
async function readLooks<I>(
  recogniser: FaceRecogniser<I>,
  card: CardImage<I>,
  nothingRead?: () => Promise<FaceReading>,
): Promise<FaceReading> {
  const first = noEvidence();
  const { reading, lines, birthBox } = await readPass(recogniser, card, first);
  if (reading.kind === 'back' || reading.fields.birth !== null) return reading;
  const small = smallPrint(lines, card);
  const whole = { left: 0, top: 0, width: card.width, height: card.height };
  const view = await cardView(card.crop, small?.region ?? whole, small?.scale ?? SECOND_LOOK_SCALE);
  const again = noEvidence();
  const { reading: second, birthBox: secondBox } = await readPass(recogniser, view, again);
  if (second.kind === 'back') return second;
  const { birth } = second.fields;
  if (birth !== null) {
    // Any read of the first look will do: its whole-card read loses a digit as often as its cut-outs do (the e2e
    // minor's 平成21年11月2日, read 1月 whole and 11月 by every cut-out, then 11月 by both reads of the second look).
    const readBefore = first.read.length === 0 || first.read.some((b) => sameBirth(b, birth));
    const lostOne = first.read.some((b) => losesADigit(birth, b)) || showsALostOne(first, birth);
    if (readBefore && !lostOne && !first.refused.some((b) => sameBirth(b, birth))) return second;
  }
  // Both looks' reads together (tune4 card-130: 昭和61年11月20日, 1月 by the first look's three cut-outs, 11月 by
  // the second look's two reads, which the first look's reads then outvoted; tune5 card-191: 平成元年1月8日 by the
  // first look's cut-outs and the second's whole card, each look's other read no date); or a month of 11 read as one
  // character (`tightElevenRead`: tune4 card-117, `日月` by every cut-out, 11月 on the expiry line).
  const regained =
    regainedOne([first, again]) ??
    tightElevenRead([first, again]) ??
    (await checkedForHiddenOne(recogniser, undisputedAcrossLooks([first, again]), [
      [card.crop, birthBox, first],
      [view.crop, secondBox, again],
    ]));
  if (regained) return { kind: 'front', fields: { birth: regained, expiry: null, securityCode: null } };
  // A last look's date must be one a global-threshold look read: with none read, they are not looked at (a frame
  // without a card, most often). Where neither look read a birth date at all from a card that was found, its
  // outline may be what was wrong (a pale table taken for the card, the face photo for the card, a card running
  // off the frame's edge: 7 of the 27 degraded fronts tune8–tune10 gave nothing for, each printed legibly), so
  // the frame is read as it is, as a frame with no card found always is, with all the same steps; then, where the
  // frame read no date either, the card's print side (`printSide`): the outline may be right and the photo what
  // hid the print.
  if (first.read.length === 0 && again.read.length === 0) return nothingRead ? nothingRead() : reading;
  const local: BirthEvidence[] = [];
  for (const threshold of LAST_LOOK_THRESHOLDS) {
    const last = await lastLook(recogniser, card, threshold, { global: [first, again], local });
    if (last.fields) return { kind: 'front', fields: last.fields };
    local.push(last.evidence);
  }
  return reading;
}
