/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { ocrAssetsPlugin } from './scripts/ocr-assets.ts';
import { pwaPlugin } from './scripts/pwa.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './scripts/security-headers.ts';

/**
 * The strict CSP goes into the built page only: the dev server needs inline scripts and a WebSocket for hot
 * reload. `vite preview` (and the e2e run against it) also sends it as a header, with the other headers.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [react(), contentSecurityPolicy(), ocrAssetsPlugin(), pwaPlugin()],
  build: {
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    // The e2e build also serves fixture pages (the virtual card in the browser); production has only the app.
    rolldownOptions: mode === 'e2e' ? { input: ['index.html', 'e2e/fixtures/virtual-card.html'] } : {},
    target: 'es2022',
    sourcemap: false,
  },
  preview: { headers: SECURITY_HEADERS },
  test: {
    include: ['app/**/*.test.ts', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts', 'bridge/**/*.test.ts'],
    environment: 'node',
    // A far-west zone, so that any code reading local time instead of Japan time fails.
    env: { TZ: 'Pacific/Honolulu' },
  },
}));
