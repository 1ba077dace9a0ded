/**
 * Offline and updates: after one visit the service worker serves the whole app, the OCR engine (the one core
 * this browser runs), the Japanese model and the chip photo's JPEG 2000 decoder with no network; a new version
 * is offered between checks only and never reloads a check.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { CV_CA_KEYS_PATH } from '../app/methods/chip-proof/config-path';
import { REVOCATION_CONFIG_PATH, TRUST_ANCHOR_PATH } from '../app/methods/jpki-signature/config-paths';
import { cardImage } from './pages/card-image';
import { CheckPage, evidence } from './pages/check-page';
import { AgeCheck } from './pages/age-check';
import { ChipPhotoView } from './pages/chip-photo';
import { openDemoWithReader } from './pages/demo';
import { NumberBFlow } from './pages/numberb-flow';
import { cacheContents, waitForServiceWorker } from './pages/service-worker';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 120_000 });

test('after one visit the app, the OCR method and the chip photo decoder work with no network', async ({
  page,
  context,
}, info) => {
  await openDemoWithReader(page, 'adult-35');
  await waitForServiceWorker(page);
  // Of the three OCR cores served, exactly one is kept: the one this browser runs, which the page picks.
  const cores = Object.values(await cacheContents(page))
    .flat()
    .filter((url) => new URL(url).pathname.startsWith('/ocr/core/'));
  expect(cores).toHaveLength(1);
  expect(cores[0]).toMatch(/tesseract-core-(relaxedsimd|simd)-lstm\.wasm\.js$/);

  await context.setOffline(true);
  // The network is really gone: a file the worker does not hold cannot be fetched.
  const probe = await page.evaluate(() =>
    fetch(`/not-cached-${Date.now()}.txt`).then(
      () => 'reached',
      () => 'failed',
    ),
  );
  expect(probe).toBe('failed');

  await openDemoWithReader(page, 'adult-35');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const check = new AgeCheck(page);
  await check.start('face-only');
  await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
  await expect(check.step('face-confirm')).toBeVisible({ timeout: 90_000 });
  await check.tap(page.getByTestId('face.decide'));
  await check.expectVerdict('of-age');

  // The chip photo's JPEG 2000 decoder (WebAssembly) comes from the precache too.
  await check.nextCustomer();
  await new NumberBFlow(page, check).checkFromCardFace();
  await check.expectVerdict('of-age');
  const photo = new ChipPhotoView(page);
  await photo.expectShown();
  expect(await photo.drawnDetail()).toBeGreaterThan(1000);
});

/**
 * These tests change what is deployed: their own copy of the e2e build, served on another port (another
 * origin, so its service worker is apart from the other tests').
 */
