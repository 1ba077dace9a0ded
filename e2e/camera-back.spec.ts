import { expect, test } from '@playwright/test';
import { openDemoWithReader } from './pages/demo';

test.describe.configure({ timeout: 120_000 });

test('the camera sees the back of a card: it stops and asks for the front', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35');
  await page.getByTestId('face.cameraStart').click();
  await expect(page.getByTestId('face.back')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('face.camera')).toBeHidden();
  await expect(page.getByTestId('face.confirm')).toBeHidden();
});
