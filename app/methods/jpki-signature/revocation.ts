/**
 * Revocation check of a JPKI signature certificate through an operator's HTTP service. JPKI revocation data
 * (CRL/OCSP) is given only to authorised verifiers and platform operators, so the app cannot query J-LIS
 * itself: the operator runs a service that can, and configures its endpoint. Without one, the verdict says
 * "revocation not checked".
 *
 * The checker fails closed: anything but a well-formed answer of that service rejects, never resolves 'good'.
 * The request names the certificate by serial number and issuer only: the signature certificate carries the
 * holder's name, address and date of birth, so the whole certificate is sent only where the operator sets
 * `sendCertificate` because their service needs it. Neither the certificate nor the token (a credential) is
 * ever logged or put into an error message.
 */
import { AppError } from '../../errors/app-error';

/** The service's answer about one certificate. */
export type RevocationResult = 'good' | 'revoked';

/** The certificate to check. */
export interface RevocationQuery {
  /** Serial number, hex, lower case, without separators. */
  readonly serialNumber: string;
  /** Issuer distinguished name, as a string. */
  readonly issuer: string;
  /** The whole certificate, DER: sent only when the config's `sendCertificate` asks for it. */
  readonly certificateDer: Uint8Array;
}

/** Something that can tell whether a certificate is revoked. */
export interface RevocationChecker {
  /**
   * Asks whether `certificate` is revoked.
   * @throws {RevocationError} when no trustworthy answer could be had.
   * @throws the signal's reason when the caller aborts.
   */
  check(certificate: RevocationQuery, options?: { signal?: AbortSignal }): Promise<RevocationResult>;
}

/** The operator's settings for the revocation service (validated by {@link parseRevocationConfig}). */
export interface RevocationConfig {
  /** Absolute https: URL, or http: on a loopback host. */
  readonly endpoint: string;
  /** Bearer token sent in `Authorization`, when the service requires one. */
  readonly token?: string;
  /** How long one check may take, milliseconds (default {@link DEFAULT_REVOCATION_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /**
   * Also send the whole certificate (name, address, date of birth): only for a service that cannot answer
   * from the serial number and issuer. Off by default.
   */
  readonly sendCertificate?: boolean;
}

/** Timeout of one check when the config sets none, milliseconds. */
export const DEFAULT_REVOCATION_TIMEOUT_MS = 5000;

/** Bounds of `timeoutMs`, milliseconds: a counter cannot wait longer than a minute for one answer. */
export const REVOCATION_TIMEOUT_MS = Object.freeze({ min: 1, max: 60_000 });

/** Version of the request and response bodies. */
const PROTOCOL_VERSION = 1;

/** Every way a revocation check can fail. */
export type RevocationErrorCode =
  /** The service could not be reached or gave no well-formed answer. */
  | 'revocation.unavailable'
  /** The service did not answer within `timeoutMs`. */
  | 'revocation.timeout';

declare module '../../errors/app-error' {
  interface ErrorCodeRegistry extends Record<RevocationErrorCode, true> {}
}

/** No trustworthy answer from the revocation service. Always retriable: the service may answer next time. */
export class RevocationError extends AppError<RevocationErrorCode> {
  override readonly name = 'RevocationError';
  readonly retriable = true;
}

const CONFIG_KEYS: ReadonlySet<string> = new Set(['endpoint', 'token', 'timeoutMs', 'sendCertificate']);

/** RFC 6750 `b64token`: also rules out anything that cannot go into a header (CR, LF, non-ASCII). */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Validates the operator's JSON config
 * (`{ "endpoint": "https://…", "token": "…", "timeoutMs": 5000, "sendCertificate": false }`).
 * Unknown keys are refused so that a misspelt `token` is not silently dropped.
 * @returns a frozen copy holding only the known keys, or `null` for anything malformed; never throws.
 */
export function parseRevocationConfig(json: unknown): RevocationConfig | null {
  try {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
    const record = json as Record<string, unknown>;
    if (Object.keys(record).some((key) => !CONFIG_KEYS.has(key))) return null;
    const { endpoint, token, timeoutMs, sendCertificate } = record;
    if (typeof endpoint !== 'string') return null;
    const url = allowedEndpoint(endpoint);
    if (url === null) return null;
    if (token !== undefined && (typeof token !== 'string' || !BEARER_TOKEN.test(token))) return null;
    if (
      timeoutMs !== undefined &&
      (typeof timeoutMs !== 'number' ||
        !Number.isInteger(timeoutMs) ||
        timeoutMs < REVOCATION_TIMEOUT_MS.min ||
        timeoutMs > REVOCATION_TIMEOUT_MS.max)
    ) {
      return null;
    }
    if (sendCertificate !== undefined && typeof sendCertificate !== 'boolean') return null;
    return Object.freeze({
      endpoint: url.href,
      ...(token !== undefined ? { token } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(sendCertificate === true ? { sendCertificate } : {}),
    });
  } catch {
    // A hostile object (throwing getter, proxy) is as malformed as bad JSON.
    return null;
  }
}

/** The endpoint as a URL when it is https:, or http: on loopback (nothing on the way to read it); else null. */
function allowedEndpoint(endpoint: string): URL | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  // fetch refuses URLs with credentials; the token belongs in the config's own field.
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  return null;
}

