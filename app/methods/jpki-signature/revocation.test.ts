import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HttpRevocationChecker,
  parseRevocationConfig,
  RevocationError,
  type RevocationConfig,
  type RevocationQuery,
} from './revocation';

const ENDPOINT = 'https://revocation.example.jp/v1/check';
const TOKEN = 'operator-Token_0123456789.abc~+/==';
const CERTIFICATE = Uint8Array.of(0x30, 0x82, 0x01, 0x0a, 0xfb, 0xff, 0x00);
const QUERY: RevocationQuery = {
  serialNumber: '0a1b2c3d',
  issuer: 'C=JP, O=JPKI, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems',
  certificateDer: CERTIFICATE,
};

type Fetch = typeof globalThis.fetch;

interface FetchCall {
  readonly input: Parameters<Fetch>[0];
  readonly init: RequestInit;
}

/** A fetch that records its calls and answers with `respond`. */
function fakeFetch(respond: (init: RequestInit) => Promise<Response> | Response): {
  fetchImpl: Fetch;
  calls: FetchCall[];
} {
  const calls: FetchCall[] = [];
  const fetchImpl = (input: Parameters<Fetch>[0], init: RequestInit = {}): Promise<Response> => {
    calls.push({ input, init });
    return Promise.resolve(respond(init));
  };
  return { fetchImpl, calls };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A fetch that never answers; like the real one it rejects with the signal's reason unless told to ignore it. */
function hangingFetch(honourSignal = true): Fetch {
  return (_input, init) =>
    new Promise<Response>((_, reject) => {
      if (!honourSignal) return;
      init?.signal?.addEventListener('abort', () => {
        reject(init.signal?.reason as Error);
      });
    });
}

/** The reason `promise` rejects with; fails the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    return error;
  }
}

function checker(config: Partial<RevocationConfig> = {}, fetchImpl: Fetch = hangingFetch()) {
  return new HttpRevocationChecker({ endpoint: ENDPOINT, ...config }, fetchImpl);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('parseRevocationConfig', () => {
  it('accepts a full config and returns a frozen copy with only its keys', () => {
    const source = { endpoint: ENDPOINT, token: TOKEN, timeoutMs: 3000 };
    const config = parseRevocationConfig(source);
    expect(config).toEqual(source);
    expect(config).not.toBe(source);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('accepts an endpoint alone, and normalises it', () => {
    expect(parseRevocationConfig({ endpoint: ENDPOINT })).toEqual({ endpoint: ENDPOINT });
    expect(parseRevocationConfig({ endpoint: 'HTTPS://Revocation.Example.JP' })).toEqual({
      endpoint: 'https://revocation.example.jp/',
    });
  });

  it.each([
    ['http://localhost:8080/check', 'http://localhost:8080/check'],
    ['http://127.0.0.1:9/check', 'http://127.0.0.1:9/check'],
    ['http://127.200.3.4/', 'http://127.200.3.4/'],
    ['http://127.1/', 'http://127.0.0.1/'],
    ['http://[::1]:8443/check', 'http://[::1]:8443/check'],
  ])('accepts http: on the loopback host of %s', (endpoint, normalised) => {
    expect(parseRevocationConfig({ endpoint })).toEqual({ endpoint: normalised });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', ENDPOINT],
    ['a number', 5000],
    ['an array', [ENDPOINT]],
    ['no endpoint', { token: TOKEN }],
    ['an endpoint that is not a string', { endpoint: 42 }],
    ['a relative endpoint', { endpoint: '/v1/check' }],
    ['an endpoint without a scheme', { endpoint: 'revocation.example.jp/v1/check' }],
    ['an empty endpoint', { endpoint: '' }],
    ['http: to a remote host', { endpoint: 'http://revocation.example.jp/v1/check' }],
    ['http: to a host that only starts with localhost', { endpoint: 'http://localhost.example.jp/' }],
    ['http: to a host that only starts with 127.', { endpoint: 'http://127.0.0.1.example.jp/' }],
    ['http: to a private address', { endpoint: 'http://192.168.1.10/' }],
    ['http: to IPv4-mapped loopback', { endpoint: 'http://[::ffff:127.0.0.1]/' }],
    ['ws:', { endpoint: 'ws://localhost/' }],
    ['ftp:', { endpoint: 'ftp://revocation.example.jp/' }],
    ['data:', { endpoint: 'data:application/json,{}' }],
    ['javascript:', { endpoint: 'javascript:alert(1)' }],
    ['credentials in the URL', { endpoint: 'https://user:secret@revocation.example.jp/' }],
    ['a token that is not a string', { endpoint: ENDPOINT, token: 12345 }],
    ['a null token', { endpoint: ENDPOINT, token: null }],
    ['an empty token', { endpoint: ENDPOINT, token: '' }],
    ['a token with a line break', { endpoint: ENDPOINT, token: 'abc\r\nX-Injected: 1' }],
    ['a token with a space', { endpoint: ENDPOINT, token: 'abc def' }],
    ['a token with non-ASCII', { endpoint: ENDPOINT, token: 'トークン' }],
    ['a timeout of 0', { endpoint: ENDPOINT, timeoutMs: 0 }],
    ['a negative timeout', { endpoint: ENDPOINT, timeoutMs: -1 }],
    ['a fractional timeout', { endpoint: ENDPOINT, timeoutMs: 1.5 }],
    ['a timeout over a minute', { endpoint: ENDPOINT, timeoutMs: 60_001 }],
    ['a NaN timeout', { endpoint: ENDPOINT, timeoutMs: Number.NaN }],
    ['an infinite timeout', { endpoint: ENDPOINT, timeoutMs: Number.POSITIVE_INFINITY }],
    ['a timeout as a string', { endpoint: ENDPOINT, timeoutMs: '5000' }],
    ['an unknown key', { endpoint: ENDPOINT, tokne: TOKEN }],
    ['sendCertificate as a string', { endpoint: ENDPOINT, sendCertificate: 'true' }],
  ])('refuses %s', (_, json) => {
    expect(parseRevocationConfig(json)).toBeNull();
  });

  it('keeps sendCertificate only when it is true', () => {
    expect(parseRevocationConfig({ endpoint: ENDPOINT, sendCertificate: true })).toEqual({
      endpoint: ENDPOINT,
      sendCertificate: true,
    });
    expect(parseRevocationConfig({ endpoint: ENDPOINT, sendCertificate: false })).toEqual({ endpoint: ENDPOINT });
  });

  it('accepts the bounds of the timeout', () => {
    expect(parseRevocationConfig({ endpoint: ENDPOINT, timeoutMs: 1 })).not.toBeNull();
    expect(parseRevocationConfig({ endpoint: ENDPOINT, timeoutMs: 60_000 })).not.toBeNull();
  });

  it('parses what JSON.parse gives', () => {
    const text = `{ "endpoint": "${ENDPOINT}", "token": "${TOKEN}", "timeoutMs": 5000 }`;
    expect(parseRevocationConfig(JSON.parse(text))).toEqual({ endpoint: ENDPOINT, token: TOKEN, timeoutMs: 5000 });
  });

  it('never throws, even for hostile objects', () => {
    const throwingGetter = Object.defineProperty({}, 'endpoint', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const throwingProxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(parseRevocationConfig(throwingGetter)).toBeNull();
    expect(parseRevocationConfig(throwingProxy)).toBeNull();
  });
});

describe('HttpRevocationChecker', () => {
  it('refuses a config the parser would refuse', () => {
    expect(() => new HttpRevocationChecker({ endpoint: 'http://revocation.example.jp/' })).toThrow(TypeError);
    expect(() => new HttpRevocationChecker({ endpoint: ENDPOINT, timeoutMs: 0 })).toThrow(TypeError);
  });

  it('POSTs exactly the protocol request, with the bearer token', async () => {
    const { fetchImpl, calls } = fakeFetch(() => json({ version: 1, status: 'good' }));
    await checker({ token: TOKEN }, fetchImpl).check(QUERY);
    expect(calls).toHaveLength(1);
    const { input, init } = calls[0]!;
    expect(input).toBe(ENDPOINT);
    expect(init.method).toBe('POST');
    expect([...new Headers(init.headers).entries()]).toEqual([
      ['authorization', `Bearer ${TOKEN}`],
      ['content-type', 'application/json'],
    ]);
    expect(init.body).toBe(
      JSON.stringify({
        version: 1,
        serialNumber: QUERY.serialNumber,
        issuer: QUERY.issuer,
      }),
    );
    // The certificate (name, address, date of birth) is not in the request unless the operator asks.
    expect(init.body).not.toContain('certificate');
    expect(init.credentials).toBe('omit');
    expect(init.cache).toBe('no-store');
    expect(init.referrerPolicy).toBe('no-referrer');
    expect(init.redirect).toBe('error');
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends no Authorization header without a token', async () => {
    const { fetchImpl, calls } = fakeFetch(() => json({ version: 1, status: 'good' }));
    await checker({}, fetchImpl).check(QUERY);
    expect([...new Headers(calls[0]!.init.headers).entries()]).toEqual([['content-type', 'application/json']]);
  });

  it('sends the certificate only with sendCertificate', async () => {
    const { fetchImpl, calls } = fakeFetch(() => json({ version: 1, status: 'good' }));
    await checker({ sendCertificate: true }, fetchImpl).check(QUERY);
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      version: 1,
      serialNumber: QUERY.serialNumber,
      issuer: QUERY.issuer,
      certificate: 'MIIBCvv/AA==',
    });
  });

  it('encodes a large certificate as base64 in full (sendCertificate)', async () => {
    // Larger than one 32 KiB chunk of the encoder, and not a multiple of it.
    const der = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
    const { fetchImpl, calls } = fakeFetch(() => json({ version: 1, status: 'good' }));
    await checker({ sendCertificate: true }, fetchImpl).check({ ...QUERY, certificateDer: der });
    const body = JSON.parse(calls[0]!.init.body as string) as { certificate: string };
    const decoded = atob(body.certificate);
    expect(decoded.length).toBe(der.length);
    expect([...der].every((byte, i) => decoded.charCodeAt(i) === byte)).toBe(true);
  });

  it('calls fetch without a receiver (window.fetch throws "Illegal invocation" otherwise)', async () => {
    let receiver: unknown = 'not called';
    const fetchImpl = function (this: unknown): Promise<Response> {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- recording the receiver is the point
      receiver = this;
      return Promise.resolve(json({ version: 1, status: 'good' }));
    };
    await checker({}, fetchImpl).check(QUERY);
    expect(receiver).toBeUndefined();
  });

  it.each(['good', 'revoked'] as const)('resolves the service\'s answer "%s"', async (status) => {
    const { fetchImpl } = fakeFetch(() => json({ version: 1, status }));
    await expect(checker({}, fetchImpl).check(QUERY)).resolves.toBe(status);
  });

  it('ignores fields the protocol may add later', async () => {
    const { fetchImpl } = fakeFetch(() => json({ version: 1, status: 'revoked', reason: 'keyCompromise' }));
    await expect(checker({}, fetchImpl).check(QUERY)).resolves.toBe('revoked');
  });

  it.each([
    ['HTTP 201', () => json({ version: 1, status: 'good' }, 201)],
    ['HTTP 204', () => new Response(null, { status: 204 })],
    ['HTTP 400', () => json({ version: 1, status: 'good' }, 400)],
    ['HTTP 401', () => new Response('unauthorised', { status: 401 })],
    ['HTTP 404', () => new Response('not found', { status: 404 })],
    ['HTTP 500 saying good', () => json({ version: 1, status: 'good' }, 500)],
    ['HTTP 503', () => new Response(null, { status: 503 })],
    ['a body that is not JSON', () => new Response('<html>good</html>', { status: 200 })],
    ['an empty body', () => new Response('', { status: 200 })],
    ['truncated JSON', () => new Response('{"version":1,"status":"go', { status: 200 })],
    ['JSON null', () => json(null)],
    ['a JSON string', () => json('good')],
    ['a JSON array', () => json([{ version: 1, status: 'good' }])],
    ['an unknown status', () => json({ version: 1, status: 'unknown' })],
    ['a status in another case', () => json({ version: 1, status: 'GOOD' })],
    ['no status', () => json({ version: 1 })],
    ['a boolean status', () => json({ version: 1, status: true })],
    ['version 2', () => json({ version: 2, status: 'good' })],
    ['version "1"', () => json({ version: '1', status: 'good' })],
    ['no version', () => json({ status: 'good' })],
  ])('fails closed on %s', async (_, respond) => {
    const { fetchImpl } = fakeFetch(respond);
    const error = await rejectionOf(checker({}, fetchImpl).check(QUERY));
    expect(error).toBeInstanceOf(RevocationError);
    expect(error).toMatchObject({ name: 'RevocationError', code: 'revocation.unavailable', retriable: true });
  });

  it('fails closed on a network error, keeping it as the cause', async () => {
    const failure = new TypeError('fetch failed');
    const fetchImpl: Fetch = () => Promise.reject(failure);
    const error = await rejectionOf(checker({}, fetchImpl).check(QUERY));
    expect(error).toBeInstanceOf(RevocationError);
    expect(error).toMatchObject({ code: 'revocation.unavailable', retriable: true, cause: failure });
  });

  it('fails closed when fetch throws synchronously (e.g. a header it refuses)', async () => {
    const fetchImpl: Fetch = () => {
      throw new TypeError('invalid header');
    };
    await expect(checker({}, fetchImpl).check(QUERY)).rejects.toMatchObject({ code: 'revocation.unavailable' });
  });

  it('puts neither the token nor the certificate into its errors', async () => {
    const { fetchImpl } = fakeFetch(() => new Response(`bad token ${TOKEN}`, { status: 401 }));
    const error = await rejectionOf(checker({ token: TOKEN }, fetchImpl).check(QUERY));
    expect(error).toBeInstanceOf(RevocationError);
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('MIIBCvv/AA==');
    expect(text).toContain('401');
  });

  describe('timeout', () => {
    it('gives up after 5 s by default with revocation.timeout, aborting the request', async () => {
      vi.useFakeTimers();
      const { fetchImpl, calls } = fakeFetch((init) => hangingFetch()(ENDPOINT, init));
      const result = rejectionOf(checker({}, fetchImpl).check(QUERY));
      await vi.advanceTimersByTimeAsync(4999);
      expect(calls[0]!.init.signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await result;
      expect(error).toBeInstanceOf(RevocationError);
      expect(error).toMatchObject({ code: 'revocation.timeout', retriable: true });
      expect(calls[0]!.init.signal?.aborted).toBe(true);
    });

    it('uses the configured timeoutMs', async () => {
      vi.useFakeTimers();
      const result = rejectionOf(checker({ timeoutMs: 250 }, hangingFetch()).check(QUERY));
      await vi.advanceTimersByTimeAsync(250);
      await expect(result).resolves.toMatchObject({ code: 'revocation.timeout' });
    });

    it('holds even when fetch ignores its signal', async () => {
      vi.useFakeTimers();
      const result = rejectionOf(checker({ timeoutMs: 100 }, hangingFetch(false)).check(QUERY));
      await vi.advanceTimersByTimeAsync(100);
      await expect(result).resolves.toMatchObject({ code: 'revocation.timeout' });
    });

    it('covers a body that stalls after the headers', async () => {
      vi.useFakeTimers();
      const stalled = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"version":1,'));
        },
      });
      const { fetchImpl } = fakeFetch(() => new Response(stalled, { status: 200 }));
      const result = rejectionOf(checker({ timeoutMs: 100 }, fetchImpl).check(QUERY));
      await vi.advanceTimersByTimeAsync(100);
      await expect(result).resolves.toMatchObject({ code: 'revocation.timeout' });
    });

    it('leaves no timer behind after an answer', async () => {
      vi.useFakeTimers();
      const { fetchImpl } = fakeFetch(() => json({ version: 1, status: 'good' }));
      await checker({}, fetchImpl).check(QUERY);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe("caller's abort", () => {
    it('rejects at once with the reason of an already aborted signal, without a request', async () => {
      const { fetchImpl, calls } = fakeFetch(() => json({ version: 1, status: 'good' }));
      const reason = new DOMException('cancelled', 'AbortError');
      const error = await rejectionOf(checker({}, fetchImpl).check(QUERY, { signal: AbortSignal.abort(reason) }));
      expect(error).toBe(reason);
      expect(calls).toHaveLength(0);
    });

    it('aborts the request in flight and rejects with the signal’s reason, not a RevocationError', async () => {
      const { fetchImpl, calls } = fakeFetch((init) => hangingFetch()(ENDPOINT, init));
      const controller = new AbortController();
      const result = rejectionOf(checker({}, fetchImpl).check(QUERY, { signal: controller.signal }));
      await Promise.resolve();
      expect(calls).toHaveLength(1);
      controller.abort();
      const error = await result;
      expect(error).not.toBeInstanceOf(RevocationError);
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(calls[0]!.init.signal?.aborted).toBe(true);
    });

    it('aborts even when fetch ignores its signal', async () => {
      const controller = new AbortController();
      const result = rejectionOf(checker({}, hangingFetch(false)).check(QUERY, { signal: controller.signal }));
      const reason = new Error('customer left');
      controller.abort(reason);
      await expect(result).resolves.toBe(reason);
    });

    it('is not reported as a timeout when the timer would have fired later', async () => {
      vi.useFakeTimers();
      const controller = new AbortController();
      const result = rejectionOf(checker({ timeoutMs: 100 }).check(QUERY, { signal: controller.signal }));
      await vi.advanceTimersByTimeAsync(50);
      controller.abort();
      await vi.advanceTimersByTimeAsync(100);
      expect(await result).toMatchObject({ name: 'AbortError' });
    });

    it('stops listening to the signal once answered', async () => {
      const controller = new AbortController();
      const remove = vi.spyOn(controller.signal, 'removeEventListener');
      const { fetchImpl } = fakeFetch(() => json({ version: 1, status: 'good' }));
      await checker({}, fetchImpl).check(QUERY, { signal: controller.signal });
      expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    });
  });
});
