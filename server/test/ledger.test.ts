import type { Role, UnitType } from '@f2f/contract';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/context.ts';
import { systemMeta, transact } from '../src/context.ts';
import { createAppealInTx } from '../src/modules/appeals/appeals.service.ts';
import { rolesOf } from '../src/modules/auth/session.repository.ts';
import { ledgerPages } from '../src/modules/exports/ledger-export.ts';
import { assignmentPages } from '../src/modules/exports/ledger-lists.ts';
import { auditAfter, expectError, handlerIn, lastAuditSeq, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

const LEDGER_HEADERS = [
  '编号',
  '提交时间',
  '企业',
  '统一社会信用代码',
  '县（区）',
  '渠道',
  '收集单位',
  '类别',
  '标题',
  '内容',
  '状态',
  '分级办理',
  '办理层级',
  '主办单位',
  '协办单位',
  '办理措施',
  '办理期限',
  '原办理期限',
  '签收时间',
  '办结时间',
  '按期办结',
  '办理用时（工作日）',
  '答复内容',
  '满意度评价',
  '重办次数',
  '督办层级',
  '最近进展日期',
];

interface Sheet {
  headers: string[];
  rows: Record<string, unknown>[];
  frozen: boolean;
}

/** Parses an exported workbook back, the way a user's spreadsheet program reads it. */
async function parse(response: LightMyRequestResponse, name: string): Promise<Sheet> {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? ''])));
  });
  const view = sheet.views[0];
  return { headers, rows, frozen: view?.state === 'frozen' && view.ySplit === 1 };
}

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Detail {
  id: string;
  number: string;
  status: string;
  version: number;
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/** A date cell as Excel holds it: that day at UTC midnight. */
const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
/** Heyuan's wall-clock time of an instant, as the workbook holds it (Excel has no zones). */
const local = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000);
/** 10:00 in Heyuan on the given day. */
const at = (d: string) => `${d}T02:00:00.000Z`;

