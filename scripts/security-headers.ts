/**
 * The security policy of the built app, in one place: the meta tag in the page, the preview server's headers
 * and the operator guide's web-server example all come from here.
 */

/**
 * No inline script, no third-party origin: only the app's own files and camera frames. Workers (the OCR
 * worker, the service worker) and the web app manifest come from the app's own origin only.
 * `'wasm-unsafe-eval'` lets the OCR engine compile its WebAssembly; it allows no JavaScript `eval`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
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
