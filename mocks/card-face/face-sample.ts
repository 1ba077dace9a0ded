/**
 * Random card-face contents for the OCR benchmark: what a front says (birth date in any era or the Western
 * calendar, expiry, security code, name, address, issuing municipality) and how it is printed (Mincho or
 * Gothic data text, half- or full-width digits, spaces inside dates, where 性別 and the security code sit).
 * Drawn from a seeded random source, so a set is reproducible from its seed and two seeds give two
 * independent sets. Facts about the face: ../shared/docs/age-rules-and-card-face.md §5.
 */
import { eraDigits, erasOf, formatIsoDate, isLeapYear, parseIsoDate, type EraName } from '../../app/policy';

/** Current card of a Japanese national; foreign resident (Western birth date); next card generation. */
export type FaceLayout = 'national' | 'foreign' | 'next-gen';

/** How the face is printed. */
export interface FaceStyle {
  /** CSS family of the data text (name, address, dates). */
  readonly dataFont: string;
  /** CSS family of the small labels (氏名, 住所, 性別…). */
  readonly labelFont: string;
  readonly dataBold: boolean;
  /** Height of the date lines, px on the 1027 px wide card. */
  readonly dateSize: number;
  readonly digits: 'half' | 'full';
  /** `none` 平成3年8月3日生; `padded` 平成 3年 8月 3日生 (a one-digit number takes two cells). */
  readonly spacing: 'none' | 'padded';
  /** Space between the date and 性別, px. */
  readonly sexGap: number;
  /** Security code as `セキュリティコード 1234` on one line, or a small label above larger digits. */
  readonly securityCode: 'inline' | 'label-above';
  /** Background tint family. */
  readonly tint: number;
  /** Seed of the background pattern and the photo. */
  readonly artSeed: number;
  /** Whether the front shows 個人番号カード as a title. */
  readonly title: boolean;
  /** Whether a date stands in the electronic-certificate box (a date not to be taken for the birth date). */
  readonly certificateDate: string | null;
}

export interface FaceSample {
  readonly layout: FaceLayout;
  readonly birth: { readonly iso: string; readonly era: EraName | null; readonly text: string };
  readonly expiry: { readonly iso: string; readonly text: string };
  readonly securityCode: string;
  /** 照合番号B's first six digits as the card prints them (era YYMMDD). */
  readonly birthDigits: string;
  readonly name: string;
  /** Furigana and romaji (next generation), or romaji only (foreign residents). */
  readonly nameReading: { readonly kana: string | null; readonly romaji: string | null };
  readonly address: readonly string[];
  readonly sex: '男' | '女' | null;
  /** 「名古屋市長」: the head of the issuing municipality. */
  readonly issuer: string;
  readonly style: FaceStyle;
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const intBetween = (random: Random, low: number, high: number) => Math.floor(between(random, low, high + 1));

/** Families registered by `render-card-face.ts`; Mincho (serif) and Gothic (sans) as Debian packages them. */
export const MINCHO_FONTS = ['Noto Serif CJK JP', 'IPAexMincho', 'IPAMincho', 'BIZ UDMincho'] as const;
export const GOTHIC_FONTS = ['Noto Sans CJK JP', 'IPAexGothic', 'BIZ UDGothic'] as const;

const SURNAMES = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '佐々木',
  '松本',
  '井上',
  '木村',
  '林',
  '清水',
  '斎藤',
  '阿部',
  '森',
  '池田',
  '橋本',
  '石川',
  '前田',
];
const SURNAME_KANA = [
  'サトウ',
  'スズキ',
  'タカハシ',
  'タナカ',
  'イトウ',
  'ワタナベ',
  'ヤマモト',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
  'ヨシダ',
  'ヤマダ',
  'ササキ',
  'マツモト',
  'イノウエ',
  'キムラ',
  'ハヤシ',
  'シミズ',
  'サイトウ',
  'アベ',
  'モリ',
  'イケダ',
  'ハシモト',
  'イシカワ',
  'マエダ',
];
const SURNAME_ROMAJI = [
  'SATO',
  'SUZUKI',
  'TAKAHASHI',
  'TANAKA',
  'ITO',
  'WATANABE',
  'YAMAMOTO',
  'NAKAMURA',
  'KOBAYASHI',
  'KATO',
  'YOSHIDA',
  'YAMADA',
  'SASAKI',
  'MATSUMOTO',
  'INOUE',
  'KIMURA',
  'HAYASHI',
  'SHIMIZU',
  'SAITO',
  'ABE',
  'MORI',
  'IKEDA',
  'HASHIMOTO',
  'ISHIKAWA',
  'MAEDA',
];
const GIVEN = [
  ['太郎', 'タロウ', 'TARO'],
  ['花子', 'ハナコ', 'HANAKO'],
  ['翔太', 'ショウタ', 'SHOTA'],
  ['美咲', 'ミサキ', 'MISAKI'],
  ['健一', 'ケンイチ', 'KENICHI'],
  ['陽菜', 'ヒナ', 'HINA'],
  ['大輔', 'ダイスケ', 'DAISUKE'],
  ['由美子', 'ユミコ', 'YUMIKO'],
  ['誠', 'マコト', 'MAKOTO'],
  ['千代子', 'チヨコ', 'CHIYOKO'],
  ['茂', 'シゲル', 'SHIGERU'],
  ['恵', 'メグミ', 'MEGUMI'],
] as const;
const FOREIGN_NAMES = [
  'SMITH JOHN',
  'NGUYEN VAN AN',
  'KIM MINJI',
  'SILVA ANA PAULA',
  'WANG LEI',
  'GARCIA MARIA',
  'PATEL RAVI',
  'MULLER ANNA',
  'SANTOS JOSE',
  'LEE SOYEON',
];
/** Municipality (with its head's title) and an address stem in it. */
const PLACES = [
  ['名古屋市長', '愛知県名古屋市中区三の丸'],
  ['千代田区長', '東京都千代田区霞が関'],
  ['大阪市長', '大阪府大阪市北区中之島'],
  ['札幌市長', '北海道札幌市中央区北一条西'],
  ['福岡市長', '福岡県福岡市中央区天神'],
  ['那覇市長', '沖縄県那覇市泉崎'],
  ['仙台市長', '宮城県仙台市青葉区国分町'],
  ['軽井沢町長', '長野県北佐久郡軽井沢町大字長倉'],
  ['白川村長', '岐阜県大野郡白川村荻町'],
  ['横浜市長', '神奈川県横浜市中区日本大通'],
  ['京都市長', '京都府京都市上京区下立売通新町西入薮ノ内町'],
  ['高松市長', '香川県高松市番町'],
] as const;

