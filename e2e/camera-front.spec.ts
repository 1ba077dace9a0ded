import { expect, test } from '@playwright/test';
import { openDemoWithReader } from './pages/demo';

test.describe.configure({ timeout: 120_000 });

test("the camera reads an adult's card: two frames agree, the clerk confirms, verdict on the face", async ({
  page,
}) => {
  await openDemoWithReader(page, 'adult-35');
  await page.getByTestId('face.cameraStart').click();
  await expect(page.getByTestId('face.camera')).toBeVisible();
  await expect(page.getByTestId('face.confirm')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('face.camera')).toBeHidden(); // the camera is off once the fields agree
  await page.getByTestId('face.decide').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'of-age');
});
