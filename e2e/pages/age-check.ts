/**
 * Page object for the age check's screens: the home (ways of checking), the steps of a running check, the
 * verdict. Every tap goes through {@link AgeCheck.tap}, which counts them, so a test can report the taps from
 * home to verdict.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { FlowId } from '../../app/store/flow-state';
import { demoDiagnostics } from './demo';

export class AgeCheck {
  /** Taps made through {@link tap} since the last {@link resetTaps}. */
  taps = 0;
  readonly app: Locator;
  readonly home: Locator;
  readonly verdict: Locator;
  readonly headline: Locator;
  readonly reasons: Locator;
  readonly next: Locator;
  readonly cancel: Locator;
  readonly retry: Locator;
  readonly flowError: Locator;
  readonly password: Locator;
  readonly submitPassword: Locator;
  readonly tries: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.app = page.getByTestId('app');
    this.home = page.getByTestId('home');
    this.verdict = page.getByTestId('verdict');
    this.headline = page.getByTestId('verdict.headline');
    this.reasons = page.getByTestId('verdict.reasons');
    this.next = page.getByTestId('verdict.next');
    this.cancel = page.getByTestId('flow.cancel');
    this.retry = page.getByTestId('flow.retry');
    this.flowError = page.getByTestId('flow.error');
    this.password = page.getByTestId('jpki.password');
    this.submitPassword = page.getByTestId('jpki.submit');
    this.tries = page.getByTestId('jpki.tries');
    this.notice = page.getByTestId('jpki.notice');
  }

  /** One tap on the screen, counted. */
  async tap(target: Locator): Promise<void> {
    await target.click();
    this.taps += 1;
  }

  resetTaps(): void {
    this.taps = 0;
  }

  flow(id: FlowId): Locator {
    return this.page.getByTestId(`flow.${id}`);
  }

  /** The step of the check on screen (`home`, `password`, `verdict`…). */
  step(kind: string): Locator {
    return this.page.getByTestId(`step.${kind}`);
  }

  async start(id: FlowId): Promise<void> {
    await this.tap(this.flow(id));
  }

  /** Types the password on the on-screen keys (each a tap) and presses 決定. */
  async typeOnScreen(text: string): Promise<void> {
    await expect(this.password).toBeVisible();
    for (const key of text) await this.tap(this.page.locator(`.keypad [data-key="${key}"]`));
  }

  async enterPasswordOnScreen(text: string): Promise<void> {
    await this.typeOnScreen(text);
    await this.tap(this.submitPassword);
  }

  /** Types the password on a keyboard and presses 決定. */
  async enterPassword(text: string): Promise<void> {
    await expect(this.password).toBeVisible();
    await this.password.focus();
    await this.page.keyboard.type(text);
    await expect(this.password).toHaveAttribute('data-count', String(Math.min(text.length, 16)));
    await this.tap(this.submitPassword);
  }

  /** Waits for the verdict and checks that it took over: in the viewport, focused. */
  async expectVerdict(outcome: 'of-age' | 'under-age' | 'staff-check' | 'cannot-verify'): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-outcome', outcome);
    await expect(this.verdict).toBeFocused();
    await expect(this.headline).toBeInViewport({ ratio: 1 });
    await expect(this.next).toBeInViewport({ ratio: 1 });
  }

  async nextCustomer(): Promise<void> {
    await this.next.click();
    await expect(this.verdict).toHaveCount(0);
  }

  diagnostics() {
    return demoDiagnostics(this.page);
  }
}