/** The URL parser has already normalised IPv4 forms (127.1, 0x7f.0.0.1) and brackets IPv6. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * {@link RevocationChecker} over the operator's HTTP service: POSTs `{ "version": 1, "serialNumber", "issuer" }`
 * as JSON (plus `"certificate": <base64 DER>` only with `sendCertificate`) and expects HTTP 200 with
 * `{ "version": 1, "status": "good" | "revoked" }`.
 */
export class HttpRevocationChecker implements RevocationChecker {
  private readonly config: RevocationConfig;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  /**
   * @param config the operator's settings; validated again, as it may have been built without the parser.
   * @param fetchImpl `fetch`, replaceable in tests.
   * @throws {TypeError} for a config that {@link parseRevocationConfig} would refuse.
   */
  constructor(config: RevocationConfig, fetchImpl: typeof fetch = fetch) {
    const checked = parseRevocationConfig(config);
    if (checked === null) throw new TypeError('invalid revocation service config');
    this.config = checked;
    this.timeoutMs = checked.timeoutMs ?? DEFAULT_REVOCATION_TIMEOUT_MS;
    this.fetchImpl = fetchImpl;
  }

  /**
   * @throws {RevocationError} `revocation.timeout` after `timeoutMs`; `revocation.unavailable` for a network
   * error, a status other than 200, or a body that is not the protocol's answer.
   * @throws the signal's reason when the caller aborts (a cancellation, not a failure of the service).
   */
  async check(certificate: RevocationQuery, options: { signal?: AbortSignal } = {}): Promise<RevocationResult> {
    const { signal } = options;
    signal?.throwIfAborted();
    const controller = new AbortController();
    const onCallerAbort = (): void => {
      controller.abort(signal?.reason);
    };
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    // abort() keeps the first reason, so a caller's abort before the timer is not taken for a timeout.
    const timeout = new RevocationError('revocation.timeout', 'revocation service timed out');
    const timer = setTimeout(() => {
      controller.abort(timeout);
    }, this.timeoutMs);
    // Settles on abort even if the fetch in use ignores its signal, so the timeout always holds.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener(
        'abort',
        () => {
          reject(new Error('aborted'));
        },
        { once: true },
      );
    });
    try {
      return await Promise.race([this.exchange(certificate, controller.signal), aborted]);
    } catch (error) {
      if (controller.signal.reason === timeout) throw timeout;
      signal?.throwIfAborted();
      if (error instanceof RevocationError) throw error;
      throw new RevocationError('revocation.unavailable', 'revocation service unreachable', { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private async exchange(certificate: RevocationQuery, signal: AbortSignal): Promise<RevocationResult> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.config.token !== undefined) headers.Authorization = `Bearer ${this.config.token}`;
    // Called without a receiver: window.fetch invoked as a method of another object throws "Illegal invocation".
    const fetchImpl = this.fetchImpl;
    const response = await fetchImpl(this.config.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        version: PROTOCOL_VERSION,
        serialNumber: certificate.serialNumber,
        issuer: certificate.issuer,
        ...(this.config.sendCertificate === true ? { certificate: toBase64(certificate.certificateDer) } : {}),
      }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      // A redirect would re-send the request (serial, issuer, token) to a place the operator did not configure.
      redirect: 'error',
      signal,
    });
    if (response.status !== 200) {
      // Frees the connection; what the body says does not matter.
      await response.body?.cancel().catch(() => undefined);
      throw new RevocationError('revocation.unavailable', `revocation service answered HTTP ${response.status}`);
    }
    let answer: unknown;
    try {
      answer = JSON.parse(await response.text());
    } catch (error) {
      throw new RevocationError('revocation.unavailable', 'revocation service answered no JSON', { cause: error });
    }
    return statusOf(answer);
  }
}

/** The status of a protocol answer; anything else is no answer. */
function statusOf(answer: unknown): RevocationResult {
  if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
    const { version, status } = answer as Record<string, unknown>;
    if (version === PROTOCOL_VERSION && (status === 'good' || status === 'revoked')) return status;
  }
  throw new RevocationError('revocation.unavailable', 'revocation service gave no valid answer');
}

/** Base64 of bytes, in chunks so a large certificate does not overflow the argument list. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}
