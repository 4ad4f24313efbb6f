import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { signInByApi } from '../support/auth.ts';
import { expect, test } from '../support/test.ts';

/**
 * Clicks an export button and checks the file (its name with today's date, an Excel zip) and the
 * request's query: the list's current filters.
 */
async function expectExcel(page: Page, button: Locator, name: string, path: string): Promise<URL> {
  const [download, request] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForRequest((r) => new URL(r.url()).pathname === path),
    button.click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-\\d{8}\\.xlsx$`));
  const bytes = await readFile(await download.path());
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  return new URL(request.url());
}

test('the administrator exports the audit trail and the people, with the filters applied', async ({
  page,
}) => {
  await signInByApi(page, 'admin');
  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
  await page.getByLabel('操作', { exact: true }).fill('auth.');
  await page.getByRole('button', { name: '查询' }).click();
  await expectNoSeriousA11yViolations(page);
  const audit = await expectExcel(
    page,
    page.getByRole('button', { name: '导出 Excel' }),
    '审计日志',
    '/api/audit/export.xlsx',
  );
  expect(audit.searchParams.get('action')).toBe('auth.');

  await page.goto('/admin/people');
  await expect(page.getByRole('heading', { level: 1, name: '人员管理' })).toBeVisible();
  await page.getByLabel('搜索姓名或用户名').fill('handler');
  await page.getByRole('button', { name: '查询' }).click();
  await expectNoSeriousA11yViolations(page);
  const people = await expectExcel(
    page,
    page.getByRole('button', { name: '导出 Excel' }),
    '人员',
    '/api/org/people/export.xlsx',
  );
  expect(people.searchParams.get('q')).toBe('handler');
});

test('the office exports the events and the common issues', async ({ page }) => {
  await signInByApi(page, 'office');
  await page.goto('/events');
  await expect(page.getByRole('heading', { level: 1, name: '面对面活动' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectExcel(
    page,
    page.getByRole('button', { name: '导出 Excel' }),
    '活动',
    '/api/events/export.xlsx',
  );

  await page.goto('/common-issues');
  await expect(page.getByRole('heading', { level: 1, name: '共性问题' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectExcel(
    page,
    page.getByRole('button', { name: '导出 Excel' }),
    '共性问题',
    '/api/common-issues/export.xlsx',
  );
});

test('a handler exports the unit’s verification requests', async ({ page }) => {
  await signInByApi(page, 'handler');
  await page.goto('/verification-requests');
  await expect(page.getByRole('heading', { level: 1, name: '核实请求' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectExcel(
    page,
    page.getByRole('button', { name: '导出 Excel' }),
    '核实请求',
    '/api/verification-requests/export.xlsx',
  );
});
