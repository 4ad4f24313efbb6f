import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, signInByApi, unique } from '../support/auth.ts';
import { chooseOption } from '../support/select.ts';
import { expect, type Page, test } from '../support/test.ts';

const NATURAL_RESOURCES = '河源市自然资源局';
const desktop = { width: 1280, height: 720 } as const;
/** The e2e server's SQLite file (see playwright.config.ts: one data folder per port). */
const DATABASE = path.resolve(
  import.meta.dirname,
  `../../.tmp/e2e-data-${process.env.E2E_PORT ?? 3100}/face-to-face.sqlite`,
);

interface Appeal {
  id: string;
  number: string;
  title: string;
  version: number;
}

function menuOf(page: Page) {
  return page.getByRole('navigation', { name: '导航菜单' });
}

/** An ISO date `days` calendar days before today. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Moves the assignment's deadlines into the past, straight in the server's database (WAL mode lets a
 * second connection write): the working-day clock of a real overdue item would take weeks.
 */
function backdate(appealId: string): void {
  const db = new Database(DATABASE);
  try {
    const result = db
      .prepare(
        "update assignments set due_date = ?, accept_due_date = ? where appeal_id = ? and status in ('pending', 'accepted')",
      )
      .run(daysAgo(7), daysAgo(14), appealId);
    expect(result.changes).toBe(1);
  } finally {
    db.close();
  }
}

test('the supervision office sees an overdue item red, issues a 督办单 and downloads it; the unit answers it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const note = `该事项已超过办理期限，请说明未按期办结的原因，并提出整改措施${suffix}。`;
  const answer = `已召开专题会研究，预计五个工作日内完成用地报批并答复企业${suffix}。`;

  // The enterprise's appeal, handled directly by the office and assigned to 河源市自然资源局, accepted.
  const enterprise = await signInByApi(page, 'enterprise');
  const submitted = await apiCall<Appeal>(page, enterprise, 'POST', '/api/appeals/submit', {
    category: 'land',
    title: `物流园用地报批久拖未决${suffix}`,
    content: '物流园项目用地报批材料已提交三个月，至今未有答复，影响项目建设，希望协调加快办理。',
  });
  const office = await signInByApi(page, 'office');
  const units = await apiGet<{ id: string; name: string }[]>(page, '/api/org/units');
  const nr = units.find((unit) => unit.name === NATURAL_RESOURCES);
  if (!nr) throw new Error(`the demo data has no ${NATURAL_RESOURCES}`);
  const direct = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/handle-directly`, {
    tierCode: 'single',
    version: submitted.version,
  });
  const assigned = await apiCall<Appeal>(page, office, 'POST', `/api/appeals/${submitted.id}/assign`, {
    leadUnitId: nr.id,
    coUnitIds: [],
    measures: '市自然资源局加快办理用地报批手续。',
    version: direct.version,
  });
  const handler = await signInByApi(page, 'handler');
  const appeal = await apiCall<Appeal>(page, handler, 'POST', `/api/appeals/${submitted.id}/accept`, {
    version: assigned.version,
  });
  backdate(appeal.id);

  // The supervision office finds it red in 督查督办.
  await signInByApi(page, 'supervisor');
  await page.setViewportSize(desktop);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await menuOf(page).getByRole('link', { name: '督查督办', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '督查督办' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: appeal.title });
  await expect(row).toContainText(NATURAL_RESOURCES);
  await expect(row.locator('.supervision-warning-red')).toHaveText('逾期');
  await expect(row).toContainText(/剩余 -\d+ 个工作日/);
  await expect(
    page.locator('.supervision-group-list li').filter({ hasText: NATURAL_RESOURCES }),
  ).toContainText(/红色 [1-9]/);
  await expectNoSeriousA11yViolations(page);

  // One click: the next step is preselected (提醒); the office raises it to a supervision notice.
  await row.getByRole('button', { name: `对 ${appeal.number} 提醒` }).click();
  const dialog = page.getByRole('dialog', { name: `督办：${appeal.title}` });
  await expect(dialog.getByLabel('答复期限（工作日）')).toHaveValue('3');
  await expectNoSeriousA11yViolations(page);
  await chooseOption(page, dialog.getByLabel('督办等级'), '督办单');
  await expect(dialog.getByLabel('答复期限（工作日）')).toHaveValue('5');
  await dialog.getByLabel('督办要求').fill(note);
  await dialog.getByRole('button', { name: '发出', exact: true }).click();
  await expect(page.getByText('已发出督办单', { exact: true })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row.locator('.supervision-level')).toHaveText('督办单');
  await expect(row).toContainText(/督办单，\d{4}-\d{2}-\d{2}前答复/);

  // The Word document downloads.
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: `下载督办单 ${appeal.number}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^督办单-.*督办〔\d{4}〕\d+号\.docx$/);
  const file = await download.path();
  // A .docx is a zip archive.
  expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
  await expectNoSeriousA11yViolations(page);

  // The unit's clerk reads the notice in the inbox and opens the appeal.
  await signInByApi(page, 'handler');
  await page.goto('/notices');
  await expect(page.getByRole('heading', { level: 1, name: '站内通知' })).toBeVisible();
  const notice = page.locator('.notice-item').filter({ hasText: `督办单：${appeal.title}` });
  await expect(notice).toContainText(/督办〔\d{4}〕\d+号/);
  await expect(notice).toContainText(note);
  await expectNoSeriousA11yViolations(page);
  await notice.getByRole('button', { name: '查看' }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();

  // …and answers it on the appeal page.
  const section = page
    .getByRole('main')
    .locator('.section-card')
    .filter({ has: page.getByRole('heading', { level: 2, name: /^督办记录/ }) });
  await expect(section).toContainText(note);
  await expect(section).toContainText(/待答复，\d{4}-\d{2}-\d{2}前/);
  await expectNoSeriousA11yViolations(page);
  await section.getByRole('button', { name: '答复督办' }).click();
  const answering = page.getByRole('dialog', { name: '答复督办单' });
  await answering.getByLabel('答复内容').fill(answer);
  await expectNoSeriousA11yViolations(page);
  await answering.getByRole('button', { name: '答复督办', exact: true }).click();
  await expect(page.getByText('已答复督办', { exact: true })).toBeVisible();
  await expect(answering).toBeHidden();
  await expect(section).toContainText(answer);
  await expect(section).toContainText(/于 .* 答复/);
  await expect(section.getByRole('button', { name: '答复督办' })).toHaveCount(0);
  await expect(page.locator('.appeal-timeline')).toContainText('督办单已答复');
  await expectNoSeriousA11yViolations(page);

  // The supervision office sees the answer on the appeal too.
  await signInByApi(page, 'supervisor');
  await page.goto(`/appeals/${appeal.id}`);
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(section).toContainText(answer);
  await expectNoSeriousA11yViolations(page);
});
