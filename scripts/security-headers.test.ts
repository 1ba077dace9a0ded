import { describe, expect, it } from 'vitest';
import { BRIDGE_DEFAULT_PORT } from '../app/readers/pcsc-bridge/default-port';
import { CONTENT_SECURITY_POLICY } from './security-headers';

describe('content security policy', () => {
  it('lets the page reach its own origin and the PC/SC bridge on loopback, nothing else', () => {
    const connect = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('connect-src'));
    const port = process.env['BRIDGE_PORT'] ?? String(BRIDGE_DEFAULT_PORT);
    expect(connect).toBe(`connect-src 'self' ws://127.0.0.1:${port}`);
  });
});
