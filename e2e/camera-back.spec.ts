import { expect, test } from '@playwright/test';
import { AgeCheck } from './pages/age-check';
import { openDemoWithReader } from './pages/demo';

test.describe.configure({ timeout: 90_000 });

test("the browser's camera sees the back of a card: it stops and asks for the front, try again", async ({ page }) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-chip');
  await expect(check.flowError).toHaveAttribute('data-code', 'card-face.back-shown', { timeout: 60_000 });
  await expect(page.locator('video')).toHaveCount(0);
  await expect(check.retry).toBeVisible();
  expect(await check.diagnostics()).toMatchObject({ verifiesWithSecret: 0 });
});
