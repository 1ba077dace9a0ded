/**
 * The genuine-chip checks (issue 15) in real Chromium through the fake RC-S380 and the virtual card: number B
 * proves the chip and, for the clerk, shows the chip's J-LIS-signed photo; the six-digit age record; every chip
 * that cannot prove itself ends as "cannot verify"; the photo leaves nothing behind.
 */
import { expect, test } from '@playwright/test';
import { japanDate } from '../app/policy';
import { persona, type PersonaId } from '../mocks/card/personas';
import { AgeRecordPanel } from './pages/age-record-panel';
import { CardFacePanel } from './pages/card-face-panel';
import { cardImage } from './pages/card-image';
import { CheckPage } from './pages/check-page';
import { ChipPhotoView } from './pages/chip-photo';
import { NumberBPanel } from './pages/numberb-panel';

const GENUINE = 'ICチップが本物であることを確認しました';
const NOT_GENUINE = 'ICチップが本物であることを確認できません';
const sixDigits = (id: PersonaId) => persona(id, japanDate(new Date())).numberB.slice(0, 6);

test('clerk, number B: of age, chip genuine, the chip photo beside the verdict; gone without a trace after', async ({
  page,
}) => {
  const numberB = new NumberBPanel(page);
  const photo = new ChipPhotoView(page);
  await numberB.open('adult-35');
  await numberB.enterFromCardFace();
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(numberB.reasons).toContainText(GENUINE);
  await expect(numberB.reasons).toContainText('ICチップに記録された顔写真');
  const size = await photo.expectShown();
  expect(size.width).toBeGreaterThanOrEqual(200); // large enough to compare across a counter
  expect(await photo.drawnDetail()).toBeGreaterThan(1000);
  await expect(photo.figure).toContainText('ICチップに記録された顔写真');
  // Number B went once to each of its two credentials (support EF 0015, surface EF 0012); nothing forbidden.
  expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });

  await new CheckPage(page).next.click();
  await expect(photo.figure).toHaveCount(0);
  expect(await photo.leftovers()).toEqual({ canvases: 0, imageUrls: 0, blobResources: 0, storage: 0 });
});

test('clerk, number B, a minor: under age, and the photo is not shown (only an of-age verdict needs it)', async ({
  page,
}) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('minor-17');
  await numberB.enterFromCardFace();
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'under-age');
  await expect(new ChipPhotoView(page).figure).toHaveCount(0);
});

test('kiosk, number B: staff check, no photo read or shown', async ({ page }) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  const face = await numberB.face();
  await new CheckPage(page).chooseMode(/セルフ/);
  await numberB.enter(face);
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'staff-check');
  await expect(new ChipPhotoView(page).figure).toHaveCount(0);
  expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});

for (const id of ['record-altered', 'cloned-chip', 'wrong-cv-ca'] as const) {
  test(`${id}, number B: cannot verify, no photo`, async ({ page }) => {
    const numberB = new NumberBPanel(page);
    await numberB.open(id);
    await numberB.enterFromCardFace();
    await expect(numberB.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
    await expect(numberB.reasons).toContainText(NOT_GENUINE);
    await expect(new ChipPhotoView(page).figure).toHaveCount(0);
    expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0 });
  });

  test(`${id}, six digits: cannot verify`, async ({ page }) => {
    const ageRecord = new AgeRecordPanel(page);
    await ageRecord.open(id);
    await ageRecord.enter(sixDigits(id));
    await expect(ageRecord.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
    await expect(ageRecord.reasons).toContainText(NOT_GENUINE);
    expect(await ageRecord.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
  });
}

test('birth-date key with one try left: refused before sending; number B still works', async ({ page }) => {
  const ageRecord = new AgeRecordPanel(page);
  await ageRecord.open('birth-key-one-try-left');
  await ageRecord.enter(sixDigits('birth-key-one-try-left'));
  await expect(ageRecord.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
  await expect(ageRecord.reasons).toContainText('残り回数が少ないため');
  expect(await ageRecord.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 0 });
  await new CheckPage(page).next.click();
  const numberB = new NumberBPanel(page);
  await numberB.enterFromCardFace();
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'of-age');
});

test('six digits typed: a chip-signed date of birth, holder not proven; kiosk sends it to staff', async ({ page }) => {
  const ageRecord = new AgeRecordPanel(page);
  await ageRecord.open('adult-35');
  await ageRecord.enter(sixDigits('adult-35'));
  await expect(ageRecord.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(ageRecord.reasons).toContainText(GENUINE);
  await expect(ageRecord.reasons).toContainText('カードの持ち主であることは確認していません');
  await expect(ageRecord.verdict).toContainText('ICチップの署名付き生年月日');
  expect(await ageRecord.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
  await new CheckPage(page).next.click();
  await new CheckPage(page).chooseMode(/セルフ/);
  await ageRecord.enter(sixDigits('adult-35'));
  await expect(ageRecord.verdict).toHaveAttribute('data-outcome', 'staff-check');
});

test('a wrong six digits: tries left shown, nothing retried', async ({ page }) => {
  const ageRecord = new AgeRecordPanel(page);
  await ageRecord.open('minor-17');
  const right = sixDigits('minor-17');
  const wrong = `${right.slice(0, 4)}${right.slice(4) === '01' ? '02' : '01'}`;
  await ageRecord.enter(wrong);
  await expect(ageRecord.rejected).toContainText('残り9回');
  expect(await ageRecord.diagnostics()).toMatchObject({ verifiesWithSecret: 1 });
  await ageRecord.birth.fill(right);
  await ageRecord.submit.click();
  await expect(ageRecord.verdict).toHaveAttribute('data-outcome', 'under-age');
});

test('card face → six digits → chip-signed verdict', async ({ page }, info) => {
  test.setTimeout(90_000);
  const ageRecord = new AgeRecordPanel(page);
  await ageRecord.open('adult-35');
  const face = new CardFacePanel(page);
  await face.read(await cardImage('adult-35', info.outputDir));
  await face.toAgeRecord.click();
  await expect(ageRecord.birth).toHaveValue(sixDigits('adult-35'));
  await ageRecord.submit.click();
  await expect(ageRecord.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(ageRecord.verdict).toContainText('ICチップの署名付き生年月日');
  expect(await ageRecord.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});
