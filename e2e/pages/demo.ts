/**
 * Demo mode for the tests: a fake RC-S380 (allowed already, so no chooser) holding a persona's card, or the
 * virtual card; placing and lifting the card; what the simulated cards saw.
 */
import { expect, type Page } from '@playwright/test';
// Brings the typed `window.__e2e` into scope.
import type {} from '../../app/ui/e2e-hook';

export interface DemoOptions {
  readonly persona?: string;
  readonly mode?: 'clerk' | 'kiosk';
  readonly lang?: 'ja' | 'en';
  /** `rcs380`: a fake RC-S380 running the real driver (default); `virtual`: the simulator as a reader. */
  readonly reader?: 'rcs380' | 'virtual';
  /** Any other launch-URL parameters, e.g. `&usbDelay=150&idle=10`. */
  readonly extra?: string;
}

/** Opens demo mode with the persona's card on the reader, and waits until the reader sees it. */
export async function openDemo(page: Page, options: DemoOptions = {}): Promise<void> {
  const { persona = 'adult-35', mode = 'clerk', lang = 'ja', reader = 'rcs380', extra = '' } = options;
  const readers = reader === 'rcs380' ? 'readers=rcs380&permitted=1' : 'readers=';
  await page.goto(`/?demo=1&${readers}&persona=${persona}&mode=${mode}&lang=${lang}${extra}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  await expect(page.getByTestId('app')).toHaveAttribute('data-reader', 'card-present');
}

/** Clerk mode, the persona's card on a fake RC-S380. */
export function openDemoWithReader(page: Page, persona: string, extra = ''): Promise<void> {
  return openDemo(page, { persona, extra });
}

/** Lifts the demo card off the reader and waits until the reader sees it gone. */
export async function liftCard(page: Page): Promise<void> {
  await page.getByTestId('demo.card').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-reader', 'no-card');
}

/** Puts the demo card (back) on the reader and waits until the reader sees it. */
export async function placeCard(page: Page): Promise<void> {
  await page.getByTestId('demo.card').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-reader', 'card-present');
}

/** Counts of what the demo cards saw: My Number file accesses, VERIFYs with a secret, APDUs. */
export function demoDiagnostics(page: Page) {
  return page.evaluate(() => window.__e2e?.demoDiagnostics() ?? null);
}
