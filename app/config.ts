/**
 * Timeouts and limits of the app, in one frozen place (each with its unit). Operators override the settings
 * part through the page URL (see `app/store/settings.ts`), never through storage.
 */
export const CONFIG = Object.freeze({
  /** Kiosk: seconds without a touch or key after which the screen resets. */
  defaultIdleResetSeconds: 20,
  /** Bounds of the idle reset, seconds. */
  idleResetSeconds: Object.freeze({ min: 5, max: 600 }),
  /** Custom minimum age used when the custom preset is first chosen, years. */
  defaultCustomMinimumAge: 20,
  /** Days an audit record is kept before it is purged. */
  defaultAuditRetentionDays: 90,
  /** Bounds of the audit retention, days. */
  auditRetentionDays: Object.freeze({ min: 1, max: 1825 }),
  /** Interval of the card-presence poll while a reader is open and no check runs, milliseconds. */
  readerPollIntervalMs: 800,
  /** Staff PIN: wrong tries allowed before a lock-out, the first lock-out and its ceiling (it doubles), ms. */
  staffPin: Object.freeze({ freeTries: 3, firstLockoutMs: 30_000, maxLockoutMs: 15 * 60_000 }),
});
