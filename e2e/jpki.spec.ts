import { expect, test } from '@playwright/test';
import { JpkiPanel } from './pages/jpki-panel';

const outcomes = [
  ['adult-35', 'of-age', '20歳以上です'],
  ['minor-17', 'under-age', '20歳未満です'],
  ['turns-20-today', 'of-age', '20歳以上です'],
  ['turns-20-tomorrow', 'under-age', '20歳未満です'],
] as const;

for (const [persona, outcome, headline] of outcomes) {
  test(`${persona}: password, signature, chain → ${outcome}`, async ({ page }) => {
    const jpki = new JpkiPanel(page);
    await jpki.open(persona);
    await jpki.start.click();
    await expect(jpki.tries).toHaveText('パスワードの残り回数: 5回');
    await jpki.enterPassword('abc123'); // folded to upper case
    await expect(jpki.verdict).toHaveAttribute('data-outcome', outcome);
    await expect(jpki.headline).toHaveText(headline);
    await expect(jpki.verdict).toContainText('デモ');
    expect(await jpki.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
  });
}

test('a wrong password shows the tries left and waits; the right one then passes', async ({ page }) => {
  const jpki = new JpkiPanel(page);
  await jpki.open('adult-35');
  await jpki.start.click();
  await jpki.enterPassword('WRONG1');
  await expect(jpki.notice).toHaveText('パスワードが違います。残り4回です。');
  await expect(jpki.tries).toHaveText('パスワードの残り回数: 4回');
  expect(await jpki.diagnostics()).toMatchObject({ verifiesWithSecret: 1 }); // no retry by itself
  await jpki.enterPassword('ABC123');
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age');
  expect(await jpki.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 2 });
});

test('the on-screen keyboard works in kiosk mode, and the kiosk accepts the signature alone', async ({ page }) => {
  const jpki = new JpkiPanel(page);
  await jpki.open('adult-35');
  await page.getByRole('radio', { name: /セルフ/ }).click();
  await jpki.start.click();
  await expect(jpki.password).toBeVisible();
  await jpki.typeOnScreen('ABC123');
  await expect(jpki.password).toHaveAttribute('data-count', '6');
  await expect(jpki.password).not.toContainText('A'); // masked
  await jpki.submit.click();
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(jpki.reasons).toHaveCount(0); // verdict only
});

for (const [persona, message] of [
  ['one-password-try-left', '残り回数が少ないため、照合しません'],
  ['password-locked', 'ロックされています'],
] as const) {
  test(`${persona}: refused without asking for the password or sending VERIFY`, async ({ page }) => {
    const jpki = new JpkiPanel(page);
    await jpki.open(persona);
    await jpki.start.click();
    await expect(jpki.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
    await expect(jpki.reasons).toContainText(message);
    await expect(jpki.password).toBeHidden();
    expect(await jpki.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 0 });
  });
}

for (const [persona, message] of [
  ['untrusted-issuer', '信頼できる発行元で確認できませんでした'],
  ['expired-certificate', '有効期限が切れています'],
  ['unknown-birth-date', '電子証明書に生年月日が記録されていません'],
] as const) {
  test(`${persona}: cannot verify, with the reason`, async ({ page }) => {
    const jpki = new JpkiPanel(page);
    await jpki.open(persona);
    await jpki.start.click();
    await jpki.enterPassword('ABC123');
    await expect(jpki.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
    await expect(jpki.reasons).toContainText(message);
    expect(await jpki.diagnostics()).toMatchObject({ privacyViolations: 0 });
  });
}

test('the card taken away during the certificate read: cannot verify, card removed', async ({ page }) => {
  const jpki = new JpkiPanel(page);
  await jpki.open('adult-35', '&usbDelay=150');
  await jpki.start.click();
  await jpki.enterPassword('ABC123');
  // Wait until part of the certificate has been read.
  await expect(jpki.root).toContainText(/電子証明書を読み取っています… [1-9]\d*%/);
  await page.getByTestId('demo.card').click();
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
  await expect(jpki.reasons).toContainText('読み取り中にカードが離れました');
  expect(await jpki.diagnostics()).toMatchObject({ privacyViolations: 0, verifiesWithSecret: 1 });
});

test('revocation: "not checked" is stated, and the visible setting can require the check', async ({ page }) => {
  const jpki = new JpkiPanel(page);
  await jpki.open('adult-35');
  await jpki.start.click();
  await jpki.enterPassword('ABC123');
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(jpki.reasons).toContainText('失効確認はしていません');
  await page.getByTestId('settings.revocationRequired').check();
  await jpki.start.click();
  await jpki.enterPassword('ABC123');
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
  await expect(jpki.reasons).toContainText('失効確認が必要');
});
