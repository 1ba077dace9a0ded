import { expect, test } from '@playwright/test';
import { AgeCheck } from './pages/age-check';
import { CheckPage, evidence } from './pages/check-page';
import { ChipPhotoView } from './pages/chip-photo';
import { liftCard, openDemo, placeCard } from './pages/demo';
import { horizontalOverflow, smallTargets, VIEWPORTS } from './pages/layout';
import { NumberBFlow } from './pages/numberb-flow';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('kiosk: touch targets ≥ 44 px and no horizontal scroll, home → password pad → verdict', async ({ page }) => {
      await openDemo(page, { mode: 'kiosk' });
      const check = new AgeCheck(page);
      expect(await smallTargets(page), 'the kiosk home').toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      await liftCard(page);
      await placeCard(page);
      await expect(check.password).toBeVisible();
      expect(await smallTargets(page), 'the password pad').toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      await check.enterPasswordOnScreen('ABC123');
      await check.expectVerdict('of-age');
      expect(await smallTargets(page), 'the verdict').toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
    });

    test('clerk: touch targets ≥ 44 px and no horizontal scroll, home → number B → verdict', async ({ page }) => {
      await openDemo(page);
      const check = new AgeCheck(page);
      expect(await smallTargets(page), 'the clerk home').toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      const numberB = new NumberBFlow(page, check);
      const face = await numberB.face();
      await check.start('number-b');
      await page.getByTestId('numberb.convert.open').click();
      expect(await smallTargets(page), 'number B with the converter open').toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      await numberB.enter(face);
      await check.expectVerdict('of-age');
      await new ChipPhotoView(page).expectShown(); // it comes after the verdict, and takes room
      expect(await smallTargets(page), 'the verdict with the chip photo').toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
    });
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
