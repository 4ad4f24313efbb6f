import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, signInByApi, unique } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { chooseOption } from '../support/select.ts';
import { expect, type Locator, type Page, test } from '../support/test.ts';

/** The unit of the demo account `handler`: the lead unit; and a co-unit. */
const NATURAL_RESOURCES = '河源市自然资源局';
const HOUSING = '河源市住房和城乡建设局';
const desktop = { width: 1280, height: 720 } as const;

interface Appeal {
  id: string;
  number: string;
  title: string;
  version: number;
}

/** The appeal's workflow status, shown next to its number under the title. */
function statusOf(page: Page, label: string) {
  return page.getByRole('main').getByText(label, { exact: true });
}

/** The 评价与回访 section of the appeal page. */
function ratingsSection(page: Page): Locator {
  return page
    .getByRole('main')
    .locator('.section-card')
    .filter({ has: page.getByRole('heading', { level: 2, name: '评价与回访' }) });
}

/** A timeline entry (the side panel's ordered list) of this kind whose details contain `text`. */
function timelineEntry(page: Page, kind: string, text?: string): Locator {
  const entries = page.locator('.appeal-timeline > li').filter({
    has: page.locator('.timeline-kind', { hasText: new RegExp(`^${kind}$`) }),
  });
  return text ? entries.filter({ hasText: text }) : entries;
}

async function openAppeal(page: Page, appeal: Appeal): Promise<void> {
  await page.goto(`/appeals/${appeal.id}`);
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(ratingsSection(page)).toBeVisible();
}

/**
 * An appeal brought to 已办结 through the API, quickly: the enterprise submits it, the office handles it
 * directly and assigns it to 河源市自然资源局 with a co-unit, the handler accepts and replies, the office
 * closes it. The enterprise is then asked to rate both units.
 */
async function closedAppeal(page: Page, title: string): Promise<Appeal> {
  const suffix = unique();
  const enterprise = await signInByApi(page, 'enterprise');
  const submitted = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'land',
    title: `${title}${suffix}`,
    content: '公司新建仓库的用地手续办理较慢，影响项目投产，希望相关部门协调加快办理。',
  });
  const office = await signInByApi(page, 'office');
  const units = await apiGet<{ id: string; name: string }[]>(page, '/api/org/units');
  const unitId = (name: string) => {
    const unit = units.find((candidate) => candidate.name === name);
    if (!unit) throw new Error(`the demo data has no ${name}`);
    return unit.id;
  };
  const direct = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/handle-directly`, {
    tierCode: 'single',
    version: submitted.version,
  });
  const assigned = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/assign`, {
    leadUnitId: unitId(NATURAL_RESOURCES),
    coUnitIds: [unitId(HOUSING)],
    measures: `市自然资源局牵头办理仓库用地手续，市住房城乡建设局配合${suffix}。`,
    version: direct.version,
  });
  const handler = await signInByApi(page, 'handler');
  const accepted = await apiCall<Appeal>(page, handler, 'POST', `/api/appeals/${submitted.id}/accept`, {
    version: assigned.version,
  });
  const reported = await apiCall<Appeal>(page, handler, 'POST', `/api/appeals/${submitted.id}/report`, {
    reply: `经办理，贵公司仓库用地的供地手续已办结，请到市政务服务中心领取批复文件${suffix}。`,
    version: accepted.version,
  });
  const officeAgain = await signInByApi(page, 'office');
  return apiCall<Appeal>(page, officeAgain, 'POST', `/api/appeals/${submitted.id}/close`, {
    version: reported.version,
  });
}

