/**
 * Dates of birth as the chip stores them: the JPKI signature certificate's `EYYYYMMDD`
 * (otherName 1.2.392.200149.8.5.5.4) and the support AP's `YYYYMMDD` (EF 0002, tag DF24).
 * Source: ../shared/docs/card-protocol.md §2.1 and §3.
 */
import { eraByJpkiCode, isWithinEra } from './era-calendar';
import { formatIsoDate, parseCompactDate } from './iso-date';
import { PolicyError } from './policy-error';

/** Era code the certificate uses for an unknown date of birth. */
const UNKNOWN_ERA_CODE = 0;

/**
 * Parses the certificate's 9-digit `EYYYYMMDD`: era code, then the Gregorian date (`319800217` → 1980-02-17).
 * @throws {PolicyError} `policy.unknown-birth-date` for era code 0, `policy.era-code-mismatch` for a code
 *   that is no era or contradicts the date, `policy.invalid-date` for any other malformed value.
 */
export function parseJpkiBirthDate(value: string): string {
  if (!/^\d{9}$/.test(value)) throw new PolicyError('policy.invalid-date', 'expected 9 digits EYYYYMMDD');
  const code = Number(value[0]);
  if (code === UNKNOWN_ERA_CODE) {
    throw new PolicyError('policy.unknown-birth-date', 'the certificate records the date of birth as unknown');
  }
  const iso = formatIsoDate(parseCompactDate(value.slice(1)));
  const era = eraByJpkiCode(code);
  if (!era || !isWithinEra(iso, era)) {
    throw new PolicyError('policy.era-code-mismatch', `era code ${code} contradicts ${iso}`);
  }
  return iso;
}

/**
 * Parses the support AP's `YYYYMMDD` (Gregorian, ASCII digits).
 * @throws {PolicyError} `policy.invalid-date` for anything but a real date.
 */
export function parseChipBirthDate(value: string): string {
  return formatIsoDate(parseCompactDate(value));
}
