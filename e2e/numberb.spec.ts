import { expect, test } from '@playwright/test';
import { AgeCheck } from './pages/age-check';
import { openDemoWithReader } from './pages/demo';
import { NumberBFlow } from './pages/numberb-flow';

const otherCode = (code: string) => (code === '0000' ? '0001' : '0000');

for (const [persona, outcome] of [
  ['adult-35', 'of-age'],
  ['heisei-first-day', 'of-age'],
  ['minor-17', 'under-age'],
] as const) {
  test(`${persona}: number B from the card face → ${outcome}, photo comparison asked`, async ({ page }) => {
    await openDemoWithReader(page, persona);
    const check = new AgeCheck(page);
    await new NumberBFlow(page, check).checkFromCardFace();
    await check.expectVerdict(outcome);
    if (outcome === 'of-age') await expect(check.reasons).toContainText('顔写真とお客様を見比べてください');
    // Clerk mode: once to the support AP, once to the surface AP for the chip's photo; never more.
    expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
  });
}

test('one wrong digit: tries left shown, no group blamed without evidence, nothing retried; the corrected number passes', async ({
  page,
}) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  const numberB = new NumberBFlow(page, check);
  const { code, birthText } = await numberB.face();
  await numberB.checkFromCardFace({ code: otherCode(code) });
  // The birth digits read back as the date printed on the card, with the Western date beside.
  await expect(page.getByTestId('numberb.birth.reads')).toContainText(birthText.replace(/生$/, ''));
  await expect(page.getByTestId('numberb.birth.reads')).toContainText(/（\d{4}年\d{1,2}月\d{1,2}日）/);
  await expect(numberB.rejected).toContainText('残り9回');
  await expect(numberB.rejected).toContainText('3つの欄のどれかが違います');
  await expect(numberB.rejected).not.toContainText('セキュリティコードが違う');
  expect(await check.diagnostics()).toMatchObject({ verifiesWithSecret: 1 });
  await numberB.code.fill(code); // the other fields kept what was typed
  await check.tap(numberB.submit);
  await check.expectVerdict('of-age');
  // The refused try, then the corrected number once to each of its two credentials.
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 3 });
});

test('an impossible date is caught before anything is sent', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  const numberB = new NumberBFlow(page, check);
  await check.start('number-b');
  await numberB.birth.fill('551317');
  await numberB.expiry.fill('2030');
  await numberB.code.fill('1234');
  await numberB.submit.click();
  await expect(numberB.form).toContainText('どの元号でもありえない日付です');
  expect(await check.diagnostics()).toMatchObject({ verifiesWithSecret: 0 });
});

for (const [persona, message] of [
  ['number-b-three-tries-left', '残り回数が3回以下のため照合しません'],
  ['number-b-locked', 'ロックされています'],
] as const) {
  test(`${persona}: refused before sending`, async ({ page }) => {
    await openDemoWithReader(page, persona);
    const check = new AgeCheck(page);
    await new NumberBFlow(page, check).checkFromCardFace();
    await check.expectVerdict('cannot-verify');
    await expect(check.reasons).toContainText(message);
    expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 0 });
  });
}

test('the card taken away during the read: try again, the number typed again', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35', '&usbDelay=200');
  const check = new AgeCheck(page);
  await new NumberBFlow(page, check).checkFromCardFace();
  // Take the card away once 照合番号B has been accepted, i.e. during the EF 0002 read.
  await expect.poll(async () => (await check.diagnostics())?.verifiesWithSecret, { intervals: [20] }).toBe(1);
  await page.getByTestId('demo.card').click();
  await expect(check.flowError).toHaveAttribute('data-code', 'transport.card-removed');
  await expect(check.verdict).toHaveCount(0);
  const seen = await check.diagnostics();
  expect(seen).toMatchObject({ privacyViolations: 0 });
  expect(seen?.verifiesWithSecret).toBeLessThanOrEqual(2); // nothing sent again on its own
});
