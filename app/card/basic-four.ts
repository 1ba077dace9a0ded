/**
 * Support AP EF 0002, 基本4情報 (card-protocol.md §3): `FF20 { DF21 offsets, DF22 name, DF23 address,
 * DF24 date of birth, DF25 sex }`, padded after the template. Only DF24 is taken; the name, address and sex
 * are skipped without being decoded, so they never exist as text in the app.
 */
import { readTlv, readTlvList, TlvError } from './ber-tlv';
import { CardError } from './card-errors';

/** The template tag of EF 0002. */
export const BASIC_FOUR_TEMPLATE = 0xff20;
const BIRTH_DATE = 0xdf24;

/**
 * The date of birth (ASCII `YYYYMMDD` as stored, unparsed: the policy parses it) from the file's contents.
 * @throws {CardError} `card.parse` for anything but one well-formed template with exactly one DF24.
 */
export function birthDateFromBasicFour(file: Uint8Array): string {
  try {
    const template = readTlv(file);
    if (template.tag !== BASIC_FOUR_TEMPLATE) throw new TlvError('not the FF20 template');
    const dates = readTlvList(template.value).filter((field) => field.tag === BIRTH_DATE);
    if (dates.length !== 1 || !dates[0]) throw new TlvError('not exactly one DF24');
    const value = dates[0].value;
    if (value.some((b) => b < 0x20 || b > 0x7e)) throw new TlvError('DF24 is not ASCII');
    return String.fromCharCode(...value);
  } catch (error) {
    if (error instanceof CardError) throw error;
    throw new CardError('card.parse', error instanceof Error ? error.message : 'bad EF 0002');
  }
}
