/**
 * JPKI and number B end to end through the local PC/SC bridge, on the real PC/SC stack: pcscd + vpcd + the
 * virtual card adapter → the bridge → the page. Demo mode (`demo=1`) supplies the simulator's trust root and
 * the card face to type number B from; the card itself is reached only through the bridge. Pairing and the
 * choice of reader are staff tasks (the staff screen); the checks run from the clerk's home. Runs with
 * `BRIDGE_E2E=1` (`npm run test:bridge`); one vpcd reader, so the tests run one after another.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { japanDate } from '../../app/policy';
import { persona } from '../../mocks/card/personas';
import { AgeCheck } from '../pages/age-check';
import { ChipPhotoView } from '../pages/chip-photo';
import { NumberBFlow } from '../pages/numberb-flow';
import { StaffScreen, staffPinParam } from '../pages/staff-screen';
import {
  BridgeProcess,
  bridgePort,
  cardLog,
  insertVirtualCard,
  pairingsFile,
  startSquatter,
  stop,
  VPCD_SLOT,
  type InsertedCard,
} from './stack';

test.describe.configure({ mode: 'serial' });

/** The vpcd reader the adapter puts the card in, as the reader choice names it. */
const BRIDGE_READER = `PC/SCブリッジ: ${VPCD_SLOT.reader}`;
const PAIRINGS = pairingsFile();

let bridge: BridgeProcess;
let card: InsertedCard | null = null;

async function useCard(id: string | null, delayMs = 0): Promise<void> {
  if (card) await stop(card.child);
  card = id === null ? null : await insertVirtualCard(id, delayMs);
}

async function restartBridge(options: { idleReleaseSeconds?: number } = {}): Promise<void> {
  await bridge.stop();
  bridge = await BridgeProcess.start(PAIRINGS, options);
}

test.beforeAll(async () => {
  bridge = await BridgeProcess.start(PAIRINGS);
});

test.afterAll(async () => {
  await useCard(null);
  await bridge.stop();
});

test.afterEach(() => {
  // Whatever a test did, no card saw a My Number file.
  if (card) expect(cardLog(card).privacyViolations).toEqual([]);
});

/** The reader's state as the page sees it (`no-card`, `card-present`…). */
const readerOf = (page: Page) => page.getByTestId('app');

