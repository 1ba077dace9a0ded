import { expect, test } from '@playwright/test';
import { japanDate, parseIsoDate } from '../app/policy';
import { persona } from '../mocks/card/personas';
import { checkWithBothChipMethods } from './pages/chip-checks';
import { AgeCheck } from './pages/age-check';
import { NumberBFlow } from './pages/numberb-flow';
import { StaffScreen, staffPinParam } from './pages/staff-screen';

const COLUMNS = 'time_utc,terminal_id,event,method,threshold,minimum_age,verdict,assurance,reasons,call_reason,demo';

/** Every way a date of birth could be written: ISO, compact, slashes, era digits, era text, the year alone. */
function birthForms(iso: string): string[] {
  const { year, month, day } = parseIsoDate(iso);
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const eraYear = String(year - (year >= 2019 ? 2018 : year >= 1989 ? 1988 : 1925)).padStart(2, '0');
  return [iso, `${year}${mm}${dd}`, `${year}/${month}/${day}`, `${eraYear}${mm}${dd}`, `${eraYear}年`, String(year)];
}

test('after checks in demo mode, staff export a CSV of verdicts with no birth date', async ({ page }) => {
  await checkWithBothChipMethods(page, 'adult-35', `&${await staffPinParam()}`);

  const staff = new StaffScreen(page);
  await staff.enterPin('999999');
  await expect(staff.notice).toHaveAttribute('data-notice', 'wrong');
  await expect(staff.panel).toBeHidden();
  await staff.unlockWithPin();
  await expect(page.getByTestId('staff.audit.count')).toContainText('2');

  const csv = await staff.exportCsv();
  expect(csv.name).toMatch(/^age-check-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text.split('\r\n');
  expect(lines[0]).toBe(COLUMNS);
  expect(lines.at(-1)).toBe(''); // every line ends in CRLF
  const rows = lines.slice(1, -1).map((line) => line.split(','));
  expect(rows.map((r) => [r[2], r[3], r[4], r[5], r[6], r[7]])).toEqual([
    ['verdict', 'jpki-signature', 'alcohol', '20', 'of-age', 'chip-signature-with-password'],
    ['verdict', 'number-b', 'alcohol', '20', 'of-age', 'chip-read-with-number-b'],
  ]);
  expect(rows.every((row) => row[10] === 'true')).toBe(true); // demo mode marks every verdict as a demo
  for (const row of rows) {
    expect(row).toHaveLength(11);
    expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  }
  const dateOfBirth = persona('adult-35', japanDate(new Date())).dateOfBirth;
  for (const form of birthForms(dateOfBirth)) expect(csv.text).not.toContain(form);
  const face = await new NumberBFlow(page, new AgeCheck(page)).face();
  expect(csv.text).not.toContain(face.code);
});

test('a wrong PIN is refused, and repeated wrong PINs lock the staff screen even for the right PIN', async ({
  page,
}) => {
  await page.goto(`/?mode=kiosk&${await staffPinParam()}`);
  const staff = new StaffScreen(page);
  await expect(page.getByTestId('settings.threshold')).toHaveCount(0); // nothing for the customer to change
  for (const pin of ['111111', '222222']) {
    await staff.enterPin(pin);
    await expect(staff.notice).toHaveAttribute('data-notice', 'wrong');
  }
  await staff.enterPin('333333');
  await expect(staff.notice).toHaveAttribute('data-notice', 'locked');
  await staff.enterPin('246813');
  await expect(staff.notice).toHaveAttribute('data-notice', 'locked');
  await expect(staff.panel).toBeHidden();
  await page.reload(); // a reload does not lift the lock-out
  await staff.enterPin('246813');
  await expect(staff.notice).toHaveAttribute('data-notice', 'locked');
  await expect(staff.panel).toBeHidden();
});

test('without a configured PIN the staff screen stays closed', async ({ page }) => {
  await page.goto('/?mode=kiosk');
  const staff = new StaffScreen(page);
  await staff.enterPin('246813');
  await expect(staff.notice).toHaveAttribute('data-notice', 'not-configured');
  await expect(staff.panel).toBeHidden();
});

test('kiosk settings change only behind the PIN, and the staff screen closes itself when left', async ({ page }) => {
  await page.clock.install();
  await page.goto(`/?mode=kiosk&idle=30&${await staffPinParam()}`);
  const staff = new StaffScreen(page);
  await staff.unlockWithPin();
  await page.getByTestId('settings.threshold').selectOption('adulthood');
  await page.getByTestId('settings.idleReset').fill('45');
  await page.getByTestId('settings.retention').fill('30');
  await page.clock.runFor(44_000);
  await expect(staff.panel).toBeVisible();
  await page.clock.runFor(2_000);
  await expect(staff.dialog).toHaveCount(0);
  await staff.open.click();
  await expect(staff.pin).toBeVisible(); // locked again
});
