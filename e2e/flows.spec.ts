/**
 * The flows as a clerk and a customer live them, at the three viewports the product is built for:
 * - the verdict takes over (in view, focused) for every way of checking and every outcome;
 * - the taps from home to verdict are counted and printed (goals: card face → chip ≤ 2 taps plus placing the
 *   card or choosing a photo, whether the chip is asked with number B or, the security code unread, with the
 *   six birth digits; the six digits typed = typing + 2; kiosk JPKI = the password + 1);
 * - beside an of-age verdict from number B, the chip's photo is in view and large enough to compare a face;
 * - every state a flow can reach has a way out within one tap (a walk through the state machine);
 * - a kiosk's staff call survives the idle timer and is cleared only by staff, and is in the audit log;
 * - the idle reset leaves no typed character behind.
 * Budgets: measured 4–12 s a test on the shared 2-core machine (load 6–20), OCR tests 15–40 s.
 */
import { expect, test, type Page } from '@playwright/test';
import type { StepKind } from '../app/store/flow-state';
import { AgeCheck } from './pages/age-check';
import { cardSide, fakeCamera } from './pages/camera-stream';
import { cardImage } from './pages/card-image';
import { CheckPage, evidence } from './pages/check-page';
import { ChipPhotoView } from './pages/chip-photo';
import { liftCard, openDemo, placeCard } from './pages/demo';
import { horizontalOverflow, VIEWPORTS } from './pages/layout';
import { birthDigits, NumberBFlow, wrongBirthDigits } from './pages/numberb-flow';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

const OCR = { timeout: 60_000 };
const PASSWORD = 'ABC123';

/**
 * The chip's photo beside the verdict: drawn, wholly in view, large enough to compare with a face; the verdict's
 * headline and 「次のお客様」 still in view once it has come (it arrives after the verdict).
 */
async function expectPhotoInView(page: Page, check: AgeCheck): Promise<void> {
  const photo = new ChipPhotoView(page);
  const { width, height } = await photo.expectShown();
  await expect(photo.image).toBeInViewport({ ratio: 1 });
  await expect(check.headline).toBeInViewport({ ratio: 1 });
  await expect(check.next).toBeInViewport({ ratio: 1 });
  expect(width).toBeGreaterThanOrEqual(200);
  expect(height).toBeGreaterThanOrEqual(250);
  expect(await horizontalOverflow(page)).toBe(0);
}

