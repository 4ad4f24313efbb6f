import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, type SignedIn, signInByApi, unique } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { chooseOption } from '../support/select.ts';
import { settle } from '../support/settle.ts';
import { expect, type Locator, type Page, test } from '../support/test.ts';

/**
 * One quarterly event in December 2026 (the working-day calendar covers 2026), after today's date:
 * a Tuesday, so that its catalogue is due on Wednesday 9 December, four working days before.
 */
const EVENT_DAY = '2026-12-15';
const CATALOGUE_DUE = '2026-12-09';
const SUNDAY = '2026-12-13';
/** Rulings' deadlines: working days after today, inside 2026. */
const DUE_FIRST = '2026-12-30';
const DUE_SECOND = '2026-12-31';
/** Today on the city's calendar, as YYYY-MM-DD. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const NATURAL_RESOURCES = '河源市自然资源局';
const FINANCE = '河源市财政局';
const MIIT = '河源市工业和信息化局';

interface Appeal {
  id: string;
  number: string;
  title: string;
}

interface RulingView {
  leadUnitName: string;
  coUnitNames: string[];
  dueDate: string;
  measures: string;
  version: number;
}

interface EventView {
  id: string;
  title: string;
  status: string;
  version: number;
  items: { id: string; appealId: string; version: number; ruling: RulingView | null }[];
}

/** The enterprise's own appeals, submitted through the API (the submission page has its own test). */
async function submitAppeals(page: Page, suffix: string): Promise<[Appeal, Appeal]> {
  const enterprise = await signInByApi(page, 'enterprise');
  const land = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'land',
    title: `新厂房用地指标迟迟未落实${suffix}`,
    content: '我司新厂房项目已签约一年，用地指标仍未落实，厂房无法动工，恳请协调解决用地指标。',
  });
  const finance = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'finance',
    title: `技改项目贴息资金未拨付${suffix}`,
    content: '去年申报的技术改造项目贴息资金至今未拨付，企业资金周转压力较大，希望尽快拨付。',
  });
  return [land, finance];
}

/** Types a date into an antd date picker and leaves it by clicking `next` (Enter would submit a form). */
async function typeDate(picker: Locator, date: string, next: Locator): Promise<void> {
  await picker.click();
  await picker.fill(date);
  await next.click();
}

/** Clicks a download button and checks the file: its name, and a non-empty zip (Word and Excel files are zips). */
async function expectDownload(page: Page, button: Locator, name: string): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  await expectZip(download, name);
}

async function expectZip(download: Download, name: string): Promise<void> {
  expect(download.suggestedFilename()).toBe(name);
  const path = await download.path();
  const bytes = await readFile(path);
  expect(bytes.length).toBeGreaterThan(100);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
}

/** The catalogue item of an appeal on the live ruling screen (a fieldset named by its legend). */
function rulingItem(page: Page, appeal: Appeal): Locator {
  return page.getByRole('group', { name: new RegExp(appeal.number) });
}

function stateOf(item: Locator): Locator {
  return item.getByRole('status');
}

async function confirmPopup(page: Page): Promise<void> {
  await settle(page);
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
}

