import { expect, test } from '@playwright/test';
import { ReaderPanel } from './pages/reader-panel';

test('the virtual card: selected, detected, read; removal and return are seen', async ({ page }) => {
  const reader = new ReaderPanel(page);
  await reader.open('readers=');
  await expect(reader.choice).toContainText('仮想カード');
  await reader.expectStatus('card-present');
  await reader.runCheck();
  await expect(reader.checkResult).toHaveAttribute('data-state', 'ok');
  await expect(reader.checkResult).toContainText(/利用者証明用電子証明書 \d{3,4} バイト/);
  await reader.demoCard.click();
  await reader.expectStatus('no-card');
  await expect(reader.status).toContainText('カードをリーダーの上に置いてください');
  await reader.demoCard.click();
  await reader.expectStatus('card-present');
});

for (const kind of ['rcs380', 'rcs300', 'ccid'] as const) {
  test(`${kind}: connect through the chooser, detect the card, read the authentication certificate`, async ({
    page,
  }) => {
    const reader = new ReaderPanel(page);
    await reader.open(`readers=${kind}`);
    await reader.connect.click();
    await expect(reader.choice.locator('option:checked')).toHaveText(/RC-S380|RC-S300|CCID/);
    await reader.expectStatus('card-present');
    await reader.runCheck();
    await expect(reader.checkResult).toHaveAttribute('data-state', 'ok');
    await reader.demoCard.click();
    await reader.expectStatus('no-card');
    await reader.demoCard.click();
    await reader.expectStatus('card-present');
  });

  test(`${kind}: unplugged mid-read → a clear message and a clean state`, async ({ page }) => {
    const reader = new ReaderPanel(page);
    await reader.open(`readers=${kind}&usbDelay=40`);
    await reader.connect.click();
    await reader.expectStatus('card-present');
    await reader.check.click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    await reader.demoReader.click();
    await reader.expectStatus('error');
    await expect(reader.status).toContainText('カードリーダーが外れました');
    // Clean state: no reader selected, no half-finished check left on screen.
    await expect(reader.choice).toHaveValue('');
    await expect(reader.check).toBeHidden();
    await expect(page.getByRole('progressbar')).toBeHidden();
    // Plugged back in, the permitted reader comes back without the chooser and works again.
    await reader.demoReader.click();
    await reader.expectStatus('card-present');
    await reader.runCheck();
    await expect(reader.checkResult).toHaveAttribute('data-state', 'ok');
  });
}

test('a CCID reader in an ordinary page: WebUSB refuses it, and the message says what works instead', async ({
  page,
}) => {
  const reader = new ReaderPanel(page);
  await reader.open('readers=ccid-blocked');
  await reader.connect.click();
  await reader.expectStatus('error');
  await expect(reader.status).toContainText('Sony PaSoRi（RC-S380）か PC/SC ブリッジをお使いください');
});

for (const [kind, code, says] of [
  ['rcs380-no-access', 'reader-access-denied', 'パソコンの設定で、このリーダーをブラウザーから使えません'],
  ['rcs380-in-use', 'reader-in-use', '他のソフトやタブがこのリーダーを使っています'],
] as const) {
  test(`a reader the system will not open (${code}): the clerk is told the way out, the administrator what to change`, async ({
    page,
  }) => {
    // Chrome on Windows: the user agent names the system, so the note speaks of WinUSB and Sony's driver.
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'userAgent', {
        get: () => 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36',
        configurable: true,
      });
      Object.defineProperty(Navigator.prototype, 'userAgentData', {
        get: () => ({ platform: 'Windows' }),
        configurable: true,
      });
    });
    const reader = new ReaderPanel(page);
    await reader.open(`readers=${kind}`);
    await reader.connect.click();
    await reader.expectStatus('error');
    await expect(reader.status).toContainText(says);
    const help = page.getByTestId('reader.help');
    await expect(help).toHaveAttribute('data-platform', 'windows');
    await expect(help).toContainText('WinUSB');
    await expect(help).toContainText('PC/SCブリッジ');
  });
}

test('says which browsers work when WebUSB is missing, and that Web NFC cannot help', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'usb', { get: () => undefined, configurable: true });
    Object.assign(window, { NDEFReader: function NDEFReader() {} });
  });
  await page.goto('/');
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  await expect(page.getByTestId('reader')).toContainText('このブラウザはUSBカードリーダーに対応していません');
  await expect(page.getByTestId('reader')).toContainText('Web NFC はマイナンバーカードと通信できません');
  await expect(page.getByTestId('reader.connect')).toBeHidden();
});
