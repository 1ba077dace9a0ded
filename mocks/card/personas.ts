/**
 * Test personas of the virtual card: who the card belongs to, what is printed on its face, its secrets and the
 * states that matter for an age check. Birth dates are fixed or relative to a given "today" (Japanese date),
 * so "turns 20 today" stays true whenever the tests run. All names, addresses and numbers are fictional.
 */
import { erasOf, eraDigits, formatIsoDate, parseIsoDate } from '../../app/policy';

export const PERSONA_IDS = [
  'adult-35',
  'turns-20-today',
  'turns-20-tomorrow',
  'born-feb-29',
  'showa-last-day',
  'heisei-first-day',
  'minor-17',
  'expired-certificate',
  'untrusted-issuer',
  'one-password-try-left',
  'password-locked',
  'unknown-birth-date',
  'number-b-three-tries-left',
  'number-b-locked',
  'record-altered',
  'cloned-chip',
  'wrong-cv-ca',
  'birth-key-one-try-left',
] as const;

/** Cards with their own key pairs in the test key fixture; later personas share them. */
export const CARD_KEY_SLOTS = 12;

export type PersonaId = (typeof PERSONA_IDS)[number];

/** A persona resolved for one "today". */
export interface Persona {
  readonly id: PersonaId;
  readonly description: string;
  /** Index of the persona's key pairs in the test key fixture. */
  readonly keySlot: number;
  /** ISO date of birth; the chip and certificate record it as unknown when `birthDateUnknown`. */
  readonly dateOfBirth: string;
  readonly birthDateUnknown: boolean;
  /** 氏名: surname U+3000 given name. */
  readonly name: string;
  /** 住所 with full-width digits and hyphens. */
  readonly address: string;
  /** 性別 as the chip stores it: 1 male, 2 female. */
  readonly sex: '1' | '2';
  readonly face: CardFace;
  /** 照合番号B: era YYMMDD + card expiry year + security code. */
  readonly numberB: string;
  readonly secrets: {
    /** 署名用パスワード */
    readonly signPassword: string;
    /** 利用者証明用暗証番号 and 券面事項入力補助用暗証番号 (set to the same value, as most holders do) */
    readonly pin: string;
    /** A fictional 12-digit My Number, present only so the simulator can hold the forbidden files. */
    readonly myNumber: string;
  };
  /** Tries left on the signature password when the card is made. */
  readonly signPasswordTriesLeft: number;
  /** Tries left on 照合番号B when the card is made (the support AP's and the surface AP's counters). */
  readonly numberBTriesLeft: number;
  /** Tries left on the surface AP's 6-digit birth-date key when the card is made. */
  readonly birthDateKeyTriesLeft: number;
  /** How the chip's genuine-chip records are made (card-protocol.md §4). */
  readonly chip: ChipKind;
  /** The date of birth J-LIS signed (`record-altered`: 8 years later than the one the card now shows). */
  readonly signedBirthDate: string;
  readonly certificate: {
    /** ISO dates; the certificate is valid from 00:00 JST of `notBefore` to 23:59:59 JST of `notAfter`. */
    readonly notBefore: string;
    readonly notAfter: string;
    readonly issuer: 'simulator' | 'untrusted';
  };
}

/**
 * `genuine`: every record signed by the simulator's CV PKI, the chip answers with the keys its records name.
 * `record-altered`: the surface AP's age record and card face carry a date of birth changed after signing.
 * `cloned`: files copied from a genuine card, but the chip answers challenges with another key.
 * `wrong-ca`: both CV certificates name the simulator CA's key ID but are signed by another key.
 */
export type ChipKind = 'genuine' | 'record-altered' | 'cloned' | 'wrong-ca';

/** What is printed on the card face (front). */
export interface CardFace {
  /** Date of birth as printed: era calendar, e.g. `昭和55年2月17日生`. */
  readonly birthDateText: string;
  /** Card expiry as printed, e.g. `2035年2月17日まで有効`. */
  readonly expiryText: string;
  /** ISO card expiry date. */
  readonly expiry: string;
  readonly securityCode: string;
}

