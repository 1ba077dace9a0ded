/**
 * Helpers for the policy's own tests (not exported from the public API).
 */
import { PolicyError } from './policy-error';

/** The `PolicyError` code `fn` throws, `'other'` for any other throw, `'no error'` when it returns. */
export function policyErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof PolicyError ? error.code : 'other';
  }
  return 'no error';
}
