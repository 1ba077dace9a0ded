/**
 * The genuine-chip checks (issue 15) in real Chromium through the fake RC-S380 and the virtual card, as the
 * flows run them: number B proves the chip and, for the clerk, shows the chip's J-LIS-signed photo; the six
 * birth digits alone open the age record (typed, or read off a face whose security code cannot be read); every
 * chip that cannot prove itself ends as "cannot verify"; the photo leaves nothing behind. Every test also
 * checks the virtual card's privacy log (no My Number file touched) and how many secrets reached the card.
 */
import { expect, test, type Page } from '@playwright/test';
import type { PersonaId } from '../mocks/card/personas';
import { AgeCheck } from './pages/age-check';
import { cardSideImage } from './pages/card-image';
import { CheckPage, evidence } from './pages/check-page';
import { ChipPhotoView } from './pages/chip-photo';
import { openDemo, openDemoWithReader } from './pages/demo';
import { birthDigits, NumberBFlow, wrongBirthDigits } from './pages/numberb-flow';

const GENUINE = 'ICチップが本物であることを確認しました';
const NOT_GENUINE = 'ICチップが本物であることを確認できません';
const CHIP_SIGNED = 'ICチップの署名付き生年月日';

/** The clerk on the persona's card, at the number-B entry. */
async function atNumberB(page: Page, id: PersonaId) {
  await openDemoWithReader(page, id);
  const check = new AgeCheck(page);
  const numberB = new NumberBFlow(page, check);
  return { check, numberB };
}

test('clerk, number B: of age, chip genuine, the chip photo beside the verdict; gone without a trace after', async ({
  page,
}) => {
  const { check, numberB } = await atNumberB(page, 'adult-35');
  const photo = new ChipPhotoView(page);
  await numberB.checkFromCardFace();
  await check.expectVerdict('of-age');
  await expect(check.reasons).toContainText(GENUINE);
  await expect(check.reasons).toContainText('ICチップに記録された顔写真');
  const size = await photo.expectShown();
  expect(size.width).toBeGreaterThanOrEqual(200); // large enough to compare across a counter
  await expect(photo.image).toBeInViewport({ ratio: 1 });
  expect(await photo.drawnDetail()).toBeGreaterThan(1000);
  await expect(photo.figure).toContainText('ICチップに記録された顔写真');
  // Number B went once to each of its two credentials (support EF 0015, surface EF 0012); nothing forbidden.
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });

  await check.nextCustomer();
  await expect(photo.figure).toHaveCount(0);
  expect(await photo.leftovers()).toEqual({ canvases: 0, imageUrls: 0, blobResources: 0, storage: 0 });
});

test('clerk, number B, a minor: under age, and the photo is not shown (only an of-age verdict needs it)', async ({
  page,
}) => {
  const { check, numberB } = await atNumberB(page, 'minor-17');
  await numberB.checkFromCardFace();
  await check.expectVerdict('under-age');
  await expect(new ChipPhotoView(page).figure).toHaveCount(0);
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

/*
 * A kiosk offers no number B and no six digits (a customer cannot be asked to type them), and sends a card face
 * to staff before any chip check: what number B or the age record would give reaches a kiosk only through the
 * test hook, which shows the verdict a kiosk gives for it. That a kiosk's number B never reads the photo is the
 * store's rule, proven by `session-store.test.ts` ("kiosk: number B …").
 */
test('kiosk: no number B or six digits offered; a chip-read date of birth goes to staff, no photo shown', async ({
  page,
}) => {
  await openDemo(page, { mode: 'kiosk' });
  const check = new AgeCheck(page);
  await expect(check.home).toBeVisible();
  for (const way of ['number-b', 'face-chip', 'face-only'] as const) await expect(check.flow(way)).toHaveCount(0);
  await expect(page.getByTestId('numberb')).toHaveCount(0);

  const app = new CheckPage(page);
  for (const [method, assurance] of [
    ['number-b', 'chip-read-with-number-b'],
    ['age-record', 'chip-signed-birth-date'],
  ] as const) {
    await app.check(method, evidence('1980-02-17', assurance));
    await check.expectVerdict('staff-check');
    await expect(new ChipPhotoView(page).figure).toHaveCount(0);
    await check.nextCustomer();
  }
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 0 });
});