test('the enterprise rates both units on a phone, the lead one dissatisfied; the office reopens it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const comment = '用地批复只解决了一半，配套道路仍未落实。';
  const measures = '请市自然资源局会同市住房城乡建设局落实仓库配套道路用地，并与企业当面沟通办理进度。';
  const appeal = await closedAppeal(page, '仓库用地手续办理较慢');

  // The enterprise, on a phone: a card per unit awaiting its rating.
  await page.setViewportSize(phone);
  await signInByApi(page, 'enterprise');
  await openAppeal(page, appeal);
  const section = ratingsSection(page);
  await expect(statusOf(page, '已办结').first()).toBeVisible();
  await expect(section).toContainText('诉求已办结，请对承办单位的办理情况进行评价。');
  const lead = section.getByRole('listitem', { name: NATURAL_RESOURCES, exact: true });
  const co = section.getByRole('listitem', { name: HOUSING, exact: true });
  await expect(lead).toContainText('主办');
  await expect(lead).toContainText(/请在 \d{4}-\d{2}-\d{2} 前评价/);
  await expect(co).toContainText('协办');
  await expect(lead.getByLabel('不满意原因', { exact: true })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);

  // 不满意, with a reason (the reason select shows only then) and a comment.
  await lead.getByText('不满意', { exact: true }).click();
  await expect(lead.getByRole('radio', { name: '不满意' })).toBeChecked();
  await chooseOption(page, lead.getByLabel('不满意原因', { exact: true }), '问题未解决');
  await lead.getByLabel('意见建议', { exact: true }).fill(comment);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await lead.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText(`已评价${NATURAL_RESOURCES}`)).toBeVisible();
  const leadRated = section.locator('.rating-item').filter({ hasText: NATURAL_RESOURCES });
  await expect(leadRated).toContainText('不满意');
  await expect(leadRated).toContainText('不满意原因：问题未解决');
  await expect(leadRated).toContainText(comment);
  await expect(lead).toHaveCount(0);

  // 满意 for the co-unit.
  await co.getByText('满意', { exact: true }).click();
  await co.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText(`已评价${HOUSING}`)).toBeVisible();
  await expect(section.locator('.rating-item').filter({ hasText: HOUSING })).toContainText('满意');
  await expect(section.locator('.rating-card')).toHaveCount(0);
  await expect(section.getByRole('button')).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);

  // The office, at a desk: the dissatisfied rating with 重办 and 情况说明; reopens it.
  await page.setViewportSize(desktop);
  await signInByApi(page, 'office');
  await openAppeal(page, appeal);
  await expect(section).toContainText('已重办 0 / 2 次');
  const dissatisfied = section.locator('.rating-item').filter({ hasText: NATURAL_RESOURCES });
  await expect(dissatisfied).toContainText('不满意原因：问题未解决');
  await expect(dissatisfied).toContainText('待专班办公室重办或作情况说明');
  await expect(dissatisfied.getByRole('button', { name: '情况说明' })).toBeVisible();
  const satisfied = section.locator('.rating-item').filter({ hasText: HOUSING });
  await expect(satisfied.getByRole('button')).toHaveCount(0);
  await expect(timelineEntry(page, '企业评价', `${NATURAL_RESOURCES}：不满意`)).toHaveCount(1);
  await expect(timelineEntry(page, '企业评价', `${HOUSING}：满意`)).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  await dissatisfied.getByRole('button', { name: '重办' }).click();
  const reopen = page.getByRole('dialog', { name: `重办：${appeal.number}` });
  await expect(reopen).toContainText(
    `诉求将交回${NATURAL_RESOURCES}等原承办单位重新办理，这是第 1 次重办（最多 2 次）。`,
  );
  await reopen.getByLabel('重办要求', { exact: true }).fill(measures);
  await expectNoSeriousA11yViolations(page);
  await reopen.getByRole('button', { name: '重办' }).click();
  await expect(page.getByText('已重办，待承办单位签收')).toBeVisible();
  await expect(reopen).toBeHidden();
  await expect(statusOf(page, '已交办待签收').first()).toBeVisible();
  await expect(section).toContainText('已重办 1 / 2 次');
  await expect(dissatisfied).toContainText('已重办');
  await expect(section.getByRole('button')).toHaveCount(0);
  await expect(timelineEntry(page, '重办', '第 1 次重办')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  // The unit handles it again (its buttons are the handling journey's) and the office closes it again.
  const handler = await signInByApi(page, 'handler');
  const current = await apiGet<Appeal>(page, `/api/appeals/${appeal.id}`);
  const accepted = await apiCall<Appeal>(page, handler, 'POST', `/api/appeals/${appeal.id}/accept`, {
    version: current.version,
  });
  await apiCall<Appeal>(page, handler, 'POST', `/api/appeals/${appeal.id}/report`, {
    reply: '经重办，仓库配套道路用地已纳入本年度供地计划，市住房城乡建设局已同步办理道路施工许可。',
    version: accepted.version,
  });
  await signInByApi(page, 'office');
  await openAppeal(page, appeal);
  await page.getByRole('button', { name: '审核办结' }).click();
  const close = page.getByRole('dialog', { name: `审核办结：${appeal.number}` });
  await close.getByRole('button', { name: '审核通过并办结' }).click();
  await expect(close).toBeHidden();
  await expect(statusOf(page, '已办结').first()).toBeVisible();
  await expect(timelineEntry(page, '办结')).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);

  // The enterprise, on its phone again, is asked to rate the second round.
  await page.setViewportSize(phone);
  await signInByApi(page, 'enterprise');
  await openAppeal(page, appeal);
  await expect(section).toContainText('诉求已办结，请对承办单位的办理情况进行评价。');
  await expect(section.getByRole('listitem', { name: NATURAL_RESOURCES, exact: true })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
});

