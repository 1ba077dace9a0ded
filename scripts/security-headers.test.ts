import { describe, expect, it } from 'vitest';
import { BRIDGE_DEFAULT_PORT } from '../app/readers/pcsc-bridge/default-port';
import { CONTENT_SECURITY_POLICY, headersForBuiltPage, SECURITY_HEADERS } from './security-headers';

describe('content security policy', () => {
  it('lets the page reach its own origin and the PC/SC bridge on loopback, nothing else', () => {
    const connect = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('connect-src'));
    const port = process.env['BRIDGE_PORT'] ?? String(BRIDGE_DEFAULT_PORT);
    expect(connect).toBe(`connect-src 'self' ws://127.0.0.1:${port}`);
  });
});

describe('headers for a built page (npm run preview)', () => {
  it('take the CSP, with its bridge port, from the build rather than from the environment', () => {
    const built = CONTENT_SECURITY_POLICY.replace(/ws:\/\/127\.0\.0\.1:\d+/, 'ws://127.0.0.1:51234').replaceAll(
      "'",
      '&#39;',
    );
    const headers = headersForBuiltPage(
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${built}"><title>x</title>`,
    );
    expect(headers['Content-Security-Policy']).toContain("connect-src 'self' ws://127.0.0.1:51234;");
    expect(headers['Content-Security-Policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(headers['Content-Security-Policy']).toMatch(/; frame-ancestors 'none'$/);
    expect(headers['Permissions-Policy']).toBe(SECURITY_HEADERS['Permissions-Policy']);
  });

  it('refuses a page without the CSP, rather than serve it without one', () => {
    expect(() => headersForBuiltPage('<html><head></head></html>')).toThrow(/build it first/);
  });
});