for (const id of ['record-altered', 'cloned-chip', 'wrong-cv-ca'] as const) {
  test(`${id}, number B: cannot verify, no photo`, async ({ page }) => {
    const { check, numberB } = await atNumberB(page, id);
    await numberB.checkFromCardFace();
    await check.expectVerdict('cannot-verify');
    await expect(check.reasons).toContainText(NOT_GENUINE);
    await expect(new ChipPhotoView(page).figure).toHaveCount(0);
    const seen = await check.diagnostics();
    expect(seen).toMatchObject({ privacyViolations: 0 });
    expect(seen?.verifiesWithSecret).toBeGreaterThanOrEqual(1);
    expect(seen?.verifiesWithSecret).toBeLessThanOrEqual(2); // once per credential at most
  });

  test(`${id}, six digits: cannot verify`, async ({ page }) => {
    const { check, numberB } = await atNumberB(page, id);
    await check.start('number-b');
    await numberB.checkBirthOnly(birthDigits(id));
    await check.expectVerdict('cannot-verify');
    await expect(check.reasons).toContainText(NOT_GENUINE);
    expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
  });
}

test('birth-date key with one try left: refused before sending; number B still works', async ({ page }) => {
  const { check, numberB } = await atNumberB(page, 'birth-key-one-try-left');
  await check.start('number-b');
  await numberB.checkBirthOnly(birthDigits('birth-key-one-try-left'));
  await check.expectVerdict('cannot-verify');
  await expect(check.reasons).toContainText('残り回数が少ないため');
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 0 });
  await check.nextCustomer();
  await numberB.checkFromCardFace();
  await check.expectVerdict('of-age');
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

test('six digits typed: a chip-signed date of birth, holder not proven, no photo', async ({ page }) => {
  const { check, numberB } = await atNumberB(page, 'adult-35');
  await check.start('number-b');
  await numberB.checkBirthOnly(birthDigits('adult-35'));
  await check.expectVerdict('of-age');
  await expect(check.reasons).toContainText(GENUINE);
  await expect(check.reasons).toContainText('カードの持ち主であることは確認していません');
  await expect(check.verdict).toContainText(CHIP_SIGNED);
  // The age record holds no photo: the clerk compares the card's printed one.
  await expect(check.reasons).toContainText('カードの顔写真とお客様を見比べてください');
  await expect(new ChipPhotoView(page).figure).toHaveCount(0);
  expect(check.taps).toBe(2);
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});

test('a wrong six digits: tries left shown, nothing retried; the right ones decide', async ({ page }) => {
  const { check, numberB } = await atNumberB(page, 'minor-17');
  await check.start('number-b');
  await numberB.checkBirthOnly(wrongBirthDigits('minor-17'));
  await expect(numberB.birthRejected).toContainText('残り9回');
  await expect(numberB.birth).toHaveAttribute('aria-invalid', 'true');
  await expect(check.verdict).toHaveCount(0);
  expect(await check.diagnostics()).toMatchObject({ verifiesWithSecret: 1 });
  await numberB.checkBirthOnly(birthDigits('minor-17'));
  await check.expectVerdict('under-age');
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

test('card face → chip, security code not readable: the six digits read off the face → a chip-signed verdict', async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('face-chip');
  // No camera here: a photo of the front, its code covered (a reflection, a thumb).
  const file = await cardSideImage({ front: 'adult-35', hideSecurityCode: true }, info.outputDir, 'code-covered');
  await page.getByTestId('face.file').setInputFiles(file);
  await expect(check.step('face-confirm')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('face.code')).toContainText('読み取れませんでした');
  await check.tap(page.getByTestId('face.toChip'));
  await check.expectVerdict('of-age');
  expect(check.taps).toBe(2); // nothing typed
  await expect(check.verdict).toContainText(CHIP_SIGNED);
  await expect(check.reasons).toContainText(GENUINE);
  await expect(new ChipPhotoView(page).figure).toHaveCount(0);
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});
