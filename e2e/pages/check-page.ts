/**
 * Page object for verdicts driven through the test hook (`window.__e2e`): a bare check of a method given its
 * evidence, for the rules of the verdict screen without running a method.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BirthDateEvidence, FailedEvidence } from '../../app/policy';
import type { MethodId } from '../../app/store/session-store';
// Brings the typed `window.__e2e` into scope.
import type {} from '../../app/ui/e2e-hook';

export class CheckPage {
  readonly app: Locator;
  readonly verdict: Locator;
  readonly headline: Locator;
  readonly reasons: Locator;
  readonly next: Locator;

  constructor(readonly page: Page) {
    this.app = page.getByTestId('app');
    this.verdict = page.getByTestId('verdict');
    this.headline = page.getByTestId('verdict.headline');
    this.reasons = page.getByTestId('verdict.reasons');
    this.next = page.getByTestId('verdict.next');
  }

  /** Opens the app with launch-URL settings, e.g. `?mode=kiosk`. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.page.locator('html[data-e2e-ready="true"]')).toBeAttached();
  }

  /** Runs a check through the test hook, as a method would. */
  async check(method: MethodId, evidence: BirthDateEvidence | FailedEvidence): Promise<void> {
    const started = await this.page.evaluate((m) => window.__e2e?.beginCheck(m) ?? false, method);
    expect(started).toBe(true);
    await expect(this.app).toHaveAttribute('data-step', 'working');
    await this.page.evaluate(([m, e]) => window.__e2e?.completeCheck(m, e), [method, evidence] as const);
  }

  /** Everything the page keeps in browser storage, to prove there is nothing. */
  async storedData(): Promise<{
    local: number;
    session: number;
    databases: (string | undefined)[];
    caches: number;
    cookies: string;
  }> {
    return this.page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: (await caches.keys()).length,
      cookies: document.cookie,
    }));
  }
}

/** What the page may keep: only the audit log database, once it has been opened. */
export const ONLY_AUDIT_LOG = { local: 0, session: 0, databases: ['age-check-audit'], caches: 0, cookies: '' };

/**
 * Evidence as a method would hand it to the store: a chip read with its genuine-chip checks, the card face with
 * the card's printed expiry (the policy refuses a face without one).
 */
export function evidence(dateOfBirth: string, assurance: BirthDateEvidence['assurance']): BirthDateEvidence {
  const chipRead = assurance === 'chip-read-with-number-b' || assurance === 'chip-signed-birth-date';
  return {
    kind: 'date-of-birth',
    dateOfBirth,
    assurance,
    ...(chipRead ? { chipChecks: ['cv-certificate', 'signed-record', 'fresh-challenge'] } : {}),
    ...(assurance === 'card-face' ? { cardExpiry: { date: '2099-12-31' } } : {}),
  };
}
