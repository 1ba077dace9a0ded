/**
 * Page object for the JPKI signature method.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { demoDiagnostics, openDemoWithReader } from './demo';

export class JpkiPanel {
  readonly root: Locator;
  readonly start: Locator;
  readonly tries: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly notice: Locator;
  readonly verdict: Locator;
  readonly headline: Locator;
  readonly reasons: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('jpki');
    this.start = page.getByTestId('jpki.start');
    this.tries = page.getByTestId('jpki.tries');
    this.password = page.getByTestId('jpki.password');
    this.submit = page.getByTestId('jpki.submit');
    this.notice = page.getByTestId('jpki.notice');
    this.verdict = page.getByTestId('verdict');
    this.headline = page.getByTestId('verdict.headline');
    this.reasons = page.getByTestId('verdict.reasons');
  }

  /** Demo mode with a fake RC-S380 holding the persona's card, connected through the chooser. */
  open(persona: string, extra = ''): Promise<void> {
    return openDemoWithReader(this.page, persona, extra);
  }

  /** Types on the on-screen keyboard, as a kiosk customer would. */
  async typeOnScreen(text: string): Promise<void> {
    for (const key of text) await this.page.locator(`.keypad [data-key="${key}"]`).click();
  }

  async enterPassword(text: string): Promise<void> {
    await expect(this.password).toBeVisible();
    await this.password.focus();
    await this.page.keyboard.type(text);
    await expect(this.password).toHaveAttribute('data-count', String(Math.min(text.length, 16)));
    await this.submit.click();
  }

  diagnostics() {
    return demoDiagnostics(this.page);
  }
}
