/**
 * How strong the evidence behind a verdict (or a way of checking) is, in words and in a shape — filled and
 * empty blocks, and a border style per level — never in colour alone. One entry per assurance: a new kind of
 * evidence (e.g. a chip-signed date of birth without the holder proven) fails to compile until it has its
 * level and words here.
 */
import type { Assurance } from '../../policy';
import type { MessageKey } from '../i18n/ja';
import { useTranslate } from '../session-context';

export type StrengthLevel = 1 | 2 | 3;

export const STRENGTH: Readonly<Record<Assurance, { readonly level: StrengthLevel; readonly words: MessageKey }>> = {
  /** The holder proved the password: the card, the chip and the person. */
  'chip-signature-with-password': { level: 3, words: 'strength.chip-signature-with-password' },
  /** The chip proved the card genuine; the person is the clerk's comparison with the photo. */
  'chip-read-with-number-b': { level: 2, words: 'strength.chip-read-with-number-b' },
  /** A J-LIS-signed date of birth from a genuine chip; the person is not proven (the clerk compares the face). */
  'chip-signed-birth-date': { level: 2, words: 'strength.chip-signed-birth-date' },
  /** Only the printed face: the card itself is not proven. */
  'card-face': { level: 1, words: 'strength.card-face' },
};

const BLOCKS: Readonly<Record<StrengthLevel, string>> = { 3: '■■■', 2: '■■□', 1: '■□□' };

/** The strength line; `inline` inside a button (phrasing content only). */
export function Strength({ assurance, id, inline = false }: { assurance: Assurance; id?: string; inline?: boolean }) {
  const t = useTranslate();
  const { level, words } = STRENGTH[assurance];
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className={`strength strength-${level}`} data-testid="strength" data-level={level} id={id}>
      <span className="strength-blocks" aria-hidden="true">
        {BLOCKS[level]}
      </span>
      <span className="strength-words">
        <span className="strength-level">{t(`strength.level.${level}`)}</span> {t(words)}
      </span>
    </Tag>
  );
}
