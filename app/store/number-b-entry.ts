/**
 * Help for the clerk typing 照合番号B: a date as printed on the card (or ISO) turned into the 6 era digits of
 * the birth group. The digits go back into the field for the clerk to see; the check itself takes bytes.
 */
export async function convertBirthText(text: string): Promise<string | null> {
  const { birthDigitsFromText } = await import('../methods/number-b/number-b');
  return birthDigitsFromText(text);
}
