/**
 * The bridge's TCP port when none is configured (loopback only). Its own module, importing nothing, so the
 * build's security headers (`scripts/security-headers.ts`, loaded by the Vite config) can read it too.
 */
export const BRIDGE_DEFAULT_PORT = 47801;
