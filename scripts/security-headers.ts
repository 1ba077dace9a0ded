/**
 * The security policy of the built app, in one place: the meta tag in the page, the preview server's headers
 * and the operator guide's web-server example all come from here.
 */

import { BRIDGE_DEFAULT_PORT } from '../app/readers/pcsc-bridge/default-port.ts';

/**
 * The local PC/SC bridge's port the page may open a WebSocket to (loopback only). A static page cannot
 * widen its CSP at run time, so a bridge on another port needs a build with `BRIDGE_PORT=<port>`.
 */
export const BRIDGE_PORT = bridgePort(process.env['BRIDGE_PORT']);

function bridgePort(value: string | undefined): number {
  if (value === undefined || value === '') return BRIDGE_DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1024 || port > 65535) throw new Error(`BRIDGE_PORT must be 1024-65535: ${value}`);
  return port;
}

/**
 * No inline script, no third-party origin: only the app's own files, camera frames and the local PC/SC bridge.
 * Workers (the OCR worker, the service worker) and the web app manifest come from the app's own origin only.
 * `'wasm-unsafe-eval'` lets the OCR engine compile its WebAssembly; it allows no JavaScript `eval`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  // The bridge by address, never by name: `localhost` could be resolved elsewhere.
  `connect-src 'self' ws://127.0.0.1:${BRIDGE_PORT}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers for a static server (meta tags cannot set `frame-ancestors` or `Permissions-Policy`). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'Permissions-Policy': 'camera=(self), usb=(self), geolocation=(), microphone=(), payment=()',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The headers for serving a build, with the Content-Security-Policy taken from the built page itself, so that
 * `npm run preview` allows the bridge port the build was made for (`BRIDGE_PORT` at build time) without being
 * told again.
 * @throws {Error} when the page carries no CSP meta tag (not a build of this app: serving it would lose the CSP).
 */
export function headersForBuiltPage(indexHtml: string): Readonly<Record<string, string>> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(indexHtml)?.[1];
  if (meta === undefined) throw new Error('the built index.html has no Content-Security-Policy: build it first');
  const policy = meta.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  return { ...SECURITY_HEADERS, 'Content-Security-Policy': `${policy}; frame-ancestors 'none'` };
}
