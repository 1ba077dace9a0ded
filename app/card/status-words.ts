/**
 * Status words of the My Number Card: one table (SW → meaning in Japanese and English). The card layer's
 * `checkSw` and the simulator's responses both use it. Source: ../shared/docs/card-protocol.md §5,
 * ISO/IEC 7816-4 (JIS X 6320-4) §5.6.
 */

/** Named status words the card returns. */
export const SW = Object.freeze({
  ok: 0x9000,
  /** 63 Cx: x tries left (wrong PIN, or the answer to an empty VERIFY) */
  triesLeftBase: 0x63c0,
  /** Wrong length (Lc or Le) */
  wrongLength: 0x6700,
  /** Logical channel not supported (only channel 0 works) */
  channelNotSupported: 0x6881,
  /** Security status not satisfied (not verified) */
  securityNotSatisfied: 0x6982,
  /** Authentication method blocked (PIN locked) */
  pinBlocked: 0x6984,
  /** Conditions of use not satisfied */
  conditionsNotSatisfied: 0x6985,
  /** Command not allowed: no current EF */
  noCurrentEf: 0x6986,
  /** File or application not found */
  fileNotFound: 0x6a82,
  /** Incorrect P1-P2 */
  wrongP1P2: 0x6a86,
  /** Offset beyond the end of the EF */
  offsetOutOfRange: 0x6b00,
  /** INS not supported */
  insNotSupported: 0x6d00,
  /** CLA not supported */
  claNotSupported: 0x6e00,
});

/** What a status word means, for errors and the diagnostics trace. */
export interface StatusMeaning {
  readonly code: string;
  readonly ja: string;
  readonly en: string;
}

const MEANINGS: ReadonlyMap<number, StatusMeaning> = new Map([
  [SW.ok, { code: 'ok', ja: '正常終了', en: 'OK' }],
  [SW.wrongLength, { code: 'wrong-length', ja: 'データ長が正しくありません', en: 'Wrong length' }],
  [
    SW.channelNotSupported,
    { code: 'channel-not-supported', ja: '論理チャネルに対応していません', en: 'Logical channel not supported' },
  ],
  [
    SW.securityNotSatisfied,
    { code: 'security-not-satisfied', ja: '暗証番号が照合されていません', en: 'Security status not satisfied' },
  ],
  [SW.pinBlocked, { code: 'pin-blocked', ja: '暗証番号がロックされています', en: 'PIN blocked' }],
  [
    SW.conditionsNotSatisfied,
    { code: 'conditions-not-satisfied', ja: '使用条件を満たしていません', en: 'Conditions of use not satisfied' },
  ],
  [SW.noCurrentEf, { code: 'no-current-ef', ja: 'ファイルが選択されていません', en: 'No current EF' }],
  [SW.fileNotFound, { code: 'file-not-found', ja: 'ファイルがありません', en: 'File not found' }],
  [SW.wrongP1P2, { code: 'wrong-p1p2', ja: 'パラメータが正しくありません', en: 'Incorrect P1-P2' }],
  [
    SW.offsetOutOfRange,
    { code: 'offset-out-of-range', ja: 'オフセットがファイルの範囲外です', en: 'Offset beyond the EF' },
  ],
  [SW.insNotSupported, { code: 'ins-not-supported', ja: '対応していない命令です', en: 'INS not supported' }],
  [SW.claNotSupported, { code: 'cla-not-supported', ja: '対応していないクラスです', en: 'CLA not supported' }],
]);

/** `63 Cx` with x tries left (0–15). */
export function swTriesLeft(tries: number): number {
  return SW.triesLeftBase | Math.max(0, Math.min(15, tries));
}

/** Tries left in a `63 Cx` status word, or `null` for any other. */
export function triesLeftOf(sw: number): number | null {
  return (sw & 0xfff0) === SW.triesLeftBase ? sw & 0x0f : null;
}

/** The meaning of a status word; unknown ones keep their hex. */
export function describeSw(sw: number): StatusMeaning {
  const tries = triesLeftOf(sw);
  if (tries !== null) return { code: 'tries-left', ja: `残り${tries}回`, en: `${tries} tries left` };
  if ((sw & 0xff00) === 0x6100)
    return { code: 'more-data', ja: '続きのデータがあります', en: `${sw & 0xff} more bytes` };
  if ((sw & 0xff00) === 0x6c00)
    return { code: 'wrong-le', ja: 'Leが正しくありません', en: `Wrong Le, use ${sw & 0xff}` };
  const hexSw = sw.toString(16).padStart(4, '0').toUpperCase();
  return MEANINGS.get(sw) ?? { code: `sw-${hexSw}`, ja: `不明な応答 (${hexSw})`, en: `Unknown status ${hexSw}` };
}
