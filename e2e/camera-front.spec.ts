import { expect, test } from '@playwright/test';
import { AgeCheck } from './pages/age-check';
import { openDemoWithReader } from './pages/demo';

// Chromium's own fake camera (a Y4M clip of the adult's front). OCR: see card-face.spec.ts for the budget.
test.describe.configure({ timeout: 90_000 });

test("the browser's camera reads an adult's card: two frames agree, the clerk confirms, verdict on the face", async ({
  page,
}) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-only');
  await expect(page.getByTestId('face.camera')).toBeVisible();
  await expect(check.step('face-confirm')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('video')).toHaveCount(0); // the camera is off once the fields agree
  await check.tap(page.getByTestId('face.decide'));
  await check.expectVerdict('of-age');
});
