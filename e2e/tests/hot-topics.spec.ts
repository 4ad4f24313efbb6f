import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, type SignedIn, signInByApi, unique } from '../support/auth.ts';
import { settle } from '../support/settle.ts';
import { expect, type Page, test } from '../support/test.ts';

interface Region {
  id: string;
  name: string;
}

/** What the test reads of GET /api/dashboard/hot-topics. */
interface HotTopics {
  words: { word: string; count: number }[];
}

// The browser on the city's clock, as the page's presets (本月, 近三个月 …) are the city's months.
test.use({ timezoneId: 'Asia/Shanghai' });

/** A valid unified social credit code (GB 32100-2015) of a county, check character computed here. */
function creditCode(county: string, serial: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = `91${county}${serial.padStart(9, '0').slice(-9)}`;
  const sum = [...first17].reduce((total, c, i) => total + alphabet.indexOf(c) * (weights[i] ?? 0), 0);
  return first17 + alphabet.charAt((31 - (sum % 31)) % 31);
}

/** The pool's total, from its pagination (“共 N 条”). */
async function poolTotal(page: Page): Promise<number> {
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  await settle(page);
  const text = await page.getByText(/^共 \d+ 条$/).textContent();
  return Number(text?.match(/\d+/)?.[0]);
}

test('a leader reads the hot topics and opens the appeals behind a word', async ({ page }) => {
  // Four appeals about photovoltaics this month, recorded by the office: 光伏 is among the hot words.
  const office = await signInByApi(page, 'office');
  const regions = await apiGet<Region[]>(page, '/api/org/regions');
  const yuancheng = regions.find((r) => r.name === '源城区');
  if (!yuancheng) throw new Error('the demo data has no 源城区');
  const enterprise = await apiCall<{ id: string }>(page, office, 'POST', '/api/enterprises', {
    name: `源城区光伏热点测试新能源有限公司${unique()}`,
    creditCode: creditCode('441602', String(Date.now()).slice(-8)),
    regionId: yuancheng.id,
  });
  for (const title of [
    '屋顶光伏并网审批慢',
    '光伏项目备案咨询',
    '光伏发电补贴申请',
    '分布式光伏接入容量不足',
  ]) {
    await apiCall(page, office, 'POST', '/api/appeals', {
      enterpriseId: enterprise.id,
      channel: 'visit',
      category: 'approvals',
      title,
      content: `${title}，企业厂房屋顶光伏电站已建成，希望供电部门加快办理。`,
    });
  }

  await signInByApi(page, 'leader');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page
    .getByRole('navigation', { name: '导航菜单' })
    .getByRole('link', { name: '热点问题', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '热点问题' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '近三个月' })).toBeChecked();
  await expect(page.getByRole('heading', { level: 2, name: '热点词语及趋势' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '问题类别及趋势' })).toBeVisible();
  await expect(page.locator('[data-chart="hot-words"] svg').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The word's count as the API gives it, and the same in the table.
  const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .slice(0, 7);
  const api = await apiGet<HotTopics>(page, `/api/dashboard/hot-topics?to=${thisMonth}&limit=20`);
  const count = api.words.find((w) => w.word === '光伏')?.count ?? 0;
  expect(count).toBeGreaterThanOrEqual(4);
  const word = page.getByRole('link', { name: `查看含“光伏”的 ${count} 件诉求` });
  await expect(word).toBeVisible();
  await word.click();

  // The pool, searched for the word over the same period.
  await expect(page).toHaveURL(/\/appeals\?.*q=%E5%85%89%E4%BC%8F/);
  expect(await poolTotal(page)).toBe(count);
  await expectNoSeriousA11yViolations(page);
});

/**
 * An event with two appeals on its catalogue, created by the office through the API: on the first working
 * day (Monday to Friday, not a holiday: the server refuses others) from two weeks ahead.
 */
async function eventWithCatalogue(page: Page, office: SignedIn): Promise<{ id: string; title: string }> {
  const regions = await apiGet<Region[]>(page, '/api/org/regions');
  const yuancheng = regions.find((r) => r.name === '源城区');
  if (!yuancheng) throw new Error('the demo data has no 源城区');
  const enterprise = await apiCall<{ id: string }>(page, office, 'POST', '/api/enterprises', {
    name: `源城区落实情况测试实业有限公司${unique()}`,
    creditCode: creditCode('441602', String(Date.now() + 7).slice(-8)),
    regionId: yuancheng.id,
  });
  const appeals: string[] = [];
  for (const title of ['园区进场道路尚未建成', '标准厂房租金补贴未兑现']) {
    const appeal = await apiCall<{ id: string }>(page, office, 'POST', '/api/appeals', {
      enterpriseId: enterprise.id,
      channel: 'visit',
      category: 'other',
      title,
      content: `${title}，请协调解决。`,
    });
    appeals.push(appeal.id);
  }
  const units = await apiGet<{ id: string; name: string }[]>(page, '/api/org/units');
  const housing = units.find((u) => u.name === '河源市住房和城乡建设局');
  if (!housing) throw new Error('the demo data has no 河源市住房和城乡建设局');
  const title = `落实情况测试活动${unique()}`;
  const day = new Date(Date.now() + 14 * 86_400_000);
  for (let attempt = 0; attempt < 30; attempt += 1, day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const response = await page.request.post('/api/events', {
      data: { kind: 'city', title, date: day.toISOString().slice(0, 10), venue: '市行政服务中心第一会议室' },
      headers: { 'x-csrf-token': office.csrfToken },
    });
    if (!response.ok()) continue;
    const event = (await response.json()) as { id: string; version: number };
    await apiCall(page, office, 'POST', `/api/events/${event.id}/items`, {
      version: event.version,
      items: appeals.map((appealId) => ({
        appealId,
        proposedHandling: '建议相关单位研究解决',
        unitIds: [housing.id],
      })),
    });
    return { id: event.id, title };
  }
  throw new Error('no working day found for the event');
}

test('the office opens an event’s accountability view from the event', async ({ page }) => {
  const office = await signInByApi(page, 'office');
  const event = await eventWithCatalogue(page, office);
  await page.goto(`/events/${event.id}`);
  await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: '落实情况' }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${event.id}/accountability$`));
  await expect(page.getByRole('heading', { level: 1, name: `${event.title}：事项落实情况` })).toBeVisible();
  const counts = page.getByRole('list', { name: '落实情况统计' });
  await expect(counts.getByText('事项总数')).toBeVisible();
  const rows = page.getByRole('table', { name: '事项清单' }).locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('园区进场道路尚未建成');
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
