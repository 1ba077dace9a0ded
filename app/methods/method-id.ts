/**
 * The three age checks by name: the session runs one at a time and the audit log records which one decided.
 */
export type MethodId = 'jpki-signature' | 'number-b' | 'card-face-ocr';

export const METHOD_IDS: readonly MethodId[] = ['jpki-signature', 'number-b', 'card-face-ocr'];
