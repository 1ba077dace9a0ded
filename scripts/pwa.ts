/**
 * Offline and installable: the web app manifest and a Workbox service worker (vite-plugin-pwa, generateSW)
 * that precaches the built app, the OCR engine and worker, and the Japanese model, so that one visit is
 * enough to work with no network.
 *
 * The OCR engine's core is not precached: a browser runs one of the three that are served, so the page keeps
 * that one in `OCR_CORE_CACHE` (`app/methods/card-face-ocr/ocr-core.ts`) and the worker serves it from there.
 *
 * Privacy: the worker caches the build's own files, listed at build time, the OCR core, and two operator files
 * that hold public keys only (the J-LIS roots and the CV CA keys, network first, so that the chip checks work
 * offline). Any other
 * request (`config/revocation.json` with its token, the revocation endpoint, anything cross-origin) goes to
 * the network untouched and is never stored.
 */
import { VitePWA } from 'vite-plugin-pwa';
import { OCR_CORE_CACHE } from '../app/methods/card-face-ocr/ocr-core-files.ts';
import { CV_CA_KEYS_PATH } from '../app/methods/chip-proof/config-path.ts';
import { TRUST_ANCHOR_PATH } from '../app/methods/jpki-signature/config-paths.ts';
import type { PluginOption } from 'vite';

/** The model is ~2 MB; Workbox skips files over 2 MiB by default. */
const LARGEST_PRECACHED_FILE_BYTES = 6 * 1024 * 1024;

export const APP_THEME_COLOUR = '#1f4e8c';

/** The runtime caches: the operator's J-LIS root certificates and CV CA keys (public data). */
export const TRUST_ANCHOR_CACHE = 'jpki-trust-anchors';
export const CV_CA_KEYS_CACHE = 'cv-ca-keys';

export function pwaPlugin(): PluginOption {
  return VitePWA({
    // Never reload by itself: the page offers the update while no check is running (app/pwa/).
    registerType: 'prompt',
    // The page registers the worker itself, lazily, after the first render (no inline script under the CSP).
    injectRegister: false,
    // The manifest's icons are in the glob below already.
    includeManifestIcons: false,
    strategies: 'generateSW',
    filename: 'sw.js',
    manifestFilename: 'manifest.webmanifest',
    manifest: {
      id: '/',
      name: 'マイナンバーカード年齢確認 / My Number Card age check',
      short_name: '年齢確認 Age check',
      description: 'マイナンバーカードの生年月日で年齢を確認します / Age check from the My Number Card date of birth',
      lang: 'ja',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      display_override: ['fullscreen', 'standalone'],
      orientation: 'any',
      theme_color: APP_THEME_COLOUR,
      background_color: '#ffffff',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // The manifest itself is added by the plugin.
      // `.wasm`: the chip photo's JPEG 2000 decoder.
      globPatterns: ['**/*.{html,js,css,svg,png,gz,wasm}'],
      // The e2e build's test fixture pages are not part of the app; the OCR cores are kept one at a time (below).
      globIgnores: ['e2e/**', 'ocr/core/**'],
      maximumFileSizeToCacheInBytes: LARGEST_PRECACHED_FILE_BYTES,
      // Launch URLs carry settings (`/?mode=kiosk&…`): every navigation to the app gets the cached page.
      navigateFallback: 'index.html',
      // Workbox matches these against path and query.
      navigateFallbackAllowlist: [/^\/(?:index\.html)?(?:\?.*)?$/],
      cleanupOutdatedCaches: true,
      runtimeCaching: [
        {
          // The one core this browser runs, put there by the page; cache first, it never changes at its URL.
          urlPattern: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/ocr/core/'),
          handler: 'CacheFirst',
          method: 'GET',
          options: { cacheName: OCR_CORE_CACHE, cacheableResponse: { statuses: [200] } },
        },
        {
          urlPattern: ({ sameOrigin, url }) => sameOrigin && url.pathname === `/${TRUST_ANCHOR_PATH}`,
          handler: 'NetworkFirst',
          method: 'GET',
          options: { cacheName: TRUST_ANCHOR_CACHE, cacheableResponse: { statuses: [200] } },
        },
        {
          urlPattern: ({ sameOrigin, url }) => sameOrigin && url.pathname === `/${CV_CA_KEYS_PATH}`,
          handler: 'NetworkFirst',
          method: 'GET',
          options: { cacheName: CV_CA_KEYS_CACHE, cacheableResponse: { statuses: [200] } },
        },
      ],
      clientsClaim: false,
      skipWaiting: false,
    },
  });
}
