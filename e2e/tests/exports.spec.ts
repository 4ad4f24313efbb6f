import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { signInByApi } from '../support/auth.ts';
import { expect, test } from '../support/test.ts';

/** Clicks an export button and checks the file: its name (with today's date) and an Excel zip. */
async function expectExcel(page: Page, button: Locator, name: string): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-\\d{8}\\.xlsx$`));
  const bytes = await readFile(await download.path());
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
}

test('the office downloads the ledger from the pool and the assignments list as Excel', async ({ page }) => {
  await signInByApi(page, 'office');
  await page.goto('/appeals');
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectExcel(page, page.getByRole('button', { name: '导出台账' }), '诉求台账');

  await page.goto('/assignments/overview');
  await expect(page.getByRole('heading', { level: 1, name: '交办督办' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectExcel(page, page.getByRole('button', { name: '导出 Excel' }), '交办事项');
});

test('the supervision office exports its workspace', async ({ page }) => {
  await signInByApi(page, 'supervisor');
  await page.goto('/supervision');
  await expect(page.getByRole('heading', { level: 1, name: '督查督办' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectExcel(page, page.getByRole('button', { name: '导出 Excel' }), '督查督办');
});

test('a handler exports the unit’s own work list', async ({ page }) => {
  await signInByApi(page, 'handler');
  await page.goto('/assignments');
  await expect(page.getByRole('heading', { level: 1, name: '我的办理' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectExcel(page, page.getByRole('button', { name: '导出 Excel' }), '交办事项');
});
