/**
 * One customer through both chip checks in demo mode: the JPKI signature, then number B, each to an of-age
 * verdict and back to the next customer.
 */
import type { Page } from '@playwright/test';
import { AgeCheck } from './age-check';
import { openDemoWithReader } from './demo';
import { NumberBFlow } from './numberb-flow';

export async function checkWithBothChipMethods(page: Page, persona: string, extra = ''): Promise<void> {
  await openDemoWithReader(page, persona, extra);
  const check = new AgeCheck(page);
  await check.start('jpki');
  await check.enterPassword('ABC123');
  await check.expectVerdict('of-age');
  await check.nextCustomer();
  await new NumberBFlow(page, check).checkFromCardFace();
  await check.expectVerdict('of-age');
  await check.nextCustomer();
}
