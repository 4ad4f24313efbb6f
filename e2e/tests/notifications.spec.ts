import http from 'node:http';
import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, signInByApi, unique } from '../support/auth.ts';
import { chooseOption } from '../support/select.ts';
import { expect, type Page, test } from '../support/test.ts';

/** The SMS gateway of playwright.config.ts: nobody listens there until a test starts it. */
// The same port as SMS_GATEWAY_URL in playwright.config.ts (+20000: fetch refuses "bad ports" such as 4190).
const gatewayPort = Number(process.env.E2E_PORT ?? 3100) + 20000;

interface Appeal {
  id: string;
  version: number;
  title: string;
}

/** An appeal of the demo enterprise brought to 已办结 through the API; closing it asks the enterprise to rate. */
async function closedAppeal(page: Page, title: string): Promise<Appeal> {
  const enterprise = await signInByApi(page, 'enterprise');
  const submitted = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'land',
    title,
    content: '公司新建仓库的用地手续办理较慢，影响项目投产，希望相关部门协调加快办理。',
  });
  const office = await signInByApi(page, 'office');
  const units = await apiGet<{ id: string; name: string }[]>(page, '/api/org/units');
  const lead = units.find((unit) => unit.name === '河源市自然资源局');
  if (!lead) throw new Error('the demo data has no 河源市自然资源局');
  const direct = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/handle-directly`, {
    tierCode: 'single',
    version: submitted.version,
  });
  const assigned = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/assign`, {
    leadUnitId: lead.id,
    coUnitIds: [],
    measures: '市自然资源局牵头办理仓库用地手续。',
    version: direct.version,
  });
  const handler = await signInByApi(page, 'handler');
  const accepted = await apiCall<Appeal>(page, handler, 'POST', `/api/appeals/${submitted.id}/accept`, {
    version: assigned.version,
  });
  const reported = await apiCall<Appeal>(page, handler, 'POST', `/api/appeals/${submitted.id}/report`, {
    reply: '经办理，贵公司仓库用地的供地手续已办结。',
    version: accepted.version,
  });
  const officeAgain = await signInByApi(page, 'office');
  return apiCall<Appeal>(page, officeAgain, 'POST', `/api/appeals/${submitted.id}/close`, {
    version: reported.version,
  });
}

test('a person chooses which notices also come by SMS and e-mail', async ({ page }) => {
  await signInByApi(page, 'enterprise');
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: '我的账号' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '通知设置' })).toBeVisible();

  // Without a phone number there is no SMS to choose.
  await page.getByLabel('手机号码', { exact: true }).fill('');
  await page.getByLabel('电子邮箱', { exact: true }).fill('li.chunming@example.com');
  await page.getByRole('button', { name: '保存联系方式' }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  const sms = page.getByRole('switch', { name: '请评价：短信' });
  const email = page.getByRole('switch', { name: '请评价：电子邮件' });
  await expect(sms).toBeDisabled();
  await expect(page.getByText('尚未填写手机号码，收不到短信')).toBeVisible();
  // An enterprise contact is not in the government's WeCom.
  await expect(page.getByRole('switch', { name: '请评价：企业微信' })).toBeDisabled();

  await page.getByLabel('手机号码', { exact: true }).fill('13800138000');
  await page.getByRole('button', { name: '保存联系方式' }).click();
  await expect(sms).toBeEnabled();
  // The defaults: e-mail for everything, SMS for deadline reminders only.
  await expect(sms).not.toBeChecked();
  await expect(email).toBeChecked();
  await expect(page.getByRole('switch', { name: '评价提醒：短信' })).toBeChecked();
  await expectNoSeriousA11yViolations(page);

  await sms.click();
  await expect(page.getByText('通知设置已保存')).toBeVisible();
  await expect(sms).toBeChecked();
  await email.click();
  await expect(email).not.toBeChecked();

  await page.reload();
  await expect(page.getByRole('switch', { name: '请评价：短信' })).toBeChecked();
  await expect(page.getByRole('switch', { name: '请评价：电子邮件' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: '评价提醒：短信' })).toBeChecked();
});

test('an administrator sees a failed SMS with its error and sends it again', async ({ page }) => {
  test.setTimeout(120_000);
  const enterprise = await signInByApi(page, 'enterprise');
  await apiCall(page, enterprise, 'PATCH', '/api/auth/profile', { phone: '13900139000', email: null });
  await apiCall(page, enterprise, 'PUT', '/api/notification-preferences', {
    preferences: [{ kind: 'ratingRequested', channel: 'sms', enabled: true }],
  });
  const title = `仓库用地手续办理${unique()}`;
  await closedAppeal(page, title);
  const subject = `请评价：${title}`;

  await signInByApi(page, 'admin');
  await page.goto('/admin/outbox');
  await expect(page.getByRole('heading', { level: 1, name: '消息投递' })).toBeVisible();
  // The gateway is down: the one attempt fails (now, or already in the 30-second run).
  const deliverNow = page.getByRole('button', { name: '立即投递' });
  await deliverNow.click();
  await expect(page.getByText(/^本次送达/)).toBeVisible();
  await expect(deliverNow).not.toHaveClass(/ant-btn-loading/);
  await chooseOption(page, page.getByRole('combobox', { name: '按状态筛选' }), '投递失败');
  const row = page.getByRole('row').filter({ hasText: subject });
  await expect(row).toContainText('短信');
  await expect(row).toContainText('13900139000');
  await expect(row).toContainText('投递失败');
  await expect(row).toContainText('ECONNREFUSED');
  await expect(row).toContainText('1 / 1');
  await expectNoSeriousA11yViolations(page);

  // The gateway is back; the administrator sends it again.
  const received: { to: string; subject: string }[] = [];
  const gateway = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; subject: string });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(gatewayPort, '127.0.0.1', resolve));
  try {
    await row.getByRole('button', { name: `重试：${subject}` }).click();
    await expect(page.getByText('已重新排队，稍后投递')).toBeVisible();
    await expect(row).toHaveCount(0);
    await deliverNow.click();
    await expect(deliverNow).not.toHaveClass(/ant-btn-loading/);
    await chooseOption(page, page.getByRole('combobox', { name: '按状态筛选' }), '全部状态');
    await expect(row).toContainText('已送达');
    await expect(row.getByRole('button', { name: /^重试/ })).toHaveCount(0);
    expect(received.filter((sms) => sms.subject === subject)).toEqual([
      expect.objectContaining({ to: '13900139000', subject }),
    ]);
    await expectNoSeriousA11yViolations(page);
  } finally {
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
  }
});
