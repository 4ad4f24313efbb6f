import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, type SignedIn, signInByApi, submitSignInForm, unique } from '../support/auth.ts';
import { chooseOption } from '../support/select.ts';
import { expect, type Page, test } from '../support/test.ts';

interface Region {
  id: string;
  name: string;
}

interface Unit {
  id: string;
  name: string;
}

/** A fresh unit of the city, made through the API (for tests about something else). */
async function createUnit(page: Page, session: SignedIn, name: string): Promise<Unit> {
  const regions = await apiGet<Region[]>(page, '/api/org/regions');
  const city = regions.find((region) => region.name === '河源市');
  if (!city) throw new Error('the demo data has no 河源市');
  return apiCall<Unit>(page, session, 'POST', '/api/org/units', {
    name,
    shortName: null,
    type: 'department',
    regionId: city.id,
    parentId: null,
    isCollector: false,
    sortOrder: 1000,
  });
}

test.describe('administration', () => {
  test('creates a unit', async ({ page }) => {
    await signInByApi(page, 'admin');
    const name = `河源市测试局${unique()}`;

    await page.goto('/admin/units');
    await expect(page.getByRole('heading', { level: 1, name: '单位管理' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: '新增单位' }).click();
    const drawer = page.getByRole('dialog', { name: '新增单位' });
    await expect(drawer).toBeVisible();
    await drawer.getByLabel('单位名称', { exact: true }).fill(name);
    await drawer.getByLabel('简称', { exact: true }).fill('测试局');
    await chooseOption(page, drawer.getByLabel('单位类型', { exact: true }), '职能部门');
    await chooseOption(page, drawer.getByLabel('所属区域', { exact: true }), '河源市', '河源');
    await drawer.getByRole('checkbox', { name: /收集单位/ }).check();
    await expectNoSeriousA11yViolations(page);
    await drawer.getByRole('button', { name: '保存' }).click();

    await expect(page.getByText('已新增', { exact: true })).toBeVisible();
    await expect(drawer).toBeHidden();
    await page.getByLabel('搜索单位名称').fill(name);
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('测试局');
    await expect(row).toContainText('职能部门');
    await expect(row).toContainText('河源市');
    await expect(row.getByRole('button', { name: `编辑 ${name}` })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('creates a person, resets the password, and the person must change it', async ({ page }) => {
    const admin = await signInByApi(page, 'admin');
    const suffix = unique();
    const unit = await createUnit(page, admin, `河源市人员测试局${suffix}`);
    const username = `tester.${suffix}`;
    const name = `测试员${suffix}`;

    await page.goto('/admin/people');
    await expect(page.getByRole('heading', { level: 1, name: '人员管理' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: '新增人员' }).click();
    const drawer = page.getByRole('dialog', { name: '新增人员' });
    await drawer.getByLabel('用户名', { exact: true }).fill(username);
    await drawer.getByLabel('姓名', { exact: true }).fill(name);
    await drawer.getByLabel('职务', { exact: true }).fill('科员');
    await chooseOption(page, drawer.getByLabel('单位', { exact: true }), unit.name, suffix);
    await chooseOption(page, drawer.getByLabel('角色', { exact: true }), '承办人员');
    await drawer.getByLabel('初始密码', { exact: true }).fill('Initial1234');
    await expectNoSeriousA11yViolations(page);
    await drawer.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('人员已新增，首次登录时须修改初始密码')).toBeVisible();
    await expect(drawer).toBeHidden();

    await page.getByLabel('搜索姓名或用户名').fill(username);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: username });
    await expect(row).toContainText(name);
    await expect(row).toContainText('承办人员');
    await expect(row).toContainText('从未登录');
    await expectNoSeriousA11yViolations(page);

    await row.getByRole('button', { name: `重置密码 ${name}` }).click();
    const reset = page.getByRole('dialog', { name: `重置密码：${name}` });
    await reset.getByLabel('新的初始密码').fill('Reset5678x');
    await expectNoSeriousA11yViolations(page);
    await reset.getByRole('button', { name: '重置密码' }).click();
    await expect(page.getByText('密码已重置，该人员下次登录时须修改密码')).toBeVisible();
    await expect(reset).toBeHidden();

    // The person signs in with the reset password and must choose a new one first.
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL('/login');
    await expectNoSeriousA11yViolations(page);
    await submitSignInForm(page, username, 'Reset5678x');
    await expect(page).toHaveURL('/change-password');
    await expect(page.getByRole('heading', { level: 1, name: '请修改初始密码' })).toBeVisible();
    await expect(page.getByText(`${name}（${username}）`)).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('当前密码').fill('Reset5678x');
    await page.getByLabel('新密码', { exact: true }).fill('Changed9012y');
    await page.getByLabel('确认新密码').fill('Changed9012y');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expect(page.getByText(name).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The new password is the one that works now.
    const again = await page.request.post('/api/auth/login', {
      data: { username, password: 'Changed9012y' },
    });
    expect(again.status()).toBe(200);
    expect(((await again.json()) as SignedIn).mustChangePassword).toBe(false);
  });

  test('the calendar shows 2025, counts working days and takes a new year', async ({ page }) => {
    await signInByApi(page, 'admin');
    // 2027 on a fresh database; the next year not on record when the test runs again on the same one.
    const known = await apiGet<{ year: number }[]>(page, '/api/calendar/years');
    let year = 2027;
    while (known.some((entry) => entry.year === year)) year += 1;

    await page.goto('/admin/calendar');
    await expect(page.getByRole('heading', { level: 1, name: '工作日历' })).toBeVisible();

    await page.getByRole('button', { name: '查看 2025 年' }).click();
    await expect(page.getByRole('heading', { name: '2025 年节假日安排' })).toBeVisible();
    const nationalDay = page.getByRole('row').filter({ hasText: '2025-10-01' });
    await expect(nationalDay).toContainText('国庆节');
    await expect(nationalDay).toContainText('法定节假日');
    await expect(page.getByRole('row').filter({ hasText: '2025-10-08' })).toContainText('国庆节');
    const makeUp = page.getByRole('row').filter({ hasText: '2025-09-28' });
    await expect(makeUp).toContainText('调休上班日');
    await expect(makeUp).toContainText('星期日');
    await expectNoSeriousA11yViolations(page);

    // The month view marks the same days.
    await page.getByRole('tab', { name: '月历' }).click();
    const october = page.getByRole('table', { name: '2025年10月' });
    await expect(october.getByRole('cell', { name: /^1\s*休\s*国庆节/ })).toBeVisible();
    await expect(october.getByRole('cell', { name: /^11\s*班/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // 4 working days before 2025-10-09: 9-30, 9-29, 9-28 (a make-up Sunday), then 9-26.
    const startDate = page.getByLabel('起始日期');
    await startDate.click();
    await startDate.fill('2025-10-09');
    await startDate.press('Enter');
    await page.getByLabel('工作日数').fill('4');
    await page.getByRole('radio', { name: '之前' }).check();
    await page.getByRole('button', { name: '推算日期' }).click();
    await expect(page.getByRole('status').filter({ hasText: '结果' })).toContainText(
      '结果：2025-09-26（星期五）',
    );
    await expectNoSeriousA11yViolations(page);

    // A new year with one holiday.
    await page.getByRole('button', { name: '新增年份' }).click();
    const chooser = page.getByRole('dialog', { name: '新增年份' });
    await chooser.getByLabel('年份').fill(String(year));
    await expectNoSeriousA11yViolations(page);
    await chooser.getByRole('button', { name: '下一步' }).click();
    const editor = page.getByRole('dialog', { name: `新增 ${year} 年节假日安排` });
    await expect(editor).toBeVisible();
    await editor.getByRole('button', { name: '添加一行' }).click();
    await editor.getByLabel('第 1 行日期').fill(`${year}-01-01`);
    await editor.getByLabel('第 1 行节日名称').fill('元旦');
    await expectNoSeriousA11yViolations(page);
    await editor.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText(`${year} 年节假日安排已保存`)).toBeVisible();
    await expect(editor).toBeHidden();
    await expect(page.getByRole('button', { name: `查看 ${year} 年` })).toBeVisible();
    await expect(page.getByRole('heading', { name: `${year} 年节假日安排` })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: `${year}-01-01` })).toContainText('元旦');
    await expectNoSeriousA11yViolations(page);
  });

  test('the audit log shows a unit creation and its hash chain is intact', async ({ page }) => {
    const admin = await signInByApi(page, 'admin');
    const unit = await createUnit(page, admin, `河源市审计测试局${unique()}`);

    await page.goto('/admin/audit');
    await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('操作', { exact: true }).fill('org.unit.create');
    await page.getByLabel('对象编号').fill(unit.id);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'org.unit.create' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('系统管理员');
    await expect(row).toContainText(unit.id);
    await row.getByRole('button', { name: /展开/ }).click();
    await expect(page.getByRole('figure', { name: '变更后' })).toContainText(unit.name);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: '校验哈希链' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '哈希链完整' })).toContainText(
      /已校验 \d+ 条记录，未发现篡改或删除/,
    );
    await expectNoSeriousA11yViolations(page);
  });

  test('the task force page lists the standing members of the plan', async ({ page }) => {
    await signInByApi(page, 'admin');
    await page.goto('/admin/task-force');
    await expect(page.getByRole('heading', { level: 1, name: '工作专班' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '刘东豪', exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: '叶金镜', exact: true })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '刘东豪' })).toContainText('市委常委、常务副市长');
    await expect(page.getByRole('button', { name: '编辑 叶金镜' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(/常设成员单位\s*7\s*\+ N/);
    await expectNoSeriousA11yViolations(page);
  });
});

test('the administrator sees the scheduled jobs and runs one now', async ({ page }) => {
  await signInByApi(page, 'admin');
  await page.goto('/admin/jobs');
  await expect(page.getByRole('heading', { level: 1, name: '定时任务' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '企业问题目录报送提醒' });
  await expect(row).toContainText('每 30 分钟');
  for (const name of ['评价提醒与逾期未评价', '督办预警', '消息投递（邮件、短信、企业微信、平台回调）']) {
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(1);
  }
  await expectNoSeriousA11yViolations(page);
  await row.getByRole('button', { name: '立即执行 企业问题目录报送提醒' }).click();
  await expect(page.getByText('已执行：企业问题目录报送提醒')).toBeVisible();
  // The demo has no catalogue in draft near its due date: the run counts nothing sent.
  await expect(row).toContainText('dueSoon 0 · overdue 0');
  await expectNoSeriousA11yViolations(page);
});

test('the administrator merges the full-text index from the jobs page', async ({ page }) => {
  // Two appeals, each its own commit: two new segments of the SQLite index (the e2e server runs on SQLite).
  const enterprise = await signInByApi(page, 'enterprise');
  for (const title of [`厂房用地审批缓慢${unique()}`, `技改补贴申领${unique()}`]) {
    await apiCall(page, enterprise, 'POST', '/api/appeals/submit', {
      title,
      content: `${title}，希望相关部门协调解决。`,
      category: 'land',
    });
  }
  await signInByApi(page, 'admin');
  await page.goto('/admin/jobs');
  const merge = page.getByRole('row').filter({ hasText: '全文检索索引整理' });
  await expect(merge).toContainText('每 30 分钟');
  await merge.getByRole('button', { name: /^立即执行 全文检索索引整理/ }).click();
  await expect(merge).toContainText(/segmentsBefore ([2-9]|\d{2,}) · segmentsAfter 1 · steps [1-9]/);
  // Run again, nothing is left to merge.
  await merge.getByRole('button', { name: /^立即执行 全文检索索引整理/ }).click();
  await expect(merge).toContainText('segmentsBefore 1 · steps 0');
  await expectNoSeriousA11yViolations(page);
});
