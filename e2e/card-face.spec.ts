import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { persona } from '../mocks/card/personas';
import { renderCardImage } from '../mocks/card-face/render-card-face';
import { japanDate } from '../app/policy';
import { cardImage } from './pages/card-image';
import { NumberBPanel } from './pages/numberb-panel';

test.describe.configure({ timeout: 90_000 });

test('an adult card face from an image file: confirm, then a card-face verdict in clerk mode', async ({
  page,
}, info) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
  await expect(page.getByTestId('face.confirm')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('face.decide').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'of-age');
  await expect(page.getByTestId('verdict.reasons')).toContainText('券面を読み取っただけです');
});

test('a minor card face → under age', async ({ page }, info) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('minor-17');
  await page.getByTestId('face.file').setInputFiles(await cardImage('minor-17', info.outputDir));
  await expect(page.getByTestId('face.confirm')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('face.decide').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'under-age');
});

test('the back of a card is refused', async ({ page }, info) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  const back = await renderCardImage({ kind: 'back', fictionalNumber: '123456789012' });
  mkdirSync(info.outputDir, { recursive: true });
  const file = join(info.outputDir, 'back.png');
  writeFileSync(file, back.data);
  await page.getByTestId('face.file').setInputFiles(file);
  await expect(page.getByTestId('face.back')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('face.confirm')).toBeHidden();
});

test('number B handed over from the face to the chip → verdict from the chip', async ({ page }, info) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
  await expect(page.getByTestId('face.confirm')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('face.toChip').click();
  await expect(numberB.birth).toHaveValue(/^\d{6}$/);
  await numberB.submit.click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'of-age');
  await expect(page.getByTestId('verdict.reasons')).toContainText('顔写真とお客様を見比べてください');
  expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

test('kiosk: the card face goes to staff, and no read value is shown', async ({ page }, info) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  const image = await cardImage('adult-35', info.outputDir);
  await page.getByRole('radio', { name: /セルフ/ }).click();
  await page.getByTestId('face.file').setInputFiles(image);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'staff-check', { timeout: 60_000 });
  await expect(page.getByTestId('face.confirm')).toBeHidden();
  await expect(page.locator('body')).not.toContainText(persona('adult-35', japanDate(new Date())).dateOfBirth);
});
