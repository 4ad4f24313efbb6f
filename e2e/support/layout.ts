import { expect, type Page } from '@playwright/test';
import { settle } from './settle.ts';

export const phone = { width: 375, height: 812 } as const;

/** The page is no wider than the viewport: nothing scrolls sideways. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  await settle(page);
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('the page has no viewport');
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  expect(
    Math.max(widths.document, widths.body),
    `page ${page.url()} is ${widths.document}px wide in a ${viewport.width}px viewport`,
  ).toBeLessThanOrEqual(viewport.width);
}
