/**
 * Digits typed into a field, as the ASCII bytes the checks take: full-width digits (a Japanese IME) folded to
 * ASCII and spaces dropped. The screens hand these to the store and never keep them; the store wipes them.
 */
export function digitBytes(typed: string): Uint8Array {
  const folded = typed.normalize('NFKC').replace(/\s+/g, '');
  return Uint8Array.from(folded, (c) => c.charCodeAt(0));
}
