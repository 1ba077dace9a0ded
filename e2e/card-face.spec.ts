import { expect, test } from '@playwright/test';
import { japanDate } from '../app/policy';
import { persona } from '../mocks/card/personas';
import { AgeCheck } from './pages/age-check';
import { cardSide, fakeCamera, hesitantCamera } from './pages/camera-stream';
import { cardImage, cardSideImage } from './pages/card-image';
import { ChipPhotoView } from './pages/chip-photo';
import { openDemoWithReader } from './pages/demo';

// OCR in the page: first read includes starting the engine. Measured on the shared 2-core machine: 10–25 s
// per test (load ≈ 8); the budget leaves room for twice that.
test.describe.configure({ timeout: 90_000 });
const OCR = { timeout: 60_000 };

/*
 * What the camera gives decides which chip check runs: with the whole 照合番号B (the security code read), number
 * B and the chip's photo; without the code, the six birth digits and the age record. The tests' camera frames
 * show the code covered, so the camera's route is always the same one; the whole number comes from a photo of
 * the front (read at its full size), where the clerk confirms what was read first.
 */
test('card face → chip with the camera, the code covered: one tap, nothing typed; the age record decides', async ({
  page,
}) => {
  await fakeCamera(page, await cardSide({ front: 'adult-35', hideSecurityCode: true }));
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-chip');
  await expect(page.getByTestId('face.camera')).toBeVisible();
  await expect(check.verdict).toBeVisible(OCR);
  await check.expectVerdict('of-age');
  expect(check.taps).toBe(1);
  await expect(check.reasons).toContainText('顔写真とお客様を見比べてください');
  await expect(check.verdict.getByTestId('strength')).toHaveAttribute('data-level', '2');
  await expect(check.verdict.getByTestId('strength')).toContainText('ICチップの署名付き生年月日');
  // Only the surface AP's birth-date key: one secret, once.
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});

test('card face → chip with the camera, the expiry unreadable: the birth date alone goes to the age record', async ({
  page,
}) => {
  await fakeCamera(page, await cardSide({ front: 'adult-35', hideExpiry: true }));
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-chip');
  await expect(check.verdict).toBeVisible(OCR);
  await check.expectVerdict('of-age');
  expect(check.taps).toBe(1);
  await expect(check.verdict.getByTestId('strength')).toContainText('ICチップの署名付き生年月日');
  // The security code was in view, but 照合番号B needs the expiry year: the birth digits only, once.
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});

test('a photo without a readable expiry: the clerk can only confirm with the chip', async ({ page }, info) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-chip');
  const file = await cardSideImage({ front: 'adult-35', hideExpiry: true }, info.outputDir, 'no-expiry');
  await page.getByTestId('face.file').setInputFiles(file);
  await expect(check.step('face-confirm')).toBeVisible(OCR);
  await expect(page.getByTestId('face.expiry')).toContainText('読み取れませんでした');
  await expect(page.getByTestId('face.decide')).toHaveCount(0);
  await expect(page.getByTestId('face.code')).toHaveCount(0);
  await check.tap(page.getByTestId('face.toChip'));
  await check.expectVerdict('of-age');
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});

test('card face only with the camera: the clerk sees the dates as printed, then decides', async ({ page }) => {
  await fakeCamera(page, await cardSide({ front: 'adult-35' }));
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-only');
  await expect(check.step('face-confirm')).toBeVisible(OCR);
  // The demo card prints 平成3年8月3日生 (see its face in the demo panel): era as printed, Western beside.
  const printed = (await page.getByTestId('demo.face.birth').textContent())!.replace(/生$/, '');
  await expect(page.getByTestId('face.birth')).toContainText(printed);
  await expect(page.getByTestId('face.birth')).toContainText(/（\d{4}年\d{1,2}月\d{1,2}日）/);
  await expect(page.locator('video')).toHaveCount(0); // the camera is off once the fields agree
  await check.tap(page.getByTestId('face.decide'));
  await check.expectVerdict('of-age');
  await expect(check.reasons).toContainText('券面を読み取っただけです');
  await expect(check.verdict.getByTestId('strength')).toHaveAttribute('data-level', '1');
});

