import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, type SignedIn, signInByApi, unique } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { chooseOption } from '../support/select.ts';
import { expect, type Page, test } from '../support/test.ts';

/** The demo data's one enterprise, which the `enterprise` account belongs to. */
const DEMO_ENTERPRISE = '河源市示范电子科技有限公司';
/** The unit of the demo accounts `handler` and `unitleader`. */
const NATURAL_RESOURCES = '河源市自然资源局';
const HOUSING = '河源市住房和城乡建设局';
const desktop = { width: 1280, height: 720 } as const;

interface Appeal {
  id: string;
  number: string;
  title: string;
  version: number;
}

/** A land-use appeal of the demo enterprise, recorded by the office through the API (it reaches the pool). */
async function recordAppeal(page: Page, office: SignedIn, title: string): Promise<Appeal> {
  const found = await apiGet<{ items: { id: string; name: string }[] }>(
    page,
    `/api/enterprises?q=${encodeURIComponent('示范电子')}`,
  );
  const enterprise = found.items.find((item) => item.name === DEMO_ENTERPRISE);
  if (!enterprise) throw new Error(`the demo data has no ${DEMO_ENTERPRISE}`);
  return apiCall<Appeal>(page, office, 'POST', '/api/appeals', {
    enterpriseId: enterprise.id,
    channel: 'visit',
    category: 'land',
    title,
    content: '公司扩建厂房的用地报批材料已提交两个月，至今未有答复，影响项目开工，希望协调加快办理。',
  });
}

function menuOf(page: Page) {
  return page.getByRole('navigation', { name: '导航菜单' });
}

/** The appeal's workflow status, shown next to its number under the title. */
function statusOf(page: Page, label: string) {
  return page.getByRole('main').getByText(label, { exact: true });
}

