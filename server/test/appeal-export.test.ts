import { appealChannelLabels } from '@f2f/contract';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { systemMeta, transact } from '../src/context.ts';
import { createAppealInTx } from '../src/modules/appeals/appeals.service.ts';
import { EXPORT_PAGE_SIZE } from '../src/modules/exports/appeal-export.ts';
import { auditAfter, expectError, lastAuditSeq, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

const HEADERS = [
  '编号',
  '企业',
  '统一社会信用代码',
  '县（区）',
  '标题',
  '内容',
  '类别',
  '渠道',
  '收集单位',
  '状态',
  '提交时间',
  '共性问题',
];

interface Sheet {
  headers: string[];
  rows: Record<string, unknown>[];
}

/** Parses an exported workbook back, the way a user's spreadsheet program reads it. */
async function parse(response: LightMyRequestResponse): Promise<Sheet> {
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('诉求池');
  if (!sheet) throw new Error('no sheet 诉求池');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? ''])));
  });
  return { headers, rows };
}

describe('pool export to Excel', async () => {
  const { app, ctx, clock } = await createTestApp();
  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const collector = await login(app, 'collector');
  const county = await login(app, 'county');
  const countyOffice = await login(app, 'countyoffice');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const demo = await ctx.db.selectFrom('enterprises').select(['id', 'creditCode']).executeTakeFirstOrThrow();
  const dongyuan = await regionId(ctx, '东源县');

  // An enterprise in 东源县, which only the city and that county see.
  const dongyuanEnterprise = crypto.randomUUID();
  await ctx.db
    .insertInto('enterprises')
    .values({
      id: dongyuanEnterprise,
      name: '东源县导出测试有限公司',
      creditCode: '91350100M000100Y43',
      regionId: dongyuan,
      version: 1,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    })
    .execute();

  async function record(
    session: Session,
    input: { enterpriseId: string; category: string; channel: string; title: string },
  ): Promise<string> {
    clock.advanceMinutes(7);
    const response = await call(app, session, 'POST', '/api/appeals', {
      ...input,
      content: `${input.title}：企业反映的具体情况与诉求内容。`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().id;
  }

  await record(office, {
    enterpriseId: demo.id,
    category: 'land',
    channel: 'phone',
    title: '厂房用地指标紧张',
  });
  await record(office, {
    enterpriseId: demo.id,
    category: 'finance',
    channel: 'visit',
    title: '流动资金贷款难',
  });
  const landByCollector = await record(collector, {
    enterpriseId: demo.id,
    category: 'land',
    channel: 'collector',
    title: '用地审批进度慢',
  });
  await record(collector, {
    enterpriseId: demo.id,
    category: 'labour',
    channel: 'collector',
    title: '技工招聘困难',
  });
  const landInCounty = await record(county, {
    enterpriseId: dongyuanEnterprise,
    category: 'land',
    channel: 'phone',
    title: '县里项目用地报批',
  });
  await record(countyOffice, {
    enterpriseId: dongyuanEnterprise,
    category: 'utilities',
    channel: 'breakfast',
    title: '园区供电不稳定',
  });
  clock.advanceMinutes(7);
  const online = await call(app, enterprise, 'POST', '/api/appeals/submit', {
    title: '希望简化环评审批',
    content: '企业在线提交：希望简化环评审批流程，缩短办理时限。',
    category: 'approvals',
  });
  expect(online.statusCode).toBe(200);
  // Two appeals grouped under a common issue.
  const issue = await call(app, office, 'POST', '/api/common-issues', {
    title: '工业用地指标普遍紧张',
    appealIds: [landByCollector, landInCounty],
  });
  expect(issue.statusCode, issue.body).toBe(200);

  /** The numbers GET /api/appeals lists for the same filters, in the same order. */
  async function listed(session: Session, query = ''): Promise<string[]> {
    const response = await call(app, session, 'GET', `/api/appeals?pageSize=200${query ? `&${query}` : ''}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(body.items.length);
    return body.items.map((a: { number: string }) => a.number);
  }

  async function exported(session: Session, query = ''): Promise<Sheet> {
    return parse(await call(app, session, 'GET', `/api/appeals/export.xlsx${query ? `?${query}` : ''}`));
  }

  it('exports every appeal the office sees, in the pool’s order, with Chinese headers and values', async () => {
    const seq = await lastAuditSeq(ctx);
    const response = await call(app, office, 'GET', '/api/appeals/export.xlsx');
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toContain(
      "filename*=UTF-8''%E8%AF%89%E6%B1%82%E6%B1%A0-2025",
    );
    const sheet = await parse(response);
    expect(sheet.headers).toEqual(HEADERS);
    expect(sheet.rows.map((r) => r.编号)).toEqual(await listed(office));
    expect(sheet.rows).toHaveLength(7);

    const row = sheet.rows.find((r) => r.标题 === '用地审批进度慢');
    const stored = await ctx.db
      .selectFrom('appeals')
      .select(['number', 'submittedAt'])
      .where('id', '=', landByCollector)
      .executeTakeFirstOrThrow();
    // The city's local time (UTC+8), as Excel shows it.
    const local = new Date(Date.parse(stored.submittedAt) + 8 * 3_600_000);
    expect(row).toEqual({
      编号: stored.number,
      企业: '河源市示范电子科技有限公司',
      统一社会信用代码: demo.creditCode,
      '县（区）': '源城区',
      标题: '用地审批进度慢',
      内容: '用地审批进度慢：企业反映的具体情况与诉求内容。',
      类别: '用地',
      渠道: appealChannelLabels.collector.zh,
      收集单位: '河源市人大常委会办公室',
      状态: '已汇总待核实',
      提交时间: local,
      共性问题: '工业用地指标普遍紧张',
    });
    const onlineRow = sheet.rows.find((r) => r.标题 === '希望简化环评审批');
    expect(onlineRow).toMatchObject({ 渠道: '企业在线提交', 收集单位: '', 类别: '审批', 共性问题: '' });
    // Each export is recorded.
    const audit = await auditAfter(ctx, seq);
    expect(audit.map((a) => [a.action, a.actorId !== null])).toEqual([['appeal.export', true]]);
  });

  it('applies the pool’s filters and sort exactly', async () => {
    for (const query of [
      'category=land',
      'category=land&channel=phone',
      `regionId=${dongyuan}`,
      `collectingUnitId=${await unitId(ctx, '河源市人大常委会办公室')}`,
      'q=用地',
      'flag=aboveScale',
      'sort=enterpriseName&order=asc',
      'sort=number&order=asc',
      'sort=category&order=desc',
      `enterpriseId=${dongyuanEnterprise}&sort=submittedAt&order=asc`,
    ]) {
      const sheet = await exported(office, query);
      expect(
        sheet.rows.map((r) => r.编号),
        query,
      ).toEqual(await listed(office, query));
    }
    const land = await exported(office, 'category=land');
    expect(land.rows.map((r) => r.标题).sort()).toEqual(
      ['厂房用地指标紧张', '县里项目用地报批', '用地审批进度慢'].sort(),
    );
    expectError(await call(app, office, 'GET', '/api/appeals/export.xlsx?channel=fax'), 'request.invalid');
  });

  it('holds only the rows the caller may see', async () => {
    const cases: [Session, number][] = [
      [countyOffice, 2],
      [collector, 2],
      [enterprise, 5],
      [handler, 0],
    ];
    for (const [session, count] of cases) {
      const sheet = await exported(session);
      expect(sheet.headers, session.username).toEqual(HEADERS);
      expect(
        sheet.rows.map((r) => r.编号),
        session.username,
      ).toEqual(await listed(session));
      expect(sheet.rows, session.username).toHaveLength(count);
    }
    expect((await exported(countyOffice)).rows.every((r) => r['县（区）'] === '东源县')).toBe(true);
    expectError(await call(app, null, 'GET', '/api/appeals/export.xlsx'), 'auth.unauthenticated');
    expectError(await call(app, admin, 'GET', '/api/appeals/export.xlsx'), 'auth.forbidden');
  });

  it('has no row cap and pages by keyset: more than two pages of appeals sharing one instant, each exactly once', async () => {
    // One transaction, one instant: every appeal has the same submittedAt, so only the id orders them.
    const extra = 2 * EXPORT_PAGE_SIZE + 7;
    await transact(ctx, systemMeta, async (tx) => {
      for (let i = 0; i < extra; i += 1) {
        await createAppealInTx(ctx, tx, null, {
          enterpriseId: i % 2 === 0 ? demo.id : dongyuanEnterprise,
          title: `批量诉求第${i}号`,
          content: '批量导入的诉求内容，用于验证导出分页。',
          category: i % 3 === 0 ? 'land' : 'other',
          channel: 'visit',
          collectingUnitId: null,
        });
      }
    });
    const total = 7 + extra;
    const started = performance.now();
    const sheet = await exported(office);
    const elapsed = performance.now() - started;
    expect(sheet.rows).toHaveLength(total);
    const numbers = sheet.rows.map((r) => r.编号 as string);
    expect(new Set(numbers).size).toBe(total);
    const expected = await ctx.db
      .selectFrom('appeals')
      .select('number')
      .orderBy('submittedAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(numbers).toEqual(expected.map((r) => r.number));
    // Ascending, and with a filter, across page boundaries too.
    const ascending = await exported(office, 'sort=submittedAt&order=asc&category=land');
    const land = await ctx.db
      .selectFrom('appeals')
      .select('number')
      .where('category', '=', 'land')
      .orderBy('submittedAt', 'asc')
      .orderBy('id', 'asc')
      .execute();
    expect(land.length).toBeGreaterThan(EXPORT_PAGE_SIZE / 2);
    expect(ascending.rows.map((r) => r.编号)).toEqual(land.map((r) => r.number));
    const byName = await exported(office, 'sort=enterpriseName&order=asc');
    expect(new Set(byName.rows.map((r) => r.编号)).size).toBe(total);
    console.info(`exported ${total} appeals in ${elapsed.toFixed(0)} ms`);
  });
});
