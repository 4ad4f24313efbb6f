import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, signInByApi, unique } from '../support/auth.ts';
import { settle } from '../support/settle.ts';
import { expect, test } from '../support/test.ts';

// The browser on the city's clock, as the page's presets (本月, 本季度, 本年) are the city's months.
test.use({ timezoneId: 'Asia/Shanghai' });

const NATURAL_RESOURCES = '河源市自然资源局';

interface Appeal {
  id: string;
  version: number;
}
/** What the test reads of GET /api/dashboard/rankings. */
interface Rankings {
  units: { name: string; received: number; appeals: { received: Record<string, string> } }[];
}

test('a leader reads the unit ranking, opens the appeals behind a count and downloads it as Excel', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // An appeal assigned to 河源市自然资源局 this month: the unit is ranked.
  const enterprise = await signInByApi(page, 'enterprise');
  const submitted = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'land',
    title: `考核排名测试用地报批${unique()}`,
    content: '公司扩建厂房的用地报批材料已提交，希望协调加快办理。',
  });
  const office = await signInByApi(page, 'office');
  const units = await apiGet<{ id: string; name: string }[]>(page, '/api/org/units');
  const nr = units.find((unit) => unit.name === NATURAL_RESOURCES);
  if (!nr) throw new Error(`the demo data has no ${NATURAL_RESOURCES}`);
  const direct = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/handle-directly`, {
    tierCode: 'single',
    version: submitted.version,
  });
  await apiCall(page, office, 'POST', `/api/appeals/${submitted.id}/assign`, {
    leadUnitId: nr.id,
    measures: '加快办理用地报批',
    version: direct.version,
  });

  await signInByApi(page, 'leader');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page
    .getByRole('navigation', { name: '导航菜单' })
    .getByRole('link', { name: '考核排名', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '考核排名' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '本季度' })).toBeChecked();
  await expect(page.getByRole('heading', { level: 2, name: '计分公式' })).toBeVisible();
  await expect(page.getByText(/得分 = 按时办结率×40 \+ 办结率×20 \+ 满意率×30/)).toBeVisible();
  const unitsTable = page.getByRole('table', { name: '单位排名' });
  await expect(unitsTable.getByRole('row').filter({ hasText: NATURAL_RESOURCES })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '县区排名' })).toBeVisible();
  await settle(page);
  await expectNoSeriousA11yViolations(page);

  // The quarter so far, as the page asks for it; the unit's count as the API gives it, and the same on the page.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [year, month] = today.split('-').map(Number);
  const from = `${year}-${String(Math.floor(((month ?? 1) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const to = today.slice(0, 7);
  const ranking = await apiGet<Rankings>(page, `/api/dashboard/rankings?from=${from}&to=${to}`);
  const row = ranking.units.find((u) => u.name === NATURAL_RESOURCES);
  expect(row?.received).toBeGreaterThanOrEqual(1);
  const received = row?.received ?? 0;
  const link = new URLSearchParams(row?.appeals.received ?? {});
  const listed = await apiGet<{ total: number }>(page, `/api/appeals?${link}`);
  expect(listed.total).toBeGreaterThanOrEqual(1);

  // Export first (the page is here), then the click-through.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`考核排名-${from}至${to}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('单位排名');
  expect(sheet?.getRow(1).getCell(1).value).toBe('名次');
  const names: unknown[] = [];
  sheet?.eachRow((r) => {
    names.push(r.getCell(2).value);
  });
  const index = names.indexOf(NATURAL_RESOURCES);
  expect(index).toBeGreaterThan(0);
  expect(sheet?.getRow(index + 1).getCell(3).value).toBe(received);

  await page.getByRole('link', { name: `查看${NATURAL_RESOURCES}收到交办 ${received} 件的诉求` }).click();
  await expect(page).toHaveURL(new RegExp(`/appeals\\?.*leadUnitId=${nr.id}`));
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  const tags = page.getByRole('region', { name: '按统计口径筛选：' });
  await expect(tags.getByText(`主办单位：${NATURAL_RESOURCES}`)).toBeVisible();
  await expect(tags.getByText('曾交办（含退回）')).toBeVisible();
  await settle(page);
  await expect(page.getByText(`共 ${listed.total} 条`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A tag taken off widens the list to what the rest of the filters say.
  await tags.getByRole('button', { name: '移除筛选：曾交办（含退回）' }).click();
  await expect(page).not.toHaveURL(/assignmentStatus=/);
  await expect(tags.getByText(`主办单位：${NATURAL_RESOURCES}`)).toBeVisible();
});
