import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { signInByApi } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { expect, type Page, test } from '../support/test.ts';

/**
 * The pages of this suite's administration area: units, the task force, the calendar, the handling tiers
 * and the audit log are for administrators (the audit log only for the city's); the people list also for unit leaders (their own
 * unit, read-only).
 */
const adminPages = [
  { path: '/admin/units', label: '单位管理' },
  { path: '/admin/people', label: '人员管理' },
  { path: '/admin/task-force', label: '工作专班' },
  { path: '/admin/calendar', label: '工作日历' },
  { path: '/admin/handling-tiers', label: '分级办理标准' },
  { path: '/admin/outbox', label: '消息投递' },
  { path: '/admin/jobs', label: '定时任务' },
  { path: '/admin/audit', label: '审计日志' },
] as const;

const adminLabels: readonly string[] = adminPages.map((page) => page.label);

/** Everybody signed in has these first. */
const commonPages = ['首页', '我的账号', '站内通知'];

/**
 * Each demo account's menu after the common pages, in menu order, written out by hand from the roles
 * (not read from web/src/routes.tsx): the dashboard (统计分析) for leaders, the offices and the units, the appeal
 * pages (诉求与企业) by the appeal flow's roles, then the administration pages.
 */
const accounts: { username: string; name: string; menu: string[] }[] = [
  {
    username: 'admin',
    name: '系统管理员',
    menu: [
      '企业名录',
      '单位管理',
      '人员管理',
      '工作专班',
      '工作日历',
      '诉求类别',
      '分级办理标准',
      '平台接入',
      '消息投递',
      '定时任务',
      '审计日志',
    ],
  },
  {
    username: 'office',
    name: '',
    menu: [
      '面对面活动',
      '领导驾驶舱',
      '热点问题',
      '考核排名',
      '定期报告',
      '诉求池',
      '登记诉求',
      '登记交流活动',
      '交办督办',
      '共性问题',
      '企业名录',
    ],
  },
  {
    username: 'leader',
    name: '赵建国',
    menu: ['面对面活动', '领导驾驶舱', '热点问题', '考核排名', '定期报告', '诉求池', '督查督办', '企业名录'],
  },
  {
    username: 'govoffice',
    name: '',
    menu: ['面对面活动', '领导驾驶舱', '热点问题', '考核排名', '定期报告', '诉求池', '企业名录'],
  },
  {
    username: 'supervisor',
    name: '',
    menu: [
      '面对面活动',
      '领导驾驶舱',
      '热点问题',
      '考核排名',
      '定期报告',
      '诉求池',
      '交办督办',
      '督查督办',
      '企业名录',
    ],
  },
  { username: 'handler', name: '黄志强', menu: ['领导驾驶舱', '核实请求', '我的办理'] },
  { username: 'unitleader', name: '邓永红', menu: ['领导驾驶舱', '核实请求', '我的办理', '人员管理'] },
  { username: 'cohandler', name: '陈伟东', menu: ['领导驾驶舱', '核实请求', '我的办理'] },
  { username: 'collector', name: '叶小青', menu: ['登记诉求', '登记交流活动', '我登记的诉求', '企业名录'] },
  { username: 'publicity', name: '', menu: [] },
  { username: 'enterprise', name: '李春明', menu: ['我的诉求', '提交诉求'] },
  // A county's administrator: the audit trail spans every region, so it is the city's only.
  {
    username: 'countyadmin',
    name: '',
    menu: [
      '企业名录',
      '单位管理',
      '人员管理',
      '工作专班',
      '工作日历',
      '诉求类别',
      '分级办理标准',
      '平台接入',
    ],
  },
];

function menuOf(page: Page) {
  return page.getByRole('navigation', { name: '导航菜单' });
}

