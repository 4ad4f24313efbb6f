import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { signInByApi, submitSignInForm } from '../support/auth.ts';
import { expectNoHorizontalOverflow, phone } from '../support/layout.ts';
import { expect, test } from '../support/test.ts';

/** The product name comes from the server's settings. */
const productName = /面对面.*政企交流平台/;

test.describe('sign-in page on a phone (375 px)', () => {
  test.use({ viewport: phone, isMobile: true, hasTouch: true });

  test('fits the screen, is accessible and signs in', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: productName })).toBeVisible();
    const username = page.getByLabel('用户名', { exact: true });
    const password = page.getByLabel('密码', { exact: true });
    const submit = page.getByRole('button', { name: '登录', exact: true });
    await expect(username).toBeVisible();
    await expect(password).toBeVisible();
    await expect(submit).toBeVisible();
    await expect(submit).toBeInViewport();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);

    await submitSignInForm(page, 'admin');
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('sign-in page on a desktop', () => {
  test('is accessible and names its fields', async ({ page }) => {
    await page.goto('/login');
    await expect(page).toHaveTitle(/^登录 - .*面对面/);
    await expect(page.getByRole('heading', { level: 1, name: productName })).toBeVisible();
    await expect(page.getByLabel('用户名', { exact: true })).toBeEditable();
    await expect(page.getByLabel('密码', { exact: true })).toBeEditable();
    await expect(page.getByText('演示环境')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('an empty form names the missing fields', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByText('请输入用户名')).toBeVisible();
    await expect(page.getByText('请输入密码')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('a wrong password is refused', async ({ page, guards }) => {
    guards.allowConsoleError(
      (problem) => problem.url.endsWith('/api/auth/login') && problem.text.includes('401'),
    );
    await page.goto('/login');
    await submitSignInForm(page, 'admin', 'not-the-password-1');
    await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
    await expect(page).toHaveURL('/login');
    await expectNoSeriousA11yViolations(page);
  });

  test('admin signs in and lands on the workbench', async ({ page }) => {
    await page.goto('/login');
    await expectNoSeriousA11yViolations(page);
    await submitSignInForm(page, 'admin');
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expect(page.getByText('系统管理员').first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: '导航菜单' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('signing out returns to sign-in, and a protected page then asks to sign in first', async ({
    page,
    guards,
  }) => {
    await signInByApi(page, 'admin');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL('/login');
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The session is gone on the server too, not only in the page.
    expect((await page.request.get('/api/auth/session')).status()).toBe(401);

    guards.passesThrough('/admin/units');
    await page.goto('/admin/units');
    await expect(page).toHaveURL('/login?next=%2Fadmin%2Funits');
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Signing in goes on to the page that was asked for.
    await submitSignInForm(page, 'admin');
    await expect(page).toHaveURL('/admin/units');
    await expect(page.getByRole('heading', { level: 1, name: '单位管理' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('switches to English', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByLabel('Username', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/^Sign in - /);
    await expectNoSeriousA11yViolations(page);

    // Server messages follow the language too.
    await page.getByLabel('Username', { exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill('Heyuan@2024');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Workbench' })).toBeVisible();
    const menu = page.getByRole('navigation', { name: 'Navigation' });
    await expect(menu.getByRole('link', { name: 'Units' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The choice is kept across a reload, and switching back restores Chinese.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Workbench' })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
