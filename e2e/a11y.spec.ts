/**
 * axe (WCAG 2.0/2.1/2.2 A and AA) on every screen of the flows, one screen per test so that a slow machine
 * never holds one test near its budget (measured: 3–8 s a screen on the shared 2-core machine; OCR screens
 * 15–35 s).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AgeCheck } from './pages/age-check';
import { cardSide, fakeCamera } from './pages/camera-stream';
import { cardImage } from './pages/card-image';
import { CheckPage, evidence } from './pages/check-page';
import { ChipPhotoView } from './pages/chip-photo';
import { liftCard, openDemo, placeCard } from './pages/demo';
import { NumberBFlow, wrongBirthDigits } from './pages/numberb-flow';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

/** WCAG 2.0/2.1/2.2 A and AA (JIS X 8341-3:2016 follows WCAG 2.0 AA; 2.1 and 2.2 add to it). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const OCR = { timeout: 60_000 };

async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(summary, `axe on ${what}`).toEqual([]);
}

for (const lang of ['ja', 'en'] as const) {
  test.describe(lang, () => {
    test('clerk home', async ({ page }) => {
      await openDemo(page, { lang });
      await expect(page.getByTestId('home')).toBeVisible();
      await expectAccessible(page, 'the clerk home');
    });

    test('kiosk home', async ({ page }) => {
      await openDemo(page, { lang, mode: 'kiosk' });
      await expect(page.getByTestId('kiosk.start')).toBeVisible();
      await expectAccessible(page, 'the kiosk home');
    });

    test('kiosk password pad, after a wrong password', async ({ page }) => {
      await openDemo(page, { lang, mode: 'kiosk' });
      const check = new AgeCheck(page);
      await liftCard(page);
      await placeCard(page);
      await check.enterPasswordOnScreen('WRONG1');
      await expect(check.notice).toBeVisible();
      await expectAccessible(page, 'the kiosk password pad with a notice');
    });

    test('clerk password step', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await check.start('jpki');
      await expect(check.password).toBeVisible();
      await expectAccessible(page, 'the clerk password step');
    });

    test('number B with problems and the converter open', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      const numberB = new NumberBFlow(page, check);
      await check.start('number-b');
      await numberB.birth.fill('55');
      await numberB.submit.click();
      await expect(numberB.form.getByRole('alert').first()).toBeVisible();
      await page.getByTestId('numberb.convert.open').click();
      await expectAccessible(page, 'number B with problems shown and the converter open');
    });

    test('number B refused by the card', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      const numberB = new NumberBFlow(page, check);
      const face = await numberB.face();
      await numberB.checkFromCardFace({ code: face.code === '0000' ? '0001' : '0000' });
      await expect(numberB.rejected).toBeVisible();
      await expectAccessible(page, 'number B refused');
    });

    test('place the card', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await liftCard(page);
      await check.start('jpki');
      await expect(check.step('place-card')).toBeVisible();
      await expectAccessible(page, 'place the card');
    });

    test('working (reading the card)', async ({ page }) => {
      await openDemo(page, { lang, extra: '&usbDelay=150' });
      const check = new AgeCheck(page);
      await check.start('jpki');
      await expect(check.step('working')).toBeVisible();
      await expectAccessible(page, 'a running step');
    });

    test('interrupted: try again', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await check.start('jpki');
      await expect(check.password).toBeVisible();
      await liftCard(page);
      await expect(check.retry).toBeVisible();
      await expectAccessible(page, 'a temporary failure');
    });

    test('blocked: no camera', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await check.start('face-only');
      await expect(check.step('blocked')).toBeVisible();
      await expectAccessible(page, 'a way that cannot be used here');
    });

    test('the camera', async ({ page }) => {
      await fakeCamera(page, await cardSide({ empty: true })); // nothing to read: the camera stays on
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await check.start('face-only');
      await expect(page.locator('video')).toHaveJSProperty('paused', false);
      await expectAccessible(page, 'the camera step');
    });

    test('the card face read, for confirmation', async ({ page }, info) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await check.start('face-chip');
      await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
      await expect(check.step('face-confirm')).toBeVisible(OCR);
      await expectAccessible(page, 'the card-face confirmation');
    });

    test('number B: the six birth digits alone, refused by the chip', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      const numberB = new NumberBFlow(page, check);
      await check.start('number-b');
      await numberB.checkBirthOnly(wrongBirthDigits('adult-35'));
      await expect(numberB.birthRejected).toBeVisible();
      await expectAccessible(page, 'six birth digits refused');
    });

    test('clerk verdict from number B, with the chip photo', async ({ page }) => {
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await new NumberBFlow(page, check).checkFromCardFace();
      await check.expectVerdict('of-age');
      await new ChipPhotoView(page).expectShown();
      await expectAccessible(page, 'the verdict with the chip photo');
    });

    test('card face → chip, security code unread: the age-record verdict', async ({ page }) => {
      await fakeCamera(page, await cardSide({ front: 'adult-35', hideSecurityCode: true }));
      await openDemo(page, { lang });
      const check = new AgeCheck(page);
      await check.start('face-chip');
      await expect(check.verdict).toBeVisible(OCR);
      await check.expectVerdict('of-age');
      await expectAccessible(page, 'the age-record verdict after the card face');
    });

    for (const [birth, assurance, mode] of [
      ['1980-02-17', 'chip-signature-with-password', 'clerk'],
      ['1980-02-17', 'chip-read-with-number-b', 'clerk'],
      ['1980-02-17', 'chip-signed-birth-date', 'clerk'],
      ['1980-02-17', 'card-face', 'clerk'],
      ['2015-01-01', 'chip-signature-with-password', 'clerk'],
      ['1980-02-17', 'chip-signature-with-password', 'kiosk'],
      ['2015-01-01', 'chip-signature-with-password', 'kiosk'],
    ] as const) {
      test(`${mode} verdict: ${birth}, ${assurance}`, async ({ page }) => {
        const app = new CheckPage(page);
        await app.open(`?lang=${lang}&mode=${mode}`);
        await app.check('jpki-signature', evidence(birth, assurance));
        await expect(app.verdict).toBeFocused();
        await expectAccessible(page, `${mode} verdict`);
      });
    }

    for (const mode of ['clerk', 'kiosk'] as const) {
      test(`${mode} verdict: cannot verify`, async ({ page }) => {
        const app = new CheckPage(page);
        await app.open(`?lang=${lang}&mode=${mode}`);
        await app.check('number-b', { kind: 'failed', errorCode: 'card.pin-blocked' });
        await expect(app.verdict).toBeFocused();
        await expectAccessible(page, `${mode} cannot verify`);
      });
    }

    test('kiosk staff call', async ({ page }) => {
      await page.goto(`/?mode=kiosk&lang=${lang}&${await staffPinParam()}`);
      await page.getByTestId('kiosk.callStaff').click();
      await expect(page.getByTestId('staffcall')).toBeVisible();
      await expectAccessible(page, 'the staff call');
    });

    test('staff screen: the PIN form with a wrong PIN', async ({ page }) => {
      const app = new CheckPage(page);
      await app.open(`?mode=kiosk&lang=${lang}&${await staffPinParam()}`);
      const staff = new StaffScreen(page);
      await staff.enterPin('000000');
      await expect(staff.notice).toBeVisible();
      await expectAccessible(page, 'a wrong PIN');
    });

    test('staff screen: unlocked, with a staff call and the reader', async ({ page }) => {
      await openDemo(page, { lang, mode: 'kiosk', extra: `&${await staffPinParam()}` });
      await page.getByTestId('kiosk.callStaff').click();
      const staff = new StaffScreen(page);
      await page.getByTestId('staffcall.staff').click();
      await expect(staff.pin).toBeVisible();
      await staff.unlockWithPin();
      await expect(page.getByTestId('staff.call')).toBeVisible();
      await expectAccessible(page, 'the unlocked staff screen');
    });
  });
}
