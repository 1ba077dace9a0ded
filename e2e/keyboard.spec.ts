/**
 * Each way of checking from the keyboard alone: Tab to move, Enter or Space to press, typing to enter. No click,
 * no fill, no focus() — what a keyboard or switch user can do, the test does.
 */
import { expect, test, type Page } from '@playwright/test';
import { birthDigitsFromText } from '../app/methods/number-b/number-b';
import { AgeCheck } from './pages/age-check';
import { cardImage } from './pages/card-image';
import { openDemo } from './pages/demo';
import { NumberBFlow } from './pages/numberb-flow';
import { staffPinParam } from './pages/staff-screen';

/** Presses Tab until the element with `testId` has the focus (at most `limit` times). */
async function tabTo(page: Page, testId: string, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    if (focused === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

test('JPKI: choose the way, type the password, the verdict takes the focus, next customer', async ({ page }) => {
  await openDemo(page);
  await tabTo(page, 'flow.jpki');
  await expect(page.getByTestId('flow.jpki')).toHaveCSS('outline-style', 'solid'); // visible focus
  await expect(page.getByTestId('flow.jpki')).toHaveCSS('outline-width', '3px');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('jpki.password')).toBeFocused(); // the field takes the focus itself
  await page.keyboard.type('abc123');
  await expect(page.getByTestId('jpki.password')).toHaveAttribute('data-count', '6');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'of-age');
  await expect(page.getByTestId('verdict')).toBeFocused();
  await tabTo(page, 'verdict.next');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('verdict')).toHaveCount(0);
});

test('number B: the first field has the focus; type the three groups and submit with Enter', async ({ page }) => {
  await openDemo(page);
  const face = await new NumberBFlow(page, new AgeCheck(page)).face(); // read off the demo card, as a clerk would
  const birth = birthDigitsFromText(face.birthText);
  expect(birth).toMatch(/^\d{6}$/);
  await tabTo(page, 'flow.number-b');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('numberb.birth')).toBeFocused();
  await page.keyboard.type(birth!);
  await page.keyboard.press('Tab');
  await page.keyboard.type(face.expiryYear);
  await page.keyboard.press('Tab');
  await page.keyboard.type(face.code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'of-age');
});

test('card face: with no camera, open the file chooser from the keyboard, confirm and decide', async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  await openDemo(page);
  const image = await cardImage('adult-35', info.outputDir);
  await tabTo(page, 'flow.face-only');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step.blocked')).toBeVisible();
  await tabTo(page, 'face.choosePhoto');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(image);
  await expect(page.getByTestId('step.face-confirm')).toBeVisible({ timeout: 60_000 });
  await tabTo(page, 'face.decide');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-outcome', 'of-age');
});

test('a running check is left with the keyboard: Tab to やめる', async ({ page }) => {
  await openDemo(page);
  await tabTo(page, 'flow.number-b');
  await page.keyboard.press('Enter');
  await tabTo(page, 'flow.cancel');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('home')).toBeVisible();
});

test('staff screen: open, type the PIN, Escape closes it', async ({ page }) => {
  await page.goto(`/?mode=kiosk&${await staffPinParam()}`);
  await expect(page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  await tabTo(page, 'staff.open');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('staff.pin')).toBeFocused();
  await page.keyboard.type('246813');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('staff.panel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('staff')).toHaveCount(0);
  await expect(page.getByTestId('staff.open')).toBeFocused(); // focus returns to the button
});
