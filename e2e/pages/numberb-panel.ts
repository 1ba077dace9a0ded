/**
 * Page object for the number-B method.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { demoDiagnostics, openDemoWithReader } from './demo';

export class NumberBPanel {
  readonly birth: Locator;
  readonly expiry: Locator;
  readonly code: Locator;
  readonly submit: Locator;
  readonly rejected: Locator;
  readonly verdict: Locator;
  readonly reasons: Locator;

  constructor(readonly page: Page) {
    this.birth = page.getByTestId('numberb.birth');
    this.expiry = page.getByTestId('numberb.expiry');
    this.code = page.getByTestId('numberb.code');
    this.submit = page.getByTestId('numberb.submit');
    this.rejected = page.getByTestId('numberb.rejected');
    this.verdict = page.getByTestId('verdict');
    this.reasons = page.getByTestId('verdict.reasons');
  }

  open(persona: string, extra = ''): Promise<void> {
    return openDemoWithReader(this.page, persona, extra);
  }

  /** What is printed on the demo card (shown in clerk mode's demo panel). */
  async face(): Promise<{ birthText: string; expiryYear: string; code: string }> {
    const text = async (id: string) => (await this.page.getByTestId(id).textContent()) ?? '';
    return {
      birthText: await text('demo.face.birth'),
      expiryYear: (await text('demo.face.expiry')).slice(0, 4),
      code: await text('demo.face.code'),
    };
  }

  /** Types number B as a clerk reads it off the card face; the birth date goes through the converter. */
  async enter(face: { birthText: string; expiryYear: string; code: string }): Promise<void> {
    // The converter stays open after a check (the next customer's entry finds it open).
    const convert = this.page.getByTestId('numberb.convert');
    if (!(await convert.isVisible())) await this.page.getByTestId('numberb.convert.open').click();
    await convert.fill(face.birthText);
    await this.page.getByTestId('numberb.convert.button').click();
    await expect(this.birth).toHaveValue(/^\d{6}$/);
    await this.expiry.fill(face.expiryYear);
    await this.code.fill(face.code);
    await this.submit.click();
  }

  async enterFromCardFace(change: { code?: string } = {}): Promise<void> {
    const face = await this.face();
    await this.enter({ ...face, ...(change.code ? { code: change.code } : {}) });
  }

  async faceCode(): Promise<string> {
    return (await this.page.getByTestId('demo.face.code').textContent()) ?? '';
  }

  diagnostics() {
    return demoDiagnostics(this.page);
  }
}
