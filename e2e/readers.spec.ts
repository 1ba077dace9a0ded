import { expect, test, type Page } from '@playwright/test';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

/** Demo mode with the given fake readers, and the staff screen's reader section open. */
async function openReaders(page: Page, query: string): Promise<StaffScreen> {
  await page.goto(`/?demo=1&${query}&${await staffPinParam()}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  await expect(page.getByTestId('staff.reader')).toBeVisible();
  return staff;
}

const status = (page: Page) => page.getByTestId('app');
const readerCheck = async (page: Page) => {
  await page.getByTestId('reader.check').click();
  await expect(page.getByTestId('reader.check.result')).not.toHaveAttribute('data-state', /idle|running/);
};

test('the virtual card: selected, detected, read; removal and return are seen', async ({ page }) => {
  await openReaders(page, 'readers=');
  await expect(page.getByTestId('reader.choice')).toContainText('仮想カード');
  await expect(status(page)).toHaveAttribute('data-reader', 'card-present');
  await readerCheck(page);
  await expect(page.getByTestId('reader.check.result')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('reader.check.result')).toContainText('読み取りテスト成功');
  await page.getByTestId('staff.close').click();
  await page.getByTestId('demo.card').click();
  await expect(status(page)).toHaveAttribute('data-reader', 'no-card');
  await expect(page.getByTestId('reader.status')).toContainText('カードなし');
  await page.getByTestId('demo.card').click();
  await expect(status(page)).toHaveAttribute('data-reader', 'card-present');
});

for (const kind of ['rcs380', 'rcs300', 'ccid'] as const) {
  test(`${kind}: connect through the chooser, detect the card, read the authentication certificate`, async ({
    page,
  }) => {
    await openReaders(page, `readers=${kind}`);
    await page.getByTestId('staff.reader.connect').click();
    await expect(page.getByTestId('reader.choice').locator('option:checked')).toHaveText(/RC-S380|RC-S300|CCID/);
    await expect(status(page)).toHaveAttribute('data-reader', 'card-present');
    await readerCheck(page);
    await expect(page.getByTestId('reader.check.result')).toHaveAttribute('data-state', 'ok');
  });

  test(`${kind}: unplugged mid-read → a clear message and a clean state`, async ({ page }) => {
    await openReaders(page, `readers=${kind}&usbDelay=40`);
    await page.getByTestId('staff.reader.connect').click();
    await expect(status(page)).toHaveAttribute('data-reader', 'card-present');
    await page.getByTestId('reader.check').click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    await page.getByTestId('staff.close').click();
    await page.getByTestId('demo.reader').click();
    await expect(status(page)).toHaveAttribute('data-reader', 'error');
    await expect(page.getByTestId('reader.status')).toContainText('リーダーを確認してください');
    await page.getByTestId('staff.open').click();
    await page.getByTestId('staff.pin').fill('246813');
    await page.getByTestId('staff.unlock').click();
    await expect(page.getByTestId('staff.reader.status')).toContainText('カードリーダーが外れました');
    // Clean state: no reader selected, no half-finished check left on screen.
    await expect(page.getByTestId('reader.choice')).toHaveValue('');
    await expect(page.getByTestId('reader.check')).toHaveCount(0);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await page.getByTestId('staff.close').click();
    // Plugged back in, the permitted reader comes back without the chooser and works again.
    await page.getByTestId('demo.reader').click();
    await expect(status(page)).toHaveAttribute('data-reader', 'card-present');
  });
}

test('a CCID reader in an ordinary page: WebUSB refuses it, and the message says what works instead', async ({
  page,
}) => {
  await openReaders(page, 'readers=ccid-blocked');
  await page.getByTestId('staff.reader.connect').click();
  await expect(page.getByTestId('staff.reader.status')).toContainText(
    'Sony PaSoRi（RC-S380）か PC/SC ブリッジをお使いください',
  );
});

for (const [kind, code, says] of [
  ['rcs380-no-access', 'reader-access-denied', 'パソコンの設定で、このリーダーをブラウザーから使えません'],
  ['rcs380-in-use', 'reader-in-use', '他のソフトやタブがこのリーダーを使っています'],
] as const) {
  test(`a reader the system will not open (${code}): staff are told the way out, the administrator what to change`, async ({
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
    await openReaders(page, `readers=${kind}`);
    await page.getByTestId('staff.reader.connect').click();
    await expect(status(page)).toHaveAttribute('data-reader', 'error');
    await expect(page.getByTestId('staff.reader.status')).toContainText(says);
    const help = page.getByTestId('reader.help');
    await expect(help).toHaveAttribute('data-platform', 'windows');
    await expect(help).toContainText('WinUSB');
    await expect(help).toContainText('PC/SCブリッジ');
    // Back at the counter, the clerk's home says it too, above the ways of checking.
    await page.getByTestId('staff.close').click();
    await expect(page.getByTestId('reader.error')).toContainText(says);
  });
}

test('says which browsers work when WebUSB is missing, and that Web NFC cannot help', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'usb', { get: () => undefined, configurable: true });
    Object.assign(window, { NDEFReader: function NDEFReader() {} });
  });
  await page.goto(`/?${await staffPinParam()}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  // The chip ways are shown disabled, with the reason; the card face still works.
  await expect(page.getByTestId('flow.jpki')).toBeDisabled();
  await expect(page.getByTestId('flow.jpki')).toContainText('カードリーダーを使えません');
  await expect(page.getByTestId('flow.face-only')).toBeEnabled();
  await expect(page.getByTestId('reader.connect')).toHaveCount(0);
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  await expect(page.getByTestId('staff.reader')).toContainText('このブラウザはUSBカードリーダーに対応していません');
  await expect(page.getByTestId('staff.reader')).toContainText('マイナンバーカードと通信できません');
});
