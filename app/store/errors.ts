/**
 * The app's error codes as the store hands them to the screens, and what a check does with each. Importing every
 * layer's error module here puts all their codes into {@link ErrorCode} wherever the store is used, so the
 * screens' `Record<ErrorCode, …>` of words is complete.
 */
import type {} from '../card/card-errors';
import type {} from '../methods/age-record/age-record-check';
import type {} from '../card/transport-errors';
import type {} from '../methods/card-face-ocr/face-errors';
import type {} from '../methods/jpki-signature/jpki-errors';
import type {} from '../methods/jpki-signature/revocation';
import type {} from '../methods/number-b/number-b-check';
import type {} from '../policy/policy-error';
import type {} from '../readers/pcsc-bridge/errors';
import type { ErrorCode } from '../errors/app-error';

export { errorCodeOf, type ErrorCode } from '../errors/app-error';

/**
 * What an error means for the customer's session:
 * - `temporary`: the card moved, the reader or a service hiccupped, the picture was poor — offer "try again"
 *   without ending the session; nothing is logged, since nothing was decided;
 * - `setup`: this terminal cannot run the check (no camera, no trust anchors, reader refused) — nothing was
 *   learnt about the customer, so back to the choice of method (a kiosk calls staff);
 * - `verdict`: the check itself failed — "cannot verify", logged like any verdict (fail closed).
 */
export type ErrorHandling = 'temporary' | 'setup' | 'verdict';

export const ERROR_HANDLING: Readonly<Record<ErrorCode, ErrorHandling>> = Object.freeze({
  'transport.no-card': 'temporary',
  'transport.card-removed': 'temporary',
  'transport.reader-unplugged': 'temporary',
  'transport.timeout': 'temporary',
  'transport.busy': 'temporary',
  'transport.protocol': 'temporary',
  'revocation.unavailable': 'temporary',
  'revocation.timeout': 'temporary',
  'card-face.unreadable': 'temporary',
  'card-face.engine-stalled': 'temporary',
  'card-face.back-shown': 'temporary',
  'bridge.unreachable': 'temporary',
  'transport.reader-in-use': 'temporary',

  'transport.permission-denied': 'setup',
  'transport.not-supported': 'setup',
  'transport.aborted': 'setup',
  'camera.denied': 'setup',
  'camera.unavailable': 'setup',
  'jpki.not-configured': 'setup',
  'bridge.pairing-refused': 'setup',
  'bridge.pairing-expired': 'setup',
  'bridge.pairing-locked': 'setup',
  'bridge.code-format': 'setup',
  'bridge.unpaired': 'setup',
  'bridge.untrusted': 'setup',
  'transport.reader-access-denied': 'setup',
  'card.chip-keys-not-configured': 'setup',

  'policy.invalid-date': 'verdict',
  'policy.date-outside-era': 'verdict',
  'policy.unrecognised-date': 'verdict',
  'policy.unknown-birth-date': 'verdict',
  'policy.era-code-mismatch': 'verdict',
  'policy.birth-date-in-future': 'verdict',
  'policy.invalid-threshold': 'verdict',
  'policy.birth-date-mismatch': 'verdict',
  'card.status': 'verdict',
  'card.pin-rejected': 'verdict',
  'card.pin-blocked': 'verdict',
  'card.pin-too-few-tries': 'verdict',
  'card.parse': 'verdict',
  'card.forbidden': 'verdict',
  'card.certificate-untrusted': 'verdict',
  'card.certificate-expired': 'verdict',
  'card.certificate-not-yet-valid': 'verdict',
  'card.certificate-key-usage': 'verdict',
  'card.certificate-policy': 'verdict',
  'card.birth-date-missing': 'verdict',
  'card.signature-invalid': 'verdict',
  'card.verify-odd-status': 'verdict',
  'card.verify-unanswered': 'verdict',
  'card.chip-not-genuine': 'verdict',
  'age-record.too-few-tries': 'verdict',
  'number-b.too-few-tries': 'verdict',
  'card-face.expiry-mismatch': 'verdict',
  unexpected: 'verdict',
});

/** A failure's code as a known {@link ErrorCode}: codes from outside the app's families become `unexpected`. */
export function knownErrorCode(code: string): ErrorCode {
  return Object.hasOwn(ERROR_HANDLING, code) ? (code as ErrorCode) : 'unexpected';
}
