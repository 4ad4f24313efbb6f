import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, signInByApi, unique } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { chooseOption } from '../support/select.ts';
import { expect, type Locator, type Page, test } from '../support/test.ts';

/** The unit of the demo accounts `handler` and `unitleader`. */
const NATURAL_RESOURCES = '河源市自然资源局';
const HOUSING = '河源市住房和城乡建设局';
const desktop = { width: 1280, height: 720 } as const;
/**
 * The new deadline asked for: inside 2026, the last year the working-day calendar knows, and later than
 * the 10 working days of 单一部门办理 from late November.
 */
const EXTENDED_TO = '2026-12-29';

interface Appeal {
  id: string;
  number: string;
  title: string;
  version: number;
}

function menuOf(page: Page) {
  return page.getByRole('navigation', { name: '导航菜单' });
}

/** The appeal's workflow status, shown next to its number under the title. */
function statusOf(page: Page, label: string) {
  return page.getByRole('main').getByText(label, { exact: true });
}

/** The 办理情况 section of the appeal page. */
function handlingSection(page: Page): Locator {
  return page
    .getByRole('main')
    .locator('.section-card')
    .filter({ has: page.getByRole('heading', { level: 2, name: '办理情况' }) });
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
  await expect(handlingSection(page)).toBeVisible();
}

