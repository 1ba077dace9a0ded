/**
 * One customer through both chip methods in demo mode: the JPKI signature, then number B, each to an of-age
 * verdict and back to the next customer.
 */
import { expect, type Page } from '@playwright/test';
import { JpkiPanel } from './jpki-panel';
import { NumberBPanel } from './numberb-panel';

export async function checkWithBothChipMethods(page: Page, persona: string, extra = ''): Promise<void> {
  const jpki = new JpkiPanel(page);
  await jpki.open(persona, extra);
  await jpki.start.click();
  await jpki.enterPassword('ABC123');
  await expect(jpki.verdict).toHaveAttribute('data-outcome', 'of-age');
  await page.getByTestId('verdict.next').click();

  const numberB = new NumberBPanel(page);
  await numberB.enterFromCardFace();
  await expect(numberB.verdict).toHaveAttribute('data-outcome', 'of-age');
  await page.getByTestId('verdict.next').click();
}
