import { expect, test, type Page } from '@playwright/test';
import { CheckPage, evidence } from './pages/check-page';
import { openDemoWithReader } from './pages/demo';
import { JpkiPanel } from './pages/jpki-panel';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

/** Everything a customer can touch on screen. */
const TARGETS =
  'button, select, summary, [role="textbox"], .file-button, .segmented label, input:not([type="radio"], [type="checkbox"], [type="file"])';

/** Targets smaller than 44 × 44 CSS px (WCAG 2.5.5), as `name w×h`. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator(TARGETS).evaluateAll((elements) =>
    elements.flatMap((element) => {
      const box = element.getBoundingClientRect();
      if (!element.checkVisibility() || box.width === 0) return []; // not rendered (e.g. in a closed <details>)
      if (box.width >= 44 && box.height >= 44) return [];
      const name = element.getAttribute('data-testid') ?? (element.textContent || element.tagName).trim();
      return [`${name} ${Math.round(box.width)}×${Math.round(box.height)}`];
    }),
  );
}

async function openKioskWithReader(page: Page): Promise<void> {
  await openDemoWithReader(page, 'adult-35'); // a kiosk hides the reader controls: connect first
  await page.locator('input[name="mode"][value="kiosk"]').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-mode', 'kiosk');
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
]) {
  test(`kiosk touch targets are at least 44 × 44 px (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openKioskWithReader(page);
    expect(await smallTargets(page), 'the check screen').toEqual([]);
    const jpki = new JpkiPanel(page);
    await jpki.start.click();
    await expect(jpki.password).toBeVisible();
    expect(await smallTargets(page), 'the password pad').toEqual([]);
    await jpki.typeOnScreen('ABC123');
    await jpki.submit.click();
    await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age');
    expect(await smallTargets(page), 'the verdict').toEqual([]);
  });
}

test('kiosk staff screen: touch targets are at least 44 × 44 px too', async ({ page }) => {
  await page.goto(`/?mode=kiosk&${await staffPinParam()}`);
  const staff = new StaffScreen(page);
  await staff.open.click();
  await expect(staff.pin).toBeVisible();
  expect(await smallTargets(page), 'the PIN form').toEqual([]);
  await staff.unlockWithPin();
  expect(await smallTargets(page), 'the unlocked staff screen').toEqual([]);
});

test('kiosk: no context menu and no text selection on the check screen', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open('?mode=kiosk');
  const prevented = await page.evaluate(() => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    return !document.querySelector('h1')?.dispatchEvent(event);
  });
  expect(prevented).toBe(true);
  await expect(page.getByTestId('app')).toHaveCSS('user-select', 'none');
});

test('kiosk: full screen on the first touch', async ({ page }) => {
  const app = new CheckPage(page);
  await app.open('?mode=kiosk');
  await page.getByRole('heading', { level: 1 }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName ?? null)).toBe('HTML');
  await expect(page.getByTestId('kiosk.fullscreenUnavailable')).toHaveCount(0);
});

test('kiosk: says so when the browser refuses full screen', async ({ page }) => {
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('refused'));
  });
  const app = new CheckPage(page);
  await app.open('?mode=kiosk');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(page.getByTestId('kiosk.fullscreenUnavailable')).toBeVisible();
});

test('the screen is kept awake while a check runs and released after', async ({ page }) => {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { wakeLog: string[] }).wakeLog = log;
    Object.defineProperty(navigator, 'wakeLock', {
      value: {
        request: (type: string) => {
          log.push(`request ${type}`);
          return Promise.resolve({ release: () => (log.push('release'), Promise.resolve()) });
        },
      },
    });
  });
  const app = new CheckPage(page);
  await app.open();
  const wakeLog = () => page.evaluate(() => (window as unknown as { wakeLog: string[] }).wakeLog);
  expect(await page.evaluate(() => window.__e2e?.beginCheck('number-b'))).toBe(true);
  await expect.poll(wakeLog).toEqual(['request screen']);
  await page.evaluate(() => window.__e2e?.completeCheck('number-b', { kind: 'failed', errorCode: 'card.pin-blocked' }));
  await expect.poll(wakeLog).toEqual(['request screen', 'release']);
  await app.next.click();
  await app.check('jpki-signature', evidence('1980-02-17', 'chip-signature-with-password'));
  await expect.poll(wakeLog).toEqual(['request screen', 'release', 'request screen', 'release']);
});
