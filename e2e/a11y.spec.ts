import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cardImage } from './pages/card-image';
import { CheckPage, evidence } from './pages/check-page';
import { openDemoWithReader } from './pages/demo';
import { JpkiPanel } from './pages/jpki-panel';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

/** WCAG 2.0/2.1/2.2 A and AA (JIS X 8341-3:2016 follows WCAG 2.0 AA; 2.1 and 2.2 add to it). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(summary, `axe on ${what}`).toEqual([]);
}

for (const lang of ['ja', 'en'] as const) {
  for (const mode of ['clerk', 'kiosk'] as const) {
    test(`${mode}, ${lang}: the check screen, each method's panel, a verdict`, async ({ page }) => {
      // The reader is connected in clerk mode (a kiosk hides the reader controls), then the mode is switched.
      await openDemoWithReader(page, 'adult-35', `&lang=${lang}`);
      if (mode === 'kiosk') await page.locator('input[name="mode"][value="kiosk"]').click();
      await expectAccessible(page, 'the idle check screen');

      const jpki = new JpkiPanel(page);
      await jpki.start.click();
      await expect(jpki.password).toBeVisible();
      await expectAccessible(page, 'the JPKI password pad');
      await jpki.password.focus();
      await page.keyboard.type('ABC123');
      await jpki.submit.click();
      await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age');
      // Announced by a live region, and told by words and a symbol, not by colour alone.
      await expect(jpki.verdict).toHaveAttribute('role', 'status');
      await expect(jpki.verdict).toHaveAttribute('aria-live', 'assertive');
      await expect(jpki.headline).toHaveText(lang === 'ja' ? '20歳以上です' : '20 or older');
      await expect(jpki.verdict.locator('.verdict-symbol')).toHaveText('○');
      await expectAccessible(page, 'the verdict');
      await page.getByTestId('verdict.next').click();

      if (mode === 'clerk') {
        await page.getByTestId('numberb.birth').fill('55');
        await page.getByTestId('numberb.submit').click();
        await expect(page.getByTestId('numberb').getByRole('alert').first()).toBeVisible();
        await page.getByTestId('numberb.convert.open').click();
        await expectAccessible(page, 'number B with problems shown and the converter open');
      }
    });
  }

  test(`staff screen, ${lang}: PIN form, a wrong PIN, the unlocked screen`, async ({ page }) => {
    const app = new CheckPage(page);
    await app.open(`?mode=kiosk&lang=${lang}&${await staffPinParam()}`);
    const staff = new StaffScreen(page);
    await staff.open.click();
    await expect(staff.pin).toBeVisible();
    await expectAccessible(page, 'the PIN form');
    await staff.enterPin('000000');
    await expect(staff.notice).toBeVisible();
    await expectAccessible(page, 'a wrong PIN');
    await staff.unlockWithPin();
    await expectAccessible(page, 'the unlocked staff screen');
  });

  test(`verdicts of every kind, ${lang}, clerk and kiosk`, async ({ page }) => {
    const app = new CheckPage(page);
    for (const mode of ['clerk', 'kiosk'] as const) {
      await app.open(`?lang=${lang}&mode=${mode}`);
      for (const [birth, assurance] of [
        ['2015-01-01', 'chip-signature-with-password'],
        ['1980-02-17', 'card-face'],
      ] as const) {
        await app.check('jpki-signature', evidence(birth, assurance));
        await expect(app.verdict).not.toHaveAttribute('data-outcome', 'none');
        await expectAccessible(page, `${mode} verdict ${await app.verdict.getAttribute('data-outcome')}`);
        await app.next.click();
      }
      await app.check('number-b', { kind: 'failed', errorCode: 'card.pin-blocked' });
      await expectAccessible(page, `${mode} cannot verify`);
    }
  });
}

test('card face: the confirmation step and the hand-over to number B', async ({ page }, info) => {
  test.setTimeout(90_000);
  await openDemoWithReader(page, 'adult-35');
  await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
  await expect(page.getByTestId('face.confirm')).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'the card-face confirmation');
  await page.getByTestId('face.toChip').click();
  await expect(page.getByTestId('numberb.birth')).toHaveValue(/^\d{6}$/);
  await expectAccessible(page, 'number B filled from the card face');
});
