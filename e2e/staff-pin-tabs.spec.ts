/**
 * The staff PIN lock-out is one count for the whole app, not one per tab: two tabs of the same browser share
 * it (IndexedDB transaction + Web Locks, `app/staff/pin-gate.ts`), so a second tab gives no fresh guesses and
 * cannot overwrite the first tab's lock-out.
 */
import { expect, test } from '@playwright/test';
import { STAFF_PIN, StaffScreen, staffPinParam } from './pages/staff-screen';

test('wrong PINs in two tabs add up to one lock-out, which holds in both tabs', async ({ context }) => {
  const url = `/?mode=kiosk&${await staffPinParam()}`;
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(url);
  await second.goto(url);
  const a = new StaffScreen(first);
  const b = new StaffScreen(second);
  await a.enterPin('111111');
  await expect(a.notice).toHaveAttribute('data-notice', 'wrong');
  await b.enterPin('222222');
  await expect(b.notice).toHaveAttribute('data-notice', 'wrong');
  // The third wrong PIN overall, in the first tab: locked, although that tab has seen only two of them.
  await a.enterPin('333333');
  await expect(a.notice).toHaveAttribute('data-notice', 'locked');
  // The second tab is locked too, even for the right PIN; and its next wrong PIN did not reset anything.
  await b.enterPin(STAFF_PIN);
  await expect(b.notice).toHaveAttribute('data-notice', 'locked');
  await expect(b.panel).toBeHidden();
  await a.enterPin(STAFF_PIN);
  await expect(a.notice).toHaveAttribute('data-notice', 'locked');
  await expect(a.panel).toBeHidden();
});