/** Era boundary days and their neighbours, where a reader is most likely to slip. */
const BOUNDARY_DAYS = [
  '1926-12-24',
  '1926-12-25',
  '1926-12-26',
  '1926-12-31',
  '1927-01-01',
  '1989-01-07',
  '1989-01-08',
  '1989-01-09',
  '1989-12-31',
  '1990-01-01',
];
const FIRST_DAY = Date.UTC(1920, 0, 1);
const LAST_DAY = Date.UTC(2012, 11, 31);
const DAY_MS = 86_400_000;

/** A birth date in 1920–2012: mostly uniform, with extra weight on era boundaries, 元年 and 29 February. */
export function randomBirthDate(random: Random): string {
  const roll = random();
  if (roll < 0.08) return pick(random, BOUNDARY_DAYS);
  if (roll < 0.14) {
    const leapYears = Array.from({ length: 93 }, (_, i) => 1920 + i).filter(isLeapYear);
    return `${pick(random, leapYears)}-02-29`;
  }
  if (roll < 0.2) {
    // 平成元年 (1989-01-08 – 1989-12-31) or 昭和元年 (1926-12-25 – 1926-12-31).
    const heisei = random() < 0.8;
    const start = heisei ? Date.UTC(1989, 0, 8) : Date.UTC(1926, 11, 25);
    const days = heisei ? 358 : 7;
    return new Date(start + intBetween(random, 0, days - 1) * DAY_MS).toISOString().slice(0, 10);
  }
  const day = intBetween(random, 0, (LAST_DAY - FIRST_DAY) / DAY_MS);
  return new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10);
}

const FULL_WIDTH_OFFSET = 0xff10 - 0x30;
const toFullWidth = (text: string) =>
  text.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + FULL_WIDTH_OFFSET)).replace(/ /gu, '\u3000');

/** A number as the card prints it: padded to two cells with a space when it has one digit. */
function cell(n: number, spacing: FaceStyle['spacing']): string {
  return spacing === 'padded' && n < 10 ? ` ${n}` : String(n);
}

/** `平成 3年 8月 3日` / `1969年 1月12日` in the face's style (元年 for year 1 of an era). */
export function dateText(
  parts: { era: EraName | null; year: number; month: number; day: number },
  style: Pick<FaceStyle, 'digits' | 'spacing'>,
): string {
  const year = parts.era === null ? String(parts.year) : parts.year === 1 ? '元' : cell(parts.year, style.spacing);
  const text = `${parts.era ?? ''}${year}年${cell(parts.month, style.spacing)}月${cell(parts.day, style.spacing)}日`;
  return style.digits === 'full' ? toFullWidth(text) : text;
}

