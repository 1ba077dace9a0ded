/**
 * What the browser needs to install the app and to run its workers under the production headers.
 */
import { expect, test } from '@playwright/test';

test('the manifest names the app in Japanese and English and its icons are served', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const response = await request.get(href!);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as {
    name: string;
    display: string;
    start_url: string;
    theme_color: string;
    icons: { src: string; sizes: string; purpose: string }[];
  };
  expect(manifest.name).toMatch(/年齢確認.*age check/);
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
  );
  for (const icon of manifest.icons) {
    const png = await request.get(`/${icon.src}`);
    expect(png.ok(), icon.src).toBe(true);
    expect(png.headers()['content-type']).toBe('image/png');
  }
});

test('the page, the service worker and the OCR worker are served with the production headers', async ({ request }) => {
  for (const path of ['/', '/sw.js', '/ocr/worker.min.js']) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toContain("worker-src 'self';");
    expect(headers['content-security-policy'], path).toContain("manifest-src 'self'");
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    // Only the app itself may use the camera and USB readers; nothing else is granted.
    expect(headers['permissions-policy'], path).toBe(
      'camera=(self), usb=(self), geolocation=(), microphone=(), payment=()',
    );
  }
});
