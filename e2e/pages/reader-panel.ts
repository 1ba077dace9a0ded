/**
 * Page object for the card reader panel (and the demo controls).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class ReaderPanel {
  readonly root: Locator;
  readonly status: Locator;
  readonly choice: Locator;
  readonly connect: Locator;
  readonly check: Locator;
  readonly checkResult: Locator;
  readonly demoCard: Locator;
  readonly demoReader: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('reader');
    this.status = page.getByTestId('reader.status');
    this.choice = page.getByTestId('reader.choice');
    this.connect = page.getByTestId('reader.connect');
    this.check = page.getByTestId('reader.check');
    this.checkResult = page.getByTestId('reader.check.result');
    this.demoCard = page.getByTestId('demo.card');
    this.demoReader = page.getByTestId('demo.reader');
  }

  /** Opens the app in demo mode with the given fake readers. */
  async open(query: string): Promise<void> {
    await this.page.goto(`/?demo=1&${query}`);
    await expect(this.page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  }

  async expectStatus(status: 'none' | 'connecting' | 'no-card' | 'card-present' | 'error'): Promise<void> {
    await expect(this.root).toHaveAttribute('data-status', status);
  }

  /** Runs the reader check and waits for its end. */
  async runCheck(): Promise<void> {
    await this.check.click();
    await expect(this.checkResult).not.toHaveAttribute('data-state', /idle|running/);
  }
}
