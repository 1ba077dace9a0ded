/**
 * The card policy (`card-policy.ts`) as a guard over a stream of raw command APDUs: the PC/SC bridge puts every
 * APDU a client sends through {@link CardAccessGuard} before it reaches PC/SC. It admits only the commands the
 * app sends, in the states it sends them, and follows the card's answers. Pure: no Node, no DOM.
 *
 * Sources: ISO/IEC 7816-4 §5.1 (APDU cases), §7.1.1 (SELECT P1/P2), §7.2.3 (READ BINARY, P1 bit 8 = short EF
 * id), §7.5.6 (VERIFY, P2 bit 8 clear = a short EF id in the low bits); ../shared/docs/card-protocol.md §1–§4.
 */
import { INS, MalformedApduError, parseCommand, type CommandApdu } from '../apdu';
import { bytesEqual } from '../bytes';
import { SW, triesLeftOf } from '../status-words';
import { CARD_POLICY, isSelectable, type PolicyRefusal } from './card-policy';
import { AID, CREDENTIALS, isForbiddenFile, type ApplicationName } from './ids';
import { SHA256_DIGEST_INFO_PREFIX } from './jpki-oids';

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