test('no camera: the clerk reads a photo of the front instead; a minor → under age', async ({ page }, info) => {
  await openDemoWithReader(page, 'minor-17');
  const check = new AgeCheck(page);
  await check.start('face-only');
  await expect(check.flowError).toHaveAttribute('data-code', 'camera.unavailable');
  await page.getByTestId('face.file').setInputFiles(await cardImage('minor-17', info.outputDir));
  await expect(check.step('face-confirm')).toBeVisible(OCR);
  await check.tap(page.getByTestId('face.decide'));
  await check.expectVerdict('under-age');
});

test('an OCR engine that never loads: the clerk is told the reader did not answer, not to find better light', async ({
  page,
}, info) => {
  // The engine's worker script never arrives; the page's clock is moved past the start's deadline (3 minutes).
  await page.clock.install();
  await page.route('**/ocr/worker.min.js', () => undefined);
  await openDemoWithReader(page, 'minor-17');
  const check = new AgeCheck(page);
  await check.start('face-only');
  await expect(check.flowError).toHaveAttribute('data-code', 'camera.unavailable');
  await page.getByTestId('face.file').setInputFiles(await cardImage('minor-17', info.outputDir));
  // The start's deadline is set once the page has taken the file, which on a busy machine can be after
  // `setInputFiles` returns (one CI dry run: the clock moved first, the deadline never came). So the clock is moved
  // on until the deadline has passed, however late it was set.
  await expect(async () => {
    await page.clock.runFor(181_000);
    await expect(check.flowError).toHaveAttribute('data-code', 'card-face.engine-stalled', { timeout: 2_000 });
  }).toPass(OCR);
  await expect(check.flowError).toContainText('文字を読み取る機能が応答しませんでした');
  await expect(check.retry).toBeVisible();
  for (const [width, height] of [
    [1024, 768],
    [768, 1024],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: info.outputPath(`engine-stalled-${width}x${height}.png`) });
  }
});

test('a photo chosen while the camera gives up is still read: the dialog outlives the step it was opened on', async ({
  page,
}, info) => {
  const cameraGivesUp = await hesitantCamera(page);
  await openDemoWithReader(page, 'minor-17');
  const check = new AgeCheck(page);
  await check.start('face-only');
  await expect(page.getByTestId('face.camera')).toBeVisible();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    check.tap(page.getByTestId('face.choosePhoto')),
  ]);
  // While the dialog is open, the camera fails and the camera step gives way to "no camera".
  await cameraGivesUp();
  await expect(check.flowError).toHaveAttribute('data-code', 'camera.unavailable');
  await chooser.setFiles(await cardImage('minor-17', info.outputDir));
  await expect(check.step('face-confirm')).toBeVisible(OCR);
  await check.tap(page.getByTestId('face.decide'));
  await check.expectVerdict('under-age');
});

test('a photo in card face → chip: the clerk confirms, then number B decides, with the chip photo', async ({
  page,
}, info) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-chip');
  await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
  await expect(check.step('face-confirm')).toBeVisible(OCR);
  await expect(page.getByTestId('face.code')).toContainText('読み取り済み');
  await check.tap(page.getByTestId('face.toChip'));
  await check.expectVerdict('of-age');
  await expect(check.reasons).toContainText('ICチップに記録された顔写真とお客様を見比べてください');
  await new ChipPhotoView(page).expectShown();
  // The whole 照合番号B was read: once to each of its two credentials (support AP, surface AP), never more.
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

test('the back of a card is refused: try again, nothing read', async ({ page }, info) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-only');
  await page.getByTestId('face.file').setInputFiles(await cardSideImage({ back: true }, info.outputDir, 'back'));
  await expect(check.flowError).toHaveAttribute('data-code', 'card-face.back-shown', OCR);
  await expect(check.retry).toBeVisible();
  await expect(page.locator('body')).not.toContainText('123456789012');
});

test('face → chip: the card not yet on the reader; the check goes on when it is placed', async ({ page }) => {
  await fakeCamera(page, await cardSide({ front: 'adult-35', hideSecurityCode: true }));
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await page.getByTestId('demo.card').click();
  await expect(check.app).toHaveAttribute('data-reader', 'no-card');
  await check.start('face-chip');
  await expect(check.step('place-card')).toBeVisible(OCR);
  await page.getByTestId('demo.card').click(); // placing the card is not a tap on the screen
  await check.expectVerdict('of-age');
  expect(check.taps).toBe(1);
  await expect(page.locator('body')).not.toContainText(persona('adult-35', japanDate(new Date())).dateOfBirth);
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});
