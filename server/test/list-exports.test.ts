import { type Role, roleLabels, type UnitType } from '@f2f/contract';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/context.ts';
import { rolesOf } from '../src/modules/auth/session.repository.ts';
import {
  auditPages,
  commonIssuePages,
  eventPages,
  peoplePages,
  verificationRequestPages,
} from '../src/modules/exports/list-exports.ts';
import { auditAfter, expectError, lastAuditSeq, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

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

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/** A date cell as Excel holds it: that day at UTC midnight. */
const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
/** Heyuan's wall-clock time of an instant, as the workbook holds it (Excel has no zones). */
const local = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000);

/** The file name the browser saves, from the UTF-8 form of Content-Disposition. */
function fileName(response: LightMyRequestResponse): string {
  const header = String(response.headers['content-disposition']);
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1] ?? '';
  return decodeURIComponent(encoded);
}

describe('the Excel exports of the audit trail, people, common issues, events and verification requests', async () => {
  // Monday 15 September 2025, 10:00 in Heyuan. An event on Tuesday 30 September has its catalogue due
  // 4 working days before (counting the make-up Sunday 28 September): Thursday 25 September.
  const t = await createTestApp({
    now: '2025-09-15T02:00:00.000Z',
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24 },
  });
  const { app, ctx } = t;
  const admin = await login(app, 'admin');
  const countyAdmin = await login(app, 'countyadmin');
  const office = await login(app, 'office');
  const countyOffice = await login(app, 'countyoffice');
  const leader = await login(app, 'leader');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const unitLeader = await login(app, 'unitleader');
  const collector = await login(app, 'collector');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const cityId = await regionId(ctx, '河源市');

  const regionNames = new Map(
    (await ctx.db.selectFrom('regions').select(['id', 'name']).execute()).map((r) => [r.id, r.name]),
  );

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

  async function submit(title: string): Promise<{ id: string; number: string }> {
    return json(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，恳请相关部门协调解决，企业项目进度受到影响。`,
        category: 'land',
      }),
    );
  }

  describe('审计日志', () => {
    const HEADERS = [
      '序号',
      '时间',
      '操作人',
      '操作',
      '对象类型',
      '对象编号',
      'IP 地址',
      '请求编号',
      '变更前',
      '变更后',
    ];
    interface Entry {
      seq: number;
      at: string;
      actorName: string | null;
      action: string;
      entityType: string | null;
      entityId: string | null;
      ip: string | null;
      requestId: string | null;
      before: unknown;
      after: unknown;
    }
    const asRow = (e: Entry) => ({
      序号: e.seq,
      时间: local(e.at),
      操作人: e.actorName ?? '系统',
      操作: e.action,
      对象类型: e.entityType ?? '',
      对象编号: e.entityId ?? '',
      'IP 地址': e.ip ?? '',
      请求编号: e.requestId ?? '',
      变更前: e.before === null ? '' : JSON.stringify(e.before),
      变更后: e.after === null ? '' : JSON.stringify(e.after),
    });

    it('exports the rows of the list with its filters, newest first, and records the export', async () => {
      const listed = json<{ items: Entry[]; total: number }>(
        await call(app, admin, 'GET', '/api/audit?action=auth.&pageSize=200'),
      );
      expect(listed.total).toBeGreaterThanOrEqual(9);
      const seq = await lastAuditSeq(ctx);
      const response = await call(app, admin, 'GET', '/api/audit/export.xlsx?action=auth.');
      expect(fileName(response)).toBe('审计日志-20250915.xlsx');
      const sheet = await parse(response, '审计日志');
      expect(sheet.headers).toEqual(HEADERS);
      expect(sheet.frozen).toBe(true);
      expect(sheet.rows).toEqual(listed.items.map(asRow));
      // The administrator's own sign-in, cell by cell.
      const own = listed.items.find((e) => e.actorName === '系统管理员' && e.action === 'auth.login');
      expect(own).toBeDefined();
      expect(sheet.rows.find((r) => r.序号 === own?.seq)).toEqual({
        序号: own?.seq,
        时间: new Date('2025-09-15T10:00:00.000Z'),
        操作人: '系统管理员',
        操作: 'auth.login',
        对象类型: own?.entityType ?? '',
        对象编号: own?.entityId ?? '',
        'IP 地址': own?.ip ?? '',
        请求编号: own?.requestId ?? '',
        变更前: own?.before === null ? '' : JSON.stringify(own?.before),
        变更后: own?.after === null ? '' : JSON.stringify(own?.after),
      });
      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => [a.action, a.entityType, a.entityId, a.after])).toEqual([
        ['audit.export', 'auditLog', null, { format: 'xlsx', filter: { action: 'auth.' } }],
      ]);
    });

    it('narrows by the filters; the whole trail is longer; pages of one give the same rows', async () => {
      const all = await parse(await call(app, admin, 'GET', '/api/audit/export.xlsx'), '审计日志');
      const logins = await parse(
        await call(app, admin, 'GET', '/api/audit/export.xlsx?action=auth.login'),
        '审计日志',
      );
      expect(logins.rows.length).toBeGreaterThan(0);
      expect(logins.rows.length).toBeLessThan(all.rows.length);
      expect(new Set(logins.rows.map((r) => r.操作))).toEqual(new Set(['auth.login']));
      expect(all.rows.map((r) => r.序号)).toEqual(
        [...all.rows.map((r) => Number(r.序号))].sort((a, b) => b - a),
      );
      // A day's bounds, as the page sends them: nothing before 15 September 2025 in Heyuan.
      const listed = json<{ items: Entry[] }>(
        await call(app, admin, 'GET', '/api/audit?from=2025-09-15&to=2025-09-16&pageSize=200'),
      );
      const day15 = await parse(
        await call(app, admin, 'GET', '/api/audit/export.xlsx?from=2025-09-15&to=2025-09-16'),
        '审计日志',
      );
      expect(day15.rows).toEqual(listed.items.map(asRow));
      expect(day15.rows.length).toBeLessThan(all.rows.length);
      const filter = { action: 'auth.' };
      expect(await collect(auditPages(ctx, filter, 1))).toEqual(await collect(auditPages(ctx, filter)));
    });

    it('is refused to anyone but a city-level administrator, as the list', async () => {
      expectError(await call(app, office, 'GET', '/api/audit/export.xlsx'), 'auth.forbidden');
      expectError(await call(app, countyAdmin, 'GET', '/api/audit/export.xlsx'), 'org.out_of_scope');
      expectError(await call(app, countyAdmin, 'GET', '/api/audit'), 'org.out_of_scope');
    });
  });

  describe('人员', () => {
    const HEADERS = [
      '用户名',
      '姓名',
      '职务',
      '所属单位',
      '县（区）',
      '角色',
      '手机',
      '电子邮箱',
      '状态',
      '已锁定',
      '最近登录',
    ];
    interface Person {
      username: string;
      name: string;
      title: string | null;
      orgName: string;
      regionId: string;
      roles: Role[];
      phone: string | null;
      email: string | null;
      active: boolean;
      locked: boolean;
      lastLoginAt: string | null;
    }
    const list = async (s: Session, query: string) =>
      json<{ items: Person[] }>(await call(app, s, 'GET', `/api/org/people?pageSize=200&${query}`)).items;
    const asRow = (p: Person) => ({
      用户名: p.username,
      姓名: p.name,
      职务: p.title ?? '',
      所属单位: p.orgName,
      '县（区）': regionNames.get(p.regionId) ?? '',
      角色: p.roles.map((r) => roleLabels[r].zh).join('、'),
      手机: p.phone ?? '',
      电子邮箱: p.email ?? '',
      状态: p.active ? '启用' : '停用',
      已锁定: p.locked ? '是' : '',
      最近登录: p.lastLoginAt ? local(p.lastLoginAt) : '',
    });

    it('exports the people of the list with its filters, and records the export', async () => {
      const seq = await lastAuditSeq(ctx);
      const response = await call(app, admin, 'GET', '/api/org/people/export.xlsx?role=handler');
      expect(fileName(response)).toBe('人员-20250915.xlsx');
      const sheet = await parse(response, '人员');
      expect(sheet.headers).toEqual(HEADERS);
      expect(sheet.rows).toEqual((await list(admin, 'role=handler')).map(asRow));
      expect(sheet.rows.map((r) => r.用户名)).toEqual(['cohandler', 'county', 'handler']);
      expect(sheet.rows.find((r) => r.用户名 === 'handler')).toMatchObject({
        姓名: '黄志强',
        职务: '耕地保护科科员',
        所属单位: '河源市自然资源局',
        '县（区）': '河源市',
        角色: '承办人员',
        状态: '启用',
        已锁定: '',
        最近登录: new Date('2025-09-15T10:00:00.000Z'),
      });
      expect(sheet.rows.find((r) => r.用户名 === 'county')).toMatchObject({ 角色: '收集单位、承办人员' });
      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => [a.action, a.entityType, a.after])).toEqual([
        ['person.export', 'person', { format: 'xlsx', filter: { role: 'handler' } }],
      ]);
    });

    it('narrows by the filters and keeps each caller to the rows the list shows them', async () => {
      const all = await parse(await call(app, admin, 'GET', '/api/org/people/export.xlsx'), '人员');
      expect(all.rows).toEqual((await list(admin, '')).map(asRow));
      const named = await parse(await call(app, admin, 'GET', '/api/org/people/export.xlsx?q=黄志'), '人员');
      expect(named.rows.map((r) => r.用户名)).toEqual(['handler']);
      expect(named.rows.length).toBeLessThan(all.rows.length);
      const byUnit = await parse(
        await call(app, admin, 'GET', `/api/org/people/export.xlsx?unitId=${nrId}`),
        '人员',
      );
      expect(byUnit.rows.map((r) => r.用户名)).toEqual(['handler', 'unitleader']);
      // A unit leader: their own unit whatever they ask for, as the list.
      const own = await parse(
        await call(app, unitLeader, 'GET', `/api/org/people/export.xlsx?unitId=${financeId}`),
        '人员',
      );
      expect(own.rows).toEqual((await list(unitLeader, `unitId=${financeId}`)).map(asRow));
      expect(own.rows.map((r) => r.用户名)).toEqual(['handler', 'unitleader']);
      // A county's administrator: their county.
      const county = await parse(await call(app, countyAdmin, 'GET', '/api/org/people/export.xlsx'), '人员');
      expect(county.rows).toEqual((await list(countyAdmin, '')).map(asRow));
      expect(new Set(county.rows.map((r) => r['县（区）']))).toEqual(new Set(['东源县']));
      expectError(
        await call(app, countyAdmin, 'GET', `/api/org/people/export.xlsx?regionId=${cityId}`),
        'org.out_of_scope',
      );
      const actor = await actorOf('admin');
      expect(await collect(peoplePages(ctx, actor, {}, 1))).toEqual(
        await collect(peoplePages(ctx, actor, {})),
      );
    });

    it('is refused to a role that cannot list people', async () => {
      expectError(await call(app, handler, 'GET', '/api/org/people/export.xlsx'), 'auth.forbidden');
      expectError(await call(app, office, 'GET', '/api/org/people/export.xlsx'), 'auth.forbidden');
    });
  });

  describe('共性问题', () => {
    const HEADERS = ['标题', '说明', '县（区）', '诉求数', '创建人', '创建时间'];

    it('exports the issues the caller sees, the page’s search narrowing them, and records the export', async () => {
      const lamps = [await submit('工业园区路灯不亮'), await submit('园区路灯损坏无人维修')];
      const water = [await submit('园区供水压力不足'), await submit('厂区自来水经常停水')];
      t.clock.set('2025-09-15T03:00:00.000Z');
      const lighting = json<{ id: string; createdAt: string }>(
        await call(app, office, 'POST', '/api/common-issues', {
          title: '工业园区道路照明不足',
          description: '多家企业反映园区路灯损坏、照明不足',
          appealIds: lamps.map((a) => a.id),
        }),
      );
      t.clock.set('2025-09-15T04:00:00.000Z');
      json(
        await call(app, office, 'POST', '/api/common-issues', {
          title: '园区供水保障不足',
          appealIds: water.map((a) => a.id),
        }),
      );
      const seq = await lastAuditSeq(ctx);
      const response = await call(app, leader, 'GET', '/api/common-issues/export.xlsx');
      expect(fileName(response)).toBe('共性问题-20250915.xlsx');
      const sheet = await parse(response, '共性问题');
      expect(sheet.headers).toEqual(HEADERS);
      expect(sheet.rows).toEqual([
        {
          标题: '园区供水保障不足',
          说明: '',
          '县（区）': '河源市',
          诉求数: 2,
          创建人: '王晓敏',
          创建时间: new Date('2025-09-15T12:00:00.000Z'),
        },
        {
          标题: '工业园区道路照明不足',
          说明: '多家企业反映园区路灯损坏、照明不足',
          '县（区）': '河源市',
          诉求数: 2,
          创建人: '王晓敏',
          创建时间: local(lighting.createdAt),
        },
      ]);
      const listed = json<{ title: string }[]>(await call(app, leader, 'GET', '/api/common-issues'));
      expect(sheet.rows.map((r) => r.标题)).toEqual(listed.map((i) => i.title));
      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => [a.action, a.entityType, a.after])).toEqual([
        ['commonIssue.export', 'commonIssue', { format: 'xlsx', filter: {} }],
      ]);

      // The search matches the title or the description, as the page's.
      const byDescription = await parse(
        await call(app, office, 'GET', `/api/common-issues/export.xlsx?q=${encodeURIComponent('路灯损坏')}`),
        '共性问题',
      );
      expect(byDescription.rows.map((r) => r.标题)).toEqual(['工业园区道路照明不足']);
      const byTitle = await parse(
        await call(app, office, 'GET', `/api/common-issues/export.xlsx?q=${encodeURIComponent('供水')}`),
        '共性问题',
      );
      expect(byTitle.rows.map((r) => r.标题)).toEqual(['园区供水保障不足']);
      // A county office does not see the city's issues.
      const county = await parse(
        await call(app, countyOffice, 'GET', '/api/common-issues/export.xlsx'),
        '共性问题',
      );
      expect(county.rows).toEqual([]);
      const actor = await actorOf('office');
      expect(await collect(commonIssuePages(ctx, actor, {}, 1))).toEqual(
        await collect(commonIssuePages(ctx, actor, {})),
      );
      expect(await collect(commonIssuePages(ctx, actor, { q: '照明' }, 1))).toHaveLength(1);
    });

    it('is refused to a role that cannot read common issues', async () => {
      expectError(await call(app, handler, 'GET', '/api/common-issues/export.xlsx'), 'auth.forbidden');
      expectError(await call(app, enterprise, 'GET', '/api/common-issues/export.xlsx'), 'auth.forbidden');
    });
  });

  describe('活动', () => {
    const HEADERS = [
      '活动名称',
      '活动类型',
      '活动日期',
      '活动地点',
      '所属地区',
      '状态',
      '目录报送截止',
      '逾期报送',
      '剩余工作日',
      '事项数',
    ];

    it('exports the events of the list with its filter, newest first, and records the export', async () => {
      const city = json<{ id: string }>(
        await call(app, office, 'POST', '/api/events', {
          kind: 'city',
          title: '2025年第三季度“面对面”政企交流活动',
          date: '2025-09-30',
          venue: '市行政服务中心第一会议室',
        }),
      );
      json(
        await call(app, countyOffice, 'POST', '/api/events', {
          kind: 'county',
          title: '东源县2025年第三季度“面对面”活动',
          date: '2025-09-29',
          venue: '东源县政府会议室',
        }),
      );
      const older = json<{ id: string }>(
        await call(app, office, 'POST', '/api/events', {
          kind: 'city',
          title: '2025年第二季度“面对面”政企交流活动',
          date: '2025-09-24',
          venue: '市行政服务中心',
        }),
      );
      // Seeded further along: its catalogue was submitted, late.
      await ctx.db
        .updateTable('events')
        .set({ status: 'submitted', catalogueLate: 1 })
        .where('id', '=', older.id)
        .execute();

      const seq = await lastAuditSeq(ctx);
      const response = await call(app, leader, 'GET', '/api/events/export.xlsx');
      expect(fileName(response)).toBe('活动-20250915.xlsx');
      const sheet = await parse(response, '活动');
      expect(sheet.headers).toEqual(HEADERS);
      expect(sheet.rows).toEqual([
        {
          活动名称: '2025年第三季度“面对面”政企交流活动',
          活动类型: '全市季度“面对面”活动',
          活动日期: day('2025-09-30'),
          活动地点: '市行政服务中心第一会议室',
          所属地区: '河源市',
          状态: '目录起草中',
          目录报送截止: day('2025-09-25'),
          逾期报送: '',
          剩余工作日: 8,
          事项数: 0,
        },
        {
          活动名称: '东源县2025年第三季度“面对面”活动',
          活动类型: '县（区）“面对面”活动',
          活动日期: day('2025-09-29'),
          活动地点: '东源县政府会议室',
          所属地区: '东源县',
          状态: '目录起草中',
          目录报送截止: day('2025-09-24'),
          逾期报送: '',
          剩余工作日: 7,
          事项数: 0,
        },
        {
          活动名称: '2025年第二季度“面对面”政企交流活动',
          活动类型: '全市季度“面对面”活动',
          活动日期: day('2025-09-24'),
          活动地点: '市行政服务中心',
          所属地区: '河源市',
          状态: '目录已报送待审定',
          目录报送截止: day('2025-09-18'),
          逾期报送: '是',
          剩余工作日: '',
          事项数: 0,
        },
      ]);
      const listed = json<{ items: { id: string; title: string; workingDaysToDue: number | null }[] }>(
        await call(app, leader, 'GET', '/api/events?pageSize=100'),
      );
      expect(sheet.rows.map((r) => [r.活动名称, r.剩余工作日])).toEqual(
        listed.items.map((e) => [e.title, e.workingDaysToDue ?? '']),
      );
      expect(listed.items[0]?.id).toBe(city.id);
      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => [a.action, a.entityType, a.after])).toEqual([
        ['event.export', 'event', { format: 'xlsx', filter: {} }],
      ]);

      const drafting = await parse(
        await call(app, office, 'GET', '/api/events/export.xlsx?status=drafting'),
        '活动',
      );
      expect(drafting.rows.map((r) => r.活动名称)).toEqual([
        '2025年第三季度“面对面”政企交流活动',
        '东源县2025年第三季度“面对面”活动',
      ]);
      const county = await parse(await call(app, countyOffice, 'GET', '/api/events/export.xlsx'), '活动');
      expect(county.rows.map((r) => r.活动名称)).toEqual(['东源县2025年第三季度“面对面”活动']);
      const actor = await actorOf('office');
      expect(await collect(eventPages(ctx, actor, {}, 1))).toEqual(await collect(eventPages(ctx, actor, {})));
      expect(await collect(eventPages(ctx, actor, { status: 'submitted' }, 1))).toHaveLength(1);
    });

    it('is refused to a role that cannot list events', async () => {
      expectError(await call(app, handler, 'GET', '/api/events/export.xlsx'), 'auth.forbidden');
      expectError(await call(app, admin, 'GET', '/api/events/export.xlsx'), 'auth.forbidden');
    });
  });

  describe('核实请求', () => {
    const HEADERS = [
      '编号',
      '诉求标题',
      '企业',
      '核实单位',
      '核实事项',
      '发起人',
      '发起时间',
      '答复期限',
      '状态',
      '剩余工作日',
      '逾期',
      '答复内容',
      '答复人',
      '答复时间',
    ];

    it('exports the requests each caller lists, with its filter, and records the export', async () => {
      t.clock.set('2025-09-15T02:00:00.000Z');
      const land = await submit('厂房扩建用地指标不足');
      const road = await submit('园区进场道路尚未建成');
      json(
        await call(app, office, 'POST', `/api/appeals/${land.id}/verification-requests`, {
          unitIds: [nrId, financeId],
          question: '请核实该企业用地指标情况并提出意见',
          workingDays: 3,
        }),
      );
      json(
        await call(app, office, 'POST', `/api/appeals/${road.id}/verification-requests`, {
          unitIds: [nrId],
          question: '请核实道路规划情况',
          workingDays: 5,
        }),
      );
      const open = json<{ items: { id: string; appealId: string }[] }>(
        await call(app, handler, 'GET', '/api/verification-requests?status=open'),
      ).items;
      const landRequest = open.find((r) => r.appealId === land.id);
      t.clock.set('2025-09-16T06:30:00.000Z');
      json(
        await call(app, handler, 'POST', `/api/verification-requests/${landRequest?.id}/answer`, {
          answer: '该企业用地指标已纳入年度计划',
        }),
      );

      const seq = await lastAuditSeq(ctx);
      const response = await call(app, office, 'GET', '/api/verification-requests/export.xlsx');
      expect(fileName(response)).toBe('核实请求-20250916.xlsx');
      const sheet = await parse(response, '核实请求');
      expect(sheet.headers).toEqual(HEADERS);
      // Open ones first, soonest due first; then the answered one.
      expect(sheet.rows.map((r) => [r.编号, r.核实单位, r.状态])).toEqual([
        [land.number, '河源市财政局', '待答复'],
        [road.number, '河源市自然资源局', '待答复'],
        [land.number, '河源市自然资源局', '已答复'],
      ]);
      expect(sheet.rows[2]).toEqual({
        编号: land.number,
        诉求标题: '厂房扩建用地指标不足',
        企业: '河源市示范电子科技有限公司',
        核实单位: '河源市自然资源局',
        核实事项: '请核实该企业用地指标情况并提出意见',
        发起人: '王晓敏',
        发起时间: new Date('2025-09-15T10:00:00.000Z'),
        答复期限: day('2025-09-18'),
        状态: '已答复',
        剩余工作日: '',
        逾期: '',
        答复内容: '该企业用地指标已纳入年度计划',
        答复人: '黄志强',
        答复时间: new Date('2025-09-16T14:30:00.000Z'),
      });
      expect(sheet.rows[0]).toMatchObject({
        答复期限: day('2025-09-18'),
        剩余工作日: 2,
        逾期: '',
        答复内容: '',
      });
      const listed = json<{
        items: { appealNumber: string; unitName: string; workingDaysLeft: number | null }[];
      }>(await call(app, office, 'GET', '/api/verification-requests?pageSize=200'));
      expect(sheet.rows.map((r) => [r.编号, r.核实单位, r.剩余工作日])).toEqual(
        listed.items.map((i) => [i.appealNumber, i.unitName, i.workingDaysLeft ?? '']),
      );
      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => [a.action, a.entityType, a.after])).toEqual([
        ['verificationRequest.export', 'verificationRequest', { format: 'xlsx', filter: {} }],
      ]);

      // The filter narrows; a unit sees its own requests only.
      const answered = await parse(
        await call(app, office, 'GET', '/api/verification-requests/export.xlsx?status=answered'),
        '核实请求',
      );
      expect(answered.rows.map((r) => [r.编号, r.核实单位])).toEqual([[land.number, '河源市自然资源局']]);
      const mine = await parse(
        await call(app, handler, 'GET', '/api/verification-requests/export.xlsx'),
        '核实请求',
      );
      expect(mine.rows.map((r) => [r.编号, r.核实单位, r.状态])).toEqual([
        [road.number, '河源市自然资源局', '待答复'],
        [land.number, '河源市自然资源局', '已答复'],
      ]);
      const byAppeal = await parse(
        await call(app, office, 'GET', `/api/verification-requests/export.xlsx?appealId=${road.id}`),
        '核实请求',
      );
      expect(byAppeal.rows.map((r) => r.编号)).toEqual([road.number]);
      const county = await parse(
        await call(app, countyOffice, 'GET', '/api/verification-requests/export.xlsx'),
        '核实请求',
      );
      expect(county.rows).toEqual([]);
      const actor = await actorOf('office');
      expect(await collect(verificationRequestPages(ctx, actor, {}, 1))).toEqual(
        await collect(verificationRequestPages(ctx, actor, {})),
      );
    });

    it('is refused to a role that cannot list verification requests', async () => {
      expectError(
        await call(app, enterprise, 'GET', '/api/verification-requests/export.xlsx'),
        'auth.forbidden',
      );
      expectError(
        await call(app, collector, 'GET', '/api/verification-requests/export.xlsx'),
        'auth.forbidden',
      );
    });
  });
});
