/**
 * The staff PIN that guards the staff screen (kiosk settings, audit export). The operator puts a salted
 * PBKDF2-SHA-256 hash of it in the launch URL (`?staffPin=v1.<salt hex>.<hash hex>`, made by
 * `npm run staff:pin`); the PIN itself is never stored or sent. A URL rather than "set once on the terminal":
 * a fresh terminal would otherwise let whoever touches it first choose the PIN, and one URL configures a fleet.
 * Without a hash the staff screen stays closed (fails closed).
 */
const ITERATIONS = 210_000;
const FORMAT = /^v1\.([0-9a-f]{32})\.([0-9a-f]{64})$/;

/** A PIN an operator may choose: 6 to 12 digits. */
export const STAFF_PIN_PATTERN = /^\d{6,12}$/;

export interface StaffPinHash {
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly hash: Uint8Array<ArrayBuffer>;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** The `staffPin` launch-URL value for `pin` (operator tooling). */
export async function hashStaffPin(pin: string, salt = crypto.getRandomValues(new Uint8Array(16))): Promise<string> {
  if (!STAFF_PIN_PATTERN.test(pin)) throw new Error('the staff PIN must be 6 to 12 digits');
  return `v1.${hex(salt)}.${hex(await derive(pin, salt))}`;
}

/** The hash from the launch URL's `staffPin` parameter, or null when absent or malformed. */
export function staffPinFromQuery(search: string): StaffPinHash | null {
  const match = FORMAT.exec(new URLSearchParams(search).get('staffPin') ?? '');
  return match?.[1] && match[2] ? { salt: fromHex(match[1]), hash: fromHex(match[2]) } : null;
}

/** True when `pin` matches, compared in constant time over the derived bytes. */
export async function pinMatches(pin: string, expected: StaffPinHash): Promise<boolean> {
  if (!STAFF_PIN_PATTERN.test(pin)) return false;
  const derived = await derive(pin, expected.salt);
  let difference = derived.length ^ expected.hash.length;
  for (let i = 0; i < derived.length; i += 1) difference |= (derived[i] ?? 0) ^ (expected.hash[i] ?? 0);
  return difference === 0;
}
