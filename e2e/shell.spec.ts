import { expect, test } from '@playwright/test';
import { CheckPage, evidence, ONLY_AUDIT_LOG } from './pages/check-page';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

// 2026-11-26 23:30 JST = 14:30 UTC. Someone born 2006-11-27 turns 20 in half an hour.
const NOW = new Date('2026-11-26T14:30:00Z');

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: NOW });
});

test('shows three method panels side by side, in Japanese, with nothing decided', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('マイナンバーカード年齢確認');
  await expect(app.verdict).toHaveAttribute('data-outcome', 'none');
  await expect(app.verdict).toContainText('お客様のカードで年齢を確認してください');
  const boxes = [];
  for (const id of ['jpki-signature', 'number-b', 'card-face-ocr'] as const) {
    await expect(app.method(id).getByTestId(`method.${id}.state`)).toHaveText('利用できます');
  }
  for (const id of ['jpki-signature', 'number-b', 'card-face-ocr'] as const) {
    boxes.push(await app.method(id).boundingBox());
  }
  const [a, b, c] = boxes.map((box) => box!);
  expect(a!.y).toBe(b!.y);
  expect(b!.y).toBe(c!.y);
  expect(a!.x).toBeLessThan(b!.x);
  expect(b!.x).toBeLessThan(c!.x);
});

test('stacks the panels on a narrow portrait screen', async ({ page }) => {
  await page.setViewportSize({ width: 600, height: 1000 });
  const app = new CheckPage(page);
  await app.open();
  const first = (await app.method('jpki-signature').boundingBox())!;
  const second = (await app.method('number-b').boundingBox())!;
  expect(second.y).toBeGreaterThanOrEqual(first.y + first.height);
});

test('decides with the chosen threshold and the Japanese date', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await app.check('jpki-signature', evidence('2006-11-27', 'chip-signature-with-password'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'under-age');
  await expect(app.headline).toHaveText('20歳未満です');
  await app.next.click();

  await app.threshold.selectOption('toto');
  await app.check('jpki-signature', evidence('2006-11-27', 'chip-signature-with-password'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(app.headline).toHaveText('19歳以上です');
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

test('changing the threshold clears a shown verdict', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await app.check('number-b', evidence('1980-02-17', 'chip-read-with-number-b'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await app.threshold.selectOption('adulthood');
  await expect(app.verdict).toHaveAttribute('data-outcome', 'none');
});

test('a custom threshold is used as typed', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await app.threshold.selectOption('custom');
  await page.getByTestId('settings.customAge').fill('47');
  await app.check('jpki-signature', evidence('1980-02-17', 'chip-signature-with-password'));
  await expect(app.headline).toHaveText('47歳未満です');
});

test('switches to English and back', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My Number Card age check');
  await expect(app.method('card-face-ocr').getByTestId('method.card-face-ocr.state')).toHaveText('Ready');
  await app.check('card-face-ocr', { kind: 'failed', errorCode: 'policy.unrecognised-date' });
  await expect(app.headline).toHaveText('Cannot verify');
  await expect(app.reasons).toContainText('The date is not in a recognised format.');
  await page.getByRole('radio', { name: '日本語' }).check();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('マイナンバーカード年齢確認');
});

test('clerk reset leaves nothing on screen or in storage', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open();
  await app.check('jpki-signature', evidence('1980-02-17', 'chip-signature-with-password'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(page.locator('body')).not.toContainText('1980');
  await app.next.click();
  await expect(app.verdict).toHaveAttribute('data-outcome', 'none');
  await expect(page.locator('body')).not.toContainText('20歳以上');
  // Only the audit log, which holds no personal data (e2e/audit.spec.ts).
  await expect.poll(() => app.storedData()).toEqual(ONLY_AUDIT_LOG);
});

test('kiosk: verdict only, staff check for number B, automatic reset when idle', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open('?mode=kiosk&idle=15');
  await expect(app.threshold).toBeHidden(); // settings folded away from customers
  await app.check('number-b', evidence('1980-02-17', 'chip-read-with-number-b'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'staff-check');
  await expect(app.headline).toHaveText('係員が確認します');
  await expect(app.reasons).toHaveCount(0);
  await expect(app.method('number-b')).toBeHidden(); // the verdict fills the screen
  await expect(page.locator('body')).not.toContainText('46');

  await page.clock.runFor(14_000);
  await expect(app.verdict).toHaveAttribute('data-outcome', 'staff-check');
  await page.clock.runFor(2_000);
  await expect(app.verdict).toHaveAttribute('data-outcome', 'none');
  await expect(app.method('number-b')).toBeVisible();
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
  await expect(app.verdict).toHaveAttribute('data-outcome', 'none');
});

test('switching mode in the settings changes what the verdict shows', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open(`?${await staffPinParam()}`);
  await app.chooseMode(/セルフ/);
  await expect(page.getByTestId('app')).toHaveAttribute('data-mode', 'kiosk');
  await app.check('card-face-ocr', evidence('1980-02-17', 'card-face'));
  await expect(app.verdict).toHaveAttribute('data-outcome', 'staff-check');
  await app.next.click();
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  await app.chooseMode(/店員/);
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
