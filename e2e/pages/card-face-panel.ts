/**
 * Page object for the card-face method's still-image path: pick a photo of the front, wait for the fields to
 * confirm, then decide on the face or hand over to a chip check.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class CardFacePanel {
  readonly file: Locator;
  readonly confirm: Locator;
  readonly toNumberB: Locator;
  readonly toAgeRecord: Locator;

  constructor(readonly page: Page) {
    this.file = page.getByTestId('face.file');
    this.confirm = page.getByTestId('face.confirm');
    this.toNumberB = page.getByTestId('face.toChip');
    this.toAgeRecord = page.getByTestId('face.toAgeRecord');
  }

  /** Reads an image of the card's front and waits until its fields are shown for confirmation. */
  async read(imagePath: string): Promise<void> {
    await this.file.setInputFiles(imagePath);
    await expect(this.confirm).toBeVisible({ timeout: 60_000 });
  }
}