/** Prints the taps of a flow (the list reporter shows it) and keeps them with the test's results. */
function reportTaps(flow: string, viewport: string, taps: number, goal: string): void {
  test.info().annotations.push({ type: 'taps', description: `${flow} @ ${viewport}: ${taps} (${goal})` });
  console.log(`taps from home to verdict — ${flow} @ ${viewport}: ${taps} (goal: ${goal})`);
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('card face → chip with the camera: the six birth digits decide; one tap plus placing the card', async ({
      page,
    }) => {
      test.setTimeout(90_000);
      // The camera frames show the security code covered (see card-face.spec.ts): the birth digits go to the chip.
      await fakeCamera(page, await cardSide({ front: 'adult-35', hideSecurityCode: true }));
      await openDemo(page);
      const check = new AgeCheck(page);
      await check.start('face-chip');
      await expect(check.verdict).toBeVisible(OCR);
      await check.expectVerdict('of-age');
      await expect(check.verdict.getByTestId('strength')).toContainText('ICチップの署名付き生年月日');
      expect(await horizontalOverflow(page)).toBe(0);
      reportTaps('card face → chip (camera, six digits)', viewport.name, check.taps, '≤ 2 plus placing the card');
      expect(check.taps).toBeLessThanOrEqual(2);
    });

    test('card face → chip from a photo, the whole number read: number B with the chip photo in view', async ({
      page,
    }, info) => {
      test.setTimeout(90_000);
      await openDemo(page);
      const check = new AgeCheck(page);
      await check.start('face-chip');
      await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
      await expect(check.step('face-confirm')).toBeVisible(OCR);
      await check.tap(page.getByTestId('face.toChip'));
      await check.expectVerdict('of-age');
      await expectPhotoInView(page, check);
      reportTaps('card face → chip (photo, number B)', viewport.name, check.taps, '2 plus choosing the photo');
      expect(check.taps).toBe(2);
    });

    test('password on the reader: the customer types on the pad; verdict in view and focused', async ({ page }) => {
      await openDemo(page);
      const check = new AgeCheck(page);
      await check.start('jpki');
      await check.enterPasswordOnScreen(PASSWORD);
      await check.expectVerdict('of-age');
      reportTaps('password on the reader (clerk)', viewport.name, check.taps, 'password + 2');
      expect(check.taps).toBe(PASSWORD.length + 2);
    });

    test('type the numbers: verdict in view and focused, with the chip photo', async ({ page }) => {
      await openDemo(page);
      const check = new AgeCheck(page);
      await new NumberBFlow(page, check).checkFromCardFace();
      await check.expectVerdict('of-age');
      await expectPhotoInView(page, check);
      reportTaps('type the numbers', viewport.name, check.taps, 'typing + 2');
      expect(check.taps).toBe(2);
    });

    test('type the six birth digits only: verdict in view and focused', async ({ page }) => {
      await openDemo(page);
      const check = new AgeCheck(page);
      const numberB = new NumberBFlow(page, check);
      await check.start('number-b');
      // The main action (number B, which brings the photo) is in view first; the six digits are the way below it.
      await expect(numberB.submit).toBeInViewport({ ratio: 1 });
      expect(await horizontalOverflow(page)).toBe(0);
      await numberB.checkBirthOnly(birthDigits('adult-35'));
      await check.expectVerdict('of-age');
      reportTaps('type the six birth digits', viewport.name, check.taps, 'typing + 2');
      expect(check.taps).toBe(2);
    });

    test('card face only: the clerk decides after looking; verdict in view and focused', async ({ page }) => {
      test.setTimeout(90_000);
      await fakeCamera(page, await cardSide({ front: 'adult-35' }));
      await openDemo(page);
      const check = new AgeCheck(page);
      await check.start('face-only');
      await check.tap(page.getByTestId('face.decide').describe('decide on the face'));
      await check.expectVerdict('of-age');
      reportTaps('card face only', viewport.name, check.taps, '2');
      expect(check.taps).toBe(2);
    });

    test('kiosk: place the card, type the password, OK — the verdict in view and focused', async ({ page }) => {
      await openDemo(page, { mode: 'kiosk' });
      const check = new AgeCheck(page);
      await liftCard(page);
      await placeCard(page); // placing the card is the customer's first move, not a tap
      await check.enterPasswordOnScreen(PASSWORD);
      await check.expectVerdict('of-age');
      reportTaps('kiosk JPKI', viewport.name, check.taps, 'password + 1');
      expect(check.taps).toBe(PASSWORD.length + 1);
    });

    test('a refused card and a minor: the verdict in view and focused', async ({ page }) => {
      const check = new AgeCheck(page);
      for (const [persona, outcome] of [
        ['password-locked', 'cannot-verify'],
        ['minor-17', 'under-age'],
      ] as const) {
        await openDemo(page, { persona });
        await check.start('jpki');
        if (outcome === 'under-age') await check.enterPasswordOnScreen(PASSWORD);
        await check.expectVerdict(outcome);
      }
    });

    test('every outcome and strength, clerk and kiosk: the verdict in view and focused', async ({ page }) => {
      const app = new CheckPage(page);
      const check = new AgeCheck(page);
      for (const mode of ['clerk', 'kiosk'] as const) {
        await app.open(`?mode=${mode}`);
        for (const [birth, assurance, outcome] of [
          ['1980-02-17', 'chip-signature-with-password', 'of-age'],
          ['1980-02-17', 'chip-read-with-number-b', mode === 'kiosk' ? 'staff-check' : 'of-age'],
          ['1980-02-17', 'card-face', mode === 'kiosk' ? 'staff-check' : 'of-age'],
          ['2015-01-01', 'chip-signature-with-password', 'under-age'],
        ] as const) {
          await app.check('jpki-signature', evidence(birth, assurance));
          await check.expectVerdict(outcome);
          expect(await horizontalOverflow(page)).toBe(0);
          await check.nextCustomer();
        }
        await app.check('number-b', { kind: 'failed', errorCode: 'card.pin-blocked' });
        await check.expectVerdict('cannot-verify');
        await check.nextCustomer();
      }
    });
  });
}

/**
 * Every state of the store's state machine, and the walks that reach it: the map is typed over the states,
 * so a new state fails to compile until a walk covers it.
 */
const WALKS: Readonly<Record<Exclude<StepKind, 'home'>, readonly ('chip' | 'face')[]>> = {
  'place-card': ['chip'],
  password: ['chip'],
  'number-b-entry': ['chip'],
  working: ['chip'],
  interrupted: ['chip'],
  verdict: ['chip', 'face'],
  camera: ['face'],
  'face-confirm': ['face'],
  blocked: ['face'],
};