test('a unit accepts, contacts the enterprise, gets more time, is sent back once and closes; the enterprise reads the reply', async ({
  page,
}) => {
  // The whole journey, through four accounts, on a 2-core machine.
  test.setTimeout(300_000);
  const suffix = unique();
  const measures = `市自然资源局加快办理农转用审批，市住房城乡建设局同步做好施工许可准备${suffix}。`;
  const contact = `电话告知企业用地报批已进入农转用审批环节，企业表示理解并将补充测绘材料${suffix}。`;
  const coInput = `施工许可所需材料已与企业对接，待用地批复后三个工作日内可办理施工许可${suffix}。`;
  const extensionReason = '农转用审批需报省自然资源厅，省级审批时间较长，无法在原期限内办结。';
  const firstReply = `经办理，贵公司厂房扩建用地的农转用审批已报省自然资源厅，待批复后即办理供地手续${suffix}。`;
  const sendBackReason = '答复未说明预计办结时间和企业需配合事项，请补充后重新答复。';
  const finalReply = `经办理，贵公司厂房扩建用地的农转用审批已获省自然资源厅批复，预计12月底前完成供地，请于12月20日前补充测绘材料${suffix}。`;
  const policyBasis = '《中华人民共和国土地管理法》第四十四条';

  // The enterprise submits its appeal.
  const enterprise = await signInByApi(page, 'enterprise');
  const submitted = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'land',
    title: `厂房扩建用地报批进度缓慢${suffix}`,
    content: '公司扩建厂房的用地报批材料已提交两个月，至今未有答复，影响项目开工，希望协调加快办理。',
  });

  // The office handles it directly and assigns it to 河源市自然资源局 with a co-unit (the forms of these
  // two steps are the verification journey's).
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
  const appeal = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/assign`, {
    leadUnitId: unitId(NATURAL_RESOURCES),
    coUnitIds: [unitId(HOUSING)],
    measures,
    version: direct.version,
  });
  const section = handlingSection(page);

  // The office's 交办督办 lists it, awaiting acceptance.
  await page.setViewportSize(desktop);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await menuOf(page).getByRole('link', { name: '交办督办', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '交办督办' })).toBeVisible();
  await chooseOption(page, page.getByLabel('状态', { exact: true }), '待签收');
  const overviewCard = page.getByRole('listitem').filter({ hasText: appeal.title });
  await expect(overviewCard).toContainText('待签收');
  await expect(overviewCard).toContainText(`主办单位：${NATURAL_RESOURCES}`);
  await expect(overviewCard).toContainText(/\d{4}-\d{2}-\d{2} 前签收/);
  await expect(overviewCard.getByRole('button', { name: /签收/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // The handler accepts it in 我的办理.
  await signInByApi(page, 'handler');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await menuOf(page).getByRole('link', { name: '我的办理', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我的办理' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: appeal.title });
  await expect(card).toContainText('待签收');
  await expect(card).toContainText('主办');
  await expect(card).toContainText(/办理期限 \d{4}-\d{2}-\d{2}/);
  await expect(card).toContainText(/\d{4}-\d{2}-\d{2} 前签收/);
  await expectNoSeriousA11yViolations(page);
  await card.getByRole('button', { name: `签收 ${appeal.number}` }).click();
  const accept = page.getByRole('dialog', { name: `签收：${appeal.number}` });
  await expect(accept).toContainText(appeal.title);
  await expectNoSeriousA11yViolations(page);
  await accept.getByRole('button', { name: '签收', exact: true }).click();
  await expect(page.getByText('已签收', { exact: true })).toBeVisible();
  await expect(accept).toBeHidden();
  await page.getByRole('button', { name: /^办理中/ }).click();
  await expect(card).toContainText('办理中');
  await expect(card).toContainText(/剩 \d+ 个工作日/);
  await expect(card.getByRole('button', { name: /签收/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // 我的办理 fits a phone.
  await page.setViewportSize(phone);
  await expect(card).toContainText('办理中');
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize(desktop);

  // The appeal's page: the clock, and the buttons of the lead unit in progress.
  await card.getByRole('link', { name: appeal.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(statusOf(page, '办理中').first()).toBeVisible();
  await expect(section).toContainText(`主办单位${NATURAL_RESOURCES}`);
  await expect(section).toContainText(`协办单位${HOUSING}`);
  // The co-unit's own sub-deadline for its input.
  await expect(section).toContainText(new RegExp(`协办单位${HOUSING}意见 \\d{4}-\\d{2}-\\d{2} 前提交`));
  await expect(section).toContainText(/剩 \d+ 个工作日/);
  await expect(section.getByRole('button', { name: '签收' })).toHaveCount(0);
  await expect(section.getByRole('button', { name: '审核办结' })).toHaveCount(0);
  await expect(timelineEntry(page, '签收')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  // 联系企业: a visit, today, with the enterprise's manager.
  await section.getByRole('button', { name: '联系企业' }).click();
  const contactForm = page.getByRole('dialog', { name: `联系企业：${appeal.number}` });
  await expect(contactForm.getByLabel('联系日期', { exact: true })).not.toHaveValue('');
  await chooseOption(page, contactForm.getByLabel('联系方式', { exact: true }), '上门走访');
  await contactForm.getByLabel('企业联系人', { exact: true }).fill('李春明');
  await contactForm.getByLabel('沟通情况', { exact: true }).fill(contact);
  await expectNoSeriousA11yViolations(page);
  await contactForm.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已记录联系企业情况')).toBeVisible();
  await expect(contactForm).toBeHidden();
  const note = section.getByRole('listitem').filter({ hasText: contact });
  await expect(note).toContainText('联系企业');
  await expect(note).toContainText(/\d{4}-\d{2}-\d{2} · 上门走访 · 联系人：李春明/);
  await expect(note).toContainText('黄志强');
  await expect(timelineEntry(page, '联系企业', contact)).toHaveCount(1);

  // 申请延期 to a working day after the deadline.
  await section.getByRole('button', { name: '申请延期' }).click();
  const extension = page.getByRole('dialog', { name: `申请延期：${appeal.number}` });
  await expect(extension.getByText(/^当前办理期限 \d{4}-\d{2}-\d{2}；/)).toBeVisible();
  const reasonField = extension.getByLabel('延期理由', { exact: true });
  const dateField = extension.getByLabel('延期至', { exact: true });
  await reasonField.fill(extensionReason);
  await dateField.click();
  await dateField.fill(EXTENDED_TO);
  // Tab (Enter would submit the form): the popup closes, the typed day stays.
  await dateField.press('Tab');
  await expect(dateField).toHaveValue(EXTENDED_TO);
  await expect(page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await extension.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText(`已申请延期至 ${EXTENDED_TO}，待专班办公室审批`)).toBeVisible();
  await expect(extension).toBeHidden();
  const request = section.getByRole('listitem').filter({ hasText: extensionReason });
  await expect(request).toContainText(`申请延期至 ${EXTENDED_TO}`);
  await expect(request).toContainText('待审批');
  // One request at a time.
  await expect(section.getByRole('button', { name: '申请延期' })).toHaveCount(0);
  await expect(timelineEntry(page, '申请延期', `申请延期至 ${EXTENDED_TO}`)).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  // The co-unit's clerk (市住房城乡建设局) gives its input on the same page; the lead unit sees it.
  await signInByApi(page, 'cohandler');
  await page.goto('/assignments');
  await expect(page.getByRole('heading', { level: 1, name: '我的办理' })).toBeVisible();
  const coCard = page.getByRole('listitem').filter({ hasText: appeal.title });
  await expect(coCard).toContainText('协办');
  await expect(coCard).toContainText(/协办意见 \d{4}-\d{2}-\d{2} 前提交/);
  await expectNoSeriousA11yViolations(page);
  await openAppeal(page, appeal);
  await expect(statusOf(page, '办理中').first()).toBeVisible();
  await expect(section.getByRole('button', { name: '答复并报办结' })).toHaveCount(0);
  await expect(section.getByRole('button', { name: '申请延期' })).toHaveCount(0);
  await section.getByRole('button', { name: '协办意见' }).click();
  const coForm = page.getByRole('dialog', { name: `协办意见：${appeal.number}` });
  await coForm.getByLabel('协办意见', { exact: true }).fill(coInput);
  await expectNoSeriousA11yViolations(page);
  await coForm.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已提交协办意见')).toBeVisible();
  await expect(coForm).toBeHidden();
  await expect(timelineEntry(page, '协办意见', coInput)).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await signInByApi(page, 'handler');
  await openAppeal(page, appeal);
  await expect(timelineEntry(page, '协办意见', coInput)).toHaveCount(1);
  await expect(section.getByRole('listitem').filter({ hasText: coInput })).toContainText('陈伟东');
  await expect(section).toContainText(`协办单位${HOUSING}已提交意见`);

  // The office approves it: the deadline moves.
  await signInByApi(page, 'office');
  await openAppeal(page, appeal);
  await expect(section.getByRole('button', { name: '答复并报办结' })).toHaveCount(0);
  await section.getByRole('button', { name: '审批延期' }).click();
  const decide = page.getByRole('dialog', { name: `审批延期：${appeal.number}` });
  await expect(decide).toContainText(EXTENDED_TO);
  await expect(decide).toContainText(extensionReason);
  await expect(decide.getByRole('radio', { name: '批准', exact: true })).toBeChecked();
  await decide.getByLabel('审批意见', { exact: true }).fill('同意延期，请抓紧办理。');
  await expectNoSeriousA11yViolations(page);
  await decide.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText(`已批准延期，办理期限改为 ${EXTENDED_TO}`)).toBeVisible();
  await expect(decide).toBeHidden();
  await expect(section).toContainText(`办理期限${EXTENDED_TO}`);
  await expect(section).toContainText(/已批准延期，原办理期限 \d{4}-\d{2}-\d{2}/);
  await expect(request).toContainText('已批准');
  await expect(request).toContainText('同意延期，请抓紧办理。');
  await expect(section.getByRole('button', { name: '审批延期' })).toHaveCount(0);
  await expect(timelineEntry(page, '批准延期', `办理期限改为 ${EXTENDED_TO}`)).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  // The handler replies and reports completion.
  await signInByApi(page, 'handler');
  await openAppeal(page, appeal);
  await section.getByRole('button', { name: '答复并报办结' }).click();
  const report = page.getByRole('dialog', { name: `答复并报办结：${appeal.number}` });
  // The co-unit's input is in view, to be covered by the one reply.
  await expect(report.getByRole('region', { name: '协办单位意见（请在答复中汇总）' })).toContainText(coInput);
  await report.getByLabel('答复内容', { exact: true }).fill(firstReply);
  await expectNoSeriousA11yViolations(page);
  await report.getByRole('button', { name: '报办结' }).click();
  await expect(page.getByText('已答复企业并报办结，待专班办公室审核')).toBeVisible();
  await expect(report).toBeHidden();
  await expect(statusOf(page, '已报办结待审核')).toBeVisible();
  const first = section.getByRole('listitem').filter({ hasText: firstReply });
  await expect(first).toContainText('待审核');
  await expect(section.getByRole('button')).toHaveCount(0);

  // The office sends it back once.
  await signInByApi(page, 'office');
  await openAppeal(page, appeal);
  await expect(first).toContainText('待审核');
  await section.getByRole('button', { name: '退回重办' }).click();
  const sendBack = page.getByRole('dialog', { name: `退回重办：${appeal.number}` });
  await sendBack.getByLabel('退回理由', { exact: true }).fill(sendBackReason);
  await expectNoSeriousA11yViolations(page);
  await sendBack.getByRole('button', { name: '退回重办' }).click();
  await expect(page.getByText('已退回重办', { exact: true }).first()).toBeVisible();
  await expect(sendBack).toBeHidden();
  await expect(statusOf(page, '办理中').first()).toBeVisible();
  await expect(first).toContainText('已退回重办');
  await expect(first).toContainText(sendBackReason);
  await expect(timelineEntry(page, '退回重办', sendBackReason)).toHaveCount(1);

  // The handler reports again, starting from the reply sent back.
  await signInByApi(page, 'handler');
  await openAppeal(page, appeal);
  await section.getByRole('button', { name: '答复并报办结' }).click();
  await expect(report.getByText(sendBackReason)).toBeVisible();
  await expect(report.getByLabel('答复内容', { exact: true })).toHaveValue(firstReply);
  await report.getByLabel('答复内容', { exact: true }).fill(finalReply);
  await report.getByLabel('政策依据', { exact: true }).fill(policyBasis);
  await expectNoSeriousA11yViolations(page);
  await report.getByRole('button', { name: '报办结' }).click();
  await expect(page.getByText('已答复企业并报办结，待专班办公室审核')).toBeVisible();
  await expect(report).toBeHidden();
  await expect(statusOf(page, '已报办结待审核')).toBeVisible();

  // The office closes it.
  await signInByApi(page, 'office');
  await openAppeal(page, appeal);
  await section.getByRole('button', { name: '审核办结' }).click();
  const close = page.getByRole('dialog', { name: `审核办结：${appeal.number}` });
  await expect(close).toContainText(finalReply);
  await expect(close).toContainText(policyBasis);
  await expectNoSeriousA11yViolations(page);
  await close.getByRole('button', { name: '审核通过并办结' }).click();
  await expect(page.getByText('已办结', { exact: true }).first()).toBeVisible();
  await expect(close).toBeHidden();
  await expect(statusOf(page, '已办结').first()).toBeVisible();
  await expect(section.getByRole('listitem').filter({ hasText: finalReply })).toContainText('审核通过');
  await expect(section.getByRole('button')).toHaveCount(0);
  for (const kind of ['签收', '联系企业', '协办意见', '申请延期', '批准延期', '退回重办', '办结']) {
    await expect(timelineEntry(page, kind)).toHaveCount(1);
  }
  await expect(timelineEntry(page, '答复并报办结')).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);

  // The enterprise, on a phone, reads that it is closed, the reply, and the extended deadline.
  await page.setViewportSize(phone);
  await signInByApi(page, 'enterprise');
  await page.goto('/appeals/mine');
  await expect(page.getByRole('heading', { level: 1, name: '我的诉求' })).toBeVisible();
  const mine = page.getByRole('listitem').filter({ hasText: appeal.number });
  await expect(mine).toContainText('已办结');
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await mine.getByRole('link', { name: appeal.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(statusOf(page, '已办结').first()).toBeVisible();
  const closure = page.getByRole('alert').filter({ hasText: `已办结：${NATURAL_RESOURCES}的答复` });
  await expect(closure).toContainText(finalReply);
  await expect(closure).toContainText(policyBasis);
  await expect(closure).not.toContainText(firstReply);
  await expect(section).toContainText(`办理期限${EXTENDED_TO}`);
  await expect(section).toContainText(/已批准延期，原办理期限 \d{4}-\d{2}-\d{2}/);
  // Nothing of the units' working notes, and nothing to do.
  await expect(section).not.toContainText(contact);
  await expect(section).not.toContainText(sendBackReason);
  await expect(section.getByRole('button')).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
});
