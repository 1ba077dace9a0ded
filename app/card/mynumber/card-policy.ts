/**
 * What the app may ever ask of a My Number Card, as one table. The card layer builds its commands from it (which
 * files it selects, the floor under each credential), and the PC/SC bridge holds every APDU a client sends to
 * it (`card-access-guard.ts`) before it reaches PC/SC, so that the promises hold even if the page is
 * compromised: no My Number file is ever selected, no secret is sent without a fresh tries count at or above
 * the floor, and signing keys are used only where the app uses them. Pure: no Node, no DOM.
 *
 * Source: ../shared/docs/card-protocol.md §1–§4 (files and read conditions). The files of the issue-15
 * genuine-chip checks (support AP EF 0004/0007 and the challenge; surface AP EF 0001/0002/0004/0011/0012 and
 * the challenge) are listed here from the start so that the bridge lets exactly them through.
 */
import { isForbiddenFile, JPKI_EF, SUPPORT_EF, SURFACE_EF, type ApplicationName } from './ids';

/** How the app uses one elementary file. Files not in the table are never selected. */
export type FileUse =
  /** Read with READ BINARY; `after`: one of these credentials must have been verified in this DF first. */
  | { readonly kind: 'read'; readonly after: readonly number[] }
  /** A credential: tries query (empty VERIFY), then one VERIFY at or above `floor` tries left. */
  | { readonly kind: 'credential'; readonly floor: number }
  /** A signing key used by JPKI SIGN (`80 2A 00 80`), once per verification of `after`. */
  | { readonly kind: 'sign-key'; readonly after: number };

export interface ApplicationPolicy {
  readonly files: ReadonlyMap<number, FileUse>;
  /**
   * The chip challenge `80 2A 00 00` (the application's own key, no credential needed by the card), allowed
   * once per selection of the DF after one of these credentials was verified — where the app sends it — or
   * never (empty).
   */
  readonly challengeAfter: readonly number[];
}

const FREE: FileUse = { kind: 'read', after: [] };

/** Fewest tries left at which the signature password is still tried: one more mistake would lock the card. */
const SIGN_PASSWORD_FLOOR = 2;
/**
 * Fewest tries left at which 照合番号B is still sent (support AP EF 0015 and surface AP EF 0012, 10 tries each):
 * it is never reset by time, so with 3 or fewer left nothing is risked.
 */
const DIGITS_FLOOR = 4;
/**
 * Fewest tries left at which the surface AP's 6-digit birth-date key (EF 0011) is still sent. Its maximum is not
 * public ([open]): if it were 3 like the PINs, a floor of 4 would refuse every card, so 3 — two tries stay in
 * reserve whatever the maximum is.
 */
const BIRTH_DATE_KEY_FLOOR = 3;

/** The table: every file the app selects, per application, and nothing else. */
export const CARD_POLICY: Readonly<Record<ApplicationName, ApplicationPolicy>> = Object.freeze({
  jpki: {
    files: new Map<number, FileUse>([
      /** Reader check: free, carries no name or date of birth. */
      [JPKI_EF.authCertificate, FREE],
      [JPKI_EF.signPin, { kind: 'credential', floor: SIGN_PASSWORD_FLOOR }],
      [JPKI_EF.signCertificate, { kind: 'read', after: [JPKI_EF.signPin] }],
      [JPKI_EF.signKey, { kind: 'sign-key', after: JPKI_EF.signPin }],
    ]),
    challengeAfter: [],
  },
  support: {
    files: new Map<number, FileUse>([
      [SUPPORT_EF.numberB, { kind: 'credential', floor: DIGITS_FLOOR }],
      [SUPPORT_EF.basicFour, { kind: 'read', after: [SUPPORT_EF.numberB] }],
      // Genuine-chip checks (issue 15): the AP's CV certificate, and its key signed by the issuer.
      [SUPPORT_EF.cvCertificate, FREE],
      [SUPPORT_EF.apPublicKey, { kind: 'read', after: [SUPPORT_EF.numberB] }],
    ]),
    challengeAfter: [SUPPORT_EF.numberB],
  },
  surface: {
    files: new Map<number, FileUse>([
      // Genuine-chip checks (issue 15): the age record behind the 6-digit birth-date key, the card face
      // (photo for the clerk) behind 照合番号B, and the AP's CV certificate.
      [SURFACE_EF.birthDateKey, { kind: 'credential', floor: BIRTH_DATE_KEY_FLOOR }],
      [SURFACE_EF.birthDate, { kind: 'read', after: [SURFACE_EF.birthDateKey] }],
      [SURFACE_EF.numberB, { kind: 'credential', floor: DIGITS_FLOOR }],
      [SURFACE_EF.cardFace, { kind: 'read', after: [SURFACE_EF.numberB] }],
      [SURFACE_EF.cvCertificate, FREE],
    ]),
    challengeAfter: [SURFACE_EF.birthDateKey, SURFACE_EF.numberB],
  },
});

/** Whether the app may select `fid` in `app`: listed, and never a My Number file. */
export function isSelectable(app: ApplicationName, fid: number): boolean {
  return !isForbiddenFile(app, fid) && CARD_POLICY[app].files.has(fid);
}

/**
 * The floor under a credential: VERIFY is sent only with at least this many tries left.
 * @throws {Error} for a file that is no credential of the table (a programming error).
 */
export function credentialFloor(app: ApplicationName, fid: number): number {
  const use = CARD_POLICY[app].files.get(fid);
  if (use?.kind !== 'credential') throw new Error(`${app} EF ${fid.toString(16)} is no credential the app uses`);
  return use.floor;
}

/** Why the guard refused a command. Closed: the bridge logs it and the page maps it. */
export type PolicyRefusal =
  /** Not a short APDU of a form the app sends (case, CLA, logical channel, chaining, secure messaging). */
  | 'command-not-allowed'
  /** SELECT of an application that is not one of the three. */
  | 'application-not-allowed'
  /** A command before any application was selected (or after a failed SELECT). */
  | 'no-application'
  /** A file or credential that holds or reveals the My Number (support 0001/0003/0014, surface 0005/0013). */
  | 'my-number'
  /** SELECT of a file the app never uses. */
  | 'file-not-allowed'
  /** READ BINARY of no readable file, by short EF id, or before the file's credential was verified. */
  | 'read-not-allowed'
  /** VERIFY with data without a tries query on the same key since the last VERIFY (or since the DF was selected). */
  | 'verify-without-tries'
  /** VERIFY with data when the last tries query showed fewer tries than the app's floor. */
  | 'verify-below-floor'
  /** VERIFY of no credential the app uses, by short EF id, or with a secret the credential cannot hold. */
  | 'verify-not-allowed'
  /** SIGN or the chip challenge where the app does not send them. */
  | 'sign-not-allowed'
  /** GET RESPONSE without a 61 xx to answer. */
  | 'get-response-not-allowed';

export const POLICY_REFUSALS: readonly PolicyRefusal[] = [
  'command-not-allowed',
  'application-not-allowed',
  'no-application',
  'my-number',
  'file-not-allowed',
  'read-not-allowed',
  'verify-without-tries',
  'verify-below-floor',
  'verify-not-allowed',
  'sign-not-allowed',
  'get-response-not-allowed',
];