/** The states a walk must have seen. */
const statesOf = (walk: 'chip' | 'face') =>
  Object.entries(WALKS)
    .filter(([, walks]) => walks.includes(walk))
    .map(([kind]) => kind)
    .sort();

/** The step on screen has a way out within one tap: press it and the check is left (or goes on). */
async function leave(page: Page, seen: Set<string>): Promise<void> {
  const step = await page.getByTestId('app').getAttribute('data-step');
  expect(step).not.toBe('home');
  seen.add(step!);
  expect(await horizontalOverflow(page)).toBe(0);
  const exit = step === 'verdict' ? page.getByTestId('verdict.next') : page.locator('[data-exit]').last();
  await expect(exit).toBeVisible();
  await expect(exit).toBeEnabled();
  await exit.click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-step', 'home');
}

test.describe('every state has a way out within one tap', () => {
  // On the narrowest screen, where a way out would first be pushed out of reach.
  test.use({ viewport: VIEWPORTS[2] });

  test('chip flows: place the card, working, password, number B and its six digits, interrupted, verdict', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const seen = new Set<string>();
    const check = new AgeCheck(page);
    await openDemo(page, { extra: '&usbDelay=120' });
    await liftCard(page);
    await check.start('jpki');
    await expect(check.step('place-card')).toBeVisible();
    await leave(page, seen);
    await placeCard(page);
    await check.start('jpki');
    await expect(check.step('working')).toBeVisible();
    await leave(page, seen);
    // The slowed reader (usbDelay) answers the opening in a few seconds, after the cancelled attempt's last one.
    await check.start('jpki');
    await expect(check.password).toBeVisible({ timeout: 20_000 });
    await leave(page, seen);
    await check.start('jpki');
    await expect(check.password).toBeVisible({ timeout: 20_000 });
    await liftCard(page);
    await expect(check.step('interrupted')).toBeVisible();
    await leave(page, seen);
    await placeCard(page);
    const numberB = new NumberBFlow(page, check);
    await check.start('number-b');
    await expect(check.step('number-b-entry')).toBeVisible();
    await leave(page, seen);
    // The six birth digits alone, refused by the chip: the entry stays, with the tries left, and a way out.
    await check.start('number-b');
    await numberB.checkBirthOnly(wrongBirthDigits('adult-35'));
    await expect(numberB.birthRejected).toBeVisible({ timeout: 20_000 });
    await leave(page, seen);
    // The six digits accepted: a verdict from the age record.
    await check.start('number-b');
    await numberB.checkBirthOnly(birthDigits('adult-35'));
    await expect(check.verdict).toBeVisible({ timeout: 30_000 });
    await leave(page, seen);
    await check.start('jpki');
    await check.enterPassword(PASSWORD);
    await expect(check.verdict).toBeVisible({ timeout: 30_000 });
    await leave(page, seen);
    expect([...seen].sort()).toEqual(statesOf('chip'));
  });

  test('face flows: no camera, the camera, the face read, a face without its security code to the chip', async ({
    page,
  }, info) => {
    test.setTimeout(150_000);
    const seen = new Set<string>();
    const check = new AgeCheck(page);
    // No camera in this browser: the way is blocked (with a photo as the clerk's way round).
    await openDemo(page);
    await check.start('face-only');
    await expect(check.step('blocked')).toBeVisible();
    await page.getByTestId('face.file').setInputFiles(await cardImage('adult-35', info.outputDir));
    await expect(check.step('face-confirm')).toBeVisible(OCR);
    await leave(page, seen);
    seen.add('blocked');
    // The camera step, left while it is still reading (the clerk stops it).
    await fakeCamera(page, await cardSide({ front: 'adult-35', hideSecurityCode: true }));
    await openDemo(page);
    await check.start('face-chip');
    await expect(page.locator('video')).toBeVisible();
    await leave(page, seen);
    // The security code unreadable: the six birth digits go to the chip's age record, nothing to type.
    await check.start('face-chip');
    await expect(check.verdict).toBeVisible(OCR);
    await expect(check.verdict.getByTestId('strength')).toContainText('ICチップの署名付き生年月日');
    await leave(page, seen);
    expect([...seen].sort()).toEqual(statesOf('face'));
  });
});