test.describe('a deployment', () => {
  let dir = '';
  let server: PreviewServer | null = null;
  let origin = '';

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'age-check-update-'));
    cpSync('dist-e2e', dir, { recursive: true });
    server = await preview({
      mode: 'e2e',
      logLevel: 'warn',
      build: { outDir: dir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address();
    if (address === null || typeof address === 'string') throw new Error('preview server has no TCP address');
    origin = `http://127.0.0.1:${address.port}`;
  });

  test.afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Deploys a new version: a changed page, and a service worker that precaches it under a new revision. */
  function deployVersion(label: string): void {
    const html = join(dir, 'index.html');
    const page = readFileSync(html, 'utf8').replace(/<meta name="app-build"[^>]*>/, '');
    writeFileSync(html, page.replace('<head>', `<head><meta name="app-build" content="${label}">`));
    const sw = join(dir, 'sw.js');
    const before = readFileSync(sw, 'utf8');
    const after = before.replace(/(\{url:"index\.html",revision:")[^"]+"/, `$1${label}"`);
    expect(after).not.toBe(before);
    writeFileSync(sw, after);
  }

  /** Opens the app controlled by its activated service worker, and marks the document to detect a reload. */
  async function openControlled(page: Page, query = ''): Promise<void> {
    await page.goto(`${origin}/${query}`);
    await waitForServiceWorker(page);
    await page.goto(`${origin}/${query}`);
    await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.evaluate(() => {
      const marks = window as { notReloaded?: boolean; newVersionInControl?: boolean };
      marks.notReloaded = true;
      navigator.serviceWorker.addEventListener('controllerchange', () => (marks.newVersionInControl = true));
    });
  }

  const reloaded = async (page: Page) =>
    (await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)) !== true;

  async function findUpdate(page: Page): Promise<void> {
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state), {
        timeout: 60_000,
      })
      .toBe('installed');
  }

  const completeCheck = (page: Page) =>
    page.evaluate(([e]) => window.__e2e?.completeCheck('card-face-ocr', e), [
      evidence('1980-02-17', 'card-face'),
    ] as const);

  test('is offered only between customers, and applied only when staff say so', async ({ page }) => {
    const app = new CheckPage(page);
    await openControlled(page);
    expect(await page.evaluate(() => window.__e2e?.beginCheck('card-face-ocr'))).toBe(true);
    const label = `next-${Date.now()}`;
    deployVersion(label);
    await findUpdate(page);
    // A check is running: no offer, no reload.
    await expect(app.app).toHaveAttribute('data-step', 'working');
    await expect(page.getByTestId('update')).toHaveCount(0);

    await completeCheck(page);
    await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
    await expect(page.getByTestId('update')).toHaveCount(0); // the verdict is on screen until the next customer
    await app.next.click();
    await expect(page.getByTestId('update')).toBeVisible();
    expect(await reloaded(page)).toBe(false);
    await expect(page.locator('meta[name="app-build"]')).toHaveCount(0);

    await page.getByTestId('update.apply').click();
    await expect(page.locator('meta[name="app-build"]')).toHaveAttribute('content', label);
    expect(await reloaded(page)).toBe(true);
    await expect(page.getByTestId('update')).toHaveCount(0);
  });

  test('a kiosk shows customers no offer, and updates itself once the session is back to idle', async ({ page }) => {
    const app = new CheckPage(page);
    await openControlled(page, '?mode=kiosk&idle=600');
    expect(await page.evaluate(() => window.__e2e?.beginCheck('jpki-signature'))).toBe(true);
    const label = `kiosk-${Date.now()}`;
    deployVersion(label);
    await findUpdate(page);
    await page.evaluate(([e]) => window.__e2e?.completeCheck('jpki-signature', e), [
      evidence('1980-02-17', 'chip-signature-with-password'),
    ] as const);
    await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
    await expect(page.getByTestId('update')).toHaveCount(0);
    expect(await reloaded(page)).toBe(false); // the verdict stays on screen

    await app.next.click();
    await expect(page.locator('meta[name="app-build"]')).toHaveAttribute('content', label);
    expect(await reloaded(page)).toBe(true);
  });

  test('applied in another tab, it waits until this tab has finished its check and verdict', async ({
    page,
    context,
  }) => {
    const app = new CheckPage(page);
    await openControlled(page);
    const other = await context.newPage();
    await openControlled(other);
    expect(await page.evaluate(() => window.__e2e?.beginCheck('card-face-ocr'))).toBe(true);
    const label = `other-${Date.now()}`;
    deployVersion(label);
    await findUpdate(page);

    await other.getByTestId('update.apply').click();
    await expect(other.locator('meta[name="app-build"]')).toHaveAttribute('content', label);
    // The new version controls both tabs now, but this one is checking: it stays as it is.
    await expect
      .poll(() => page.evaluate(() => (window as { newVersionInControl?: boolean }).newVersionInControl))
      .toBe(true);
    expect(await reloaded(page)).toBe(false);
    await completeCheck(page);
    await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
    expect(await reloaded(page)).toBe(false); // the verdict stays on screen
    await app.next.click();
    await expect(page.locator('meta[name="app-build"]')).toHaveAttribute('content', label);
    expect(await reloaded(page)).toBe(true);
  });

  test('keeps the operator trust anchors and CV CA keys for offline use, and never the revocation settings', async ({
    page,
    context,
  }) => {
    const secret = `token-${Date.now()}`;
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, TRUST_ANCHOR_PATH), '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n');
    writeFileSync(
      join(dir, REVOCATION_CONFIG_PATH),
      JSON.stringify({ endpoint: `${origin}/revocation`, token: secret }),
    );
    await openControlled(page);
    const fetchText = (path: string) =>
      page.evaluate(
        (p) =>
          fetch(p).then(
            async (r) => (r.ok ? r.text() : `HTTP ${r.status}`),
            () => 'network error',
          ),
        path,
      );
    expect(await fetchText(TRUST_ANCHOR_PATH)).toContain('BEGIN CERTIFICATE');
    expect(await fetchText(CV_CA_KEYS_PATH)).toContain('"keyId"');
    expect(await fetchText(REVOCATION_CONFIG_PATH)).toContain(secret);

    await context.setOffline(true);
    expect(await fetchText(TRUST_ANCHOR_PATH)).toContain('BEGIN CERTIFICATE');
    expect(await fetchText(CV_CA_KEYS_PATH)).toContain('"keyId"');
    expect(await fetchText(REVOCATION_CONFIG_PATH)).toBe('network error');
    const cached = Object.values(await cacheContents(page)).flat();
    expect(cached.filter((url) => url.includes('config/')).sort()).toEqual(
      [`${origin}/${CV_CA_KEYS_PATH}`, `${origin}/${TRUST_ANCHOR_PATH}`].sort(),
    );
  });
});
