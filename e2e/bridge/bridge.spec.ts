/**
 * JPKI and number B end to end through the local PC/SC bridge, on the real PC/SC stack: pcscd + vpcd + the
 * virtual card adapter → the bridge → the page. Demo mode (`demo=1`) supplies the simulator's trust root and
 * the card face to type number B from; the card itself is reached only through the bridge. Runs with
 * `BRIDGE_E2E=1` (`npm run test:bridge`); one vpcd reader, so the tests run one after another.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { AgeCheck } from '../pages/age-check';
import { NumberBFlow } from '../pages/numberb-flow';
import { StaffScreen, staffPinParam } from '../pages/staff-screen';
import { insertVirtualCard, latestPairingCode, stop, VPCD_SLOT } from './stack';

test.describe.configure({ mode: 'serial' });

/** The vpcd reader the adapter puts the card in. */
const VPCD_READER = VPCD_SLOT.reader;

let card: ChildProcess | null = null;

async function useCard(persona: string | null, delayMs = 0): Promise<void> {
  if (card) await stop(card);
  card = persona === null ? null : await insertVirtualCard(persona, delayMs);
}

test.afterAll(async () => {
  await useCard(null);
});

/** The app with the bridge configured and the staff screen unlocked (pairing is a staff task). */
async function openStaffWithBridge(page: Page, persona = 'adult-35'): Promise<StaffScreen> {
  const port = process.env['BRIDGE_PORT'] ?? '';
  await page.goto(`/?demo=1&readers=&persona=${persona}&bridge=${port}&${await staffPinParam()}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  return staff;
}

/** Pairs with the bridge's code on the staff screen, selects vpcd's reader, and goes back to the check. */
async function openThroughBridge(page: Page, persona: string): Promise<AgeCheck> {
  const staff = await openStaffWithBridge(page, persona);
  const bridge = page.getByTestId('bridge');
  await expect(bridge).toHaveAttribute('data-state', 'unpaired');
  await page.getByTestId('bridge.code').fill(latestPairingCode());
  await page.getByTestId('bridge.pair').click();
  await expect(bridge).toHaveAttribute('data-state', 'paired');
  await page.getByTestId('reader.choice').selectOption({ label: `PC/SCブリッジ: ${VPCD_READER}` });
  await expect(page.getByTestId('app')).toHaveAttribute('data-reader', 'card-present');
  await staff.close.click();
  return new AgeCheck(page);
}

/** A JPKI check under way through the bridge, on a card slowed to 250 ms per APDU. */
async function slowJpkiCheck(page: Page): Promise<AgeCheck> {
  await useCard('adult-35', 250);
  const check = await openThroughBridge(page, 'adult-35');
  await check.start('jpki');
  await check.enterPassword('ABC123');
  return check;
}

test('pairing: a wrong code is refused with the reason, the printed one pairs', async ({ page }) => {
  await useCard('adult-35');
  await openStaffWithBridge(page);
  const code = latestPairingCode();
  await page.getByTestId('bridge.code').fill(code === '000000' ? '000001' : '000000');
  await page.getByTestId('bridge.pair').click();
  await expect(page.getByTestId('bridge.error')).toHaveAttribute('data-code', 'bridge.pairing-refused');
  await expect(page.getByTestId('bridge.error')).toContainText('ペアリングコードが違います');
  // The pairing form and its error pass the same WCAG 2.2 AA checks as the rest of the app.
  const { violations } = await new AxeBuilder({ page })
    .include('[data-testid="bridge"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.getByTestId('bridge.code').fill(code);
  await page.getByTestId('bridge.pair').click();
  await expect(page.getByTestId('bridge')).toHaveAttribute('data-state', 'paired');
  // The bridge's readers are listed, and nothing about the pairing is kept in the browser.
  await expect(page.getByTestId('reader.choice').locator('option')).toContainText([`PC/SCブリッジ: ${VPCD_READER}`]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
});

test('detects the card arriving and leaving through the bridge', async ({ page }) => {
  await useCard('adult-35');
  await openThroughBridge(page, 'adult-35');
  await useCard(null);
  await expect(page.getByTestId('app')).toHaveAttribute('data-reader', 'no-card');
  await useCard('adult-35');
  await expect(page.getByTestId('app')).toHaveAttribute('data-reader', 'card-present');
});

for (const [persona, outcome] of [
  ['adult-35', 'of-age'],
  ['minor-17', 'under-age'],
] as const) {
  test(`JPKI through the bridge, ${persona} → ${outcome}`, async ({ page }) => {
    await useCard(persona);
    const check = await openThroughBridge(page, persona);
    await check.start('jpki');
    await expect(check.tries).toHaveText('パスワードの残り回数: 5回');
    await check.enterPassword('ABC123');
    await check.expectVerdict(outcome);
    await expect(check.verdict).toContainText('デモ'); // simulator root: a demo verdict, never a production one
  });
}

test('number B through the bridge → of-age, photo comparison asked', async ({ page }) => {
  await useCard('adult-35');
  const check = await openThroughBridge(page, 'adult-35');
  await new NumberBFlow(page, check).checkFromCardFace();
  await check.expectVerdict('of-age');
  await expect(check.reasons).toContainText('顔写真とお客様を見比べてください');
});

test('the adapter stopped mid-read (card gone from the reader): try again, and the bridge keeps serving', async ({
  page,
}) => {
  const check = await slowJpkiCheck(page);
  // Wait until part of the certificate has been read (polled often: the read lasts about two seconds).
  await expect
    .poll(
      async () =>
        page
          .getByTestId('flow.percent')
          .textContent()
          .catch(() => ''),
      { intervals: [25], timeout: 15_000 },
    )
    .toMatch(/^[1-9]\d*%$/);
  await useCard(null);
  await expect(check.flowError).toHaveAttribute('data-code', 'transport.card-removed');
  await expect(check.flowError).toContainText('読み取り中にカードが離れました');
  // The bridge is still there: the card comes back and the check is tried again.
  await useCard('adult-35');
  await expect(page.getByTestId('app')).toHaveAttribute('data-reader', 'card-present');
  await check.tap(check.retry);
  await check.enterPassword('ABC123');
  await check.expectVerdict('of-age');
});

test('a second page while a check runs is refused (busy); the first check is not disturbed', async ({
  page,
  browser,
}) => {
  const check = await slowJpkiCheck(page);
  await expect(page.getByTestId('step.working')).toContainText('電子証明書');
  // Another tab (its own pairing) tries the same reader while the first check holds it.
  const other = await browser.newPage();
  try {
    const otherCheck = await openThroughBridge(other, 'adult-35');
    await otherCheck.start('jpki');
    // Busy is temporary: that tab may try again later; nothing is decided for it.
    await expect(otherCheck.flowError).toHaveAttribute('data-code', 'transport.busy');
    await expect(otherCheck.flowError).toContainText('別の読み取りが終わるまでお待ちください');
  } finally {
    await other.close();
  }
  await expect(check.verdict).toHaveAttribute('data-outcome', 'of-age', { timeout: 20_000 });
});
