/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { ocrAssetsPlugin } from './scripts/ocr-assets.ts';
import { pwaPlugin } from './scripts/pwa.ts';
import { CONTENT_SECURITY_POLICY, headersForBuiltPage } from './scripts/security-headers.ts';

/**
 * The strict CSP goes into the built page only: the dev server needs inline scripts and a WebSocket for hot
 * reload. `vite preview` (and the e2e run against it) also sends it as a header, with the other headers
 * (`previewHeaders`).
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

/**
 * `vite preview` sends the security headers with the CSP of the build it serves (read from its index.html), so
 * the bridge port allowed is the one the build was made for, whatever `BRIDGE_PORT` says now.
 */
function previewHeaders(): Plugin {
  return {
    name: 'preview-security-headers',
    configurePreviewServer(server) {
      const indexHtml = readFileSync(
        join(resolve(server.config.root, server.config.build.outDir), 'index.html'),
        'utf8',
      );
      const headers = headersForBuiltPage(indexHtml);
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        next();
      });
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [react(), contentSecurityPolicy(), previewHeaders(), ocrAssetsPlugin(), pwaPlugin()],
  build: {
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    // The e2e build also serves fixture pages (the virtual card in the browser); production has only the app.
    rolldownOptions: mode === 'e2e' ? { input: ['index.html', 'e2e/fixtures/virtual-card.html'] } : {},
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['app/**/*.test.ts', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts', 'bridge/**/*.test.ts'],
    environment: 'node',
    // A far-west zone, so that any code reading local time instead of Japan time fails.
    env: { TZ: 'Pacific/Honolulu' },
  },
}));