/** Shifts an ISO date by whole years (clamping 29 Feb to 28 Feb) and days; test-data arithmetic only. */
export function shiftDate(iso: string, { years = 0, days = 0 }: { years?: number; days?: number }): string {
  const { year, month, day } = parseIsoDate(iso);
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate();
  const t = Date.UTC(year + years, month - 1, Math.min(day, lastDay)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The holder's birthday in `year` (28 Feb for 29 Feb in a common year). */
function birthdayIn(dateOfBirth: string, year: number): string {
  const { month, day } = parseIsoDate(dateOfBirth);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return formatIsoDate({ year, month, day: Math.min(day, lastDay) });
}

/** `昭和55年2月17日生` for a date of birth; year 1 is written 元年. */
export function eraBirthDateText(iso: string): string {
  const era = erasOf(iso)[0];
  if (!era) throw new Error(`no era for ${iso}`);
  const digits = eraDigits(iso, era.name);
  const year = Number(digits.slice(0, 2));
  const { month, day } = parseIsoDate(iso);
  return `${era.name}${year === 1 ? '元' : String(year)}年${month}月${day}日生`;
}

interface PersonaSpec {
  readonly description: string;
  readonly birth: (today: string) => string;
  readonly name: string;
  readonly address: string;
  readonly sex: '1' | '2';
  readonly securityCode: string;
  /** Years since the card and certificates were issued. */
  readonly issuedYearsAgo?: number;
  readonly signPasswordTriesLeft?: number;
  readonly numberBTriesLeft?: number;
  readonly birthDateKeyTriesLeft?: number;
  readonly chip?: ChipKind;
  readonly certificateExpired?: boolean;
  readonly untrustedIssuer?: boolean;
  readonly birthDateUnknown?: boolean;
}

const yearsAgo =
  (years: number, extraDays = 0) =>
  (today: string) =>
    shiftDate(today, { years: -years, days: -extraDays });

const SPECS: Readonly<Record<PersonaId, PersonaSpec>> = {
  'adult-35': {
    description: '35 years old (birthday 120 days ago)',
    birth: yearsAgo(35, 120),
    name: '試験　太郎',
    address: '東京都千代田区霞が関１－１－１',
    sex: '1',
    securityCode: '2285',
  },
  'turns-20-today': {
    description: 'turns 20 today',
    birth: yearsAgo(20),
    name: '成人　花子',
    address: '大阪府大阪市北区中之島１－３－２０',
    sex: '2',
    securityCode: '4711',
  },
  'turns-20-tomorrow': {
    description: 'turns 20 tomorrow (19 today)',
    birth: (today) => shiftDate(shiftDate(today, { days: 1 }), { years: -20 }),
    name: '明日　成人',
    address: '愛知県名古屋市中区三の丸３－１－１',
    sex: '1',
    securityCode: '0815',
  },
  'born-feb-29': {
    description: 'born 29 February 2004',
    birth: () => '2004-02-29',
    name: '閏日　うるう',
    address: '北海道札幌市中央区北１条西２－１',
    sex: '2',
    securityCode: '2902',
  },
  'showa-last-day': {
    description: 'born on the last day of Shōwa (1989-01-07)',
    birth: () => '1989-01-07',
    name: '昭和　最終',
    address: '福岡県福岡市中央区天神１－８－１',
    sex: '1',
    securityCode: '6401',
  },
  'heisei-first-day': {
    description: 'born on the first day of Heisei (1989-01-08)',
    birth: () => '1989-01-08',
    name: '平成　元',
    address: '宮城県仙台市青葉区国分町３－７－１',
    sex: '2',
    securityCode: '0108',
  },
  'minor-17': {
    description: '17 years old',
    birth: yearsAgo(17, 30),
    name: '未成年　学',
    address: '京都府京都市上京区下立売通新町西入薮ノ内町',
    sex: '1',
    securityCode: '1717',
  },
  'expired-certificate': {
    description: '40 years old; the signature certificate expired (issued 6 years ago)',
    birth: yearsAgo(40, 200),
    name: '期限　切子',
    address: '広島県広島市中区基町１０－５２',
    sex: '2',
    securityCode: '3030',
    issuedYearsAgo: 6,
    certificateExpired: true,
  },
  'untrusted-issuer': {
    description: '30 years old; certificate issued by an untrusted CA with the simulator CA’s name',
    birth: yearsAgo(30, 45),
    name: '偽造　証明',
    address: '沖縄県那覇市泉崎１－２－２',
    sex: '1',
    securityCode: '6666',
    untrustedIssuer: true,
  },
  'one-password-try-left': {
    description: '45 years old; 1 signature-password try left',
    birth: yearsAgo(45, 10),
    name: '残り　一回',
    address: '新潟県新潟市中央区新光町４－１',
    sex: '2',
    securityCode: '1111',
    signPasswordTriesLeft: 1,
  },
  'password-locked': {
    description: '50 years old; signature password locked',
    birth: yearsAgo(50, 77),
    name: '施錠　固一',
    address: '香川県高松市番町４－１－１０',
    sex: '1',
    securityCode: '0000',
    signPasswordTriesLeft: 0,
  },
  'unknown-birth-date': {
    description: 'date of birth unknown (certificate era code 0)',
    birth: yearsAgo(38, 1),
    name: 'ＵＮＫＮＯＷＮ　ＢＩＲＴＨ',
    address: '神奈川県横浜市中区日本大通１',
    sex: '2',
    securityCode: '9090',
    birthDateUnknown: true,
  },
  'number-b-three-tries-left': {
    description: '28 years old; only 3 tries left on 照合番号B',
    birth: yearsAgo(28, 60),
    name: '照合　三回',
    address: '静岡県静岡市葵区追手町９－６',
    sex: '1',
    securityCode: '3333',
    numberBTriesLeft: 3,
  },
  'number-b-locked': {
    description: '33 years old; 照合番号B locked',
    birth: yearsAgo(33, 90),
    name: '照合　施錠',
    address: '岡山県岡山市北区内山下２－４－６',
    sex: '2',
    securityCode: '4444',
    numberBTriesLeft: 0,
  },
  'record-altered': {
    description: '25 on the card face and the chip; J-LIS signed 17 (the surface AP records changed after signing)',
    birth: yearsAgo(25, 40),
    name: '改変　記録',
    address: '石川県金沢市広坂１－１－１',
    sex: '1',
    securityCode: '5151',
    chip: 'record-altered',
  },
  'cloned-chip': {
    description: '31 years old; a copy of a genuine chip’s files on a chip with another key',
    birth: yearsAgo(31, 15),
    name: '複製　次郎',
    address: '長野県長野市大字南長野幅下６９２－２',
    sex: '1',
    securityCode: '7272',
    chip: 'cloned',
  },
  'wrong-cv-ca': {
    description: '42 years old; CV certificates with the simulator CA’s key ID, signed by another key',
    birth: yearsAgo(42, 99),
    name: '偽認証　局子',
    address: '熊本県熊本市中央区水前寺６－１８－１',
    sex: '2',
    securityCode: '8383',
    chip: 'wrong-ca',
  },
  'birth-key-one-try-left': {
    description: '26 years old; 1 try left on the surface AP’s birth-date key',
    birth: yearsAgo(26, 33),
    name: '生年　一回',
    address: '鹿児島県鹿児島市鴨池新町１０－１',
    sex: '2',
    securityCode: '9191',
    birthDateKeyTriesLeft: 1,
  },
};

/** Signature password of every persona (6–16 of A–Z 0–9). */
export const PERSONA_SIGN_PASSWORD = 'ABC123';
/** 4-digit PIN of every persona. */
export const PERSONA_PIN = '1234';

/**
 * Resolves a persona for `today` (Japanese date, ISO).
 * @throws {Error} for an unknown persona id.
 */
export function persona(id: PersonaId, today: string): Persona {
  const spec = SPECS[id];
  if (!(PERSONA_IDS as readonly string[]).includes(id)) throw new Error(`unknown persona ${id}`);
  const index = PERSONA_IDS.indexOf(id);
  const dateOfBirth = spec.birth(today);
  const issued = shiftDate(today, { years: -(spec.issuedYearsAgo ?? 2), days: -20 });
  const issuedYear = parseIsoDate(issued).year;
  const minorAtIssue = shiftDate(dateOfBirth, { years: 18 }) > issued;
  // Cards run to the holder's 10th birthday after issue (5th if under 18); signature certificates to the 5th.
  const expiry = birthdayIn(dateOfBirth, issuedYear + (minorAtIssue ? 5 : 10));
  const certificateEnd = spec.certificateExpired
    ? shiftDate(today, { days: -1 })
    : birthdayIn(dateOfBirth, issuedYear + 5);
  const { year: ey, month: em, day: ed } = parseIsoDate(expiry);
  return {
    id,
    description: spec.description,
    keySlot: index % CARD_KEY_SLOTS,
    dateOfBirth,
    birthDateUnknown: spec.birthDateUnknown === true,
    name: spec.name,
    address: spec.address,
    sex: spec.sex,
    face: {
      birthDateText: eraBirthDateText(dateOfBirth),
      expiryText: `${ey}年${em}月${ed}日まで有効`,
      expiry,
      securityCode: spec.securityCode,
    },
    numberB: `${eraDigits(dateOfBirth)}${ey}${spec.securityCode}`,
    secrets: {
      signPassword: PERSONA_SIGN_PASSWORD,
      pin: PERSONA_PIN,
      myNumber: `99990000${String(index).padStart(4, '0')}`,
    },
    signPasswordTriesLeft: spec.signPasswordTriesLeft ?? 5,
    numberBTriesLeft: spec.numberBTriesLeft ?? 10,
    birthDateKeyTriesLeft: spec.birthDateKeyTriesLeft ?? 10,
    chip: spec.chip ?? 'genuine',
    signedBirthDate: spec.chip === 'record-altered' ? shiftDate(dateOfBirth, { years: 8 }) : dateOfBirth,
    certificate: {
      notBefore: issued,
      notAfter: certificateEnd,
      issuer: spec.untrustedIssuer ? 'untrusted' : 'simulator',
    },
  };
}
