/**
 * The terminal id in audit records: a random UUID, never derived from anything about a person or the device.
 * The operator may fix it with the launch URL (`?terminal=<uuid>`, e.g. to match an inventory list); otherwise
 * the audit log generates one on first use and keeps it beside the records. Being a UUID, it cannot carry a
 * date, a name or a card number.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `value` is a terminal id (a lower-case UUID). */
export function isTerminalId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A new random terminal id. */
export function newTerminalId(): string {
  return crypto.randomUUID();
}

/** The `terminal` parameter of the launch URL when it is a UUID (any case), else null. */
export function terminalIdFromQuery(search: string): string | null {
  const value = new URLSearchParams(search).get('terminal')?.toLowerCase() ?? null;
  return isTerminalId(value) ? value : null;
}
