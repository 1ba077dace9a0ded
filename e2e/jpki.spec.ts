import { expect, test } from '@playwright/test';
import { AgeCheck } from './pages/age-check';
import { liftCard, openDemo, openDemoWithReader, placeCard } from './pages/demo';

const outcomes = [
  ['adult-35', 'of-age', '20歳以上です'],
  ['minor-17', 'under-age', '20歳未満です'],
  ['turns-20-today', 'of-age', '20歳以上です'],
  ['turns-20-tomorrow', 'under-age', '20歳未満です'],
] as const;

for (const [persona, outcome, headline] of outcomes) {
  test(`${persona}: password, signature, chain → ${outcome}`, async ({ page }) => {
    await openDemoWithReader(page, persona);
    const check = new AgeCheck(page);
    await check.start('jpki');
    await expect(check.tries).toHaveText('パスワードの残り回数: 5回');
    await check.enterPassword('abc123'); // folded to upper case
    await check.expectVerdict(outcome);
    await expect(check.headline).toHaveText(headline);
    await expect(check.verdict).toContainText('デモ');
    expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
  });
}

test('a wrong password shows the tries left and waits; the right one then passes', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('jpki');
  await check.enterPassword('WRONG1');
  await expect(check.notice).toHaveText('パスワードが違います。残り4回です。');
  await expect(check.tries).toHaveText('パスワードの残り回数: 4回');
  expect(await check.diagnostics()).toMatchObject({ verifiesWithSecret: 1 }); // no retry by itself
  await check.enterPassword('ABC123');
  await check.expectVerdict('of-age');
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

test('kiosk: placing the card starts the check; the on-screen keys; the signature alone is accepted', async ({
  page,
}) => {
  await openDemo(page, { mode: 'kiosk' });
  const check = new AgeCheck(page);
  await expect(page.getByTestId('kiosk.start')).toBeVisible(); // a card already there needs one tap
  await liftCard(page);
  await placeCard(page); // an arriving card starts the check by itself
  await check.typeOnScreen('ABC123');
  await expect(check.password).toHaveAttribute('data-count', '6');
  await expect(check.password).not.toContainText('A'); // masked
  await check.tap(check.submitPassword);
  await check.expectVerdict('of-age');
  await expect(check.reasons).toHaveCount(0); // verdict only
});

for (const [persona, message] of [
  ['one-password-try-left', '残り回数が少ないため、照合しません'],
  ['password-locked', 'ロックされています'],
] as const) {
  test(`${persona}: refused without asking for the password or sending VERIFY`, async ({ page }) => {
    await openDemoWithReader(page, persona);
    const check = new AgeCheck(page);
    await check.start('jpki');
    await check.expectVerdict('cannot-verify');
    await expect(check.reasons).toContainText(message);
    await expect(page.getByTestId('verdict.nextStep')).toContainText('ほかの方法で確認するか');
    await expect(check.password).toHaveCount(0);
    expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 0 });
  });
}

for (const [persona, message] of [
  ['untrusted-issuer', '信頼できる発行元で確認できませんでした'],
  ['expired-certificate', '有効期限が切れています'],
  ['unknown-birth-date', '電子証明書に生年月日が記録されていません'],
] as const) {
  test(`${persona}: cannot verify, with the reason`, async ({ page }) => {
    await openDemoWithReader(page, persona);
    const check = new AgeCheck(page);
    await check.start('jpki');
    await check.enterPassword('ABC123');
    await check.expectVerdict('cannot-verify');
    await expect(check.reasons).toContainText(message);
    expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0 });
  });
}

test('the card taken away during the certificate read: try again, without ending the session', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35', '&usbDelay=150');
  const check = new AgeCheck(page);
  await check.start('jpki');
  await check.enterPassword('ABC123');
  // Wait until part of the certificate has been read.
  await expect(page.getByTestId('flow.percent')).toHaveText(/^[1-9]\d*%$/);
  await page.getByTestId('demo.card').click();
  await expect(check.flowError).toHaveAttribute('data-code', 'transport.card-removed');
  await expect(check.flowError).toContainText('読み取り中にカードが離れました');
  await expect(check.verdict).toHaveCount(0); // nothing decided, nothing logged
  await page.getByTestId('demo.card').click();
  await check.tap(check.retry);
  await check.enterPassword('ABC123'); // asked again: a secret is never sent twice by the app
  await check.expectVerdict('of-age');
  expect(await check.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

test('the card lifted while the password is typed: stopped at once, nothing sent', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('jpki');
  await expect(check.password).toBeVisible();
  await liftCard(page);
  await expect(check.flowError).toHaveAttribute('data-code', 'transport.card-removed');
  expect(await check.diagnostics()).toMatchObject({ verifiesWithSecret: 0 });
});

test('revocation: "not checked" is stated, and the setting can require the check', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35');
  const check = new AgeCheck(page);
  await check.start('jpki');
  await check.enterPassword('ABC123');
  await check.expectVerdict('of-age');
  await expect(check.reasons).toContainText('失効確認はしていません');
  await openDemoWithReader(page, 'adult-35', '&revocation=required');
  await check.start('jpki');
  await check.enterPassword('ABC123');
  await check.expectVerdict('cannot-verify');
  await expect(check.reasons).toContainText('失効確認が必要');
});
