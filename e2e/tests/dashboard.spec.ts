import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, type SignedIn, signInByApi, unique } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { settle } from '../support/settle.ts';
import { expect, type Locator, type Page, test } from '../support/test.ts';

interface Region {
  id: string;
  name: string;
}

/** What the test reads of GET /api/dashboard. */
interface Dashboard {
  regionId: string | null;
  total: { count: number };
  byRegion: { key: string; count: number }[];
}

const NATURAL_RESOURCES = '河源市自然资源局';

/** The bars' colour in web/src/pages/dashboard/charts.tsx: the SVG shapes a click on a bar lands on. */
const BAR_COLOR = '#1f5fbf';

// The browser on the city's clock, as the dashboard's presets (本月, 本年 …) are the city's months.
// Charts drawn without animation (the page honours reduced motion), so a bar is where it will stay when clicked.
test.use({ timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });

/** This month on the city's calendar, as YYYY-MM. */
const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
  .format(new Date())
  .slice(0, 7);

/** A valid unified social credit code (GB 32100-2015) of a county (its six-digit code), check character computed here. */
function creditCode(county: string, serial: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = `91${county}${serial.padStart(9, '0').slice(-9)}`;
  const sum = [...first17].reduce((total, c, i) => total + alphabet.indexOf(c) * (weights[i] ?? 0), 0);
  return first17 + alphabet.charAt((31 - (sum % 31)) % 31);
}

/**
 * Appeals in two counties, recorded by the office through the API: two in 东源县 and one in 源城区, so that
 * the county chart has two bars whatever other tests have recorded before.
 */
async function seedAppeals(page: Page, office: SignedIn): Promise<void> {
  const regions = await apiGet<Region[]>(page, '/api/org/regions');
  const region = (name: string) => {
    const found = regions.find((r) => r.name === name);
    if (!found) throw new Error(`the demo data has no ${name}`);
    return found;
  };
  const serial = String(Date.now()).slice(-8);
  const suffix = unique();
  const plan = [
    { county: '441625', region: region('东源县'), appeals: ['land', 'land'] },
    { county: '441602', region: region('源城区'), appeals: ['land'] },
  ];
  for (const [index, { county, region: r, appeals }] of plan.entries()) {
    const enterprise = await apiCall<{ id: string }>(page, office, 'POST', '/api/enterprises', {
      name: `${r.name}统计测试实业有限公司${suffix}`,
      creditCode: creditCode(county, `${serial}${index}`),
      regionId: r.id,
    });
    for (const category of appeals) {
      await apiCall(page, office, 'POST', '/api/appeals', {
        enterpriseId: enterprise.id,
        channel: 'visit',
        category,
        title: `${r.name}项目用地报批进度咨询`,
        content: '企业新建厂房项目用地报批材料已提交，希望了解审批进度和还需补充的材料。',
      });
    }
  }
}

/** Picks a period preset; antd's button-style radios hide the input, the visible label is what a person clicks. */
async function preset(page: Page, name: string): Promise<void> {
  await page.getByRole('radiogroup', { name: '快捷选择' }).getByText(name, { exact: true }).click();
  await expect(page.getByRole('radio', { name })).toBeChecked();
}

function menuOf(page: Page) {
  return page.getByRole('navigation', { name: '导航菜单' });
}

function chart(page: Page, id: string): Locator {
  return page.locator(`[data-chart="${id}"]`);
}

/** The chart is drawn: an SVG of some size inside its labelled image. */
async function expectDrawn(page: Page, id: string): Promise<void> {
  const svg = chart(page, id).getByRole('img').locator('svg').first();
  await expect(svg).toBeVisible();
  const box = await svg.boundingBox();
  expect(box?.width ?? 0, `chart ${id} width`).toBeGreaterThan(100);
  expect(box?.height ?? 0, `chart ${id} height`).toBeGreaterThan(100);
}

/** Unfolds the data table under a chart (its text alternative). */
async function showTable(page: Page, id: string): Promise<void> {
  const details = chart(page, id).locator('details');
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.getByText('查看数据表').click();
  }
  await expect(chart(page, id).getByRole('table')).toBeVisible();
}

