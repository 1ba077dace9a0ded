/**
 * Page object for the staff screen (PIN, settings, audit export), and the launch-URL parameter that configures
 * the test PIN.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { hashStaffPin } from '../../app/staff/staff-pin';

/** The PIN the tests configure; only its salted hash goes into the URL. */
export const STAFF_PIN = '246813';

let pinQuery: Promise<string> | null = null;
/** `staffPin=…` for {@link STAFF_PIN}, computed once per worker. */
export function staffPinParam(): Promise<string> {
  pinQuery ??= hashStaffPin(STAFF_PIN).then((hash) => `staffPin=${hash}`);
  return pinQuery;
}

export class StaffScreen {
  readonly open: Locator;
  readonly dialog: Locator;
  readonly pin: Locator;
  readonly unlock: Locator;
  readonly notice: Locator;
  readonly panel: Locator;
  readonly export: Locator;
  readonly close: Locator;

  constructor(readonly page: Page) {
    this.open = page.getByTestId('staff.open');
    this.dialog = page.getByTestId('staff');
    this.pin = page.getByTestId('staff.pin');
    this.unlock = page.getByTestId('staff.unlock');
    this.notice = page.getByTestId('staff.notice');
    this.panel = page.getByTestId('staff.panel');
    this.export = page.getByTestId('staff.export');
    this.close = page.getByTestId('staff.close');
  }

  async enterPin(pin: string): Promise<void> {
    if (!(await this.dialog.isVisible())) await this.open.click();
    await expect(this.pin).toBeVisible();
    await this.pin.fill(pin);
    await this.unlock.click();
  }

  /** Opens the staff screen with the right PIN. */
  async unlockWithPin(): Promise<void> {
    await this.enterPin(STAFF_PIN);
    await expect(this.panel).toBeVisible();
  }

  /** Exports the audit CSV and returns its text and file name. */
  async exportCsv(): Promise<{ name: string; text: string }> {
    await expect(this.export).toBeEnabled();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.export.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }
}
