/**
 * Page object for the chip's photo beside a number-B verdict, and the proof that a page holds no photo once the
 * verdict is gone (DOM, image URLs, storage).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class ChipPhotoView {
  readonly figure: Locator;
  readonly image: Locator;

  constructor(readonly page: Page) {
    this.figure = page.getByTestId('chip-photo');
    this.image = page.getByTestId('chip-photo.image');
  }

  /** Waits until the photo is decoded and drawn; returns its drawn size in CSS pixels. */
  async expectShown(): Promise<{ width: number; height: number }> {
    await expect(this.figure).toHaveAttribute('data-state', 'shown');
    const box = await this.image.boundingBox();
    if (!box) throw new Error('the photo has no box');
    return { width: box.width, height: box.height };
  }

  /** How many pixels of the drawn photo are not uniform (a blank canvas has none). */
  async drawnDetail(): Promise<number> {
    return this.image.evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) return 0;
      let differing = 0;
      for (let i = 4; i < data.length; i += 4) if (data[i] !== data[0]) differing += 1;
      return differing;
    });
  }

  /** Everything in the page that could still hold a photo: canvases, image URLs, storage. */
  async leftovers(): Promise<{ canvases: number; imageUrls: number; blobResources: number; storage: number }> {
    return this.page.evaluate(async () => ({
      canvases: document.querySelectorAll('canvas').length,
      imageUrls: document.querySelectorAll('[src^="blob:"], [src^="data:"], [href^="blob:"]').length,
      blobResources: performance.getEntriesByType('resource').filter((e) => e.name.startsWith('blob:')).length,
      storage: localStorage.length + sessionStorage.length + (await caches.keys()).length,
    }));
  }
}
