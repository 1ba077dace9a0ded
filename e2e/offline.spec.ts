/**
 * Offline and updates: after one visit the service worker serves the whole app, the OCR engine and the
 * Japanese model with no network; a new version is offered between checks only and never reloads a check.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { cardImage } from './card-images';
import { CheckPage, evidence } from './pages/check-page';
import { NumberBPanel } from './pages/numberb-panel';
import { waitForServiceWorker } from './pages/service-worker';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 120_000 });

test('after one visit the app and the OCR method work with no network', async ({ page, context }, info) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  // The network is really gone: a file the worker does not hold cannot be fetched.
  const probe = await page.evaluate(() =>
    fetch(`/not-cached-${Date.now()}.txt`).then(
      () => 'reached',
      () => 'failed',
    ),
  );
  expect(probe).toBe('failed');

  await numberB.open('adult-35');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
  await expect(page.getByTestId('face.confirm')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('face.decide').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'of-age');
});

/**
 * The update test deploys a new version to its own copy of the e2e build, served on another port (another
 * origin, so its service worker is apart from the other tests').
 */
test.describe('a new version', () => {
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

  /** Deploys "the next version": a changed page, and a service worker that precaches it under a new revision. */
  function deployNextVersion(): void {
    const html = join(dir, 'index.html');
    writeFileSync(html, readFileSync(html, 'utf8').replace('<head>', '<head><meta name="app-build" content="next">'));
    const sw = join(dir, 'sw.js');
    const before = readFileSync(sw, 'utf8');
    const after = before.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1next-version"');
    expect(after).not.toBe(before);
    writeFileSync(sw, after);
  }

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

  test('is offered only once the check has ended, and applied only when staff say so', async ({ page }) => {
    const app = new CheckPage(page);
    await page.goto(`${origin}/`);
    await waitForServiceWorker(page);
    await page.goto(`${origin}/`); // now controlled by the worker
    await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
    await page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));

    expect(await page.evaluate(() => window.__e2e?.beginCheck('card-face-ocr'))).toBe(true);
    deployNextVersion();
    await findUpdate(page);
    // A check is running: no offer, no reload.
    await expect(app.method('card-face-ocr')).toHaveAttribute('data-state', 'checking');
    await expect(page.getByTestId('update')).toHaveCount(0);

    await page.evaluate(([e]) => window.__e2e?.completeCheck('card-face-ocr', e), [
      evidence('1980-02-17', 'card-face'),
    ] as const);
    await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
    await expect(page.getByTestId('update')).toBeVisible();
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect(page.locator('meta[name="app-build"]')).toHaveCount(0);

    await page.getByTestId('update.apply').click();
    await expect(page.locator('meta[name="app-build"]')).toHaveAttribute('content', 'next');
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
    await expect(page.getByTestId('update')).toHaveCount(0);
  });
});