/** The app with the bridge configured (and the staff PIN, since pairing is a staff task), ready. */
async function openApp(page: Page, id: string, extra = ''): Promise<void> {
  await page.goto(`/?demo=1&readers=&persona=${id}&bridge=${bridgePort()}&${await staffPinParam()}${extra}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
}

/** Opens the staff screen with the PIN. */
async function openStaff(page: Page): Promise<StaffScreen> {
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  return staff;
}

/** Pairs with the bridge's current code in the staff screen's bridge section. */
async function pair(page: Page): Promise<void> {
  const box = page.getByTestId('bridge');
  await expect(box).toHaveAttribute('data-state', 'unpaired');
  await page.getByTestId('bridge.code').fill(bridge.latestCode());
  await page.getByTestId('bridge.pair').click();
  await expect(box).toHaveAttribute('data-state', 'paired');
}

/**
 * Opens the app, pairs with the bridge's code on the staff screen, selects vpcd's reader there, and goes back
 * to the clerk's home.
 */
async function openThroughBridge(page: Page, id: string): Promise<AgeCheck> {
  await openApp(page, id);
  const staff = await openStaff(page);
  await pair(page);
  await page.getByTestId('reader.choice').selectOption({ label: BRIDGE_READER });
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'card-present');
  await staff.close.click();
  await expect(staff.dialog).toHaveCount(0);
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

/** What a customer's card face shows, for typing number B (the demo panel shows the URL's persona only). */
function faceOf(id: 'adult-35' | 'minor-17') {
  const { face } = persona(id, japanDate(new Date()));
  return { birthText: face.birthDateText, expiryYear: face.expiry.slice(0, 4), code: face.securityCode };
}

/** A JPKI check from the clerk's home, with the password typed on a keyboard. */
async function checkJpki(check: AgeCheck, outcome: 'of-age' | 'under-age'): Promise<void> {
  await check.start('jpki');
  await check.enterPassword('ABC123');
  await check.expectVerdict(outcome);
}

/** Number B typed from the given card face, from the clerk's home. */
async function checkNumberB(check: AgeCheck, id: 'adult-35' | 'minor-17', outcome: 'of-age' | 'under-age') {
  await check.start('number-b');
  await new NumberBFlow(check.page, check).enter(faceOf(id));
  await check.expectVerdict(outcome);
}

test('pairing: a wrong code is refused with the reason, the printed one pairs, and only a sealed key is kept', async ({
  page,
}) => {
  await useCard('adult-35');
  await openApp(page, 'adult-35');
  await openStaff(page);
  const code = bridge.latestCode();
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
  await page.getByTestId('bridge.code').fill(bridge.latestCode());
  await page.getByTestId('bridge.pair').click();
  await expect(page.getByTestId('bridge')).toHaveAttribute('data-state', 'paired');
  // The bridge's readers are listed; the browser keeps no token, only a key no script can read out.
  await expect(page.getByTestId('reader.choice').locator('option')).toContainText([BRIDGE_READER]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('age-check-bridge');
      open.onsuccess = () => {
        resolve(open.result);
      };
      open.onerror = () => {
        reject(new Error('no pairing database'));
      };
    });
    const records = await new Promise<unknown[]>((resolve) => {
      const all = db.transaction('pairings').objectStore('pairings').getAll();
      all.onsuccess = () => {
        resolve(all.result as unknown[]);
      };
    });
    db.close();
    return records.map((r) => {
      const { pageKey } = r as { pageKey: CryptoKey };
      return { type: pageKey.type, extractable: pageKey.extractable };
    });
  });
  expect(stored).toEqual([{ type: 'private', extractable: false }]);
});

test('detects the card arriving and leaving through the bridge', async ({ page }) => {
  await useCard('adult-35');
  await openThroughBridge(page, 'adult-35');
  await useCard(null);
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'no-card');
  await useCard('adult-35');
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'card-present');
});

for (const [id, outcome] of [
  ['adult-35', 'of-age'],
  ['minor-17', 'under-age'],
] as const) {
  test(`JPKI through the bridge, ${id} → ${outcome}`, async ({ page }) => {
    await useCard(id);
    const check = await openThroughBridge(page, id);
    await check.start('jpki');
    await expect(check.tries).toHaveText('パスワードの残り回数: 5回');
    await check.enterPassword('ABC123');
    await check.expectVerdict(outcome);
    await expect(check.verdict).toContainText('デモ'); // simulator root: a demo verdict, never a production one
  });
}

test('number B through the bridge → of-age, the chip proven genuine and its photo shown to the clerk', async ({
  page,
}) => {
  await useCard('adult-35');
  const check = await openThroughBridge(page, 'adult-35');
  await new NumberBFlow(page, check).checkFromCardFace();
  await check.expectVerdict('of-age');
  await expect(check.reasons).toContainText('顔写真とお客様を見比べてください');
  // What number B opens besides the age (the chip's challenge in both applications, the surface AP's photo)
  // passes the bridge's card policy: nothing the app sends is refused.
  await expect(check.reasons).toContainText('ICチップが本物であることを確認しました');
  await new ChipPhotoView(page).expectShown();
  expect(bridge.events().filter((e) => e['event'] === 'policy-refused')).toEqual([]);
  expect(cardLog(card!).headers.filter((h) => h === '802a0000')).toHaveLength(2);
});

test('the next customer (JPKI): verdict, card out, another card in, and the next check reaches the new card', async ({
  page,
}) => {
  await useCard('adult-35');
  const check = await openThroughBridge(page, 'adult-35');
  await checkJpki(check, 'of-age');
  await useCard(null);
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'no-card');
  await useCard('minor-17');
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'card-present');
  await check.nextCustomer();
  await checkJpki(check, 'under-age');
});

test('the next customer (number B): verdict, card out, another card in, and the next check reaches the new card', async ({
  page,
}) => {
  await useCard('adult-35');
  const check = await openThroughBridge(page, 'adult-35');
  await checkNumberB(check, 'adult-35', 'of-age');
  await useCard(null);
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'no-card');
  await useCard('minor-17');
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'card-present');
  await check.nextCustomer();
  await checkNumberB(check, 'minor-17', 'under-age');
});

test('the adapter stopped mid-read (card gone from the reader): a typed error, try again, and the bridge keeps serving', async ({
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
  await expect(check.verdict).toHaveCount(0); // nothing decided on a half-read card
  // The page has seen the card go (else the `card-present` below could be the old card's state, not yet updated,
  // and the retry would reach the reader before the new card: a CI dry run under load failed so).
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'no-card');
  // The bridge is still there: the card comes back and the check is tried again.
  await useCard('adult-35');
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'card-present');
  await check.tap(check.retry);
  await check.enterPassword('ABC123');
  await check.expectVerdict('of-age');
});

test('a second page while a check runs is refused (busy); the first check is not disturbed', async ({
  page,
  browser,
}) => {
  const check = await slowJpkiCheck(page);
  await expect(check.step('working')).toContainText('電子証明書');
  // Another tab (its own pairing) tries the same reader while the first check holds it.
  const other = await browser.newPage();
  try {
    const otherCheck = await openThroughBridge(other, 'adult-35');
    await otherCheck.start('jpki');
    // Busy is temporary: that tab may try again later; nothing is decided for it.
    await expect(otherCheck.flowError).toHaveAttribute('data-code', 'transport.busy');
    await expect(otherCheck.flowError).toContainText('別の読み取りが終わるまでお待ちください');
    await expect(otherCheck.verdict).toHaveCount(0);
  } finally {
    await other.close();
  }
  await expect(check.verdict).toHaveAttribute('data-outcome', 'of-age', { timeout: 20_000 });
});

test('20 unauthenticated sockets from a local program do not keep the page out', async ({ page }) => {
  await useCard('adult-35');
  const origin = process.env['E2E_BASE_URL'] ?? '';
  const sockets = await Promise.all(
    Array.from(
      { length: 20 },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(`ws://127.0.0.1:${bridgePort()}/`, { origin });
          socket.once('open', () => {
            resolve(socket);
          });
          socket.once('error', reject);
        }),
    ),
  );
  try {
    const check = await openThroughBridge(page, 'adult-35');
    await checkJpki(check, 'of-age');
  } finally {
    for (const socket of sockets) socket.terminate();
  }
});

