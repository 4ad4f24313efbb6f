import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, type SignedIn, signInByApi, unique } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { settle } from '../support/settle.ts';
import { expect, type Page, test } from '../support/test.ts';

/** The demo data's one enterprise, which the `enterprise` account belongs to. */
const DEMO_ENTERPRISE = '河源市示范电子科技有限公司';

/** Appeal numbers are `HY-<year>-<five digits>`, the year as on the city's calendar. */
const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
const appealNumber = new RegExp(`HY-${year}-\\d{5}`);
/** A day three days ago on the city's calendar, as YYYY-MM-DD. */
const recentDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
  new Date(Date.now() - 3 * 24 * 3600 * 1000),
);

interface Region {
  id: string;
  name: string;
}

interface Created {
  id: string;
  name: string;
  number: string;
  title: string;
}

/** A valid unified social credit code (GB 32100-2015) with a check character computed here. */
function creditCode(serial: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = `91441625${serial.padStart(9, '0').slice(-9)}`;
  const sum = [...first17].reduce((total, c, i) => total + alphabet.indexOf(c) * (weights[i] ?? 0), 0);
  return first17 + alphabet.charAt((31 - (sum % 31)) % 31);
}

/**
 * Picks an option of an antd select, by typing part of its name first when `search` is given. A select that
 * searches on the server shows the previous answer until the new one arrives: the option is clicked once it
 * is the only one offered, not in a list about to be replaced.
 */
async function choose(
  page: Page,
  field: ReturnType<Page['getByLabel']>,
  option: string | RegExp,
  search?: string,
) {
  await field.click();
  if (search) {
    await field.fill(search);
    await expect(page.getByRole('option')).toHaveText([option]);
  }
  // A click while the list is still sliding open can be lost.
  await settle(page);
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

function menuOf(page: Page) {
  return page.getByRole('navigation', { name: '导航菜单' });
}

test.describe('an enterprise on a phone (375 px)', () => {
  test.use({ viewport: phone, isMobile: true, hasTouch: true });

  test('submits an appeal, then finds it in 我的诉求 with its timeline', async ({ page }) => {
    await signInByApi(page, 'enterprise');
    const title = `厂区门口道路破损影响货车通行${unique()}`;
    const content = '园区道路年久失修，雨天积水严重，货车进出困难，希望有关部门尽快安排修复。';

    await page.goto('/appeals/submit');
    await expect(page.getByRole('heading', { level: 1, name: '提交诉求' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('标题', { exact: true }).fill(title);
    await choose(page, page.getByLabel('类别', { exact: true }), '物流交通');
    await expect(page.getByRole('main').getByTitle('物流交通', { exact: true })).toBeVisible();
    await page.getByLabel('诉求内容', { exact: true }).fill(content);
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: '提交诉求', exact: true }).click();

    // The confirmation names the new number; the appeal's page opens.
    const done = page.getByText(new RegExp(`^诉求已提交，编号 ${appealNumber.source}$`));
    await expect(done).toBeVisible();
    const number = ((await done.textContent()) ?? '').replace('诉求已提交，编号 ', '');
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText(`诉求编号：${number}`)).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);

    // 我的诉求, through the phone's menu drawer: the appeal is listed as a card.
    await page.getByRole('button', { name: '打开导航菜单' }).click();
    const drawer = page.getByRole('dialog', { name: '导航菜单' });
    await drawer.getByRole('link', { name: '我的诉求', exact: true }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: '我的诉求' })).toBeVisible();
    const card = page.getByRole('listitem').filter({ hasText: number });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('物流交通');
    await expect(card).toContainText('企业在线提交');
    await expect(card).toContainText('已汇总待核实');
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);

    // Its page: what was written, and the timeline's first entry.
    await card.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText(content)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '办理轨迹' })).toBeVisible();
    const created = page.getByRole('listitem').filter({ hasText: '渠道：企业在线提交' });
    await expect(created).toHaveCount(1);
    await expect(created).toContainText('创建');
    await expect(created).toContainText('李春明');
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
  });
});