accounts.forEach((account, index) => {
  test(`${account.username} sees exactly the pages of their roles`, async ({ page }) => {
    const session = await signInByApi(page, account.username);
    if (account.name) expect(session.person.name).toBe(account.name);

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expect(page.getByText(session.person.name).first()).toBeVisible();
    await expect(menuOf(page).getByRole('link')).toHaveText([...commonPages, ...account.menu]);
    await expectNoSeriousA11yViolations(page);

    // The workbench's quick links offer the same pages.
    const quickLinks = page.getByRole('region', { name: '常用功能' }).getByRole('link');
    await expect(quickLinks).toHaveText(
      [...commonPages.slice(1), ...account.menu].map((label) => new RegExp(`^${label}`)),
    );

    // Each administration page of the menu opens.
    const mine = account.menu.filter((label) => adminLabels.includes(label));
    for (const label of mine) {
      await menuOf(page).getByRole('link', { name: label, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }

    // A page of the others, typed into the address bar, answers with the 403 page (each account tries
    // another one, so that together they try every page).
    const forbidden = adminPages.filter((page) => !mine.includes(page.label));
    const tried = forbidden[index % Math.max(forbidden.length, 1)];
    if (tried) {
      await page.goto(tried.path);
      await expect(page.getByRole('heading', { level: 1, name: '无权访问' })).toBeVisible();
      await expect(page.getByText('您的角色不能使用此页面')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: '返回首页' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    }
  });
});

test('every administration page is refused to a handler', async ({ page }) => {
  await signInByApi(page, 'handler');
  for (const forbidden of adminPages) {
    await page.goto(forbidden.path);
    await expect(page.getByRole('heading', { level: 1, name: '无权访问' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: forbidden.label })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  }
});

test('a county administrator reads the calendar, categories and tiers but edits none of them, nor opens the audit log', async ({
  page,
}) => {
  await signInByApi(page, 'countyadmin');
  await page.goto('/admin/calendar');
  await expect(page.getByRole('heading', { level: 1, name: '工作日历' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /年节假日安排$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '新增年份' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^编辑 \d{4} 年$/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // The categories and the tiers are city-wide too: listed, not editable.
  await page.goto('/admin/appeal-categories');
  await expect(page.getByRole('heading', { level: 1, name: '诉求类别' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '用地' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: '新增类别' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^编辑 / })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.goto('/admin/handling-tiers');
  await expect(page.getByRole('heading', { level: 1, name: '分级办理标准' })).toBeVisible();
  await expect(page.getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('button', { name: '新增层级' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^编辑 / })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: '无权访问' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('the unit leader reads only the people of their own unit', async ({ page }) => {
  await signInByApi(page, 'unitleader');
  await page.goto('/admin/people');
  await expect(page.getByRole('heading', { level: 1, name: '人员管理' })).toBeVisible();
  await expect(page.getByText('您是单位负责人，可查看本单位人员')).toBeVisible();
  await expect(page.getByRole('button', { name: '新增人员' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: '黄志强' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^编辑 / })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: '系统管理员' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test.describe('the enterprise account on a phone (375 px)', () => {
  test.use({ viewport: phone, isMobile: true, hasTouch: true });

  test('fits the screen and is accessible', async ({ page }) => {
    await signInByApi(page, 'enterprise');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);

    // The menu is a drawer on a phone; every page of it fits and is accessible.
    await expect(menuOf(page)).toHaveCount(0);
    const enterprise = accounts.find((account) => account.username === 'enterprise');
    const pages = [...commonPages, ...(enterprise?.menu ?? [])];
    const drawer = page.getByRole('dialog', { name: '导航菜单' });
    for (const label of pages.slice(1)) {
      await page.getByRole('button', { name: '打开导航菜单' }).click();
      await expect(drawer).toBeVisible();
      await expect(drawer.getByRole('navigation', { name: '导航菜单' }).getByRole('link')).toHaveText(pages);
      if (label === pages[1]) {
        await expectNoHorizontalOverflow(page);
        await expectNoSeriousA11yViolations(page);
      }
      const before = page.url();
      await drawer.getByRole('link', { name: label, exact: true }).click();
      await expect(drawer).toBeHidden();
      await expect(page).not.toHaveURL(before);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousA11yViolations(page);
    }

    await page.goto('/admin/units');
    await expect(page.getByRole('heading', { level: 1, name: '无权访问' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
  });
});