/** The era year of an ISO date in `era` (1 = 元年). */
function eraYear(iso: string, era: EraName): number {
  return Number(eraDigits(iso, era).slice(0, 2));
}

/** The card's expiry: the 10th birthday after issue (5th for under-18s); a residence period for foreigners. */
function expiryFor(random: Random, birthIso: string, layout: FaceLayout): string {
  const birth = parseIsoDate(birthIso);
  const issueYear = intBetween(random, 2016, 2025);
  if (layout === 'foreign') {
    const year = issueYear + intBetween(random, 1, 7);
    const month = intBetween(random, 1, 12);
    const day = intBetween(random, 1, 28);
    return formatIsoDate({ year, month, day });
  }
  const ageAtIssue = issueYear - birth.year;
  const year = issueYear + (ageAtIssue < 18 ? 5 : 10);
  if (layout === 'next-gen') {
    // Next generation: valid to one month after the birthday (task force summary, 2024).
    const month = birth.month === 12 ? 1 : birth.month + 1;
    const day = Math.min(birth.day, 28);
    return formatIsoDate({ year: birth.month === 12 ? year + 1 : year, month, day });
  }
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) {
    return formatIsoDate({ year, month: 2, day: 28 });
  }
  return formatIsoDate({ year, month: birth.month, day: birth.day });
}

function randomStyle(random: Random, layout: FaceLayout): FaceStyle {
  const mincho = random() < 0.55;
  const digits = random() < 0.35 ? 'full' : 'half';
  return {
    dataFont: mincho ? pick(random, MINCHO_FONTS) : pick(random, GOTHIC_FONTS),
    labelFont: random() < 0.5 ? pick(random, GOTHIC_FONTS) : pick(random, MINCHO_FONTS),
    dataBold: random() < 0.25,
    dateSize: intBetween(random, 24, 34),
    digits,
    spacing: random() < 0.6 ? 'padded' : 'none',
    sexGap: intBetween(random, 12, 140),
    securityCode: layout === 'next-gen' || random() < 0.5 ? 'label-above' : 'inline',
    tint: intBetween(random, 0, 5),
    artSeed: intBetween(random, 1, 2 ** 30),
    title: random() < 0.7,
    certificateDate:
      random() < 0.4
        ? dateText(
            {
              era: null,
              year: intBetween(random, 2026, 2035),
              month: intBetween(random, 1, 12),
              day: intBetween(random, 1, 28),
            },
            { digits, spacing: 'padded' },
          )
        : null,
  };
}

/** One random front. */
export function randomFace(random: Random): FaceSample {
  const roll = random();
  const layout: FaceLayout = roll < 0.7 ? 'national' : roll < 0.85 ? 'foreign' : 'next-gen';
  const iso = randomBirthDate(random);
  // On the two change-over days the family register may use either era.
  const era = layout === 'national' ? pick(random, erasOf(iso)).name : null;
  const style = randomStyle(random, layout);
  const { year, month, day } = parseIsoDate(iso);
  const birthParts = { era, year: era === null ? year : eraYear(iso, era), month, day };
  const expiryIso = expiryFor(random, iso, layout);
  const expiry = parseIsoDate(expiryIso);
  const surname = intBetween(random, 0, SURNAMES.length - 1);
  const given = pick(random, GIVEN);
  const [issuer, stem] = pick(random, PLACES);
  const number = `${intBetween(random, 1, 9)}－${intBetween(random, 1, 30)}－${intBetween(random, 1, 20)}`;
  const address =
    random() < 0.3
      ? [stem, `${number}\u3000コーポ${pick(random, ['桜', '緑', '光'])}${intBetween(random, 101, 512)}`]
      : [`${stem}${number}`];
  const foreignName = pick(random, FOREIGN_NAMES);
  return {
    layout,
    birth: { iso, era, text: `${dateText(birthParts, style)}生` },
    expiry: {
      iso: expiryIso,
      text: `${dateText({ era: null, year: expiry.year, month: expiry.month, day: expiry.day }, style)}まで有効`,
    },
    securityCode: String(intBetween(random, 0, 9999)).padStart(4, '0'),
    birthDigits: era === null ? eraDigits(iso) : eraDigits(iso, era),
    name: layout === 'foreign' ? foreignName : `${SURNAMES[surname] ?? ''}\u3000${given[0]}`,
    nameReading:
      layout === 'next-gen'
        ? {
            kana: `${SURNAME_KANA[surname] ?? ''}\u3000${given[1]}`,
            romaji: `${SURNAME_ROMAJI[surname] ?? ''} ${given[2]}`,
          }
        : { kana: null, romaji: null },
    address,
    sex: layout === 'next-gen' ? null : random() < 0.5 ? '男' : '女',
    issuer,
    style,
  };
}