/** A chart's data table: its rows as [name, count]. */
async function tableRows(page: Page, id: string): Promise<[string, number][]> {
  await showTable(page, id);
  const rows = chart(page, id).locator('tbody tr');
  const texts = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
  );
  return texts.map(([name, count]) => [name ?? '', Number(count)]);
}

/** The pool's total, from its pagination (“共 N 条”). */
async function poolTotal(page: Page): Promise<number> {
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  await settle(page);
  const text = await page.getByText(/^共 \d+ 条$/).textContent();
  return Number(text?.match(/\d+/)?.[0]);
}

test('a leader reads the dashboard and clicks through to the appeals behind a figure', async ({ page }) => {
  const office = await signInByApi(page, 'office');
  await seedAppeals(page, office);
  await signInByApi(page, 'leader');

  // The workbench leads to the dashboard, in the menu group 统计分析.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: '常用功能' }).getByRole('link', { name: /^领导驾驶舱/ }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expect(menuOf(page).getByText('统计分析')).toBeVisible();
  await menuOf(page).getByRole('link', { name: '领导驾驶舱', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '领导驾驶舱' })).toBeVisible();
  await expect(page.getByText('全市诉求的数量和办理情况')).toBeVisible();

  // The headline figures, the total as in the API.
  const api = await apiGet<Dashboard>(
    page,
    `/api/dashboard?from=${thisMonth.slice(0, 4)}-01&to=${thisMonth}`,
  );
  const total = page.getByRole('link', { name: /^诉求总数/ });
  await expect(total).toContainText(`${api.total.count}件`);
  expect(api.total.count).toBeGreaterThanOrEqual(3);
  // When the figures were counted (they are kept a few seconds, and recounted after any change).
  await expect(
    page.getByText(/^数据统计于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，保存或办理后即时更新$/),
  ).toBeVisible();
  for (const name of ['办结率', '按期办结率', '满意率', '重办率', '当前逾期']) {
    await expect(page.locator('.kpi-title', { hasText: new RegExp(`^${name}$`) })).toBeVisible();
  }
  await expect(
    page
      .locator('.kpi-ratio')
      .filter({ hasText: /\d+ \/ \d+$/ })
      .first(),
  ).toBeVisible();
  for (const id of ['by-month', 'by-status', 'by-channel', 'by-category', 'by-region', 'by-tier']) {
    await expectDrawn(page, id);
  }
  await expect(page.getByRole('heading', { level: 2, name: '各主办单位办理情况' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The period: this month alone, then the last twelve months (one bar a month).
  await showTable(page, 'by-month');
  await preset(page, '本月');
  await expect(page).toHaveURL(new RegExp(`from=${thisMonth}&to=${thisMonth}`));
  await expect(chart(page, 'by-month').locator('tbody tr')).toHaveCount(1);
  await preset(page, '近12个月');
  await expect(chart(page, 'by-month').locator('tbody tr')).toHaveCount(12);
  await expectDrawn(page, 'by-region');
  await settle(page);

  // A bar of the county chart: 东源县, with at least the two appeals recorded above.
  const regions = await tableRows(page, 'by-region');
  const index = regions.findIndex(([name]) => name === '东源县');
  const dongyuan = regions[index]?.[1] ?? 0;
  expect(dongyuan).toBeGreaterThanOrEqual(2);
  const bars = chart(page, 'by-region').locator(`svg path[fill="${BAR_COLOR}"]`);
  await expect(bars).toHaveCount(regions.length);
  await bars.nth(index).click();
  await expect(page).toHaveURL(/\/appeals\?.*regionId=/);
  expect(await poolTotal(page)).toBe(dongyuan);
  await expect(page.getByLabel('县（区）')).toBeVisible();
  await expect(page.locator('#pool-filters').getByText('东源县')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Back on the dashboard, in the same period: a count of the status table.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: '领导驾驶舱' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '近12个月' })).toBeChecked();
  const status = chart(page, 'by-status');
  await showTable(page, 'by-status');
  const pooled = status.getByRole('link', { name: /^已汇总待核实 \d+ 件，查看诉求$/ });
  const figure = Number(await pooled.textContent());
  expect(figure).toBeGreaterThanOrEqual(3);
  await expectNoSeriousA11yViolations(page);
  await pooled.click();
  await expect(page).toHaveURL(/\/appeals\?.*status=pooled/);
  expect(await poolTotal(page)).toBe(figure);
  await expect(page.locator('#pool-filters').getByText('已汇总待核实')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The total opens the whole period's appeals.
  await page.goBack();
  const all = Number(
    (
      await page
        .getByRole('link', { name: /^诉求总数/ })
        .locator('.kpi-value')
        .textContent()
    )?.match(/\d+/)?.[0],
  );
  await page.getByRole('link', { name: /^诉求总数/ }).click();
  expect(await poolTotal(page)).toBe(all);
});

test('a county’s office sees its own county only', async ({ page }) => {
  const office = await signInByApi(page, 'office');
  await seedAppeals(page, office);
  await signInByApi(page, 'countyoffice');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: '领导驾驶舱' })).toBeVisible();
  await expect(page.getByText('东源县诉求的数量和办理情况')).toBeVisible();
  // No county to choose, no county chart: the county is fixed.
  await expect(page.getByLabel('县（区）')).toHaveCount(0);
  await expect(
    page.getByRole('search', { name: '统计范围' }).getByText('东源县', { exact: true }),
  ).toBeVisible();
  await expect(chart(page, 'by-region')).toHaveCount(0);
  await expectDrawn(page, 'by-status');

  const regions = await apiGet<Region[]>(page, '/api/org/regions');
  const own = regions.find((r) => r.name === '东源县');
  const other = regions.find((r) => r.name === '源城区');
  const year = thisMonth.slice(0, 4);
  const mine = await apiGet<Dashboard>(page, `/api/dashboard?from=${year}-01&to=${thisMonth}`);
  expect(mine.regionId).toBe(own?.id);
  expect(mine.byRegion.map((count) => count.key)).toEqual([own?.id]);
  await expect(page.getByRole('link', { name: /^诉求总数/ })).toContainText(`${mine.total.count}件`);
  // Another county's figures are refused.
  const refused = await page.request.get(`/api/dashboard?regionId=${other?.id}`);
  expect(refused.status()).toBe(403);
  await expectNoSeriousA11yViolations(page);

  // Its total opens its own appeals in the pool.
  await page.getByRole('link', { name: /^诉求总数/ }).click();
  expect(await poolTotal(page)).toBe(mine.total.count);
  await expectNoSeriousA11yViolations(page);
});