test('the office records a follow-up visit to the enterprise of a closed appeal', async ({ page }) => {
  test.setTimeout(120_000);
  const outcome = `企业表示供地手续已全部办妥，对办理结果满意，仓库已开工建设${unique()}。`;
  const appeal = await closedAppeal(page, '仓库用地批复领取');

  await page.setViewportSize(desktop);
  await signInByApi(page, 'office');
  await openAppeal(page, appeal);
  const section = ratingsSection(page);
  await expect(statusOf(page, '已办结').first()).toBeVisible();
  // Both units still await the enterprise's rating.
  await expect(section.locator('.rating-item')).toHaveCount(2);
  await expect(section.locator('.rating-item').first()).toContainText('待评价');
  await expectNoSeriousA11yViolations(page);

  await section.getByRole('button', { name: '记录回访' }).click();
  const form = page.getByRole('dialog', { name: `记录回访：${appeal.number}` });
  await expect(form.getByLabel('回访日期', { exact: true })).not.toHaveValue('');
  await chooseOption(page, form.getByLabel('回访方式', { exact: true }), '上门走访');
  await form.getByLabel('回访结果', { exact: true }).fill(outcome);
  await expectNoSeriousA11yViolations(page);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已记录回访')).toBeVisible();
  await expect(form).toBeHidden();
  const visits = section.getByRole('region', { name: '回访记录' });
  const visit = visits.getByRole('listitem').filter({ hasText: outcome });
  await expect(visit).toContainText(/\d{4}-\d{2}-\d{2} · 上门走访/);
  await expect(visit).toContainText('王晓敏');
  await expect(timelineEntry(page, '回访', outcome)).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
});

test('the office explains a dissatisfied rating and a leader approves the explanation', async ({ page }) => {
  test.setTimeout(120_000);
  const explanation = `企业所提配套道路用地不在本次诉求范围内，已另行告知企业办理途径${unique()}。`;
  const appeal = await closedAppeal(page, '仓库配套道路用地');
  const enterprise = await signInByApi(page, 'enterprise');
  const { ratings } = await apiGet<{ ratings: { id: string; unitName: string }[] }>(
    page,
    `/api/appeals/${appeal.id}/ratings`,
  );
  const leadRating = ratings.find((rating) => rating.unitName === NATURAL_RESOURCES);
  if (!leadRating) throw new Error('no rating of the lead unit');
  await apiCall(page, enterprise, 'POST', `/api/appeals/${appeal.id}/ratings/${leadRating.id}`, {
    value: 'dissatisfied',
    reason: 'slow',
  });

  await page.setViewportSize(desktop);
  await signInByApi(page, 'office');
  await openAppeal(page, appeal);
  const section = ratingsSection(page);
  const dissatisfied = section.locator('.rating-item').filter({ hasText: NATURAL_RESOURCES });
  await dissatisfied.getByRole('button', { name: '情况说明' }).click();
  const form = page.getByRole('dialog', { name: `情况说明：${NATURAL_RESOURCES}` });
  await form.getByLabel('情况说明', { exact: true }).fill(explanation);
  await expectNoSeriousA11yViolations(page);
  await form.getByRole('button', { name: '提交审定' }).click();
  await expect(page.getByText('已提交情况说明，待领导审定')).toBeVisible();
  await expect(form).toBeHidden();
  await expect(dissatisfied).toContainText(explanation);
  await expect(dissatisfied).toContainText('情况说明待领导审定');
  await expect(dissatisfied.getByRole('button')).toHaveCount(0);
  await expect(timelineEntry(page, '情况说明')).toHaveCount(1);

  await signInByApi(page, 'leader');
  await openAppeal(page, appeal);
  await expect(dissatisfied).toContainText(explanation);
  await expectNoSeriousA11yViolations(page);
  // The buttons' names start with their icon's (check / close): 同意, not 不同意.
  await dissatisfied.getByRole('button', { name: /(^|\s)同意$/ }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已同意情况说明')).toBeVisible();
  await expect(dissatisfied).toContainText('情况说明已同意，不计入考核');
  await expect(dissatisfied.getByRole('button')).toHaveCount(0);
  await expect(timelineEntry(page, '同意情况说明')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
});
