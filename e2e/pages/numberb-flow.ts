/**
 * Page object for 照合番号B typed by the clerk, and for its six birth digits alone (the chip's age record).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { japanDate } from '../../app/policy';
import { persona, type PersonaId } from '../../mocks/card/personas';
import type { AgeCheck } from './age-check';

/** The persona's six birth digits (the first group of its 照合番号B), as printed on its card today. */
export function birthDigits(id: PersonaId): string {
  return persona(id, japanDate(new Date())).numberB.slice(0, 6);
}

/** Six birth digits that are a real date but not the persona's: the chip refuses them. */
export function wrongBirthDigits(id: PersonaId): string {
  const right = birthDigits(id);
  return `${right.slice(0, 4)}${right.slice(4) === '01' ? '02' : '01'}`;
}

export class NumberBFlow {
  readonly birth: Locator;
  readonly expiry: Locator;
  readonly code: Locator;
  readonly submit: Locator;
  readonly rejected: Locator;
  /** The button that checks the six birth digits alone against the chip's age record. */
  readonly ageRecord: Locator;
  /** The chip's refusal of the six birth digits, with the tries left on that key. */
  readonly birthRejected: Locator;
  readonly form: Locator;

  constructor(
    readonly page: Page,
    readonly check: AgeCheck,
  ) {
    this.birth = page.getByTestId('numberb.birth');
    this.expiry = page.getByTestId('numberb.expiry');
    this.code = page.getByTestId('numberb.code');
    this.submit = page.getByTestId('numberb.submit');
    this.rejected = page.getByTestId('numberb.rejected');
    this.ageRecord = page.getByTestId('numberb.ageRecord');
    this.birthRejected = page.getByTestId('numberb.birthRejected');
    this.form = page.getByTestId('numberb');
  }

  /** What is printed on the demo card (shown in the demo panel). */
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
    const converter = this.page.getByTestId('numberb.convert');
    if (!(await converter.isVisible())) await this.page.getByTestId('numberb.convert.open').click();
    await converter.fill(face.birthText);
    await this.page.getByTestId('numberb.convert.button').click();
    await expect(this.birth).toHaveValue(/^\d{6}$/);
    await this.expiry.fill(face.expiryYear);
    await this.code.fill(face.code);
    await this.check.tap(this.submit);
  }

  /** From home: the way "type the numbers", then the card's own number (with `change` applied). */
  async checkFromCardFace(change: { code?: string } = {}): Promise<void> {
    const face = await this.face();
    await this.check.start('number-b');
    await this.enter({ ...face, ...(change.code ? { code: change.code } : {}) });
  }

  /** On the number-B entry: types the six birth digits and checks them alone (nothing else is sent). */
  async checkBirthOnly(digits: string): Promise<void> {
    await this.birth.fill(digits);
    await this.check.tap(this.ageRecord);
  }
}