test('an idle page lets go of the card (released and reset), and its next check still works', async ({ page }) => {
  await restartBridge({ idleReleaseSeconds: 2 });
  try {
    await useCard('adult-35');
    const check = await openThroughBridge(page, 'adult-35');
    await checkJpki(check, 'of-age');
    await expect
      .poll(() => bridge.events().some((e) => e['event'] === 'disconnect' && e['reason'] === 'idle'))
      .toBe(true);
    await check.nextCustomer();
    await checkJpki(check, 'of-age');
  } finally {
    await restartBridge();
  }
});

test('a kiosk pairs from the staff screen, and a reload (or an update) keeps the pairing', async ({ page }) => {
  await useCard('adult-35');
  await openApp(page, 'adult-35', '&mode=kiosk');
  const staff = await openStaff(page);
  await pair(page);
  // No reader chosen by hand: pairing on purpose puts the kiosk on the bridge's reader.
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'card-present');
  await staff.close.click();
  const codesBefore = bridge.latestCode();
  await page.reload();
  // No code typed again: the stored key resumes the pairing, and the kiosk uses the bridge's reader.
  await expect(readerOf(page)).toHaveAttribute('data-reader', 'card-present');
  const check = new AgeCheck(page);
  await check.tap(page.getByTestId('kiosk.start')); // the card already lies on the reader: one tap starts
  await check.enterPasswordOnScreen('ABC123');
  await check.expectVerdict('of-age');
  expect(bridge.latestCode()).toBe(codesBefore);
  expect(bridge.events().filter((e) => e['event'] === 'resumed').length).toBeGreaterThanOrEqual(2);
});

test('a program squatting the port cannot pass for the bridge: no pairing, no code, no number B', async ({ page }) => {
  await useCard('adult-35');
  await openThroughBridge(page, 'adult-35');
  const realCode = bridge.latestCode();
  await bridge.stop();
  const squatter = await startSquatter();
  try {
    // The paired page reloads: what answers cannot make the paired bridge's proof, so the page says so (on
    // the staff screen) and sends nothing else.
    await page.reload();
    await openStaff(page);
    await expect(page.getByTestId('bridge')).toHaveAttribute('data-state', 'untrusted');
    await expect(page.getByTestId('bridge.untrusted')).toBeVisible();
    // A clerk tries to pair again with a code (here even the real bridge's last one): the squatter cannot
    // complete the pairing.
    await page.getByTestId('bridge.code').fill(realCode);
    await page.getByTestId('bridge.pair').click();
    await expect(page.getByTestId('bridge.error')).toHaveAttribute('data-code', 'bridge.pairing-refused');
    // No reader of the squatter's is offered, so nothing typed for a check can go its way.
    await expect(page.getByTestId('reader.choice').locator('option', { hasText: 'PC/SC' })).toHaveCount(0);
  } finally {
    await stop(squatter.child);
  }
  const received = readFileSync(squatter.logFile, 'utf8');
  const frames = received.split('\n').filter((l) => l.startsWith('frame '));
  expect(frames.length).toBeGreaterThan(0);
  const numberB = persona('adult-35', japanDate(new Date())).numberB;
  const asHex = (text: string) => Buffer.from(text).toString('hex');
  for (const secret of [realCode, numberB, 'ABC123']) {
    for (const form of [secret, asHex(secret), Buffer.from(secret).toString('base64')]) {
      expect(received).not.toContain(form);
    }
  }
  // Only handshake messages in clear: not one sealed frame, card request or APDU.
  const types = frames.flatMap((f) => /"type":"([a-z-]+)"/.exec(f)?.[1] ?? ['binary']);
  expect(new Set(types)).toEqual(new Set(['hello', 'resume', 'pair-start']));
  // The real bridge comes back on its port: the page trusts it again without a new pairing.
  bridge = await BridgeProcess.start(PAIRINGS);
  await page.reload();
  await openStaff(page);
  await expect(page.getByTestId('bridge')).toHaveAttribute('data-state', 'paired');
});
