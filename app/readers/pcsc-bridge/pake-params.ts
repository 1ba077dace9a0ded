/**
 * The OPAQUE parameters both sides of the pairing must agree on (`@serenity-kit/opaque`, RFC 9807). Kept apart
 * from the library so the page can load the library lazily, only when a clerk pairs.
 */

/**
 * Argon2id for the code, light: the registration record exists only in the bridge's memory for the code's five
 * minutes, so heavy stretching would protect nothing and only slow the clerk's tablet (RFC 9807 §3.1 leaves
 * the choice to the application). KiB, passes, lanes.
 */
export const PAIRING_KEY_STRETCHING = Object.freeze({
  'argon2id-custom': Object.freeze({ memory: 8192, iterations: 1, parallelism: 1 }),
});

/** The one user the bridge registers each code for. */
export const PAIRING_USER = 'clerk';

/**
 * The identities bound into the OPAQUE transcript: the page's origin and the bridge's port, so a pairing run
 * for one origin or bridge cannot be completed for another.
 */
export function pairingIdentifiers(origin: string, port: number): { client: string; server: string } {
  return { client: origin, server: `mynumber-pcsc-bridge:${port}` };
}
