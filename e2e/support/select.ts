import type { Locator, Page } from '@playwright/test';
import { settle } from './settle.ts';

/**
 * Picks an option of an antd select, typing part of its name first if given (the select must allow
 * search). The list is waited for until its opening animation is over and it has settled into place:
 * an option clicked while the list is still moving (antd re-aligns it after opening) can take the press
 * but not the release, and then nothing is selected.
 */
export async function chooseOption(
  page: Page,
  field: Locator,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  await field.click();
  if (search) await field.fill(search);
  await settle(page);
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}