/** An appeal the office assigns to 河源市自然资源局 (the handler's unit); the unit's id. */
async function assignToNaturalResources(page: Page): Promise<string> {
  const enterprise = await signInByApi(page, 'enterprise');
  const submitted = await apiCall<{ id: string; version: number }>(
    page,
    enterprise,
    'POST',
    '/api/appeals/submit',
    {
      category: 'land',
      title: `厂房用地规划调整咨询${unique()}`,
      content: '公司计划扩建厂房，需调整地块规划条件，希望了解办理流程和所需时间。',
    },
  );
  const office = await signInByApi(page, 'office');
  const units = await apiGet<{ id: string; name: string }[]>(page, '/api/org/units');
  const naturalResources = units.find((unit) => unit.name === NATURAL_RESOURCES);
  if (!naturalResources) throw new Error(`the demo data has no ${NATURAL_RESOURCES}`);
  const direct = await apiCall<{ version: number }>(
    page,
    office,
    'POST',
    `/api/appeals/${submitted.id}/handle-directly`,
    { tierCode: 'single', version: submitted.version },
  );
  await apiCall(page, office, 'POST', `/api/appeals/${submitted.id}/assign`, {
    leadUnitId: naturalResources.id,
    coUnitIds: [],
    measures: '市自然资源局核实地块规划条件，指导企业办理规划调整手续。',
    version: direct.version,
  });
  return naturalResources.id;
}

