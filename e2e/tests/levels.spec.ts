import { expectNoSeriousA11yViolations } from '../support/a11y.ts';
import { apiCall, apiGet, signInByApi, unique } from '../support/auth.ts';
import { chooseOption } from '../support/select.ts';
import { expect, type Page, test } from '../support/test.ts';

interface Appeal {
  id: string;
  number: string;
  title: string;
}

/** A valid unified social credit code (GB 32100-2015) of a 东源县 enterprise. */
function creditCode(serial: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = `91441625${serial.padStart(9, '0').slice(-9)}`;
  const sum = [...first17].reduce((total, c, i) => total + alphabet.indexOf(c) * (weights[i] ?? 0), 0);
  return first17 + alphabet.charAt((31 - (sum % 31)) % 31);
}

/** A 东源县 enterprise and one appeal of it, recorded by 东源县's own task-force office (it starts there). */
async function countyAppeal(page: Page, suffix: string): Promise<Appeal> {
  const countyOffice = await signInByApi(page, 'countyoffice');
  const regions = await apiGet<{ id: string; name: string }[]>(page, '/api/org/regions');
  const dongyuan = regions.find((region) => region.name === '东源县');
  if (!dongyuan) throw new Error('the demo data has no 东源县');
  const enterprise = await apiCall<{ id: string }>(page, countyOffice, 'POST', '/api/enterprises', {
    name: `东源县青山农产品加工有限公司${suffix}`,
    creditCode: creditCode(String(Date.now()).slice(-8)),
    regionId: dongyuan.id,
  });
  return apiCall<Appeal>(page, countyOffice, 'POST', '/api/appeals', {
    enterpriseId: enterprise.id,
    channel: 'visit',
    category: 'land',
    title: `农产品加工园区用地指标不足${suffix}`,
    content: '园区扩建需要新增建设用地指标，县内指标已用完，恳请市级统筹调配用地指标。',
  });
}

test('a county office escalates an appeal; the city finds it under 本级 and hands it back to the county', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const suffix = unique();
  const appeal = await countyAppeal(page, suffix);

  // 东源县's office: the appeal is its own, so it may escalate it to the city with a reason.
  await page.goto(`/appeals/${appeal.id}`);
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '办理层级与流转' })).toBeVisible();
  await expect(page.getByText('当前由东源县专班办公室办理')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: '上报市级' }).click();
  const escalateDialog = page.getByRole('dialog', { name: `上报市级：${appeal.number}` });
  await expect(escalateDialog).toBeVisible();
  await escalateDialog.getByLabel('理由').fill('县内用地指标已用完，需市级统筹调配。');
  await expectNoSeriousA11yViolations(page);
  await escalateDialog.getByRole('button', { name: '上报市级' }).click();
  await expect(page.getByText('已上报市级', { exact: true }).first()).toBeVisible();
  await expect(escalateDialog).toBeHidden();
  // The county keeps reading it, with its history, but no longer acts on it.
  await expect(page.getByText('当前由河源市专班办公室办理')).toBeVisible();
  await expect(page.getByText('本诉求现由河源市办理，本级只能查看。')).toBeVisible();
  await expect(page.getByRole('button', { name: '上报市级' })).toHaveCount(0);
  await expect(page.getByText('东源县 → 河源市').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The city office: the pool's 本级 shows the city's own work, the escalated appeal among it.
  await signInByApi(page, 'office');
  await page.goto('/appeals');
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  // antd's button-style radios hide the input itself: the visible label is what a person clicks.
  await page.getByText('本级', { exact: true }).click();
  await expect(page.getByRole('radio', { name: '本级' })).toBeChecked();
  await expect(page).toHaveURL(/[?&]level=mine/);
  const row = page.getByRole('row').filter({ hasText: appeal.number });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell', { name: '河源市', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: '东源县', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // It hands the appeal back down to 东源县 with a reason.
  await row.getByRole('link', { name: appeal.number }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await page.getByRole('button', { name: '交县区办理' }).click();
  const handDownDialog = page.getByRole('dialog', { name: `交县区办理：${appeal.number}` });
  await expect(handDownDialog).toBeVisible();
  await chooseOption(page, handDownDialog.getByLabel('承办县（区）'), '东源县');
  await handDownDialog.getByLabel('理由').fill('市级已协调用地指标，由县专班继续办理。');
  await expectNoSeriousA11yViolations(page);
  await handDownDialog.getByRole('button', { name: '交县区办理' }).click();
  await expect(page.getByText('已交东源县办理')).toBeVisible();
  await expect(handDownDialog).toBeHidden();
  await expect(page.getByText('当前由东源县专班办公室办理')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // 东源县's office finds it in its own work again and may act on it.
  await signInByApi(page, 'countyoffice');
  await page.goto('/appeals?level=mine');
  await expect(page.getByRole('heading', { level: 1, name: '诉求池' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '本级' })).toBeChecked();
  await expect(page.getByRole('row').filter({ hasText: appeal.number })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: appeal.number }).click();
  await expect(page.getByRole('heading', { level: 1, name: appeal.title })).toBeVisible();
  await expect(page.getByRole('button', { name: '上报市级' })).toBeVisible();
  const moves = page.locator('.level-moves > li');
  await expect(moves).toHaveCount(2);
  await expect(moves.nth(1)).toContainText('交县区办理');
  await expect(moves.nth(1)).toContainText('河源市 → 东源县');
  await expect(moves.nth(1)).toContainText('市级已协调用地指标，由县专班继续办理。');
  await expectNoSeriousA11yViolations(page);
});
