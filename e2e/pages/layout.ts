/**
 * Layout checks shared by the specs: the three viewports the product is built for, touch targets of at least
 * 44 × 44 CSS px (WCAG 2.5.5), and no horizontal scroll.
 */
import type { Page } from '@playwright/test';

/** Counter tablet landscape and portrait, and a phone. */
export const VIEWPORTS = [
  { name: 'tablet', width: 1024, height: 768 },
  { name: 'portrait', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Everything a person can touch on screen. */
const TARGETS =
  'button, select, summary, [role="textbox"], .segmented label, input:not([type="radio"], [type="checkbox"], [type="file"])';

/** Targets smaller than 44 × 44 CSS px, as `name w×h`. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.locator(TARGETS).evaluateAll((elements) =>
    elements.flatMap((element) => {
      const box = element.getBoundingClientRect();
      if (!element.checkVisibility() || box.width === 0) return []; // not rendered (e.g. in a closed <details>)
      if (box.width >= 44 && box.height >= 44) return [];
      const name = element.getAttribute('data-testid') ?? (element.textContent || element.tagName).trim();
      return [`${name} ${Math.round(box.width)}×${Math.round(box.height)}`];
    }),
  );
}

/** How far the page is wider than the viewport, CSS px (0: no horizontal scroll). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
