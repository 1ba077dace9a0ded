/**
 * JPKI and number B end to end through the local PC/SC bridge, on the real PC/SC stack: pcscd + vpcd + the
 * virtual card adapter → the bridge → the page. Demo mode (`demo=1`) supplies the simulator's trust root and
 * the card face to type number B from; the card itself is reached only through the bridge. Runs with
 * `BRIDGE_E2E=1` (`npm run test:bridge`); one vpcd reader, so the tests run one after another.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { JpkiPanel } from '../pages/jpki-panel';
import { NumberBPanel } from '../pages/numberb-panel';
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

/** Opens the app with the bridge configured, pairs with the bridge's code, and selects vpcd's reader. */
async function openThroughBridge(page: Page, persona: string): Promise<void> {
  await page.goto(`/?demo=1&readers=&persona=${persona}&bridge=${process.env['BRIDGE_PORT'] ?? ''}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  const bridge = page.getByTestId('bridge');
  await expect(bridge).toHaveAttribute('data-state', 'unpaired');
  await page.getByTestId('bridge.code').fill(latestPairingCode());
  await page.getByTestId('bridge.pair').click();
  await expect(bridge).toHaveAttribute('data-state', 'paired');
  await page.getByTestId('reader.choice').selectOption({ label: `PC/SCブリッジ: ${VPCD_READER}` });
  await expect(page.getByTestId('reader')).toHaveAttribute('data-status', 'card-present');
}

/** A JPKI check under way through the bridge, on a card slowed to 250 ms per APDU. */
async function slowJpkiCheck(page: Page): Promise<JpkiPanel> {
  await useCard('adult-35', 250);
  await openThroughBridge(page, 'adult-35');
  const jpki = new JpkiPanel(page);
  await jpki.start.click();
  await jpki.enterPassword('ABC123');
  return jpki;
}

test('pairing: a wrong code is refused with the reason, the printed one pairs', async ({ page }) => {
  await useCard('adult-35');
  await page.goto(`/?demo=1&readers=&bridge=${process.env['BRIDGE_PORT'] ?? ''}`);
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
  await expect(page.getByTestId('reader')).toHaveAttribute('data-status', 'no-card');
  await useCard('adult-35');
  await expect(page.getByTestId('reader')).toHaveAttribute('data-status', 'card-present');
});

for (const [persona, outcome] of [
  ['adult-35', 'of-age'],
  ['minor-17', 'under-age'],
] as const) {
  test(`JPKI through the bridge, ${persona} → ${outcome}`, async ({ page }) => {
    await useCard(persona);
    await openThroughBridge(page, persona);
    const jpki = new JpkiPanel(page);
    await jpki.start.click();
    await expect(jpki.tries).toHaveText('パスワードの残り回数: 5回');
    await jpki.enterPassword('ABC123');
    await expect(jpki.verdict).toHaveAttribute('data-outcome', outcome);
    await expect(jpki.verdict).toContainText('デモ'); // simulator root: a demo verdict, never a production one
  });
}

test('number B through the bridge → of-age, photo comparison asked', async ({ page }) => {
  await useCard('adult-35');
  await openThroughBridge(page, 'adult-35');
  const numberB = new NumberBPanel(page);
  await numberB.enterFromCardFace();
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'of-age');
  await expect(numberB.reasons).toContainText('顔写真とお客様を見比べてください');
});

test('the adapter stopped mid-read (card gone from the reader): a typed error, and the bridge keeps serving', async ({
  page,
}) => {
  const jpki = await slowJpkiCheck(page);
  // Wait until part of the certificate has been read (polled often: the read lasts about two seconds).
  await expect
    .poll(async () => jpki.root.textContent(), { intervals: [25], timeout: 15_000 })
    .toMatch(/電子証明書を読み取っています… [1-9]\d*%/);
  await useCard(null);
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
  await expect(jpki.reasons).toContainText('読み取り中にカードが離れました');
  // The bridge is still there: the card comes back and a new check passes.
  await useCard('adult-35');
  await expect(page.getByTestId('reader')).toHaveAttribute('data-status', 'card-present');
  await page.getByTestId('verdict.next').click();
  await jpki.start.click();
  await jpki.enterPassword('ABC123');
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age');
});

test('a second page while a check runs is refused (busy); the first check is not disturbed', async ({
  page,
  browser,
}) => {
  const jpki = await slowJpkiCheck(page);
  await expect(jpki.root).toContainText('電子証明書');
  // Another tab (its own pairing) tries the same reader while the first check holds it.
  const other = await browser.newPage();
  try {
    await openThroughBridge(other, 'adult-35');
    const otherJpki = new JpkiPanel(other);
    await otherJpki.start.click();
    await expect(otherJpki.verdict).toHaveAttribute('data-outcome', 'cannot-verify');
    await expect(otherJpki.reasons).toContainText('別の読み取りが終わるまでお待ちください');
  } finally {
    await other.close();
  }
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age', { timeout: 20_000 });
});
