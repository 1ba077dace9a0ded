/**
 * The My Number Card's applications, files and credentials: the one place they are declared. The card layer,
 * the simulator and the tests import them from here and never re-declare them.
 * Source: ../shared/docs/card-protocol.md §1–§4; OpenSC `card-jpki.c`/`jpki.h`; AokiApp/jsapdu
 * `packages/mynacard/src/constants.ts` (surface AP credential ids, [single]).
 */
import { hex } from '../bytes';

/** Application identifiers (DF names), selected with `00 A4 04 0C`. */
export const AID = Object.freeze({
  /** 公的個人認証AP */
  jpki: hex`D3 92 F0 00 26 01 00 00 00 01`,
  /** 券面事項入力補助AP (card-info input support AP) */
  support: hex`D3 92 10 00 31 00 01 01 04 08`,
  /** 券面事項確認AP (card-face / surface AP) */
  surface: hex`D3 92 10 00 31 00 01 01 04 02`,
});

export type ApplicationName = keyof typeof AID;

/** Elementary files of the JPKI-AP. */
export const JPKI_EF = Object.freeze({
  /** 署名用電子証明書 — readable only after the signature password */
  signCertificate: 0x0001,
  /** 署名用CA証明書 */
  signCaCertificate: 0x0002,
  /** Token information: first 32 bytes are the label `JPKIAPICCTOKEN2`, space padded */
  tokenInfo: 0x0006,
  /** 利用者証明用電子証明書 — carries no name or date of birth */
  authCertificate: 0x000a,
  /** 利用者証明用CA証明書 */
  authCaCertificate: 0x000b,
  /** 利用者証明用秘密鍵 (internal, never readable) */
  authKey: 0x0017,
  /** 利用者証明用暗証番号: 4 digits */
  authPin: 0x0018,
  /** 署名用秘密鍵 (internal, never readable) */
  signKey: 0x001a,
  /** 署名用パスワード: 6–16 of A–Z 0–9 */
  signPin: 0x001b,
});

/** Elementary files of the support AP (券面事項入力補助AP). */
export const SUPPORT_EF = Object.freeze({
  /** The My Number itself — never read (see {@link FORBIDDEN_FILES}) */
  myNumber: 0x0001,
  /** 基本4情報: name, address, date of birth, sex (BER-TLV `FF20`) */
  basicFour: 0x0002,
  /** Integrity record (hashes of 0001 and 0002) — My-Number-equivalent, never read */
  integrity: 0x0003,
  /** Card-verifiable certificate of this AP (`7F21`) */
  cvCertificate: 0x0004,
  /** AP basic information */
  apInfo: 0x0005,
  /** The AP's signing public key, signed by the issuer */
  apPublicKey: 0x0007,
  /** 券面事項入力補助用暗証番号: 4 digits */
  pin: 0x0011,
  /** 照合番号A = the My Number — never presented */
  numberA: 0x0014,
  /** 照合番号B: era birth date YYMMDD + card expiry year + security code, 14 digits */
  numberB: 0x0015,
});

/** Elementary files of the surface AP (券面事項確認AP). */
export const SURFACE_EF = Object.freeze({
  /** Age record `FF10 { DF11 YYYYMMDD, DF12 key, DF13 signature }` */
  birthDate: 0x0001,
  /** Card face `FF20 { … }` with images */
  cardFace: 0x0002,
  /** AP basic information (municipality code, opaque block): free, not used */
  apInfo: 0x0003,
  /** Card-verifiable certificate of this AP (`7F21`, issuer 5000023): free */
  cvCertificate: 0x0004,
  /** The rendered My Number image — never read */
  myNumberImage: 0x0005,
  /** 6-digit key: the era birth date YYMMDD (first 6 digits of 照合番号B) */
  birthDateKey: 0x0011,
  /** 照合番号B */
  numberB: 0x0012,
  /** 照合番号A = the My Number — never presented */
  numberA: 0x0013,
});

/** What a credential accepts and how many wrong tries it allows. */
export interface CredentialSpec {
  readonly maxTries: number;
  /** The characters and lengths the card holder can set, as a pattern over the ASCII value. */
  readonly format: RegExp;
}

/** Credentials, by application and file id. */
export const CREDENTIALS = Object.freeze({
  jpki: {
    [JPKI_EF.authPin]: { maxTries: 3, format: /^\d{4}$/ },
    [JPKI_EF.signPin]: { maxTries: 5, format: /^[A-Z0-9]{6,16}$/ },
  },
  support: {
    [SUPPORT_EF.pin]: { maxTries: 3, format: /^\d{4}$/ },
    [SUPPORT_EF.numberA]: { maxTries: 10, format: /^\d{12}$/ },
    /** 10 wrong tries in a row lock it; time never resets it, only a successful match. */
    [SUPPORT_EF.numberB]: { maxTries: 10, format: /^\d{14}$/ },
  },
  surface: {
    // Retry counts of the surface AP are not public ([open]); 10 is assumed, like 照合番号B.
    [SURFACE_EF.birthDateKey]: { maxTries: 10, format: /^\d{6}$/ },
    [SURFACE_EF.numberB]: { maxTries: 10, format: /^\d{14}$/ },
    [SURFACE_EF.numberA]: { maxTries: 10, format: /^\d{12}$/ },
  },
} as const satisfies Record<ApplicationName, Record<number, CredentialSpec>>);

/**
 * Files and credentials that hold or reveal the My Number. A private business may not read them (My Number
 * Act arts. 15, 19, 20): the card layer refuses to address them and the simulator logs any access.
 */
export const FORBIDDEN_FILES: Readonly<Record<ApplicationName, readonly number[]>> = Object.freeze({
  jpki: [],
  support: [SUPPORT_EF.myNumber, SUPPORT_EF.integrity, SUPPORT_EF.numberA],
  surface: [SURFACE_EF.myNumberImage, SURFACE_EF.numberA],
});

/** Token label at the start of JPKI EF 0006. */
export const JPKI_TOKEN_LABEL = 'JPKIAPICCTOKEN2';

/** The contact ATR OpenSC's JPKI driver recognises. */
export const JPKI_CONTACT_ATR = hex`3B E0 00 FF 81 31 FE 45 14`;

/** True when `fid` in `app` holds or reveals the My Number. */
export function isForbiddenFile(app: ApplicationName, fid: number): boolean {
  return FORBIDDEN_FILES[app].includes(fid);
}
