/**
 * What the app may ever ask of a My Number Card, as one table, and a guard that holds a stream of raw command
 * APDUs to it. The card layer builds its commands from the table (which files it selects, the floor under each
 * credential), and the PC/SC bridge puts every APDU a client sends through {@link CardAccessGuard} before it
 * reaches PC/SC, so that the promises hold even if the page is compromised: no My Number file is ever selected,
 * no secret is sent without a fresh tries count at or above the floor, and signing keys are used only where
 * the app uses them. Pure: no Node, no DOM.
 *
 * Sources: ../shared/docs/card-protocol.md §1–§4 (commands, files, read conditions); ISO/IEC 7816-4 §5.1
 * (APDU cases), §7.1.1 (SELECT P1/P2), §7.2.3 (READ BINARY, P1 bit 8 = short EF id), §7.5.6 (VERIFY, P2 bit 8
 * clear = a short EF id in the low bits). The commands of the issue-15 genuine-chip checks (support AP EF
 * 0004/0007 and the challenge; surface AP EF 0001/0002/0004/0011/0012 and the challenge) are listed here from
 * the start so that the bridge lets exactly them through.
 */
import { INS, MalformedApduError, parseCommand, type CommandApdu } from '../apdu';
import { bytesEqual } from '../bytes';
import { SW, triesLeftOf } from '../status-words';
import { AID, CREDENTIALS, isForbiddenFile, JPKI_EF, SUPPORT_EF, SURFACE_EF, type ApplicationName } from './ids';
import { SHA256_DIGEST_INFO_PREFIX } from './jpki-oids';

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
 * Fewest tries left at which 照合番号B (or the surface AP's 6-digit birth-date key, same 10-try counter kind) is
 * still sent: it is never reset by time, so with 3 or fewer left nothing is risked.
 */
const DIGITS_FLOOR = 4;

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
      [SURFACE_EF.birthDateKey, { kind: 'credential', floor: DIGITS_FLOOR }],
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

/** A command the guard lets through; call `settle` with the card's answer (or null if the exchange failed). */
export interface Admitted {
  readonly ok: true;
  settle(response: Uint8Array | null): void;
}

export interface Refused {
  readonly ok: false;
  readonly refusal: PolicyRefusal;
}

const SELECT_BY_NAME = 0x04;
const SELECT_EF = 0x02;
/** P2 `0C`: no response data, as the app selects (card-protocol.md §1). */
const NO_FCI = 0x0c;
/** VERIFY P2 `80`: the key of the current EF; `80 | n` would name a key by short EF id. */
const CURRENT_KEY = 0x80;
const JPKI_SIGN_P2 = 0x80;
const CHALLENGE_P2 = 0x00;
const SHA256_DIGEST_INFO_LENGTH = SHA256_DIGEST_INFO_PREFIX.length + 32;

const APPLICATIONS = Object.keys(AID) as ApplicationName[];

/** The per-DF state the card keeps (card-protocol.md §1: selecting a DF ends its security state). */
interface DfState {
  readonly app: ApplicationName;
  file: number | null;
  /** Tries left shown by the last empty VERIFY of each key, until a VERIFY with data uses it up. */
  readonly tries: Map<number, number>;
  /** Credentials verified (90 00) since the DF was selected. */
  readonly verified: Set<number>;
  /** Signing keys used since their credential was last verified. */
  readonly signed: Set<number>;
  challenged: boolean;
}

/**
 * Follows one card session (one PC/SC connection: a fresh one starts with a reset card) and admits only the
 * commands the app sends, in the states it sends them. State changes on the card's answers, conservatively:
 * an answer other than 90 00 to a SELECT leaves nothing selected.
 */
export class CardAccessGuard {
  #df: DfState | null = null;
  /** Bytes announced by the last 61 xx, for one GET RESPONSE. */
  #pendingResponse: number | null = null;

  /** Decides on one command APDU, before it is sent. */
  admit(apdu: Uint8Array): Admitted | Refused {
    const pending = this.#pendingResponse;
    this.#pendingResponse = null;
    let command: CommandApdu;
    try {
      command = parseCommand(apdu);
    } catch (error) {
      if (error instanceof MalformedApduError) return refuse('command-not-allowed');
      throw error;
    }
    // Short APDUs only, as the app sends them; CLA 00 (or 80 for SIGN): channel 0, no chaining, no SM.
    if (apdu.length > 261 || (command.le !== undefined && command.le > 256) || command.data.length > 255) {
      return refuse('command-not-allowed');
    }
    const { cla, ins } = command;
    if (cla === 0x00 && ins === INS.getResponse) return this.#getResponse(command, pending);
    if (cla === 0x00 && ins === INS.select) return this.#select(command);
    if (cla === 0x00 && ins === INS.readBinary) return this.#read(command);
    if (cla === 0x00 && ins === INS.verify) return this.#verify(command);
    if (cla === 0x80 && ins === INS.sign) return this.#sign(command);
    return refuse('command-not-allowed');
  }

  #getResponse(command: CommandApdu, pending: number | null): Admitted | Refused {
    if (pending === null || command.p1 !== 0 || command.p2 !== 0 || command.data.length > 0) {
      return refuse('get-response-not-allowed');
    }
    if (command.le === undefined || command.le > pending) return refuse('get-response-not-allowed');
    return this.#pass();
  }

  #select(command: CommandApdu): Admitted | Refused {
    if (command.p2 !== NO_FCI || command.le !== undefined) return refuse('command-not-allowed');
    if (command.p1 === SELECT_BY_NAME) {
      const app = APPLICATIONS.find((name) => bytesEqual(AID[name], command.data));
      if (!app) return refuse('application-not-allowed');
      // Whatever the answer, the old DF's state is gone (a failed SELECT leaves nothing we rely on).
      this.#df = null;
      return this.#pass((sw) => {
        if (sw === SW.ok) {
          this.#df = { app, file: null, tries: new Map(), verified: new Set(), signed: new Set(), challenged: false };
        }
      });
    }
    if (command.p1 !== SELECT_EF || command.data.length !== 2) return refuse('command-not-allowed');
    const df = this.#df;
    if (!df) return refuse('no-application');
    const fid = (command.data[0]! << 8) | command.data[1]!;
    if (isForbiddenFile(df.app, fid)) return refuse('my-number');
    if (!isSelectable(df.app, fid)) return refuse('file-not-allowed');
    df.file = null;
    return this.#pass((sw) => {
      if (sw === SW.ok && this.#df === df) df.file = fid;
    });
  }

  #read(command: CommandApdu): Admitted | Refused {
    const df = this.#df;
    if (!df) return refuse('no-application');
    // P1 bit 8 set names a file by short EF id (ISO/IEC 7816-4 §7.2.3): it would bypass SELECT, so never.
    if (command.data.length > 0 || command.le === undefined || (command.p1 & 0x80) !== 0) {
      return refuse('read-not-allowed');
    }
    const use = df.file === null ? undefined : CARD_POLICY[df.app].files.get(df.file);
    if (use?.kind !== 'read') return refuse('read-not-allowed');
    if (use.after.length > 0 && !use.after.some((credential) => df.verified.has(credential))) {
      return refuse('read-not-allowed');
    }
    return this.#pass();
  }

  #verify(command: CommandApdu): Admitted | Refused {
    const df = this.#df;
    if (!df) return refuse('no-application');
    if (command.p1 !== 0x00 || command.p2 !== CURRENT_KEY || command.le !== undefined) {
      return refuse('verify-not-allowed');
    }
    const fid = df.file;
    const use = fid === null ? undefined : CARD_POLICY[df.app].files.get(fid);
    if (fid === null || use?.kind !== 'credential') return refuse('verify-not-allowed');
    if (command.data.length === 0) {
      // The tries query: spends nothing. Its answer is what a following VERIFY rests on.
      df.tries.delete(fid);
      return this.#pass((sw) => {
        if (this.#df !== df || sw === null) return;
        const tries = sw === SW.pinBlocked ? 0 : triesLeftOf(sw);
        if (tries !== null) df.tries.set(fid, tries);
      });
    }
    const spec = (CREDENTIALS[df.app] as Readonly<Record<number, { readonly format: RegExp }>>)[fid];
    if (!spec || !spec.format.test(String.fromCharCode(...command.data))) return refuse('verify-not-allowed');
    const tries = df.tries.get(fid);
    if (tries === undefined) return refuse('verify-without-tries');
    // One query allows one attempt, whatever comes back.
    df.tries.delete(fid);
    if (tries < use.floor) return refuse('verify-below-floor');
    df.verified.delete(fid);
    return this.#pass((sw) => {
      if (sw === SW.ok && this.#df === df) {
        df.verified.add(fid);
        for (const [key, keyUse] of CARD_POLICY[df.app].files) {
          if (keyUse.kind === 'sign-key' && keyUse.after === fid) df.signed.delete(key);
        }
      }
    });
  }

  #sign(command: CommandApdu): Admitted | Refused {
    const df = this.#df;
    if (!df) return refuse('no-application');
    // Both forms carry a SHA-256 DigestInfo and expect a 256-byte signature (Le 00).
    const digestInfo =
      command.le === 256 &&
      command.data.length === SHA256_DIGEST_INFO_LENGTH &&
      bytesEqual(command.data.subarray(0, SHA256_DIGEST_INFO_PREFIX.length), SHA256_DIGEST_INFO_PREFIX);
    if (command.p1 !== 0x00 || !digestInfo) return refuse('sign-not-allowed');
    if (command.p2 === JPKI_SIGN_P2) {
      const key = df.file;
      const use = key === null ? undefined : CARD_POLICY[df.app].files.get(key);
      if (key === null || use?.kind !== 'sign-key' || !df.verified.has(use.after) || df.signed.has(key)) {
        return refuse('sign-not-allowed');
      }
      df.signed.add(key);
      return this.#pass();
    }
    if (command.p2 === CHALLENGE_P2) {
      const after = CARD_POLICY[df.app].challengeAfter;
      if (df.challenged || !after.some((credential) => df.verified.has(credential))) return refuse('sign-not-allowed');
      df.challenged = true;
      return this.#pass();
    }
    return refuse('sign-not-allowed');
  }

  /** Admits; `onSw` sees the answer's status word (null when the exchange failed). */
  #pass(onSw?: (sw: number | null) => void): Admitted {
    return {
      ok: true,
      settle: (response) => {
        const sw =
          response !== null && response.length >= 2
            ? (response[response.length - 2]! << 8) | response[response.length - 1]!
            : null;
        if (sw === null) {
          // The exchange broke: nothing is known of the card's state any more.
          this.#df = null;
          return;
        }
        if ((sw & 0xff00) === 0x6100) this.#pendingResponse = sw & 0xff || 256;
        onSw?.(sw);
      },
    };
  }
}

function refuse(refusal: PolicyRefusal): Refused {
  return { ok: false, refusal };
}
