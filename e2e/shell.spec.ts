import { expect, test } from '@playwright/test';
import { CheckPage, evidence, ONLY_AUDIT_LOG } from './pages/check-page';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

// 2026-11-26 23:30 JST = 14:30 UTC. Someone born 2006-11-27 turns 20 in half an hour.
const NOW = new Date('2026-11-26T14:30:00Z');

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: NOW });
});

test('the first screen is the check: four ways, the recommended first, the threshold as a badge', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('マイナンバーカード年齢確認');
  await expect(page.getByTestId('threshold.badge')).toHaveText('確認する年齢:酒類・たばこ 20歳');
  const ways = page.getByTestId('home').getByRole('button');
  await expect(ways).toHaveText([/^券面 → ICチップ.*おすすめ/, /^パスワードで確認/, /^番号を入力/, /^券面のみ/]);
  // The strength of each way, in words and shape.
  await expect(page.getByTestId('flow.jpki').getByTestId('strength')).toHaveAttribute('data-level', '3');
  await expect(page.getByTestId('flow.face-only').getByTestId('strength')).toContainText('■□□');
  // No setting on the check screen: they are behind the staff PIN.
  await expect(page.getByTestId('settings.threshold')).toHaveCount(0);
  await expect(page.getByRole('radio')).toHaveCount(0);
});

test('the launch URL presets the threshold; the badge says it', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open('?threshold=toto');
  await expect(page.getByTestId('threshold.badge')).toContainText('スポーツくじ 19歳');
  await app.check('jpki-signature', evidence('2006-11-27', 'chip-signature-with-password'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(app.headline).toHaveText('19歳以上です');
});

test('decides with the chosen threshold and the Japanese date', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await app.check('jpki-signature', evidence('2006-11-27', 'chip-signature-with-password'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'under-age');
  await expect(app.headline).toHaveText('20歳未満です');
  await expect(app.verdict).toContainText('ICチップの署名とパスワード');
});

test('a birthday at JST midnight: of age from 00:00 in Japan', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await page.clock.setFixedTime(new Date('2026-11-26T15:00:00Z')); // 2026-11-27 00:00 JST
  await app.check('number-b', evidence('2006-11-27', 'chip-read-with-number-b'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(app.reasons).toContainText('顔写真とお客様を見比べてください');
});

test('changing the threshold on the staff screen takes effect at once', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open(`?${await staffPinParam()}`);
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  await page.getByTestId('settings.threshold').selectOption('custom');
  await page.getByTestId('settings.customAge').fill('47');
  await staff.close.click();
  await expect(page.getByTestId('threshold.badge')).toContainText('47');
  await app.check('jpki-signature', evidence('1980-02-17', 'chip-signature-with-password'));
  await expect(app.headline).toHaveText('47歳未満です');
});

test('switches to English and back; a shown verdict stays', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await page.getByTestId('language.toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My Number Card age check');
  await expect(page.getByTestId('flow.face-only')).toContainText('Card face only');
  await app.check('card-face-ocr', { kind: 'failed', errorCode: 'policy.unrecognised-date' });
  await expect(app.headline).toHaveText('Cannot verify');
  await expect(app.reasons).toContainText('The date is not in a recognised format.');
  await page.goto('/?lang=en&mode=kiosk');
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  await app.check('jpki-signature', evidence('2015-01-01', 'chip-signature-with-password'));
  await expect(app.headline).toHaveText('Under 20');
  await app.verdict.getByTestId('language.toggle').click(); // the kiosk customer switches on the verdict
  await expect(app.headline).toHaveText('20歳未満です');
  await expect(app.verdict).toHaveAttribute('data-outcome', 'under-age');
});

test('clerk reset leaves nothing on screen or in storage', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await app.check('jpki-signature', evidence('1980-02-17', 'chip-signature-with-password'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(page.locator('body')).not.toContainText('1980');
  await app.next.click();
  await expect(app.verdict).toHaveCount(0);
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('20歳以上');
  // Only the audit log, which holds no personal data (e2e/audit.spec.ts).
  await expect.poll(() => app.storedData()).toEqual(ONLY_AUDIT_LOG);
});

test('the verdict stays until the next customer: Escape does not dismiss it', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await app.check('number-b', evidence('1980-02-17', 'chip-read-with-number-b'));
  await expect(app.verdict).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(app.verdict).toBeVisible();
  await page.clock.runFor(120_000); // a clerk's verdict waits for the clerk
  await expect(app.verdict).toBeVisible();
});

test('kiosk: verdict only, staff check for number B, automatic reset when idle', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open('?mode=kiosk&idle=15');
  await app.check('number-b', evidence('1980-02-17', 'chip-read-with-number-b'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'staff-check');
  await expect(app.headline).toHaveText('係員が確認します');
  await expect(app.reasons).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('46');

  await page.clock.runFor(14_000);
  await expect(app.verdict).toHaveAttribute('data-outcome', 'staff-check');
  await page.clock.runFor(2_000);
  await expect(app.verdict).toHaveCount(0);
  await expect(page.getByTestId('staffcall')).toBeVisible(); // the call for staff stays
  // Only the audit log, which holds no personal data (e2e/audit.spec.ts).
  await expect.poll(() => app.storedData()).toEqual(ONLY_AUDIT_LOG);
});

test('kiosk: a touch restarts the idle timer; the signature check is accepted without staff', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open('?mode=kiosk&idle=10');
  await app.check('jpki-signature', evidence('1980-02-17', 'chip-signature-with-password'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await page.clock.runFor(8_000);
  await page.mouse.click(5, 5);
  await page.clock.runFor(8_000);
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await page.clock.runFor(3_000);
  await expect(app.verdict).toHaveCount(0);
  await expect(page.getByTestId('home')).toBeVisible();
});

test('switching mode on the staff screen changes what the verdict shows', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open(`?${await staffPinParam()}`);
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  await page.getByRole('radio', { name: /セルフ/ }).check();
  await staff.close.click();
  await expect(app.app).toHaveAttribute('data-mode', 'kiosk');
  await app.check('card-face-ocr', evidence('1980-02-17', 'card-face'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'staff-check');
  await app.next.click();
  await staff.open.click(); // the staff call screen has its own way in; the top bar's works too
  await staff.enterPin('246813');
  await page.getByTestId('staff.call.clear').click();
  await page.getByRole('radio', { name: /店員/ }).check();
  await staff.close.click();
  await app.check('card-face-ocr', evidence('1980-02-17', 'card-face'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(app.reasons).toContainText('カードが本物で、お客様本人のものか確認してください');
});

test('serves a strict Content-Security-Policy and breaks none of it', async ({ page }) => {
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("script-src 'self'");
  expect(header).not.toContain('unsafe-inline');
  // Only WebAssembly compilation (for the OCR engine) is allowed, never JavaScript eval.
  expect(header).not.toContain("'unsafe-eval'");
  expect(header).toContain("'wasm-unsafe-eval'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /default-src 'self'/,
  );
  const violations = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        document.addEventListener('securitypolicyviolation', () => (count += 1));
        // An inline script must be refused.
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.body.append(script);
        setTimeout(() => {
          resolve(count);
        }, 0);
      }),
  );
  await page.clock.runFor(10);
  expect(violations).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
