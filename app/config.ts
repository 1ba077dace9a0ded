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
});
