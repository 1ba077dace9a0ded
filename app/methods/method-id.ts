/**
 * The three age checks by name: the session runs one at a time and the audit log records which one decided.
 */
export type MethodId = 'jpki-signature' | 'number-b' | 'age-record' | 'card-face-ocr';

/**
 * `age-record`: the surface AP's age record opened by the 6-digit birth-date key, typed by the clerk or
 * handed over from the card face (so it comes after it).
 */
export const METHOD_IDS: readonly MethodId[] = ['jpki-signature', 'number-b', 'card-face-ocr', 'age-record'];
