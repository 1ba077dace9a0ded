/**
 * Reader diagnostics on the staff screen: staff arm the trace, the next check runs through the demo's fake
 * RC-S380 (the real driver over a fake USB device), the trace stops at the verdict, and what is shown and
 * saved holds the transfers' codes and status words but nothing of the card or the password.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { japanDate } from '../app/policy';
import { persona } from '../mocks/card/personas';
import { AgeCheck } from './pages/age-check';
import { openDemoWithReader } from './pages/demo';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

test('staff record the next check’s reader transfers and save them with nothing personal', async ({ page }) => {
  await openDemoWithReader(page, 'adult-35', `&${await staffPinParam()}`);
  const check = new AgeCheck(page);
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  const state = page.getByTestId('staff.diagnostics.state');
  await expect(state).toHaveAttribute('data-state', 'off');
  await page.getByTestId('staff.diagnostics.start').click();
  await expect(state).toHaveAttribute('data-state', 'recording');
  await staff.close.click();

  await check.start('jpki');
  await check.enterPassword('ABC123');
  await check.expectVerdict('of-age');
  await page.getByTestId('verdict.next').click();

  await staff.unlockWithPin();
  await expect(state).toHaveAttribute('data-state', 'stopped');
  await page.getByTestId('staff.diagnostics.show').click();
  const shown = (await page.getByTestId('staff.diagnostics.text').textContent()) ?? '';
  expect(shown).toContain('# reader: Sony RC-S380/P (rcs380)');
  expect(shown).toMatch(/InCommRF timeout [\d.]+ ms \| I\(\d\) 00 A4 04 0C Lc 10/);
  expect(shown).toContain('00 20 00 80 with a secret (data and length hidden)');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('staff.diagnostics.save').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^reader-trace-\d{4}-\d{2}-\d{2}\.txt$/);
  const saved = await readFile(await download.path(), 'utf8');
  expect(saved.split('\n').length).toBeGreaterThan(40);
  const who = persona('adult-35', japanDate(new Date()));
  for (const secret of ['ABC123', '414243313233', who.dateOfBirth, who.dateOfBirth.replaceAll('-', ''), who.name]) {
    expect(saved).not.toContain(secret);
  }
  expect(saved.match(/[0-9A-Fa-f]{9,}/g)).toBeNull();

  await page.getByTestId('staff.diagnostics.clear').click();
  await expect(state).toHaveAttribute('data-state', 'off');
});