test('a collector records three appeals of one breakfast meeting at once', async ({ page }) => {
  await signInByApi(page, 'collector');
  const suffix = unique();
  const meeting = `源城区企业早餐会${suffix}`;
  const appeals = [
    {
      title: `企业贷款审批周期过长${suffix}`,
      category: '融资',
      content: '申请技改贷款三个月仍未放款，希望协调银行加快审批。',
    },
    {
      title: `技术工人招聘困难${suffix}`,
      category: '用工',
      content: '今年扩产需要五十名技术工人，本地招聘困难，希望对接职业院校。',
    },
    {
      title: `工业用电容量不足${suffix}`,
      category: '水电气',
      content: '新生产线投产后变压器容量不足，希望供电部门尽快增容。',
    },
  ];

  await page.goto('/appeals/exchange');
  await expect(page.getByRole('heading', { level: 1, name: '登记交流活动' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('radio', { name: '早餐会' }).check();
  const date = page.getByLabel('日期', { exact: true });
  await date.click();
  // Typed, then left (Enter would submit the whole form).
  await date.fill(recentDay);
  await page.getByLabel('活动名称', { exact: true }).fill(meeting);
  await page.getByLabel('地点', { exact: true }).fill('河源市民服务中心三楼会议室');

  await page.getByRole('button', { name: '添加一条诉求' }).click();
  await page.getByRole('button', { name: '添加一条诉求' }).click();
  await expect(page.getByRole('button', { name: /删除诉求 \d+$/ })).toHaveCount(3);
  for (const [index, appeal] of appeals.entries()) {
    const group = page.getByRole('group', { name: `诉求 ${index + 1}` });
    await choose(
      page,
      group.getByLabel('企业', { exact: true }),
      new RegExp(`^${DEMO_ENTERPRISE}`),
      '示范电子',
    );
    await expect(group).toContainText(`${DEMO_ENTERPRISE}（源城区）`);
    await group.getByLabel('标题', { exact: true }).fill(appeal.title);
    await choose(page, group.getByLabel('类别', { exact: true }), appeal.category);
    await expect(group.getByTitle(appeal.category, { exact: true })).toBeVisible();
    await group.getByLabel('诉求内容', { exact: true }).fill(appeal.content);
  }
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: '保存活动及诉求' }).click();

  await expect(page.getByRole('heading', { name: `已登记“${meeting}”及 3 条诉求` })).toBeVisible();
  await expect(page.getByText(`${recentDay} · 早餐会`)).toBeVisible();
  const numberLinks = page.getByRole('main').getByRole('link', { name: appealNumber });
  await expect(numberLinks).toHaveCount(3);
  const numbers = await numberLinks.allTextContents();
  expect(new Set(numbers).size).toBe(3);
  await expectNoSeriousA11yViolations(page);

  // 我登记的诉求 lists all three, each with its own title.
  await menuOf(page).getByRole('link', { name: '我登记的诉求', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我登记的诉求' })).toBeVisible();
  for (const [index, number] of numbers.entries()) {
    const row = page.getByRole('row').filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(appeals[index]?.title ?? '');
    await expect(row).toContainText(DEMO_ENTERPRISE);
    await expect(row).toContainText('早餐会');
  }
  await expectNoSeriousA11yViolations(page);
});

/**
 * Two enterprises and one land-use appeal of each, recorded by the office through the API; the second
 * enterprise also raises an appeal about something else, which a search for 用地 must not find.
 */
async function seedSimilarLandAppeals(
  page: Page,
  office: SignedIn,
  suffix: string,
): Promise<{ land: Created[]; other: Created }> {
  const regions = await apiGet<Region[]>(page, '/api/org/regions');
  const county = regions.find((region) => region.name === '东源县');
  if (!county) throw new Error('the demo data has no 东源县');
  const serial = String(Date.now()).slice(-8);
  const record = async (
    enterprise: { id: string; name: string },
    appeal: { category: string; title: string; content: string },
  ): Promise<Created> => {
    const saved = await apiCall<{ id: string; number: string; title: string }>(
      page,
      office,
      'POST',
      '/api/appeals',
      { enterpriseId: enterprise.id, channel: 'visit', ...appeal },
    );
    return { id: saved.id, name: enterprise.name, number: saved.number, title: saved.title };
  };
  const enterprises: { id: string; name: string }[] = [];
  for (const [index, name] of [
    `东源县甲方新材料有限公司${suffix}`,
    `东源县乙方精密制造有限公司${suffix}`,
  ].entries()) {
    enterprises.push(
      await apiCall(page, office, 'POST', '/api/enterprises', {
        name,
        creditCode: creditCode(`${serial}${index}`),
        regionId: county.id,
      }),
    );
  }
  const [firstEnterprise, secondEnterprise] = enterprises;
  if (!firstEnterprise || !secondEnterprise) throw new Error('two enterprises were to be created');
  const land = [
    await record(firstEnterprise, {
      category: 'land',
      title: `新建厂房用地审批迟迟未办结${suffix}`,
      content: '公司扩建厂房的用地审批已提交半年仍未办结，厂房无法开工建设，恳请协调加快用地审批。',
    }),
    await record(secondEnterprise, {
      category: 'land',
      title: `厂房扩建用地审批进度缓慢${suffix}`,
      content: '我司厂房扩建项目用地审批手续办理缓慢，影响厂房建设进度，希望加快用地审批流程。',
    }),
  ];
  const other = await record(secondEnterprise, {
    category: 'finance',
    title: `流动资金贷款续贷困难${suffix}`,
    content: '企业流动资金贷款即将到期，银行续贷条件收紧，希望协调金融机构给予续贷支持。',
  });
  return { land, other };
}

test('the office finds two similar land-use appeals and groups them into a common issue', async ({
  page,
}) => {
  const office = await signInByApi(page, 'office');
  const suffix = unique();
  const { land, other } = await seedSimilarLandAppeals(page, office, suffix);
  const [first, second] = land;
  if (!first || !second) throw new Error('two appeals were to be seeded');
  const issueTitle = `厂房用地审批慢${suffix}`;

  await page.goto('/appeals');
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  // Newest first: the three seeded appeals are on the first page.
  for (const appeal of [first, second, other]) {
    await expect(page.getByRole('row').filter({ hasText: appeal.number })).toHaveCount(1);
  }
  await expectNoSeriousA11yViolations(page);

  // Full-text search: both land-use appeals are found by 用地, the other one is not.
  await page.getByLabel('全文检索').fill('用地');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole('row').filter({ hasText: other.number })).toHaveCount(0);
  for (const appeal of [first, second]) {
    const row = page.getByRole('row').filter({ hasText: appeal.number });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(appeal.title);
    await expect(row).toContainText(appeal.name);
    await expect(row).toContainText('用地');
  }
  await expectNoSeriousA11yViolations(page);

  // The first appeal's page shows the second among its similar appeals.
  await page.getByRole('link', { name: first.number, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '相似诉求' })).toBeVisible();
  const similar = page.getByRole('listitem').filter({ hasText: second.number });
  await expect(similar).toHaveCount(1);
  await expect(similar.getByRole('link', { name: second.title })).toBeVisible();
  await expect(similar).toContainText(/相似度 \d+%/);
  await expect(similar).toContainText('用地');
  await expectNoSeriousA11yViolations(page);

  // Grouped from here, with the similar one, into a new common issue.
  await page.getByRole('button', { name: '归并共性问题' }).click();
  const dialog = page.getByRole('dialog', { name: `归并共性问题：${first.number}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: '与相似诉求新建共性问题' }).check();
  await dialog.getByLabel('共性问题名称').fill(issueTitle);
  await dialog.getByLabel('说明', { exact: true }).fill('多家企业反映厂房用地审批办理慢。');
  await dialog.getByRole('checkbox', { name: `${second.number} ${second.title}（${second.name}）` }).check();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText(`已归并到“${issueTitle}”`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: issueTitle })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '查看共性问题' })).toContainText('归并共性问题');
  await expectNoSeriousA11yViolations(page);

  // 共性问题: the issue with its two appeals, each under its own number.
  await menuOf(page).getByRole('link', { name: '共性问题', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '共性问题' })).toBeVisible();
  const issueRow = page.getByRole('row').filter({ hasText: issueTitle });
  await expect(issueRow).toHaveCount(1);
  await expect(issueRow.getByRole('cell', { name: '2', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await issueRow.getByRole('link', { name: issueTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: issueTitle })).toBeVisible();
  const appealRows = page.getByRole('row').filter({ has: page.getByRole('link', { name: appealNumber }) });
  await expect(appealRows).toHaveCount(2);
  for (const appeal of [first, second]) {
    const row = page.getByRole('row').filter({ hasText: appeal.title });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('link', { name: appeal.number, exact: true })).toBeVisible();
    await expect(row).toContainText(appeal.name);
  }
  await expectNoSeriousA11yViolations(page);
});
