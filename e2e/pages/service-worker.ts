/**
 * Service-worker helpers for the offline and privacy specs (which run with `serviceWorkers: 'allow'`).
 */
import { expect, type Page } from '@playwright/test';
import { OCR_CORE_CACHE } from '../../app/methods/card-face-ocr/ocr-core-files';

/** Every cache of the Cache API, by name, with the URLs of its requests. */
export function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
    }
    return out;
  });
}

/**
 * Waits until the page's service worker is activated. Workbox precaches during install, so an activated
 * worker has every precached file; the OCR model is checked for good measure.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? null), {
      timeout: 60_000,
    })
    .toBe('activated');
  const cached = Object.values(await cacheContents(page)).flat();
  // Workbox keys files by URL plus `?__WB_REVISION__=…`.
  expect(cached.map((url) => new URL(url).pathname)).toContain('/ocr/lang/jpn.traineddata.gz');
  // The page keeps the one OCR core this browser runs, after the worker is registered.
  await expect.poll(async () => (await cacheContents(page))[OCR_CORE_CACHE]?.length ?? 0, { timeout: 60_000 }).toBe(1);
}