test('a quarterly event: verification, catalogue, approval, notice, live rulings (one offline), opinions, assignments and documents', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const [land, finance] = await submitAppeals(page, suffix);
  const title = `2026年第四季度“面对面”政企交流活动（${suffix}）`;

  // 核实: the office asks 河源市自然资源局 about the land appeal; its handler answers in 核实请求. The answer then
  // travels with the appeal into the catalogue's dossier.
  const question = `请核实该企业新增用地指标的落实情况${suffix}。`;
  const answer = `已纳入年度用地计划，需市级统筹调剂指标${suffix}。`;
  await signInByApi(page, 'office');
  await page.goto(`/appeals/${land.id}`);
  await expect(page.getByRole('heading', { level: 1, name: land.title })).toBeVisible();
  const verification = page
    .getByRole('main')
    .locator('.section-card')
    .filter({ has: page.getByRole('heading', { level: 2, name: '核实与交办' }) });
  await verification.getByRole('button', { name: '征求核实意见' }).click();
  const ask = page.getByRole('dialog', { name: `征求核实意见：${land.number}` });
  await chooseOption(page, ask.getByLabel('核实单位', { exact: true }), NATURAL_RESOURCES, '自然资源');
  await ask.getByLabel('核实事项', { exact: true }).fill(question);
  await expectNoSeriousA11yViolations(page);
  await ask.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已向 1 个单位征求核实意见')).toBeVisible();
  await signInByApi(page, 'handler');
  await page.goto('/verification-requests');
  await expect(page.getByRole('heading', { level: 1, name: '核实请求' })).toBeVisible();
  const request = page.getByRole('listitem').filter({ hasText: question });
  await request.getByLabel('答复意见', { exact: true }).fill(answer);
  await request.getByRole('button', { name: '提交答复' }).click();
  await expect(request).toContainText('已答复');
  await expectNoSeriousA11yViolations(page);

  // 专班办公室 creates the event: a Sunday is refused by the hint, a Tuesday is a working day.
  await signInByApi(page, 'office');
  await page.goto('/events');
  await expect(page.getByRole('heading', { level: 1, name: '面对面活动' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: '新建活动' }).click();
  const create = page.getByRole('dialog', { name: '新建“面对面”活动' });
  await expect(create).toBeVisible();
  await expect(create.getByLabel('活动名称', { exact: true })).toHaveValue(
    /^\d{4}年第.季度“面对面”政企交流活动$/,
  );
  const venue = create.getByLabel('活动地点', { exact: true });
  await typeDate(create.getByLabel('活动日期', { exact: true }), SUNDAY, venue);
  await expect(create.getByText('星期日，休息日，不是工作日')).toBeVisible();
  await typeDate(create.getByLabel('活动日期', { exact: true }), EVENT_DAY, venue);
  await expect(create.getByText('星期二，工作日')).toBeVisible();
  await expect(create.getByLabel('活动名称', { exact: true })).toHaveValue(
    '2026年第四季度“面对面”政企交流活动',
  );
  await create.getByLabel('活动名称', { exact: true }).fill(title);
  await venue.fill('河源市政府常务会议室');
  await expectNoSeriousA11yViolations(page);
  await create.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const eventId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const main = page.getByRole('main');
  await expect(main.getByText('目录起草中', { exact: true }).first()).toBeVisible();
  await expect(main.getByText(CATALOGUE_DUE, { exact: true }).first()).toBeVisible();
  // Working days left until the catalogue is due (a warning from 2 days; red once overdue).
  await expect(main.getByText(/^(剩 \d+ 个工作日|今天截止|已逾期 \d+ 个工作日)$/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Both appeals from the pool, each with a proposed handling and the units concerned.
  await page.getByRole('button', { name: '从诉求池选取' }).click();
  const picker = page.getByRole('dialog', { name: '从诉求池选取诉求' });
  await picker.getByLabel('检索', { exact: true }).fill(suffix);
  await picker.getByRole('checkbox', { name: `选择 ${land.number}` }).check();
  await picker.getByRole('checkbox', { name: `选择 ${finance.number}` }).check();
  const landFields = picker.getByRole('group', { name: `${land.number} ${land.title}` });
  await landFields
    .getByLabel('拟处理意见', { exact: true })
    .fill('建议由市自然资源局统筹解决新增建设用地指标。');
  // The unit asked to verify it is proposed as the unit concerned.
  await expect(landFields).toContainText(`主要涉及单位${NATURAL_RESOURCES}`);
  const financeFields = picker.getByRole('group', { name: `${finance.number} ${finance.title}` });
  await financeFields.getByLabel('拟处理意见', { exact: true }).fill('建议市财政局核实后尽快拨付贴息资金。');
  await chooseOption(page, financeFields.getByLabel('主要涉及单位', { exact: true }), FINANCE, '财政');
  await page.keyboard.press('Escape');
  await expectNoSeriousA11yViolations(page);
  await picker.getByRole('button', { name: '列入问题目录（2 项）' }).click();
  await expect(page.getByText('已列入问题目录 2 项')).toBeVisible();
  await expect(picker).toBeHidden();
  const rows = main.getByRole('row').filter({ hasText: suffix });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(land.number);

  // Reordered: the finance appeal first. Its dossier opens in the row.
  await page.getByRole('button', { name: `下移 ${land.number}` }).click();
  await expect(rows.nth(0)).toContainText(finance.number);
  await expect(rows.nth(1)).toContainText(land.number);
  await rows.nth(0).getByRole('button', { name: '展开行' }).click();
  await expect(main.getByText('去年申报的技术改造项目贴息资金至今未拨付', { exact: false })).toBeVisible();
  // The land appeal's dossier carries the unit's verification answer.
  await rows.nth(1).getByRole('button', { name: '展开行' }).click();
  await expect(main.getByText(answer, { exact: false })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // 7+N: the standing members and the two units of this catalogue.
  await page.getByRole('tab', { name: '7+N' }).click();
  await expect(main.getByRole('heading', { level: 2, name: /工作专班常设成员/ })).toBeVisible();
  const nUnits = main.getByRole('region', { name: /本次活动涉及单位/ });
  await expect(nUnits.getByRole('row').filter({ hasText: NATURAL_RESOURCES })).toHaveCount(1);
  await expect(nUnits.getByRole('row').filter({ hasText: FINANCE })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  // Submitted to the government office, in time.
  await page.getByRole('tab', { name: '审定' }).click();
  await page.getByRole('button', { name: '报送市府办公室' }).click();
  await confirmPopup(page);
  await expect(page.getByText('问题目录已报送')).toBeVisible();
  await expect(main.getByText('目录已报送待审定', { exact: true }).first()).toBeVisible();
  if (today <= CATALOGUE_DUE) await expect(main.getByText('逾期报送')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // A leader records the deputy leader's coordination proposal on one item and approves the list.
  await signInByApi(page, 'leader');
  await page.goto(`/events/${eventId}?tab=approval`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('button', { name: '报送市府办公室' })).toHaveCount(0);
  await page.getByRole('button', { name: `记录协调意见：${land.number}` }).click();
  const proposal = page.getByRole('dialog', { name: `记录协调意见：${land.number}` });
  await proposal.getByLabel('协调意见', { exact: true }).fill('经协调，市自然资源局优先保障该项目用地指标。');
  await expectNoSeriousA11yViolations(page);
  await proposal.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('协调意见已保存')).toBeVisible();
  await expect(proposal).toBeHidden();
  await page.getByRole('button', { name: '审定清单' }).click();
  await confirmPopup(page);
  await expect(page.getByText('清单已审定', { exact: true }).first()).toBeVisible();
  await expect(main.getByText('第 1 版').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // 市府办公室 settles the attending leaders and issues the notice; the notice downloads.
  await signInByApi(page, 'govoffice');
  await page.goto(`/events/${eventId}?tab=notice`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByLabel('领导 1 姓名').fill('刘东豪');
  await page.getByLabel('领导 1 职务').fill('市委常委、常务副市长');
  await page.getByRole('button', { name: '添加出席领导' }).click();
  await page.getByLabel('领导 2 姓名').fill('梁均达');
  await page.getByLabel('领导 2 职务').fill('副市长');
  await page.getByLabel('活动通知文号').fill('河府办〔2026〕12号');
  await expectNoSeriousA11yViolations(page);
  await main.getByRole('button', { name: '印发活动通知' }).click();
  const issue = page
    .getByRole('dialog')
    .filter({ hasText: '出席领导：市委常委、常务副市长刘东豪、副市长梁均达' });
  await issue.getByRole('button', { name: '印发活动通知' }).click();
  await expect(page.getByText('活动通知已印发')).toBeVisible();
  await expect(main.getByText('已印发活动通知', { exact: true }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectDownload(
    page,
    main.getByRole('button', { name: '活动通知（Word）' }).first(),
    `${title}-活动通知.docx`,
  );

  // The office's clerk records both rulings on the live screen.
  await signInByApi(page, 'office');
  await page.goto(`/events/${eventId}`);
  await page.getByRole('button', { name: '打开现场裁定' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: `现场裁定：${title}` })).toBeVisible();
  await expect(page.getByText('已裁定 0/2 项')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const first = rulingItem(page, finance);
  await expect(stateOf(first)).toHaveText('未填写');
  await chooseOption(page, first.getByLabel('主办单位', { exact: true }), FINANCE, '财政');
  await chooseOption(page, first.getByLabel('协办单位', { exact: true }), MIIT, '工业和信息化');
  await page.keyboard.press('Escape');
  const firstMeasures = first.getByLabel('办理措施', { exact: true });
  await typeDate(first.getByLabel('办理期限', { exact: true }), DUE_FIRST, firstMeasures);
  await expect(first.getByText('星期三，工作日')).toBeVisible();
  await firstMeasures.fill('市财政局于月底前完成贴息资金拨付，市工业和信息化局做好项目核查。');
  // Ctrl+Enter saves the item and moves on to the next one's lead unit.
  await firstMeasures.press('Control+Enter');
  await expect(stateOf(first)).toHaveText(/^已保存 \d{2}:\d{2}$/);
  const second = rulingItem(page, land);
  await expect(second.getByLabel('主办单位', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(first.getByLabel('主办单位', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(second.getByLabel('主办单位', { exact: true })).toBeFocused();

  // The second ruling is typed with the network down: kept in the browser, sent once back online.
  await context.setOffline(true);
  await expect(page.getByText('离线：草稿保存在本机，联网后自动同步')).toBeVisible();
  await chooseOption(page, second.getByLabel('主办单位', { exact: true }), NATURAL_RESOURCES, '自然资源');
  const secondMeasures = second.getByLabel('办理措施', { exact: true });
  await typeDate(second.getByLabel('办理期限', { exact: true }), DUE_SECOND, secondMeasures);
  await secondMeasures.fill('市自然资源局年底前落实新增建设用地指标，保障项目按期动工。');
  await expect(stateOf(second)).toHaveText('离线，待同步');
  const kept = await page.evaluate(() =>
    Object.keys(window.localStorage).filter((key) => key.startsWith('f2f.rulingDraft.')),
  );
  expect(kept).toHaveLength(1);
  await expectNoSeriousA11yViolations(page);
  await context.setOffline(false);
  await expect(stateOf(second)).toHaveText(/^已保存 \d{2}:\d{2}$/);
  await expect(page.getByText('已裁定 2/2 项')).toBeVisible();
  const left = await page.evaluate(() =>
    Object.keys(window.localStorage).filter((key) => key.startsWith('f2f.rulingDraft.')),
  );
  expect(left).toHaveLength(0);
  const ruled = await apiGet<EventView>(page, `/api/events/${eventId}`);
  const landRuling = ruled.items.find((item) => item.appealId === land.id)?.ruling;
  expect(landRuling).toMatchObject({
    leadUnitName: NATURAL_RESOURCES,
    dueDate: DUE_SECOND,
    measures: '市自然资源局年底前落实新增建设用地指标，保障项目按期动工。',
  });
  expect(ruled.items.find((item) => item.appealId === finance.id)?.ruling).toMatchObject({
    leadUnitName: FINANCE,
    coUnitNames: [MIIT],
    dueDate: DUE_FIRST,
  });

  // Back on the event: the office compiles the opinions document.
  await page.getByRole('link', { name: '返回活动' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('tab', { name: '处理意见' }).click();
  await expect(page.getByLabel('前言', { exact: true })).toHaveValue(/刘东豪/);
  await page.getByLabel('处理意见文号').fill('河府办〔2026〕15号');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: '汇总形成处理意见' }).click();
  await expect(page.getByText('已汇总形成处理意见')).toBeVisible();
  await expect(main.getByText('处理意见起草中', { exact: true }).first()).toBeVisible();

  // 市府办公室 edits the preface.
  await signInByApi(page, 'govoffice');
  await page.goto(`/events/${eventId}?tab=opinions`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: '修改处理意见' }).click();
  const preface = `12月15日，市政府召开第四季度“面对面”政企交流活动，现场研究企业诉求${suffix}。现将处理意见印发如下。`;
  await page.getByLabel('前言', { exact: true }).fill(preface);
  await expectNoSeriousA11yViolations(page);
  await main.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('处理意见已修改')).toBeVisible();
  await expect(main.getByText(preface)).toBeVisible();

  // A leader approves it: both appeals are assigned.
  await signInByApi(page, 'leader');
  await page.goto(`/events/${eventId}?tab=opinions`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: '审定处理意见并交办' }).click();
  await confirmPopup(page);
  await expect(page.getByText('处理意见已审定，2 个事项已交办')).toBeVisible();
  await expect(main.getByText('处理意见已审定并交办', { exact: true }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The four documents: the catalogue (Word and Excel), the notice and the opinions.
  await page.getByRole('tab', { name: '历史' }).click();
  await expect(main.getByText('审定处理意见并交办').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const downloads = main.locator('.event-downloads');
  await expectDownload(
    page,
    downloads.getByRole('button', { name: '问题目录（Word）' }),
    `${title}-企业问题目录.docx`,
  );
  await expectDownload(
    page,
    downloads.getByRole('button', { name: '问题目录（Excel）' }),
    `${title}-企业问题目录.xlsx`,
  );
  await expectDownload(
    page,
    downloads.getByRole('button', { name: '活动通知（Word）' }),
    `${title}-活动通知.docx`,
  );
  await expectDownload(
    page,
    downloads.getByRole('button', { name: '处理意见（Word）' }),
    `${title}-企业诉求事项处理意见.docx`,
  );

  // The land appeal is now 已交办, with the ruling as its assignment.
  await page.goto(`/appeals/${land.id}`);
  await expect(page.getByRole('heading', { level: 1, name: land.title })).toBeVisible();
  await expect(main.getByText(/^已交办/).first()).toBeVisible();
  const assignment = main.getByRole('region', { name: '交办情况' });
  await expect(assignment).toContainText(NATURAL_RESOURCES);
  await expect(assignment).toContainText(DUE_SECOND);
  await expect(assignment).toContainText('市自然资源局年底前落实新增建设用地指标');
  await expectNoSeriousA11yViolations(page);

  // The enterprise was told of the event in its inbox; the bell counts it until it is read.
  await signInByApi(page, 'enterprise');
  await page.goto('/notices');
  await expect(page.getByRole('heading', { level: 1, name: '站内通知' })).toBeVisible();
  const bell = page.getByRole('banner').getByRole('link', { name: /^站内通知，\d+ 条未读$/ });
  await expect(bell).toBeVisible();
  const notice = main.getByRole('listitem').filter({ hasText: `活动通知：${title}` });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('未读');
  await expect(notice).toContainText('河府办〔2026〕12号');
  // An enterprise cannot open the event's page: the notice points to its own appeal on the list instead.
  await expect(notice.getByRole('button', { name: '查看' })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  const before = Number(/(\d+) 条未读/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
  await notice.getByRole('button', { name: `将“活动通知：${title}”标为已读` }).click();
  await expect(notice).toContainText('已读');
  await expect(notice.getByText('未读', { exact: true })).toHaveCount(0);
  await expect(
    page
      .getByRole('banner')
      .getByRole('link', { name: before > 1 ? `站内通知，${before - 1} 条未读` : '站内通知', exact: true }),
  ).toBeVisible();
  await notice.getByRole('button', { name: '查看' }).click();
  await expect(page).toHaveURL(/\/appeals\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/^已交办/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

/** An event at noticeIssued with one catalogued appeal, set up through the API. */
async function eventReadyForRulings(
  page: Page,
  suffix: string,
): Promise<{ event: EventView; appeal: Appeal }> {
  const enterprise = await signInByApi(page, 'enterprise');
  const appeal = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'land',
    title: `仓储用地规划调整申请未获答复${suffix}`,
    content: '我司申请将仓储用地规划调整为工业用地已三个月，至今未获答复，影响扩产计划。',
  });
  const units = await apiGet<{ id: string; name: string }[]>(page, '/api/org/units');
  const unit = units.find((candidate) => candidate.name === NATURAL_RESOURCES);
  if (!unit) throw new Error(`the demo data has no ${NATURAL_RESOURCES}`);
  const office = await signInByApi(page, 'office');
  let event = await apiCall<EventView>(page, office, 'POST', '/api/events', {
    kind: 'city',
    title: `专题“面对面”政企交流活动（${suffix}）`,
    date: '2026-12-16',
    venue: '河源市政府第一会议室',
  });
  event = await apiCall<EventView>(page, office, 'POST', `/api/events/${event.id}/items`, {
    items: [{ appealId: appeal.id, proposedHandling: '建议市自然资源局研究规划调整。', unitIds: [unit.id] }],
    version: event.version,
  });
  event = await apiCall<EventView>(page, office, 'POST', `/api/events/${event.id}/submit`, {
    version: event.version,
  });
  const leader = await signInByApi(page, 'leader');
  event = await apiCall<EventView>(page, leader, 'POST', `/api/events/${event.id}/approve`, {
    version: event.version,
  });
  const govoffice = await signInByApi(page, 'govoffice');
  event = await apiCall<EventView>(page, govoffice, 'POST', `/api/events/${event.id}/notice`, {
    leaders: [{ name: '梁均达', title: '副市长' }],
    noticeNumber: '河府办〔2026〕13号',
    version: event.version,
  });
  return { event, appeal };
}

test('live rulings: a second clerk’s save is a conflict to resolve, and a draft survives an unreachable server and a reload', async ({
  page,
  guards,
}) => {
  test.setTimeout(90_000);
  // The browser logs the answers it got on purpose below: the 409 of the conflict, the aborted requests.
  guards.allowConsoleError(
    (problem) =>
      problem.url.endsWith('/ruling') && /409 \(Conflict\)|net::ERR_INTERNET_DISCONNECTED/.test(problem.text),
  );
  const suffix = unique();
  const { event, appeal } = await eventReadyForRulings(page, suffix);
  const office: SignedIn = await signInByApi(page, 'office');
  await page.goto(`/events/${event.id}/rulings`);
  await expect(page.getByRole('heading', { level: 1, name: /^现场裁定：/ })).toBeVisible();
  const item = rulingItem(page, appeal);
  const measures = item.getByLabel('办理措施', { exact: true });
  await typeDate(item.getByLabel('办理期限', { exact: true }), DUE_FIRST, measures);
  await measures.fill('市自然资源局一个月内完成规划调整论证。');
  await measures.blur();
  await expect(stateOf(item)).toHaveText(/^已保存 \d{2}:\d{2}$/);

  // Another clerk saves the same ruling first.
  const itemId = event.items[0]?.id ?? '';
  const saved = await apiGet<EventView>(page, `/api/events/${event.id}`);
  const version = saved.items[0]?.ruling?.version ?? 0;
  const theirs = '市自然资源局两周内完成规划调整论证并答复企业。';
  const unitId = (await apiGet<{ id: string; name: string }[]>(page, '/api/org/units')).find(
    (unit) => unit.name === NATURAL_RESOURCES,
  )?.id;
  await apiCall(page, office, 'PUT', `/api/events/${event.id}/items/${itemId}/ruling`, {
    leadUnitId: unitId,
    coUnitIds: [],
    dueDate: DUE_FIRST,
    measures: theirs,
    version,
  });

  // My change meets theirs: both are shown, and I keep mine.
  const mine = '市自然资源局一个月内完成规划调整论证，并书面答复企业。';
  await measures.fill(mine);
  await expect(stateOf(item)).toHaveText('冲突');
  const conflict = item.getByRole('alert');
  await expect(conflict).toContainText(theirs);
  await expect(conflict).toContainText(mine);
  await expect(conflict).toContainText(/已保存的版本（王晓敏 \d{2}:\d{2}）/);
  await expectNoSeriousA11yViolations(page);
  await conflict.getByRole('button', { name: '保留我的并覆盖' }).click();
  await expect(stateOf(item)).toHaveText(/^已保存 \d{2}:\d{2}$/);
  const kept = await apiGet<EventView>(page, `/api/events/${event.id}`);
  expect(kept.items[0]?.ruling?.measures).toBe(mine);

  // The server cannot be reached (the browser still thinks it is online): the draft waits, and is
  // restored after a reload.
  await page.route('**/api/events/*/items/*/ruling', (route) => route.abort('internetdisconnected'));
  const later = '市自然资源局三周内完成规划调整论证，并书面答复企业。';
  await measures.fill(later);
  await expect(stateOf(item)).toHaveText('离线，待同步');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^现场裁定：/ })).toBeVisible();
  await expect(item.getByLabel('办理措施', { exact: true })).toHaveValue(later);
  await expect(item.getByText('已恢复本机保存的未同步草稿。')).toBeVisible();
  await expect(stateOf(item)).toHaveText('离线，待同步');
  await page.unroute('**/api/events/*/items/*/ruling');
  await item.getByRole('button', { name: '保存并下一项（Ctrl+Enter）' }).click();
  await expect(stateOf(item)).toHaveText(/^已保存 \d{2}:\d{2}$/);
  const after = await apiGet<EventView>(page, `/api/events/${event.id}`);
  expect(after.items[0]?.ruling?.measures).toBe(later);
});

test.describe('on a phone (375 px)', () => {
  test.use({ viewport: phone, isMobile: true, hasTouch: true });

  test('the events list, an event and the inbox fit the screen', async ({ page }) => {
    const suffix = unique();
    const office = await signInByApi(page, 'office');
    const event = await apiCall<EventView>(page, office, 'POST', '/api/events', {
      kind: 'city',
      title: `第四季度“面对面”政企交流活动手机查看（${suffix}）`,
      date: '2026-12-17',
      venue: '河源市政府第二会议室',
    });
    await page.goto('/events');
    await expect(page.getByRole('heading', { level: 1, name: '面对面活动' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: event.title }).click();
    await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
    await page.goto('/notices');
    await expect(page.getByRole('heading', { level: 1, name: '站内通知' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
  });
});
