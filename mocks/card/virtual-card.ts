/**
 * The virtual My Number Card: takes one command APDU, returns the response APDU, as the real card does over
 * ISO-DEP or contacts (../shared/docs/card-protocol.md §1–§5). It keeps the security state per selected DF,
 * the retry counters across resets, an APDU trace, and a log of every access to the files that hold the
 * My Number, so tests can prove the product never touches them.
 */
import { encodeResponse, INS, parseCommand, MalformedApduError, type CommandApdu } from '../../app/card/apdu';
import { encodeTlv } from '../../app/card/ber-tlv';
import { bytesEqual } from '../../app/card/bytes';
import { isForbiddenFile, type ApplicationName } from '../../app/card/mynumber/ids';
import { SW, swTriesLeft } from '../../app/card/status-words';
import { redactCommand, type TraceEntry } from './apdu-trace';
import type { Access, CardApplication, CardFile, CardModel } from './card-model';

/** An access to a My-Number-bearing file or credential. */
export interface PrivacyViolation {
  readonly at: number;
  readonly application: ApplicationName;
  readonly fid: number;
  readonly action: 'select' | 'read' | 'verify';
}

/** Thrown by `transmit` while the card is out of the field. */
export class CardNotPresentError extends Error {
  override readonly name = 'CardNotPresentError';
}

const SELECT_BY_FID = 0x02;
const SELECT_BY_NAME = 0x04;
const P2_NO_RESPONSE = 0x0c;
const P2_FCI = 0x00;
/** VERIFY P2: `80` = the credential EF currently selected; `80|n` = credential EF n of the current DF. */
const VERIFY_P2_BASE = 0x80;
const SIGN_P2 = 0x80;
/** `80 2A 00 00`: the selected application's own challenge key, no credential (card-protocol.md §4). */
const CHALLENGE_P2 = 0x00;
const CLA_PROPRIETARY = 0x80;
/** Largest DigestInfo a 2048-bit key can pad (PKCS #1 v1.5 needs 11 bytes). */
const MAX_SIGN_INPUT = 256 - 11;

type Response = { data?: Uint8Array; sw: number };
const sw = (code: number): Response => ({ sw: code });

export interface VirtualCardOptions {
  /** Milliseconds clock for the trace; `performance.now` by default. */
  readonly clock?: () => number;
}

export class VirtualMyNumberCard {
  readonly trace: TraceEntry[] = [];
  readonly privacyViolations: PrivacyViolation[] = [];

  #present = true;
  #app: CardApplication | null = null;
  #ef: number | null = null;
  /** Credentials verified since the current DF was selected (ISO 7816-4 security status per DF). */
  #verified = new Set<number>();
  /** Tries left per `app:fid`, kept across resets and removal like the card's EEPROM. */
  readonly #tries = new Map<string, number>();
  readonly #clock: () => number;
  readonly #born: number;

  constructor(
    readonly model: CardModel,
    options: VirtualCardOptions = {},
  ) {
    this.#clock = options.clock ?? (() => performance.now());
    this.#born = this.#clock();
    for (const app of model.applications) {
      for (const [fid, file] of app.files) {
        if (file.kind === 'credential') this.#tries.set(`${app.name}:${fid}`, file.initialTries);
      }
    }
  }

  /** Whether the card is in the field (or in the slot). */
  get present(): boolean {
    return this.#present;
  }

  /** Answer to reset over contacts. */
  get atr(): Uint8Array {
    return this.model.atr.slice();
  }

  /** Takes the card away: all security state is lost. */
  remove(): void {
    this.#present = false;
    this.reset();
  }

  /** Puts the card back: it starts from reset. */
  insert(): void {
    this.#present = true;
    this.reset();
  }

  /** Power cycle / warm reset: nothing selected, nothing verified; retry counters stay. */
  reset(): void {
    this.#app = null;
    this.#ef = null;
    this.#verified.clear();
  }

  /** Tries left on a credential, for tests and diagnostics (not an APDU). */
  triesLeft(application: ApplicationName, fid: number): number | undefined {
    return this.#tries.get(`${application}:${fid}`);
  }

  /**
   * Answers one command APDU.
   * @throws {CardNotPresentError} when the card has been removed.
   */
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (!this.#present) throw new CardNotPresentError('no card in the field');
    const started = this.#clock();
    const { data, sw: status } = await this.#answer(command);
    const response = encodeResponse(data ?? new Uint8Array(0), status);
    const finished = this.#clock();
    this.trace.push({
      at: started - this.#born,
      command: redactCommand(command),
      response,
      durationMs: finished - started,
    });
    return response;
  }