test('a leader opens a lead unit’s dashboard and its open work in the pool', async ({ page }) => {
  const unitId = await assignToNaturalResources(page);

  // The leader finds the unit in the lead units' table and opens its own dashboard.
  await signInByApi(page, 'leader');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: '领导驾驶舱' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: `${NATURAL_RESOURCES}的驾驶舱` }).click();
  await expect(page).toHaveURL(new RegExp(`unitId=${unitId}`));
  await expect(page.getByText(`${NATURAL_RESOURCES}主办诉求的数量和办理情况`)).toBeVisible();
  // The unit is chosen in the filters, where another can be picked.
  await expect(page.getByRole('combobox', { name: '主办单位' })).toBeVisible();
  await expect(
    page.getByRole('search', { name: '统计范围' }).getByText(NATURAL_RESOURCES, { exact: true }),
  ).toBeVisible();
  const year = thisMonth.slice(0, 4);
  const unit = await apiGet<Dashboard & { unitId: string | null }>(
    page,
    `/api/dashboard?from=${year}-01&to=${thisMonth}&unitId=${unitId}`,
  );
  expect(unit.unitId).toBe(unitId);
  expect(unit.total.count).toBeGreaterThanOrEqual(1);
  await expect(page.locator('[data-kpi="total"]')).toContainText(`${unit.total.count}件`);
  await expect(chart(page, 'by-region')).toHaveCount(0);
  await expectDrawn(page, 'by-status');
  await expectNoSeriousA11yViolations(page);

  // The unit's open work in the pool: the appeals it leads an open assignment of, as many as the table says.
  const open = page.getByRole('link', { name: new RegExp(`^${NATURAL_RESOURCES}在办 \\d+ 件，查看诉求$`) });
  const openCount = Number(await open.textContent());
  expect(openCount).toBeGreaterThanOrEqual(1);
  await open.click();
  await expect(page).toHaveURL(new RegExp(`/appeals\\?.*leadUnitId=${unitId}`));
  expect(await poolTotal(page)).toBe(openCount);
  await expectNoSeriousA11yViolations(page);
  // And the unit's total: every appeal it leads in the period.
  await page.goBack();
  await page.getByRole('link', { name: /^诉求总数/ }).click();
  expect(await poolTotal(page)).toBe(unit.total.count);
});

test('a unit’s handler sees the unit’s own work, without links into the pool', async ({ page }) => {
  const unitId = await assignToNaturalResources(page);
  const year = thisMonth.slice(0, 4);
  await signInByApi(page, 'handler');
  const unit = await apiGet<Dashboard & { unitId: string | null }>(
    page,
    `/api/dashboard?from=${year}-01&to=${thisMonth}`,
  );
  expect(unit.unitId).toBe(unitId);
  expect(unit.total.count).toBeGreaterThanOrEqual(1);

  // The unit fixed, and no links into the pool (which is the office's).
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await menuOf(page).getByRole('link', { name: '领导驾驶舱', exact: true }).click();
  await expect(page.getByText(`${NATURAL_RESOURCES}主办诉求的数量和办理情况`)).toBeVisible();
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(
    page.getByRole('search', { name: '统计范围' }).getByText(NATURAL_RESOURCES, { exact: true }),
  ).toBeVisible();
  const total = page.locator('[data-kpi="total"]');
  await expect(total).toContainText(`${unit.total.count}件`);
  await expect(page.getByRole('link', { name: /^诉求总数/ })).toHaveCount(0);
  await expectDrawn(page, 'by-status');
  await expectNoSeriousA11yViolations(page);
});

test.describe('the dashboard on a phone (375 px)', () => {
  test.use({ viewport: phone, isMobile: true, hasTouch: true });

  test('fits the screen and is accessible', async ({ page }) => {
    const office = await signInByApi(page, 'office');
    await seedAppeals(page, office);
    // A lead unit too, so that its table is on the page.
    await assignToNaturalResources(page);
    await signInByApi(page, 'leader');
    await page.goto('/dashboard?from=2020-01&to=2020-12');
    await expect(page.getByRole('heading', { level: 1, name: '领导驾驶舱' })).toBeVisible();
    // A period without appeals: the figures are zero and the charts give way to one message.
    await expect(page.getByText('所选期间没有诉求')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
    await preset(page, '本年');
    await expectDrawn(page, 'by-month');
    await expect(page.getByRole('link', { name: `${NATURAL_RESOURCES}的驾驶舱` })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
  });
});
