import { afterEach, describe, expect, it } from 'vitest';
import {
  HttpRevocationChecker,
  RevocationError,
  type RevocationConfig,
  type RevocationQuery,
} from '../../app/methods/jpki-signature/revocation';
import { startRevocationServer, type RevocationServer, type RevocationServerOptions } from './revocation-server';

const TOKEN = 'test-token-0123456789';
const QUERY: RevocationQuery = {
  serialNumber: '0123abcd',
  issuer: 'C=JP, O=JPKI, OU=JPKI for digital signature',
  certificateDer: Uint8Array.from({ length: 1500 }, (_, i) => i & 0xff),
};
const REVOKED: RevocationQuery = { ...QUERY, serialNumber: 'deadbeef' };

const servers: RevocationServer[] = [];

async function start(options: RevocationServerOptions = {}): Promise<RevocationServer> {
  const server = await startRevocationServer(options);
  servers.push(server);
  return server;
}

function checkerFor(server: RevocationServer, config: Partial<RevocationConfig> = {}): HttpRevocationChecker {
  return new HttpRevocationChecker({ endpoint: server.url, ...config });
}

function post(server: RevocationServer, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
}

const validBody = JSON.stringify({ version: 1, serialNumber: 'ab', issuer: 'C=JP', certificate: 'MIIB' });

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('HttpRevocationChecker against the revocation server', () => {
  it('listens on loopback only', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/check$/);
  });

  it('answers good for a serial not listed, and counts the check', async () => {
    const server = await start({ revokedSerials: ['DEADBEEF'] });
    await expect(checkerFor(server).check(QUERY)).resolves.toBe('good');
    expect(server.requests).toBe(1);
    // Minimal by default: the certificate (name, address, date of birth) never reaches the service.
    expect(server.fields).toEqual([['issuer', 'serialNumber', 'version']]);
  });

  it('receives the certificate only from an operator who set sendCertificate', async () => {
    const server = await start();
    await expect(checkerFor(server, { sendCertificate: true }).check(QUERY)).resolves.toBe('good');
    expect(server.fields).toEqual([['certificate', 'issuer', 'serialNumber', 'version']]);
  });

  it('answers revoked for a listed serial, whatever case it was listed in', async () => {
    const server = await start({ revokedSerials: new Set(['DeadBeef']) });
    await expect(checkerFor(server).check(REVOKED)).resolves.toBe('revoked');
  });

  it('accepts the right bearer token', async () => {
    const server = await start({ token: TOKEN, revokedSerials: ['deadbeef'] });
    await expect(checkerFor(server, { token: TOKEN }).check(REVOKED)).resolves.toBe('revoked');
  });

  it.each([
    ['a wrong token', { token: 'wrong-token' }],
    ['a token of another length', { token: `${TOKEN}x` }],
    ['no token', {}],
  ])('fails closed with %s', async (_, config) => {
    const server = await start({ token: TOKEN });
    const error = await checkerFor(server, config)
      .check(QUERY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevocationError);
    expect(error).toMatchObject({ code: 'revocation.unavailable', retriable: true });
    expect((error as Error).message).toContain('401');
    expect(server.requests).toBe(1);
  });

  it('times out on a slow server with revocation.timeout, and the server still closes at once', async () => {
    const server = await start({ delayMs: 2000 });
    const started = performance.now();
    const error = await checkerFor(server, { timeoutMs: 100 })
      .check(QUERY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevocationError);
    expect(error).toMatchObject({ code: 'revocation.timeout', retriable: true });
    expect(performance.now() - started).toBeLessThan(1500);
    const closing = performance.now();
    await server.close();
    expect(performance.now() - closing).toBeLessThan(1000);
  });

  it('answers within the timeout when the delay is shorter', async () => {
    const server = await start({ delayMs: 50 });
    await expect(checkerFor(server, { timeoutMs: 2000 }).check(QUERY)).resolves.toBe('good');
  });

  it('closes cleanly with keep-alive connections open, and cannot be reached afterwards', async () => {
    const server = await start();
    const checker = checkerFor(server);
    await expect(checker.check(QUERY)).resolves.toBe('good');
    await server.close();
    await server.close();
    await expect(checker.check(QUERY)).rejects.toMatchObject({ code: 'revocation.unavailable' });
  });
});

describe('revocation server protocol', () => {
  it('answers the CORS preflight of a page on another loopback port', async () => {
    const server = await start({ token: TOKEN });
    const origin = 'http://127.0.0.1:4173';
    const response = await fetch(server.url, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(server.requests).toBe(0);
  });

  it('echoes the Origin on answers, errors included', async () => {
    const server = await start({ token: TOKEN });
    const origin = 'http://localhost:5173';
    const ok = await post(server, validBody, { Origin: origin, Authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await ok.json()).toEqual({ version: 1, status: 'good' });
    const refused = await post(server, validBody, { Origin: origin });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each([
    ['not JSON', 'serial=ab'],
    ['a JSON array', '[]'],
    ['version 2', JSON.stringify({ version: 2, serialNumber: 'ab', issuer: 'C=JP', certificate: 'MIIB' })],
    ['an upper-case serial', JSON.stringify({ version: 1, serialNumber: 'AB', issuer: 'C=JP', certificate: 'MIIB' })],
    ['no issuer', JSON.stringify({ version: 1, serialNumber: 'ab', certificate: 'MIIB' })],
    [
      'a certificate not in base64',
      JSON.stringify({ version: 1, serialNumber: 'ab', issuer: 'C=JP', certificate: '*' }),
    ],
  ])('answers 400 to a body that is %s', async (_, body) => {
    const server = await start();
    expect((await post(server, body)).status).toBe(400);
  });

  it('answers 400 to a body that is not declared as JSON', async () => {
    const server = await start();
    expect((await post(server, validBody, { 'Content-Type': 'text/plain' })).status).toBe(400);
  });

  it('answers 400 to a body over 64 KiB, and 200 to one just under', async () => {
    const server = await start();
    const padded = (size: number) => {
      const base = JSON.stringify({ version: 1, serialNumber: 'ab', issuer: 'C=JP', certificate: 'MIIB' });
      return base.slice(0, -1) + ',"pad":"' + 'x'.repeat(size - base.length - 9) + '"}';
    };
    expect(padded(64 * 1024)).toHaveLength(64 * 1024);
    expect((await post(server, padded(64 * 1024))).status).toBe(200);
    expect((await post(server, padded(64 * 1024 + 1))).status).toBe(400);
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    const server = await start();
    expect((await fetch(new URL('/other', server.url), { method: 'POST', body: validBody })).status).toBe(404);
    const get = await fetch(server.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
  });
});