test.describe('kiosk staff call', () => {
  test('survives the idle timer and customer taps; cleared only with the staff PIN; both in the audit log', async ({
    page,
  }) => {
    await page.clock.install();
    await openDemo(page, { mode: 'kiosk', persona: 'password-locked', extra: `&idle=10&${await staffPinParam()}` });
    const check = new AgeCheck(page);
    await liftCard(page);
    await placeCard(page);
    await check.expectVerdict('cannot-verify');
    await expect(page.getByTestId('verdict.staffCalled')).toBeVisible();
    await page.clock.runFor(11_000); // the idle reset
    await expect(check.verdict).toHaveCount(0);
    await expect(page.getByTestId('staffcall')).toBeVisible();
    await page.clock.runFor(10 * 60_000); // long after
    await page.mouse.click(10, 10);
    await page.getByRole('heading', { level: 2 }).click();
    await expect(page.getByTestId('staffcall')).toHaveAttribute('data-reason', 'verdict');
    // A wrong PIN clears nothing.
    const staff = new StaffScreen(page);
    await page.getByTestId('staffcall.staff').click();
    await staff.enterPin('111111');
    await expect(staff.notice).toBeVisible();
    await staff.close.click();
    await expect(page.getByTestId('staffcall')).toBeVisible();
    // Staff, with the PIN.
    await page.getByTestId('staffcall.staff').click();
    await staff.unlockWithPin();
    await page.getByTestId('staff.call.clear').click();
    const csv = await staff.exportCsv();
    await staff.close.click();
    await expect(page.getByTestId('staffcall')).toHaveCount(0);
    await expect(page.getByTestId('home')).toBeVisible();
    const events = csv.text
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(','))
      .map((row) => [row[2], row[9]]);
    expect(events).toEqual([
      ['verdict', ''],
      ['staff-call', 'verdict'],
      ['staff-call-cleared', 'verdict'],
    ]);
  });

  test('with the chime set, the call is heard too; it stops when the call is cleared', async ({ page }) => {
    // Counts the notes the page starts, in place of the sound card.
    await page.addInitScript({
      content: `
        window.notes = 0;
        window.chimeStopped = false;
        window.AudioContext = class {
          state = 'running';
          currentTime = 0;
          destination = {};
          resume() { return Promise.resolve(); }
          close() { window.chimeStopped = true; return Promise.resolve(); }
          createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (n) => n }; }
          createOscillator() {
            return { frequency: {}, connect: (n) => n, start() { window.notes += 1; }, stop() {} };
          }
        };`,
    });
    await page.clock.install();
    await openDemo(page, { mode: 'kiosk', extra: '&callSound=1' });
    await page.getByTestId('kiosk.callStaff').click();
    await expect(page.getByTestId('staffcall')).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { notes: number }).notes)).toBe(2);
    await page.clock.runFor(15_000);
    await expect.poll(() => page.evaluate(() => (window as unknown as { notes: number }).notes)).toBe(4);
    await page.getByTestId('staffcall.staff').hover();
    await page.mouse.down();
    await page.clock.runFor(5_100);
    await page.mouse.up();
    await expect(page.getByTestId('staffcall')).toHaveCount(0);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { chimeStopped: boolean }).chimeStopped))
      .toBe(true);
  });

  test('without a staff PIN: a tap clears nothing; holding 「係員の方へ」 for 5 s does', async ({ page }) => {
    await page.clock.install();
    await openDemo(page, { mode: 'kiosk', extra: '&idle=10' });
    await page.getByTestId('kiosk.callStaff').click();
    const call = page.getByTestId('staffcall');
    await expect(call).toHaveAttribute('data-reason', 'requested');
    const button = page.getByTestId('staffcall.staff');
    await button.click();
    await page.clock.runFor(30_000);
    await expect(call).toBeVisible();
    await button.hover();
    await page.mouse.down();
    await page.clock.runFor(4_000);
    await page.mouse.up();
    await expect(call).toBeVisible(); // let go too early
    await page.mouse.down();
    await page.clock.runFor(5_100);
    await page.mouse.up();
    await expect(call).toHaveCount(0);
  });
});

test('kiosk idle reset: the typed characters are gone, and the next customer starts from nothing', async ({ page }) => {
  await page.clock.install();
  await openDemo(page, { mode: 'kiosk', extra: '&idle=10' });
  const check = new AgeCheck(page);
  await liftCard(page);
  await placeCard(page);
  await check.typeOnScreen('AB12');
  await expect(check.password).toHaveAttribute('data-count', '4');
  await page.clock.runFor(11_000);
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(check.password).toHaveCount(0);
  const typed = await page.evaluate(() =>
    [...document.querySelectorAll('input')].map((input) => input.value).filter((value) => value !== ''),
  );
  expect(typed).toEqual([]);
  await expect(page.locator('body')).not.toContainText('●');
  await liftCard(page);
  await placeCard(page);
  await expect(check.password).toHaveAttribute('data-count', '0');
});
