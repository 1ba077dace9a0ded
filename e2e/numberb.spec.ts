import { expect, test } from '@playwright/test';
import { NumberBPanel } from './pages/numberb-panel';

const otherCode = (code: string) => (code === '0000' ? '0001' : '0000');

for (const [persona, outcome] of [
  ['adult-35', 'of-age'],
  ['heisei-first-day', 'of-age'],
  ['minor-17', 'under-age'],
] as const) {
  test(`${persona}: number B from the card face → ${outcome}, photo comparison asked`, async ({ page }) => {
    const numberB = new NumberBPanel(page);
    await numberB.open(persona);
    await numberB.enterFromCardFace();
    await expect(numberB.verdict).toHaveAttribute('data-outcome', outcome);
    if (outcome === 'of-age') await expect(numberB.reasons).toContainText('顔写真とお客様を見比べてください');
    // Clerk mode: once to the support AP, once to the surface AP for the chip's photo.
    expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
  });
}

test('one wrong digit: tries left and the likely group shown, nothing retried; the corrected number passes', async ({
  page,
}) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  const code = await numberB.faceCode();
  await numberB.enterFromCardFace({ code: otherCode(code) });
  await expect(numberB.rejected).toContainText('残り9回');
  await expect(numberB.rejected).toContainText('セキュリティコードが違う可能性が高い');
  await expect(numberB.code).toHaveAttribute('aria-invalid', 'true');
  expect(await numberB.diagnostics()).toMatchObject({ verifiesWithSecret: 1 });
  await numberB.code.fill(code);
  await numberB.submit.click();
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'of-age');
  // The refused try, then the corrected number once to each of its two credentials.
  expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 3 });
});

test('an impossible date is caught before anything is sent', async ({ page }) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  await numberB.birth.fill('551317');
  await numberB.expiry.fill('2030');
  await numberB.code.fill('1234');
  await numberB.submit.click();
  await expect(page.getByTestId('numberb')).toContainText('どの元号でもありえない日付です');
  expect(await numberB.diagnostics()).toMatchObject({ verifiesWithSecret: 0 });
});

for (const [persona, message] of [
  ['number-b-three-tries-left', '残り回数が3回以下のため照合しません'],
  ['number-b-locked', 'ロックされています'],
] as const) {
  test(`${persona}: refused before sending`, async ({ page }) => {
    const numberB = new NumberBPanel(page);
    await numberB.open(persona);
    await numberB.enterFromCardFace();
    await expect(numberB.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
    await expect(numberB.reasons).toContainText(message);
    expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 0 });
  });
}

test('kiosk: staff check instead of of-age', async ({ page }) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35');
  const face = await numberB.face(); // read off the card before the kiosk hides the demo panel
  await page.getByRole('radio', { name: /セルフ/ }).click();
  await numberB.enter(face);
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'staff-check');
});

test('the card taken away during the read: cannot verify', async ({ page }) => {
  const numberB = new NumberBPanel(page);
  await numberB.open('adult-35', '&usbDelay=200');
  await numberB.enterFromCardFace();
  // Take the card away once 照合番号B has been accepted, i.e. during the EF 0002 read.
  await expect.poll(async () => (await numberB.diagnostics())?.verifiesWithSecret, { intervals: [20] }).toBe(1);
  await page.getByTestId('demo.card').click();
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
  await expect(numberB.reasons).toContainText('読み取り中にカードが離れました');
  expect(await numberB.diagnostics()).toMatchObject({ privacyViolations: 0 });
});