describe('the ledger (台账) and the work lists’ Excel exports', async () => {
  // Monday 10 November 2025: no holiday for weeks, so working days are plain weekdays here.
  const t = await createTestApp({
    now: at('2025-11-10'),
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const leader = await login(app, 'leader');
  const govoffice = await login(app, 'govoffice');
  const supervisor = await login(app, 'supervisor');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const countyOffice = await login(app, 'countyoffice');
  const county = await login(app, 'county');
  const collector = await login(app, 'collector');
  const admin = await login(app, 'admin');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const finance = await handlerIn(t, 'finhandler', financeId);
  const dongyuan = await regionId(ctx, '东源县');
  const demo = await ctx.db
    .selectFrom('enterprises')
    .select(['id', 'name', 'creditCode'])
    .where('name', '=', '河源市示范电子科技有限公司')
    .executeTakeFirstOrThrow();

  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const ledger = async (s: Session, query = '') =>
    parse(await call(app, s, 'GET', `/api/exports/ledger.xlsx${query ? `?${query}` : ''}`), '诉求台账');

  async function assigned(
    title: string,
    input: { coUnitIds: string[]; dueDate: string; measures: string; category?: string },
  ): Promise<Detail> {
    const appeal = json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请有关部门协调解决。`,
        category: input.category ?? 'land',
      }),
    );
    const direct = json<Detail>(
      await act(office, appeal.id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
    );
    return json<Detail>(
      await act(office, appeal.id, 'assign', {
        leadUnitId: nrId,
        coUnitIds: input.coUnitIds,
        measures: input.measures,
        dueDate: input.dueDate,
        version: direct.version,
      }),
    );
  }

  /** Accepted now, a progress note on `noteDay`, reported on `reportDay`, closed on `closeDay`. */
  async function toClosure(id: string, noteDay: string, reportDay: string, closeDay: string) {
    let appeal = await detail(handler, id);
    if (appeal.status === 'assigned') json(await act(handler, id, 'accept', { version: appeal.version }));
    clock.set(at(noteDay));
    json(await act(handler, id, 'progress', { kind: 'progress', content: '已召集相关科室研究办理方案。' }));
    clock.set(at(reportDay));
    appeal = await detail(handler, id);
    json(
      await act(handler, id, 'report', {
        reply: `关于“${id.slice(-4)}”的答复：已协调解决。`,
        policyBasis: '《河源市优化营商环境条例》',
        version: appeal.version,
      }),
    );
    clock.set(at(closeDay));
    appeal = await detail(office, id);
    json(await act(office, id, 'close', { version: appeal.version }));
  }

  interface Ratings {
    ratings: { id: string; role: string; status: string }[];
  }
  const ratingsOf = async (id: string) =>
    json<Ratings>(await call(app, enterprise, 'GET', `/api/appeals/${id}/ratings`));

  // 1. Closed on time, both units rated.
  const closed = await assigned('厂房土地证办理', {
    coUnitIds: [financeId],
    dueDate: '2025-11-21',
    measures: '自然资源局牵头办理土地证',
  });
  await toClosure(closed.id, '2025-11-12', '2025-11-14', '2025-11-17');
  {
    const [lead, co] = (await ratingsOf(closed.id)).ratings;
    json(await act(enterprise, closed.id, `ratings/${lead?.id}`, { value: 'satisfied' }));
    json(await act(enterprise, closed.id, `ratings/${co?.id}`, { value: 'basicallySatisfied' }));
  }

  // 2. Closed late, rated dissatisfied by the lead unit's rating, and reopened.
  clock.set(at('2025-11-10'));
  const reopened = await assigned('园区道路破损', {
    coUnitIds: [financeId],
    dueDate: '2025-11-12',
    measures: '尽快修复园区道路',
    category: 'utilities',
  });
  await toClosure(reopened.id, '2025-11-11', '2025-11-13', '2025-11-18');
  {
    const [lead] = (await ratingsOf(reopened.id)).ratings;
    json(
      await act(enterprise, reopened.id, `ratings/${lead?.id}`, {
        value: 'dissatisfied',
        reason: 'notSolved',
      }),
    );
    clock.set(at('2025-11-19'));
    const before = await detail(office, reopened.id);
    json(
      await act(office, reopened.id, 'reopen', {
        ratingId: lead?.id,
        measures: '重新铺设园区道路',
        dueDate: '2025-12-05',
        version: before.version,
      }),
    );
  }

  // 3. Accepted, extended from 21 to 28 November, then urged (催办) by the supervision office.
  clock.set(at('2025-11-10'));
  const supervised = await assigned('标准厂房消防验收', {
    coUnitIds: [],
    dueDate: '2025-11-21',
    measures: '协调消防验收',
    category: 'approvals',
  });
  clock.set(at('2025-11-11'));
  {
    const appeal = await detail(handler, supervised.id);
    json(await act(handler, supervised.id, 'accept', { version: appeal.version }));
    json(
      await act(handler, supervised.id, 'extension', {
        newDueDate: '2025-11-28',
        reason: '需等待第三方检测报告',
      }),
    );
    json(await act(office, supervised.id, 'extension/decide', { approve: true, note: '同意延期' }));
    const assignment = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('appealId', '=', supervised.id)
      .executeTakeFirstOrThrow();
    clock.set(at('2025-11-20'));
    for (const level of ['reminder', 'urge']) {
      json(
        await call(app, supervisor, 'POST', '/api/supervision/actions', {
          assignmentId: assignment.id,
          level,
          note: '请加快办理并按期答复。',
        }),
      );
    }
  }

  // 4. Pooled in 东源县 by its own office: only the city and that county see it.
  clock.set(at('2025-11-20'));
  const dyEnterprise = crypto.randomUUID();
  await ctx.db
    .insertInto('enterprises')
    .values({
      id: dyEnterprise,
      name: '东源县台账测试有限公司',
      creditCode: '91350100M000100Y43',
      regionId: dongyuan,
      version: 1,
      createdAt: at('2025-11-20'),
      updatedAt: at('2025-11-20'),
    })
    .execute();
  const pooled = json<Detail>(
    await call(app, countyOffice, 'POST', '/api/appeals', {
      enterpriseId: dyEnterprise,
      category: 'finance',
      channel: 'breakfast',
      title: '县里企业融资担保难',
      content: '县里企业融资担保难：希望增加担保额度。',
    }),
  );
  clock.set(at('2025-11-24'));

  const stored = await ctx.db
    .selectFrom('appeals')
    .select(['id', 'number', 'submittedAt'])
    .where('id', 'in', [closed.id, reopened.id, supervised.id, pooled.id])
    .execute();
  const storedOf = (id: string) => {
    const row = stored.find((s) => s.id === id);
    if (!row) throw new Error('missing appeal');
    return row;
  };
  const assignmentOf = (appealId: string) =>
    ctx.db
      .selectFrom('assignments')
      .selectAll()
      .where('appealId', '=', appealId)
      .orderBy('assignedAt', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('has one row per appeal with every column a clerk keeps, Chinese headers, frozen header row', async () => {
    const seq = await lastAuditSeq(ctx);
    const response = await call(app, office, 'GET', '/api/exports/ledger.xlsx');
    expect(response.headers['content-disposition']).toContain(
      "filename*=UTF-8''%E8%AF%89%E6%B1%82%E5%8F%B0%E8%B4%A6-20251124.xlsx",
    );
    const sheet = await parse(response, '诉求台账');
    expect(sheet.headers).toEqual(LEDGER_HEADERS);
    expect(sheet.frozen).toBe(true);
    // The pool's order (newest first), every appeal once.
    const list = json<{ items: { number: string }[] }>(
      await call(app, office, 'GET', '/api/appeals?pageSize=200'),
    );
    expect(sheet.rows.map((r) => r.编号)).toEqual(list.items.map((a) => a.number));
    expect(sheet.rows).toHaveLength(4);
    const rowOf = (id: string) => sheet.rows.find((r) => r.编号 === storedOf(id).number);

    const closedAssignment = await assignmentOf(closed.id);
    expect(rowOf(closed.id)).toEqual({
      编号: storedOf(closed.id).number,
      提交时间: local(storedOf(closed.id).submittedAt),
      企业: demo.name,
      统一社会信用代码: demo.creditCode,
      '县（区）': '源城区',
      渠道: '企业在线提交',
      收集单位: '',
      类别: '用地',
      标题: '厂房土地证办理',
      内容: '厂房土地证办理，请有关部门协调解决。',
      状态: '已办结',
      分级办理: '单一部门办理',
      办理层级: '河源市',
      主办单位: '河源市自然资源局',
      协办单位: '河源市财政局',
      办理措施: '自然资源局牵头办理土地证',
      办理期限: day('2025-11-21'),
      原办理期限: '',
      签收时间: local(at('2025-11-10')),
      办结时间: local(at('2025-11-17')),
      按期办结: '是',
      // Assigned Mon 10 Nov, closed Mon 17 Nov: 11, 12, 13, 14, 17.
      '办理用时（工作日）': 5,
      答复内容: `关于“${closed.id.slice(-4)}”的答复：已协调解决。`,
      满意度评价: '河源市自然资源局（主办）：满意；河源市财政局（协办）：基本满意',
      重办次数: 0,
      督办层级: '',
      最近进展日期: day('2025-11-12'),
    });
    expect(closedAssignment.closedAt).toBe(at('2025-11-17'));

    expect(rowOf(reopened.id)).toMatchObject({
      标题: '园区道路破损',
      类别: '水电气',
      状态: '已交办待签收',
      主办单位: '河源市自然资源局',
      协办单位: '河源市财政局',
      // The new assignment's measures and deadline; not closed any more.
      办理措施: '重新铺设园区道路',
      办理期限: day('2025-12-05'),
      原办理期限: '',
      签收时间: '',
      办结时间: '',
      按期办结: '',
      '办理用时（工作日）': '',
      // The reply the office accepted in the first round.
      答复内容: `关于“${reopened.id.slice(-4)}”的答复：已协调解决。`,
      // The closed round's ratings: the co-unit's lapsed when the appeal was reopened.
      满意度评价: '河源市自然资源局（主办）：不满意；河源市财政局（协办）：逾期未评价',
      重办次数: 1,
      督办层级: '',
      最近进展日期: day('2025-11-11'),
    });

    expect(rowOf(supervised.id)).toMatchObject({
      标题: '标准厂房消防验收',
      状态: '办理中',
      主办单位: '河源市自然资源局',
      协办单位: '',
      办理措施: '协调消防验收',
      办理期限: day('2025-11-28'),
      原办理期限: day('2025-11-21'),
      签收时间: local(at('2025-11-11')),
      办结时间: '',
      答复内容: '',
      满意度评价: '',
      重办次数: 0,
      督办层级: '催办',
      最近进展日期: '',
    });

    expect(rowOf(pooled.id)).toMatchObject({
      企业: '东源县台账测试有限公司',
      '县（区）': '东源县',
      渠道: '早餐会',
      收集单位: '东源县“面对面”政企交流活动工作专班办公室',
      状态: '已汇总待核实',
      分级办理: '',
      办理层级: '东源县',
      主办单位: '',
      办理期限: '',
      重办次数: 0,
    });
    // Each export is recorded.
    const audit = await auditAfter(ctx, seq);
    expect(audit.map((a) => a.action)).toEqual(['appeal.ledgerExport']);
  });

  it('applies the pool’s filters and sort exactly', async () => {
    for (const query of [
      'status=closed',
      'category=land',
      `regionId=${dongyuan}`,
      'q=道路',
      'level=mine',
      'tierCode=single',
      'sort=number&order=asc',
      'sort=enterpriseName&order=asc',
      'from=2025-11-11&to=2025-11-30',
    ]) {
      const sheet = await ledger(office, query);
      const list = json<{ items: { number: string }[] }>(
        await call(app, office, 'GET', `/api/appeals?pageSize=200&${query}`),
      );
      expect(
        sheet.rows.map((r) => r.编号),
        query,
      ).toEqual(list.items.map((a) => a.number));
    }
    expect((await ledger(office, 'status=closed')).rows.map((r) => r.标题)).toEqual(['厂房土地证办理']);
    expect((await ledger(office, 'from=2025-11-11')).rows.map((r) => r.标题)).toEqual(['县里企业融资担保难']);
    expectError(await call(app, office, 'GET', '/api/exports/ledger.xlsx?status=lost'), 'request.invalid');
  });

  it('holds only the caller’s region, and is refused to those outside oversight', async () => {
    for (const session of [leader, govoffice, supervisor]) {
      expect((await ledger(session)).rows, session.username).toHaveLength(4);
    }
    const countySheet = await ledger(countyOffice);
    expect(countySheet.rows.map((r) => r.标题)).toEqual(['县里企业融资担保难']);
    for (const session of [enterprise, handler, county, collector, admin]) {
      expectError(await call(app, session, 'GET', '/api/exports/ledger.xlsx'), 'auth.forbidden');
    }
    expectError(await call(app, null, 'GET', '/api/exports/ledger.xlsx'), 'auth.unauthenticated');
  });

  it('pages by keyset without a row cap, with the related rows of every page', async () => {
    // Three pages of appeals sharing one instant, so that only the id orders them.
    const extra = 1_203;
    await transact(ctx, systemMeta, async (tx) => {
      for (let i = 0; i < extra; i += 1) {
        await createAppealInTx(ctx, tx, null, {
          enterpriseId: demo.id,
          title: `批量台账诉求第${i}号`,
          content: '批量导入的诉求内容，用于验证台账分页。',
          category: 'other',
          channel: 'visit',
          collectingUnitId: null,
        });
      }
    });
    const started = performance.now();
    const response = await call(app, office, 'GET', '/api/exports/ledger.xlsx?sort=submittedAt&order=asc');
    const elapsed = performance.now() - started;
    const sheet = await parse(response, '诉求台账');
    expect(sheet.rows).toHaveLength(4 + extra);
    console.info(`ledger of ${sheet.rows.length} appeals in ${elapsed.toFixed(0)} ms`);
    const expected = await ctx.db
      .selectFrom('appeals')
      .select('number')
      .orderBy('submittedAt', 'asc')
      .orderBy('id', 'asc')
      .execute();
    expect(sheet.rows.map((r) => r.编号)).toEqual(expected.map((r) => r.number));
    // The handled appeals are still complete on their page.
    expect(sheet.rows.find((r) => r.标题 === '标准厂房消防验收')).toMatchObject({
      督办层级: '催办',
      原办理期限: day('2025-11-21'),
    });
  });

  describe('the work lists', () => {
    interface Listed {
      items: {
        appealNumber: string;
        appealTitle: string;
        enterpriseName: string;
        leadUnitName: string;
        myRole: 'lead' | 'co' | null;
        status: string;
        dueDate: string;
        acceptDueDate: string;
        myDueDate: string | null;
        assignedAt: string;
        workingDaysLeft: number | null;
        overdue: boolean;
        acceptOverdue: boolean;
      }[];
      total: number;
    }
    const statusZh: Record<string, string> = {
      pending: '待签收',
      accepted: '办理中',
      returned: '已退回',
      reported: '已报办结',
      closed: '已办结',
    };

    it('exports exactly the rows GET /api/assignments lists for the same caller and filters', async () => {
      const cases: [Session, string][] = [
        [office, ''],
        [office, 'status=closed'],
        [office, 'overdue=true'],
        [supervisor, ''],
        [handler, ''],
        [handler, 'role=lead&status=pending'],
        [finance, ''],
        [finance, 'role=co'],
        [countyOffice, ''],
      ];
      for (const [session, query] of cases) {
        const label = `${session.username} ${query}`;
        const listed = json<Listed>(
          await call(app, session, 'GET', `/api/assignments?pageSize=200${query ? `&${query}` : ''}`),
        );
        const sheet = await parse(
          await call(app, session, 'GET', `/api/assignments/export.xlsx${query ? `?${query}` : ''}`),
          '交办事项',
        );
        expect(sheet.frozen).toBe(true);
        expect(sheet.rows, label).toEqual(
          listed.items.map((i) => ({
            编号: i.appealNumber,
            诉求标题: i.appealTitle,
            企业: i.enterpriseName,
            主办单位: i.leadUnitName,
            本单位角色: i.myRole === 'lead' ? '主办' : i.myRole === 'co' ? '协办' : '',
            状态: statusZh[i.status],
            交办时间: local(i.assignedAt),
            签收期限: day(i.acceptDueDate),
            办理期限: day(i.dueDate),
            协办意见期限: i.myDueDate ? day(i.myDueDate) : '',
            剩余工作日: i.workingDaysLeft ?? '',
            逾期: i.overdue ? '是' : '',
            逾期未签收: i.acceptOverdue ? '是' : '',
          })),
        );
      }
      // Non-trivial: the office sees the three appeals' four assignments (one closed, one reopened).
      const all = await parse(await call(app, office, 'GET', '/api/assignments/export.xlsx'), '交办事项');
      expect(all.rows).toHaveLength(4);
      const overdue = await parse(
        await call(app, office, 'GET', '/api/assignments/export.xlsx?overdue=true'),
        '交办事项',
      );
      expect(overdue.rows.map((r) => r.诉求标题)).toEqual([]);
      expect(
        (await parse(await call(app, finance, 'GET', '/api/assignments/export.xlsx'), '交办事项')).rows.map(
          (r) => [r.诉求标题, r.本单位角色, r.状态],
        ),
      ).toEqual([
        ['园区道路破损', '协办', '已办结'],
        ['厂房土地证办理', '协办', '已办结'],
        ['园区道路破损', '协办', '待签收'],
      ]);
      expectError(await call(app, enterprise, 'GET', '/api/assignments/export.xlsx'), 'auth.forbidden');
    });

    it('pages the assignments and the ledger by keyset: a page of one or two gives the same rows', async () => {
      async function actorOf(username: string): Promise<Actor> {
        const row = await ctx.db
          .selectFrom('people as p')
          .leftJoin('units as u', 'u.id', 'p.unitId')
          .innerJoin('regions as r', 'r.id', 'u.regionId')
          .select(['p.id', 'p.username', 'p.name', 'p.unitId', 'u.type', 'r.id as regionId', 'r.parentId'])
          .where('p.username', '=', username)
          .executeTakeFirstOrThrow();
        return {
          personId: row.id,
          username: row.username,
          name: row.name,
          roles: (await rolesOf(ctx.db, row.id)) as Role[],
          unitId: row.unitId,
          unitType: (row.type as UnitType | null) ?? null,
          enterpriseId: null,
          regionId: row.regionId,
          regionParentId: row.parentId,
        };
      }
      for (const username of ['office', 'finhandler']) {
        const actor = await actorOf(username);
        const whole = await collect(assignmentPages(ctx, actor, {}));
        expect(whole.length, username).toBeGreaterThan(1);
        expect(await collect(assignmentPages(ctx, actor, {}, 1)), username).toEqual(whole);
      }
      const office = await actorOf('office');
      const query = { status: 'closed', sort: 'number', order: 'desc' } as const;
      const handled = { sort: 'submittedAt', order: 'asc', from: '2025-11-01', to: '2025-11-20' } as const;
      for (const q of [query, handled]) {
        const whole = await collect(ledgerPages(ctx, office, q));
        expect(await collect(ledgerPages(ctx, office, q, 2))).toEqual(whole);
      }
      expect((await collect(ledgerPages(ctx, office, handled, 2))).map((r) => r.title)).toEqual([
        '厂房土地证办理',
        '园区道路破损',
        '标准厂房消防验收',
        '县里企业融资担保难',
      ]);
    });

    it('exports the supervision workspace’s items in its order', async () => {
      // Friday 28 November: the extended deadline is today, the reopened one a week away.
      clock.set(at('2025-11-28'));
      const ws = json<{
        items: { appealNumber: string; appealTitle: string; warnings: { kind: string; level: string }[] }[];
      }>(await call(app, supervisor, 'GET', '/api/supervision/workspace'));
      const sheet = await parse(
        await call(app, supervisor, 'GET', '/api/supervision/workspace/export.xlsx'),
        '督查督办',
      );
      expect(sheet.headers).toEqual([
        '编号',
        '诉求标题',
        '主办单位',
        '县（区）',
        '状态',
        '办理期限',
        '剩余工作日',
        '预警等级',
        '预警',
        '已督办层级',
        '待答复督办',
        '最新督办单',
      ]);
      expect(sheet.rows.map((r) => r.编号)).toEqual(ws.items.map((i) => i.appealNumber));
      const row = sheet.rows.find((r) => r.诉求标题 === '标准厂房消防验收');
      expect(row).toMatchObject({
        主办单位: '河源市自然资源局',
        '县（区）': '源城区',
        状态: '办理中',
        办理期限: day('2025-11-28'),
        剩余工作日: 0,
        已督办层级: '催办',
        最新督办单: '',
      });
      const urge = await ctx.db
        .selectFrom('supervisionActions')
        .select('answerDueDate')
        .where('appealId', '=', supervised.id)
        .where('level', '=', 'urge')
        .executeTakeFirstOrThrow();
      const late = '2025-11-28' > urge.answerDueDate ? '，已逾期' : '';
      expect(row?.待答复督办).toBe(`催办（${urge.answerDueDate}前答复${late}）`);
      expect(String(row?.预警)).toContain('临期');
      expectError(
        await call(app, handler, 'GET', '/api/supervision/workspace/export.xlsx'),
        'auth.forbidden',
      );
    });
  });
});
