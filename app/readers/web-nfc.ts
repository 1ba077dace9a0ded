/**
 * Web NFC exists only in Chrome for Android and is NDEF-only: "low-level I/O operations (e.g. ISO-DEP,
 * NFC-A/B, NFC-F) are not supported" (W3C Web NFC). It cannot send APDUs to a My Number Card; we only detect
 * it so the UI can say so instead of leaving the user to wonder.
 */
export function hasWebNfc(scope: object = globalThis): boolean {
  return 'NDEFReader' in scope;
}