test('the office verifies an appeal with the unit concerned, assesses it, handles it directly and assigns it', async ({
  page,
}) => {
  const office = await signInByApi(page, 'office');
  const suffix = unique();
  const appeal = await recordAppeal(page, office, `厂房扩建用地报批进度缓慢${suffix}`);
  const question = `请核实该企业用地报批材料的办理进度及存在的问题${suffix}。`;
  const answer = `经核实，该项目用地报批材料已受理，正在办理农转用审批，预计十个工作日内办结${suffix}。`;
  const assessment = '诉求属实，涉及市自然资源局一个单位，政策明确，按单一部门办理。';
  const conclusion = '由市自然资源局牵头加快用地报批，市住房城乡建设局配合。';
  const measures = '市自然资源局加快办理农转用审批，市住房城乡建设局同步做好施工许可准备。';

  // The pool lists it; its page opens from there.
  await page.goto('/appeals');
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: appeal.number });
  await expect(row).toContainText('已汇总待核实');
  await expectNoSeriousA11yViolations(page);
  await row.getByRole('link', { name: appeal.number, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  const section = page
    .getByRole('main')
    .locator('.section-card')
    .filter({
      has: page.getByRole('heading', { level: 2, name: '核实与交办' }),
    });
  await expect(section).toContainText('尚未确定');
  await expect(section).toContainText('系统建议');
  // Only what the workflow allows now: no assignment before the decision.
  await expect(section.getByRole('button', { name: '交办' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // 征求核实意见 from 河源市自然资源局, due in 3 working days.
  await section.getByRole('button', { name: '征求核实意见' }).click();
  const ask = page.getByRole('dialog', { name: `征求核实意见：${appeal.number}` });
  await expect(ask).toBeVisible();
  await chooseOption(page, ask.getByLabel('核实单位', { exact: true }), NATURAL_RESOURCES, '自然资源');
  await ask.getByLabel('核实事项', { exact: true }).fill(question);
  await expect(ask.getByLabel('答复时限（工作日）')).toHaveValue('3');
  await expect(ask.getByText(/^答复期限：\d{4}-\d{2}-\d{2}（自今天起 3 个工作日，不含今天）$/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await ask.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已向 1 个单位征求核实意见')).toBeVisible();
  await expect(ask).toBeHidden();
  await expect(statusOf(page, '核实中')).toBeVisible();
  const request = section.getByRole('listitem').filter({ hasText: question });
  await expect(request).toContainText(NATURAL_RESOURCES);
  await expect(request).toContainText('待答复');
  await expect(request).toContainText(/\d{4}-\d{2}-\d{2} 前答复/);
  const asked = page.getByRole('listitem').filter({ hasText: `核实单位：${NATURAL_RESOURCES}` });
  await expect(asked).toContainText('征求核实意见');
  await expect(asked).toContainText('王晓敏');
  await expectNoSeriousA11yViolations(page);

  // The handler of that unit, on a phone: 核实请求 is in the menu; the request is answered there.
  await page.setViewportSize(phone);
  await signInByApi(page, 'handler');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: '打开导航菜单' }).click();
  const drawer = page.getByRole('dialog', { name: '导航菜单' });
  await drawer.getByRole('link', { name: '核实请求', exact: true }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: '核实请求' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: question });
  await expect(card).toHaveCount(1);
  await expect(card.getByRole('link', { name: appeal.title })).toBeVisible();
  await expect(card).toContainText('待答复');
  await expect(card).toContainText(/剩 \d+ 个工作日/);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await card.getByLabel('答复意见', { exact: true }).fill(answer);
  await card.getByRole('button', { name: '提交答复' }).click();
  await expect(page.getByText('答复已提交')).toBeVisible();
  await expect(card).toContainText('已答复');
  await expect(card).toContainText(answer);
  await expect(card).toContainText('黄志强');
  await expect(card.getByRole('button', { name: '提交答复' })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);

  // The handler reads the appeal it was asked about, without any of the office's buttons.
  await card.getByRole('link', { name: appeal.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(section.getByRole('listitem').filter({ hasText: question })).toContainText(answer);
  await expect(section.getByRole('button')).toHaveCount(0);
  await expect(section).not.toContainText('初步研判');
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);

  // The office sees the answer.
  await page.setViewportSize(desktop);
  await signInByApi(page, 'office');
  await page.goto(`/appeals/${appeal.id}`);
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(request).toContainText('已答复');
  await expect(request).toContainText(answer);
  await expect(
    page.getByRole('listitem').filter({ hasText: `${NATURAL_RESOURCES}：${answer}` }),
  ).toContainText('答复核实请求');
  await expectNoSeriousA11yViolations(page);

  // 初步研判 with the proposed tier.
  await section.getByRole('button', { name: '初步研判' }).click();
  const assess = page.getByRole('dialog', { name: `初步研判：${appeal.number}` });
  await expect(assess).toBeVisible();
  await expect(assess.getByText(/^系统建议：单一部门办理。/)).toBeVisible();
  await expect(assess.getByTitle('单一部门办理（10 个工作日）')).toBeVisible();
  await assess.getByLabel('研判意见', { exact: true }).fill(assessment);
  await expectNoSeriousA11yViolations(page);
  await assess.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存研判意见和办理层级')).toBeVisible();
  await expect(assess).toBeHidden();
  await expect(section).toContainText(assessment);
  await expect(section).toContainText('单一部门办理');
  await expect(section).toContainText('办理时限 10 个工作日');

  // 记录会商: two units, what one of them said, and the conclusion.
  await section.getByRole('button', { name: '记录会商' }).click();
  const consult = page.getByRole('dialog', { name: `记录会商：${appeal.number}` });
  await expect(consult).toBeVisible();
  await chooseOption(page, consult.getByLabel('参加单位', { exact: true }), NATURAL_RESOURCES, '自然资源');
  await chooseOption(page, consult.getByLabel('参加单位', { exact: true }), HOUSING, '住房');
  await consult.getByLabel(`${HOUSING}的意见`, { exact: true }).fill('施工许可可提前介入指导。');
  await consult.getByLabel('会商结论', { exact: true }).fill(conclusion);
  await expectNoSeriousA11yViolations(page);
  await consult.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已记录会商')).toBeVisible();
  await expect(consult).toBeHidden();
  const consultation = section.getByRole('listitem').filter({ hasText: conclusion });
  await expect(consultation).toContainText(NATURAL_RESOURCES);
  await expect(consultation).toContainText(`${HOUSING}施工许可可提前介入指导。`);
  const consulted = page
    .getByRole('listitem')
    .filter({ hasText: `会商，参加单位：${NATURAL_RESOURCES}、${HOUSING}` });
  await expect(consulted).toContainText(`结论：${conclusion}`);

  // 直接办理: the decision, with the tier already set.
  await section.getByRole('button', { name: '直接办理' }).click();
  const direct = page.getByRole('dialog', { name: `直接办理：${appeal.number}` });
  await expect(direct.getByTitle('单一部门办理（10 个工作日）')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await direct.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已确定直接办理，请交办承办单位')).toBeVisible();
  await expect(direct).toBeHidden();
  await expect(statusOf(page, '待交办')).toBeVisible();
  await expect(section.getByRole('button', { name: '征求核实意见' })).toHaveCount(0);

  // 交办 to the unit that verified it, with a co-unit; the deadline follows the tier.
  await section.getByRole('button', { name: '交办' }).click();
  const assign = page.getByRole('dialog', { name: `交办：${appeal.number}` });
  await expect(assign).toBeVisible();
  await expect(assign.getByTitle(NATURAL_RESOURCES, { exact: true })).toBeVisible();
  await chooseOption(page, assign.getByLabel('协办单位', { exact: true }), HOUSING, '住房');
  await assign.getByLabel('办理措施', { exact: true }).fill(measures);
  await expect(
    assign.getByText(/^不填则按层级“单一部门办理” 10 个工作日，即 \d{4}-\d{2}-\d{2}$/),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await assign.getByRole('button', { name: '交办', exact: true }).click();
  await expect(page.getByText('已交办', { exact: true }).last()).toBeVisible();
  await expect(assign).toBeHidden();
  await expect(statusOf(page, '已交办待签收')).toBeVisible();
  const assignment = section.getByRole('listitem').filter({ hasText: measures });
  await expect(assignment).toContainText(`主办单位${NATURAL_RESOURCES}`);
  await expect(assignment).toContainText(`协办单位${HOUSING}`);
  await expect(assignment).toContainText(/办理期限\d{4}-\d{2}-\d{2}/);
  await expect(section.getByRole('button')).toHaveCount(0);
  const assigned = page.getByRole('listitem').filter({ hasText: `主办：${NATURAL_RESOURCES}` });
  await expect(assigned).toContainText(`协办：${HOUSING}`);
  await expect(page.getByRole('listitem').filter({ hasText: '办理层级：单一部门办理' })).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);

  // The pool shows the new status and the tier.
  await page.goto(`/appeals?q=${encodeURIComponent(suffix)}`);
  const pooled = page.getByRole('row').filter({ hasText: appeal.number });
  await expect(pooled).toContainText('已交办');
  await expect(pooled).toContainText('单一部门办理');
  await expectNoSeriousA11yViolations(page);
});

test('a decision on a stale appeal shows the conflict; the enterprise then reads why it was not accepted', async ({
  page,
  guards,
}) => {
  const office = await signInByApi(page, 'office');
  const appeal = await recordAppeal(page, office, `希望减免厂房租金${unique()}`);
  // The stale decision is answered 409 on purpose; the browser logs it.
  guards.allowConsoleError(
    (problem) => problem.url.endsWith(`/api/appeals/${appeal.id}/reject`) && problem.text.includes('409'),
  );
  const reason =
    '厂房租金属企业与业主之间的民事约定，不属于行政机关职责范围，建议双方协商或通过司法途径解决。';

  await page.goto(`/appeals/${appeal.id}`);
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await page.getByRole('button', { name: '不予受理' }).click();
  const reject = page.getByRole('dialog', { name: `不予受理：${appeal.number}` });
  await expect(reject.getByText(/^企业将看到此理由/)).toBeVisible();
  await reject.getByLabel('不予受理理由', { exact: true }).fill(reason);
  await expectNoSeriousA11yViolations(page);

  // Meanwhile a colleague assesses it: the version in the form is stale.
  await apiCall(page, office, 'POST', `/api/appeals/${appeal.id}/assess`, {
    assessment: '需进一步了解租赁合同情况。',
    tierCode: 'single',
    version: appeal.version,
  });
  await reject.getByRole('button', { name: '不予受理' }).click();
  await expect(reject.getByText('数据已被他人修改')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('需进一步了解租赁合同情况。');
  await expectNoSeriousA11yViolations(page);
  await reject.getByRole('button', { name: '载入最新数据' }).click();
  await expect(reject.getByText('数据已被他人修改')).toBeHidden();
  await expect(reject.getByLabel('不予受理理由', { exact: true })).toHaveValue(reason);
  await reject.getByRole('button', { name: '不予受理' }).click();
  await expect(page.getByText('已作不予受理处理')).toBeVisible();
  await expect(reject).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: '该诉求不予受理' })).toContainText(reason);
  await expect(page.getByRole('listitem').filter({ hasText: `理由：${reason}` })).toContainText('不予受理');
  await expectNoSeriousA11yViolations(page);

  // The enterprise, on a phone, reads the decision first.
  await page.setViewportSize(phone);
  await signInByApi(page, 'enterprise');
  await page.goto('/appeals/mine');
  await expect(page.getByRole('heading', { level: 1, name: '我的诉求' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: appeal.number });
  await expect(card).toContainText('不予受理');
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await card.getByRole('link', { name: appeal.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: '该诉求不予受理' });
  await expect(notice).toContainText(reason);
  await expect(page.getByRole('button', { name: '不予受理' })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
});

test('the administrator edits and disables a handling tier', async ({ page }) => {
  const admin = await signInByApi(page, 'admin');
  const suffix = unique();
  const code = `t${suffix}`;
  const name = `专项协调${suffix}`;
  const renamed = `重点专项协调${suffix}`;
  await apiCall(page, admin, 'POST', '/api/handling-tiers', {
    code,
    nameZh: name,
    nameEn: `Special coordination ${suffix}`,
    route: 'multiUnit',
    deadlineWorkingDays: 15,
    categories: [],
    sortOrder: 900,
  });

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await menuOf(page).getByRole('link', { name: '分级办理标准', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '分级办理标准' })).toBeVisible();
  for (const [tier, days] of [
    ['即时答复', 2],
    ['单一部门办理', 10],
    ['多部门会商办理', 20],
  ] as const) {
    await expect(page.getByRole('row').filter({ hasText: tier }).first()).toContainText(`${days} 个工作日`);
  }
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('多部门会商办理');
  await expect(row).toContainText('15 个工作日');
  await expectNoSeriousA11yViolations(page);

  await row.getByRole('button', { name: `编辑 ${name}` }).click();
  const drawer = page.getByRole('dialog', { name: `编辑层级：${name}` });
  await expect(drawer.getByLabel('层级代码', { exact: true })).toBeDisabled();
  await drawer.getByLabel('中文名称', { exact: true }).fill(renamed);
  await chooseOption(page, drawer.getByLabel('办理路径', { exact: true }), '单一部门办理');
  await drawer.getByLabel('办理时限（工作日）', { exact: true }).fill('8');
  await chooseOption(page, drawer.getByLabel('适用类别', { exact: true }), '用地', '用地');
  await expectNoSeriousA11yViolations(page);
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(drawer).toBeHidden();
  const edited = page.getByRole('row').filter({ hasText: renamed });
  await expect(edited).toContainText('单一部门办理');
  await expect(edited).toContainText('8 个工作日');
  await expect(edited).toContainText('用地');

  await edited.getByRole('button', { name: `停用 ${renamed}` }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('层级已停用')).toBeVisible();
  await expect(edited).toContainText('已停用');
  await expect(edited.getByRole('button', { name: `启用 ${renamed}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The page fits a phone.
  await page.setViewportSize(phone);
  await expect(page.getByRole('heading', { level: 1, name: '分级办理标准' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
});
