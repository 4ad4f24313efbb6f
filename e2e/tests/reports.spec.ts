import { readFile } from 'node:fs/promises';
import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { signInByApi } from '../support/auth.ts';
import { expect, test } from '../support/test.ts';

// The browser on the city's clock, as the page proposes the city's last finished quarter.
test.use({ timezoneId: 'Asia/Shanghai' });

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The last finished quarter on the city's calendar, as the report's file name writes it. */
function lastQuarterLabel(): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number);
  const current = Math.floor(((month ?? 1) - 1) / 3);
  const [y, q] = current === 0 ? [(year ?? 0) - 1, 3] : [year ?? 0, current - 1];
  return `${y}年第${QUARTER_NAMES[q]}季度`;
}

test('the leader generates the quarterly summary as Word from 定期报告', async ({ page }) => {
  // Rendering the charts of a report takes a few seconds on a busy machine.
  test.setTimeout(120_000);
  await signInByApi(page, 'leader');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '定期报告' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '定期报告' })).toBeVisible();
  await expect(page.getByRole('table', { name: '定期生成的报告' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('radio', { name: '季度' }).check();
  await expect(page.locator('#report-quarter')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('button', { name: '生成并下载' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`诉求办理情况报告-${lastQuarterLabel()}.docx`);
  const bytes = await readFile(await download.path());
  // A .docx is a zip: its local file header, and more than an empty package.
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(bytes.length).toBeGreaterThan(20_000);
  expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
  expect(bytes.includes(Buffer.from('word/media/'))).toBe(true);
});
