/**
 * Page object for the age-record method: six era birth digits open the chip's signed date of birth.
 */
import type { Locator, Page } from '@playwright/test';
import { demoDiagnostics, openDemoWithReader } from './demo';

export class AgeRecordPanel {
  readonly birth: Locator;
  readonly submit: Locator;
  readonly rejected: Locator;
  readonly verdict: Locator;
  readonly reasons: Locator;

  constructor(readonly page: Page) {
    this.birth = page.getByTestId('agerecord.birth');
    this.submit = page.getByTestId('agerecord.submit');
    this.rejected = page.getByTestId('agerecord.rejected');
    this.verdict = page.getByTestId('verdict');
    this.reasons = page.getByTestId('verdict.reasons');
  }

  open(persona: string, extra = ''): Promise<void> {
    return openDemoWithReader(this.page, persona, extra);
  }

  /** Types the six digits as a clerk reads them off the card face and checks. */
  async enter(digits: string): Promise<void> {
    await this.birth.fill(digits);
    await this.submit.click();
  }

  diagnostics() {
    return demoDiagnostics(this.page);
  }
}