  async #answer(bytes: Uint8Array): Promise<Response> {
    let apdu: CommandApdu;
    try {
      apdu = parseCommand(bytes);
    } catch (error) {
      if (error instanceof MalformedApduError) return sw(SW.wrongLength);
      throw error;
    }
    // Only the basic logical channel exists (CLA bits 1–2 and the further-channel bit 7).
    if ((apdu.cla & 0x03) !== 0 || (apdu.cla & 0x40) !== 0) return sw(SW.channelNotSupported);
    if (apdu.cla === CLA_PROPRIETARY && apdu.ins === INS.sign) return this.#sign(apdu);
    if (apdu.cla !== 0x00) return sw(SW.claNotSupported);
    switch (apdu.ins) {
      case INS.select:
        return this.#select(apdu);
      case INS.verify:
        return this.#verify(apdu);
      case INS.readBinary:
        return this.#readBinary(apdu);
      default:
        return sw(SW.insNotSupported);
    }
  }

  #logIfForbidden(fid: number, action: PrivacyViolation['action']): void {
    if (this.#app && isForbiddenFile(this.#app.name, fid)) {
      this.privacyViolations.push({ at: this.#clock() - this.#born, application: this.#app.name, fid, action });
    }
  }

  #select(apdu: CommandApdu): Response {
    if (apdu.p1 === SELECT_BY_NAME) {
      if (apdu.p2 !== P2_NO_RESPONSE && apdu.p2 !== P2_FCI) return sw(SW.wrongP1P2);
      const app = this.model.applications.find((a) => bytesEqual(a.aid, apdu.data));
      if (!app) return sw(SW.fileNotFound);
      // Selecting a DF ends the security state of the previous one.
      this.#app = app;
      this.#ef = null;
      this.#verified.clear();
      if (apdu.p2 === P2_NO_RESPONSE) return sw(SW.ok);
      // FCI contents are not documented ([open]); answer the minimal ISO form: 6F { 84 DF name }.
      return { data: encodeTlv(0x6f, encodeTlv(0x84, app.aid)), sw: SW.ok };
    }
    if (apdu.p1 === SELECT_BY_FID) {
      if (apdu.p2 !== P2_NO_RESPONSE && apdu.p2 !== P2_FCI) return sw(SW.wrongP1P2);
      if (apdu.data.length !== 2) return sw(SW.wrongLength);
      const fid = (apdu.data[0]! << 8) | apdu.data[1]!;
      if (!this.#app || !this.#app.files.has(fid)) return sw(SW.fileNotFound);
      this.#logIfForbidden(fid, 'select');
      this.#ef = fid;
      return sw(SW.ok);
    }
    // Selecting the MF (P1 00) is answered 6A 86 by the real card after reset [single].
    return sw(SW.wrongP1P2);
  }

  #currentFile(): CardFile | undefined {
    return this.#ef === null ? undefined : this.#app?.files.get(this.#ef);
  }

  #verify(apdu: CommandApdu): Response {
    if (apdu.p1 !== 0x00 || (apdu.p2 & 0xe0) !== VERIFY_P2_BASE) return sw(SW.wrongP1P2);
    if (!this.#app) return sw(SW.conditionsNotSatisfied);
    const fid = apdu.p2 === VERIFY_P2_BASE ? this.#ef : apdu.p2 & 0x1f;
    const file = fid === null ? undefined : this.#app.files.get(fid);
    if (fid === null || file?.kind !== 'credential') return sw(SW.conditionsNotSatisfied);
    this.#logIfForbidden(fid, 'verify');
    const key = `${this.#app.name}:${fid}`;
    const tries = this.#tries.get(key) ?? 0;
    // An empty VERIFY asks for the counter and spends nothing (a blocked credential answers 63 C0).
    if (apdu.data.length === 0) return sw(swTriesLeft(tries));
    if (tries === 0) return sw(SW.pinBlocked);
    if (bytesEqual(apdu.data, file.secret)) {
      this.#tries.set(key, file.maxTries);
      this.#verified.add(fid);
      return sw(SW.ok);
    }
    this.#tries.set(key, tries - 1);
    this.#verified.delete(fid);
    return sw(swTriesLeft(tries - 1));
  }

  #readBinary(apdu: CommandApdu): Response {
    // Bit 8 of P1 would select by short EF id; the card is only reported to use the 15-bit offset form.
    if ((apdu.p1 & 0x80) !== 0) return sw(SW.wrongP1P2);
    if (apdu.le === undefined) return sw(SW.wrongLength);
    const file = this.#currentFile();
    if (!file || this.#ef === null) return sw(SW.noCurrentEf);
    this.#logIfForbidden(this.#ef, 'read');
    if (file.kind !== 'binary') return sw(SW.securityNotSatisfied);
    if (!this.#allowed(file.read)) return sw(SW.securityNotSatisfied);
    const offset = (apdu.p1 << 8) | apdu.p2;
    if (offset >= file.content.length) return sw(SW.offsetOutOfRange);
    // Le beyond the end: the rest of the file with 90 00 [single].
    return { data: file.content.slice(offset, offset + apdu.le), sw: SW.ok };
  }

  #allowed(access: Access): boolean {
    if (access.kind === 'free') return true;
    return access.credentials.some((credential) => this.#verified.has(credential));
  }

  async #sign(apdu: CommandApdu): Promise<Response> {
    if (apdu.p1 === 0x00 && apdu.p2 === CHALLENGE_P2) return this.#challenge(apdu);
    if (apdu.p1 !== 0x00 || apdu.p2 !== SIGN_P2) return sw(SW.wrongP1P2);
    const file = this.#currentFile();
    if (!file || file.kind !== 'key') return sw(SW.conditionsNotSatisfied);
    if (!this.#verified.has(file.credential)) return sw(SW.securityNotSatisfied);
    if (apdu.data.length === 0 || apdu.data.length > MAX_SIGN_INPUT) return sw(SW.wrongLength);
    // The card signs in tens of milliseconds; yield so a page stays responsive like with a real reader.
    await Promise.resolve();
    return { data: file.key.sign(apdu.data), sw: SW.ok };
  }

  async #challenge(apdu: CommandApdu): Promise<Response> {
    const key = this.#app?.challengeKey;
    if (!key) return sw(SW.conditionsNotSatisfied);
    if (apdu.data.length === 0 || apdu.data.length > MAX_SIGN_INPUT) return sw(SW.wrongLength);
    await Promise.resolve();
    return { data: key.sign(apdu.data), sw: SW.ok };
  }
}
