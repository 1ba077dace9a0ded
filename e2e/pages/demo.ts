/**
 * Demo-mode helpers shared by the method page objects: a fake RC-S380 holding a persona's card, and what the
 * simulated cards saw.
 */
import { expect, type Page } from '@playwright/test';
// Brings the typed `window.__e2e` into scope.
import type {} from '../../app/ui/e2e-hook';

/** Opens demo mode with a fake RC-S380 holding the persona's card, connected through the chooser. */
export async function openDemoWithReader(page: Page, persona: string, extra = ''): Promise<void> {
  await page.goto(`/?demo=1&readers=rcs380&persona=${persona}${extra}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  await page.getByTestId('reader.connect').click();
  await expect(page.getByTestId('reader')).toHaveAttribute('data-status', 'card-present');
}

/** Counts of what the demo cards saw: My Number file accesses, VERIFYs with a secret, APDUs. */
export function demoDiagnostics(page: Page) {
  return page.evaluate(() => window.__e2e?.demoDiagnostics() ?? null);
}
