/**
 * The one error base of the app. Every layer declares its own closed union of codes and registers it here by
 * declaration merging (`declare module '…/errors/app-error' { interface ErrorCodeRegistry extends
 * Record<CardErrorCode, true> {} }`), so {@link ErrorCode} is the union of every layer's codes and an
 * {@link AppError} can only carry a registered code. The UI words each code in a `Record<ErrorCode, …>`: a code
 * thrown anywhere without words fails to compile. This module imports nothing, so every layer may use it.
 */

/** Every error code of the app, extended by each layer with its own codes. */
export interface ErrorCodeRegistry {
  /** Anything that is not an {@link AppError}: still fails closed. */
  unexpected: true;
}

/** A code registered by some layer. */
export type ErrorCode = Extract<keyof ErrorCodeRegistry, string>;

/** Base of each layer's error family: a registered code, and whether trying again can help. */
export abstract class AppError<C extends ErrorCode = ErrorCode> extends Error {
  /** True when the same attempt may succeed if made again (a card moved, a service briefly away). */
  abstract readonly retriable: boolean;

  constructor(
    readonly code: C,
    message: string = code,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The code of anything thrown: an {@link AppError}'s own, else `unexpected` (which fails closed). */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof AppError ? (error as AppError).code : 'unexpected';
}

/** Whether trying again may help: only an {@link AppError} that says so. */
export function isRetriable(error: unknown): boolean {
  return error instanceof AppError && error.retriable;
}
