import fs from 'node:fs';
import path from 'node:path';
import { creditCodeCheckCharacter } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import * as statsMigration from '../migrations/2026-11-26T0011-appeal-stats.ts';
import * as unitStatsMigration from '../migrations/2026-11-26T0012-unit-stats.ts';
import * as openWorkMigration from '../migrations/2026-11-26T0016-open-work-stats.ts';
import { openDatabase } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { createBackup, restoreBackup } from '../src/modules/backup/backup.ts';
import { pgAdmin, pgUrl, RUN_ID, testDialect, WORK_DIR } from './databases.ts';
import { countRows, expectError, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Detail {
  id: string;
  status: string;
  version: number;
}
interface Count {
  key: string;
  name: string | null;
  count: number;
  appeals: Record<string, string> | null;
}
interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
  appeals: Record<string, string> | null;
}
interface DashboardBody {
  from: string | null;
  to: string | null;
  regionId: string | null;
  total: Count;
  byStatus: Count[];
  byChannel: Count[];
  byCategory: Count[];
  byRegion: Count[];
  byTier: Count[];
  byMonth: Count[];
  closureRate: Rate;
  onTimeRate: Rate;
  satisfactionRate: Rate;
  reopenRate: Rate;
  overdueNow: number;
  unitId: string | null;
  overdueNowAppeals: Record<string, string>;
  averageWorkingDaysToClose: { workingDays: number; count: number; average: number | null };
  units: {
    unitId: string;
    name: string;
    open: number;
    closed: number;
    closedOnTime: number;
    overdueNow: number;
    averageWorkingDaysToClose: number | null;
    appeals: Record<'open' | 'closed' | 'closedOnTime' | 'overdueNow', Record<string, string>>;
  }[];
}

/** Month (YYYY-MM) and date of an ISO instant in UTC+8, computed without the database. */
const cityMonth = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 7);
const cityDate = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);

/** A small deterministic random source (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('leaders’ dashboard and its aggregates', async () => {
  // Monday 10 November 2025.
  const t = await createTestApp({
    now: '2025-11-10T02:00:00.000Z',
    // This file also writes rows with plain SQL, past the services, to test the aggregates: the dashboard
    // counts on every request here. Keeping figures is tested in dashboard-cache.test.ts.
    config: {
      sessionIdleMinutes: 90 * 24 * 60,
      sessionMaxHours: 90 * 24,
      reopenCap: 1,
      dashboardCacheSeconds: 0,
    },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const leader = await login(app, 'leader');
  const county = await login(app, 'county');
  const countyOffice = await login(app, 'countyoffice');
  const supervisor = await login(app, 'supervisor');
  const govoffice = await login(app, 'govoffice');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const yuanchengId = await regionId(ctx, '源城区');
  const dongyuanId = await regionId(ctx, '东源县');

  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const dashboard = async (s: Session, query = '') =>
    json<DashboardBody>(await call(app, s, 'GET', `/api/dashboard${query}`));

  async function submit(title: string, category: string): Promise<Detail> {
    return json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请协调解决。`,
        category,
      }),
    );
  }
  async function assigned(title: string, coUnitIds: string[]): Promise<string> {
    const appeal = await submit(title, 'land');
    const direct = json<Detail>(
      await act(office, appeal.id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
    );
    json(
      await act(office, appeal.id, 'assign', {
        leadUnitId: nrId,
        coUnitIds,
        measures: '协调办理',
        version: direct.version,
      }),
    );
    return appeal.id;
  }
  async function handleToClosure(id: string): Promise<void> {
    let appeal = await detail(handler, id);
    if (appeal.status === 'assigned')
      appeal = json<Detail>(await act(handler, id, 'accept', { version: appeal.version }));
    json(await act(handler, id, 'report', { reply: '已协调解决，详见答复意见。', version: appeal.version }));
    appeal = await detail(office, id);
    json(await act(office, id, 'close', { version: appeal.version }));
  }

  describe('figures computed by hand', () => {
    it('counts every figure exactly, each with the appeal list behind it', async () => {
      // A1 pooled (land), A2 not accepted (finance), A3 gathered in 东源县 by a visit (labour).
      await submit('厂房用地指标不足', 'land');
      const a2 = await submit('贷款贴息申请', 'finance');
      json(
        await act(office, a2.id, 'reject', { reason: '不属于贴息范围，建议自行安排', version: a2.version }),
      );
      const enterpriseId = uuidv7();
      const first17 = '91441600MA0000901';
      await ctx.db
        .insertInto('enterprises')
        .values({
          id: enterpriseId,
          name: '东源县恒昌五金制品有限公司',
          creditCode: first17 + creditCodeCheckCharacter(first17),
          regionId: dongyuanId,
          version: 1,
          createdAt: clock.now().toISOString(),
          updatedAt: clock.now().toISOString(),
        })
        .execute();
      json(
        await call(app, county, 'POST', '/api/appeals', {
          enterpriseId,
          channel: 'visit',
          title: '一线工人招工困难',
          content: '一线工人招聘困难，请协助对接劳务资源。',
          category: 'labour',
        }),
      );
      // A4 closed on time then rated (lead satisfied, co dissatisfied); A5 and A6 assigned.
      const a4 = await assigned('土地证办理慢', [financeId]);
      const a5 = await assigned('宗地规划调整', []);
      const a6 = await assigned('用地红线核定', []);
      await handleToClosure(a4);
      const ratings = json<{ ratings: { id: string; role: string }[] }>(
        await call(app, enterprise, 'GET', `/api/appeals/${a4}/ratings`),
      ).ratings;
      const lead = ratings.find((r) => r.role === 'lead');
      const co = ratings.find((r) => r.role === 'co');
      json(await act(enterprise, a4, `ratings/${lead?.id}`, { value: 'satisfied' }));
      json(await act(enterprise, a4, `ratings/${co?.id}`, { value: 'dissatisfied', reason: 'slow' }));

      // Five weeks later: A6 closed late, A5 still not accepted (overdue now), A4 reopened, A7 submitted.
      clock.set('2025-12-15T02:00:00.000Z');
      await handleToClosure(a6);
      const before = await detail(office, a4);
      json(
        await act(office, a4, 'reopen', {
          ratingId: co?.id,
          measures: '一个月内办结土地证',
          version: before.version,
        }),
      );
      await submit('水电报装时间长', 'utilities');
      void a5;

      const d = await dashboard(leader);
      const counts = (list: Count[]) => Object.fromEntries(list.map((c) => [c.key, c.count]));
      expect(d.total.count).toBe(7);
      expect(counts(d.byStatus)).toEqual({ pooled: 3, notAccepted: 1, assigned: 2, closed: 1 });
      expect(d.byStatus.map((c) => c.key)).toEqual(['pooled', 'notAccepted', 'assigned', 'closed']);
      expect(counts(d.byChannel)).toEqual({ online: 6, visit: 1 });
      expect(counts(d.byCategory)).toEqual({ land: 4, finance: 1, labour: 1, utilities: 1 });
      expect(d.byCategory.find((c) => c.key === 'land')?.name).toBe('用地');
      expect(counts(d.byRegion)).toEqual({ [yuanchengId]: 6, [dongyuanId]: 1 });
      expect(d.byRegion.find((c) => c.key === dongyuanId)?.name).toBe('东源县');
      expect(counts(d.byTier)).toEqual({ single: 3, '': 4 });
      expect(counts(d.byMonth)).toEqual({ '2025-11': 6, '2025-12': 1 });
      expect(d.closureRate).toMatchObject({ numerator: 1, denominator: 6, rate: 1 / 6 });
      expect(d.onTimeRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
      expect(d.satisfactionRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
      expect(d.reopenRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
      expect(d.overdueNow).toBe(1);
      expect(d.units).toEqual([
        {
          unitId: nrId,
          name: '河源市自然资源局',
          open: 2,
          closed: 2,
          closedOnTime: 1,
          overdueNow: 1,
          // A4 closed the day it was assigned (0), A6 on 15 December: 25 working days after 10 November.
          averageWorkingDaysToClose: 12.5,
          appeals: {
            open: { leadUnitId: nrId, assignmentStatus: 'open' },
            closed: { leadUnitId: nrId, assignmentStatus: 'closed' },
            closedOnTime: { leadUnitId: nrId, onTime: 'true' },
            overdueNow: { leadUnitId: nrId, overdue: 'true' },
          },
        },
      ]);

      // Click-through: every count's parameters list exactly that many appeals in GET /api/appeals.
      for (const figure of [
        d.total,
        ...d.byStatus,
        ...d.byChannel,
        ...d.byCategory,
        ...d.byRegion,
        ...d.byTier,
        ...d.byMonth,
      ]) {
        if (figure.appeals === null) {
          expect(figure.key).toBe('');
          continue;
        }
        const query = new URLSearchParams({ ...figure.appeals, pageSize: '1' }).toString();
        const list = json<{ total: number }>(await call(app, leader, 'GET', `/api/appeals?${query}`));
        expect(list.total, `${figure.key} ${query}`).toBe(figure.count);
      }
      const closed = json<{ total: number }>(
        await call(app, leader, 'GET', `/api/appeals?${new URLSearchParams(d.closureRate.appeals ?? {})}`),
      );
      expect(closed.total).toBe(d.closureRate.numerator);

      // A period: December only.
      const december = await dashboard(leader, '?from=2025-12&to=2025-12');
      expect(december.total).toEqual({
        key: 'total',
        name: null,
        count: 1,
        appeals: { from: '2025-12-01', to: '2025-12-31' },
      });
      expect(december.units).toEqual([]);
      expect(december.overdueNow).toBe(0);
      const november = await dashboard(leader, '?from=2025-11&to=2025-11');
      expect([november.total.count, november.overdueNow, november.onTimeRate.numerator]).toEqual([6, 1, 1]);

      // The other oversight roles see the same; a county's people see only their county.
      expect((await dashboard(supervisor)).total.count).toBe(7);
      expect((await dashboard(govoffice)).total.count).toBe(7);
      const mine = await dashboard(countyOffice);
      expect(mine.regionId).toBe(dongyuanId);
      expect(mine.total).toMatchObject({ count: 1, appeals: { regionId: dongyuanId } });
      expect(counts(mine.byChannel)).toEqual({ visit: 1 });
      expect(mine.units).toEqual([]);
      expect((await dashboard(leader, `?regionId=${dongyuanId}`)).total.count).toBe(1);
    });

    it('refuses those outside the oversight roles, another county and a reversed period', async () => {
      expectError(await call(app, enterprise, 'GET', '/api/dashboard'), 'auth.forbidden');
      // A unit's staff see their own unit's dashboard only (see the unit's own dashboard below).
      expectError(
        await call(app, handler, 'GET', `/api/dashboard?unitId=${financeId}`),
        'dashboard.unit_out_of_scope',
      );
      expectError(await call(app, null, 'GET', '/api/dashboard'), 'auth.unauthenticated');
      expectError(
        await call(app, countyOffice, 'GET', `/api/dashboard?regionId=${yuanchengId}`),
        'dashboard.region_out_of_scope',
      );
      expectError(
        await call(app, leader, 'GET', '/api/dashboard?from=2025-12&to=2025-11'),
        'dashboard.bad_period',
      );
      expectError(await call(app, leader, 'GET', '/api/dashboard?from=2025-13'), 'request.invalid');
    });
  });

  describe('the aggregates equal a plain count', () => {
    /** What appeal_stats must hold: the appeals counted in plain code, with months computed here. */
    async function expectedAppealStats(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('appeals')
        .select(['regionId', 'submittedAt', 'status', 'channel', 'category', 'tierCode', 'reopenRound'])
        .execute();
      const map = new Map<string, number>();
      for (const r of rows) {
        const reopen = Number(r.reopenRound) > 0 ? 'reopened' : r.status === 'closed' ? 'closed' : '';
        for (const [dimension, value] of [
          ['status', r.status],
          ['channel', r.channel],
          ['category', r.category],
          ['tier', r.tierCode ?? ''],
          ['reopen', reopen],
        ]) {
          const key = [r.regionId, cityMonth(r.submittedAt), dimension, value].join('|');
          map.set(key, (map.get(key) ?? 0) + 1);
        }
      }
      return map;
    }
    async function actualAppealStats(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db.selectFrom('appealStats').selectAll().where('n', '<>', 0).execute();
      return new Map(rows.map((r) => [[r.regionId, r.month, r.dimension, r.value].join('|'), Number(r.n)]));
    }
    async function expectedAssignmentStats(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('assignments as s')
        .innerJoin('appeals as a', 'a.id', 's.appealId')
        .select(['a.regionId', 'a.submittedAt', 's.leadUnitId', 's.status', 's.closedAt', 's.dueDate'])
        .execute();
      const map = new Map<string, number>();
      for (const r of rows) {
        const onTime =
          r.status === 'closed' && r.closedAt !== null && cityDate(r.closedAt) <= r.dueDate ? 1 : 0;
        const key = [r.regionId, cityMonth(r.submittedAt), r.leadUnitId, r.status, onTime].join('|');
        map.set(key, (map.get(key) ?? 0) + 1);
      }
      return map;
    }
    async function actualAssignmentStats(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db.selectFrom('assignmentStats').selectAll().where('n', '<>', 0).execute();
      return new Map(
        rows.map((r) => [
          [r.regionId, r.month, r.leadUnitId, r.status, Number(r.onTime)].join('|'),
          Number(r.n),
        ]),
      );
    }
    async function expectedRatingStats(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('ratings as r')
        .innerJoin('appeals as a', 'a.id', 'r.appealId')
        .select(['a.regionId', 'a.submittedAt', 'r.status', 'r.value', 'r.excludedFromScore'])
        .execute();
      const map = new Map<string, number>();
      for (const r of rows) {
        const key = [
          r.regionId,
          cityMonth(r.submittedAt),
          r.status,
          r.value ?? '',
          Number(r.excludedFromScore),
        ].join('|');
        map.set(key, (map.get(key) ?? 0) + 1);
      }
      return map;
    }
    async function actualRatingStats(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db.selectFrom('ratingStats').selectAll().where('n', '<>', 0).execute();
      return new Map(
        rows.map((r) => [
          [r.regionId, r.month, r.status, r.value, Number(r.excludedFromScore)].join('|'),
          Number(r.n),
        ]),
      );
    }
    /** unit_stats (migration 0012): per key, "n reopens workingDaysSum timed" counted in plain code. */
    async function expectedUnitStats(db: Kysely<Database> = ctx.db): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('assignments as s')
        .innerJoin('appeals as a', 'a.id', 's.appealId')
        .select([
          'a.regionId',
          'a.submittedAt',
          's.leadUnitId',
          's.status',
          's.closedAt',
          's.dueDate',
          's.source',
          's.workingDays',
        ])
        .execute();
      const sums = new Map<string, number[]>();
      for (const r of rows) {
        const closed = r.status === 'closed';
        const onTime = closed && r.closedAt !== null && cityDate(r.closedAt) <= r.dueDate ? 1 : 0;
        const key = [r.regionId, cityMonth(r.submittedAt), r.leadUnitId, r.status, onTime].join('|');
        const s = sums.get(key) ?? [0, 0, 0, 0];
        s[0] = (s[0] ?? 0) + 1;
        s[1] = (s[1] ?? 0) + (r.source === 'reopen' ? 1 : 0);
        s[2] = (s[2] ?? 0) + (closed ? Number(r.workingDays ?? 0) : 0);
        s[3] = (s[3] ?? 0) + (closed && r.workingDays !== null ? 1 : 0);
        sums.set(key, s);
      }
      return new Map([...sums].map(([k, s]) => [k, s.join(' ')]));
    }
    async function actualUnitStats(db: Kysely<Database> = ctx.db): Promise<Map<string, string>> {
      const rows = await db.selectFrom('unitStats').selectAll().where('n', '<>', 0).execute();
      return new Map(
        rows.map((r) => [
          [r.regionId, r.month, r.leadUnitId, r.status, Number(r.onTime)].join('|'),
          [r.n, r.reopens, r.workingDaysSum, r.timed].map(Number).join(' '),
        ]),
      );
    }
    /** unit_rating_stats and supervision_stats (migration 0012), counted in plain code. */
    async function expectedUnitCounts(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const map = new Map<string, number>();
      const add = (key: string) => map.set(key, (map.get(key) ?? 0) + 1);
      const ratings = await db
        .selectFrom('ratings as r')
        .innerJoin('appeals as a', 'a.id', 'r.appealId')
        .select(['a.regionId', 'a.submittedAt', 'r.unitId', 'r.status', 'r.value', 'r.excludedFromScore'])
        .execute();
      for (const r of ratings) {
        const parts = [r.regionId, cityMonth(r.submittedAt), r.unitId, r.status, r.value ?? ''];
        add(['rating', ...parts, Number(r.excludedFromScore)].join('|'));
      }
      const steps = await db
        .selectFrom('supervisionActions as v')
        .innerJoin('appeals as a', 'a.id', 'v.appealId')
        .select(['a.regionId', 'a.submittedAt', 'v.unitId', 'v.level'])
        .execute();
      for (const v of steps) add(['step', v.regionId, cityMonth(v.submittedAt), v.unitId, v.level].join('|'));
      return map;
    }
    async function actualUnitCounts(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const ratings = await db.selectFrom('unitRatingStats').selectAll().where('n', '<>', 0).execute();
      const steps = await db.selectFrom('supervisionStats').selectAll().where('n', '<>', 0).execute();
      return new Map([
        ...ratings.map((r): [string, number] => [
          ['rating', r.regionId, r.month, r.unitId, r.status, r.value, Number(r.excludedFromScore)].join('|'),
          Number(r.n),
        ]),
        ...steps.map((v): [string, number] => [
          ['step', v.regionId, v.month, v.unitId, v.level].join('|'),
          Number(v.n),
        ]),
      ]);
    }
    /** open_work_stats (migration 0016): open lead assignments per county, month, unit and due date. */
    async function expectedOpenWork(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('assignments as s')
        .innerJoin('appeals as a', 'a.id', 's.appealId')
        .select(['a.regionId', 'a.submittedAt', 's.leadUnitId', 's.dueDate', 's.status'])
        .execute();
      const map = new Map<string, number>();
      for (const r of rows) {
        if (r.status !== 'pending' && r.status !== 'accepted') continue;
        const key = [r.regionId, cityMonth(r.submittedAt), r.leadUnitId, r.dueDate].join('|');
        map.set(key, (map.get(key) ?? 0) + 1);
      }
      return map;
    }
    async function actualOpenWork(db: Kysely<Database> = ctx.db): Promise<Map<string, number>> {
      const rows = await db.selectFrom('openWorkStats').selectAll().where('n', '<>', 0).execute();
      return new Map(
        rows.map((r) => [[r.regionId, r.month, r.leadUnitId, r.dueDate].join('|'), Number(r.n)]),
      );
    }
    const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    async function expectAllEqual(db: Kysely<Database> = ctx.db): Promise<number> {
      expect(sorted(await actualAppealStats(db))).toEqual(sorted(await expectedAppealStats(db)));
      expect(sorted(await actualAssignmentStats(db))).toEqual(sorted(await expectedAssignmentStats(db)));
      expect(sorted(await actualRatingStats(db))).toEqual(sorted(await expectedRatingStats(db)));
      expect(sorted(await actualUnitStats(db))).toEqual(sorted(await expectedUnitStats(db)));
      expect(sorted(await actualUnitCounts(db))).toEqual(sorted(await expectedUnitCounts(db)));
      const openWork = await expectedOpenWork(db);
      expect(sorted(await actualOpenWork(db))).toEqual(sorted(openWork));
      return openWork.size;
    }

    it('after the API changes above, and after a random series of inserts, moves and deletes', async () => {
      await expectAllEqual();
      expect((await expectedAppealStats()).size).toBeGreaterThan(3);

      const rand = random(20251126);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
      const regions = (await ctx.db.selectFrom('regions').select('id').execute()).map((r) => r.id);
      const statuses = ['pooled', 'verifying', 'toAssign', 'assigned', 'inProgress', 'closed', 'notAccepted'];
      const channels = ['online', 'collector', 'phone', 'visit', 'breakfast'];
      const categories = ['land', 'finance', 'labour', 'other'];
      const tiers = [null, 'single', 'multi', 'city'];
      // Instants around month ends, where UTC and city time disagree on the month.
      const instants = [
        '2025-10-31T15:59:59.999Z',
        '2025-10-31T16:00:00.000Z',
        '2025-11-30T20:00:00.000Z',
        '2025-12-31T16:30:00.000Z',
        '2026-01-15T03:00:00.000Z',
        '2024-02-29T12:00:00.000Z',
      ];
      const knownTiers = new Set(
        (await ctx.db.selectFrom('handlingTiers').select('code').execute()).map((r) => r.code),
      );
      const tierChoices = tiers.filter((x) => x === null || knownTiers.has(x));

      const template = await ctx.db
        .selectFrom('appeals')
        .selectAll()
        .orderBy('seq')
        .executeTakeFirstOrThrow();
      const copies: string[] = [];
      let seq = Number(
        (
          await ctx.db
            .selectFrom('appeals')
            .select((eb) => eb.fn.max('seq').as('m'))
            .executeTakeFirstOrThrow()
        ).m,
      );
      for (let i = 0; i < 30; i++) {
        seq += 1;
        const id = uuidv7();
        await ctx.db
          .insertInto('appeals')
          .values({
            ...template,
            id,
            seq,
            number: `T-${seq}`,
            regionId: pick(regions),
            status: pick(statuses),
            channel: pick(channels),
            category: pick(categories),
            tierCode: pick(tierChoices),
            submittedAt: pick(instants),
            reopenRound: rand() < 0.2 ? 1 : 0,
          })
          .execute();
        copies.push(id);
      }
      await expectAllEqual();

      const all = (await ctx.db.selectFrom('appeals').select('id').execute()).map((r) => r.id);
      for (let i = 0; i < 60; i++) {
        const id = pick(all);
        const change = pick([
          'status',
          'channel',
          'category',
          'tier',
          'month',
          'region',
          'reopen',
          'title',
        ] as const);
        const set =
          change === 'status'
            ? { status: pick(statuses) }
            : change === 'channel'
              ? { channel: pick(channels) }
              : change === 'category'
                ? { category: pick(categories) }
                : change === 'tier'
                  ? { tierCode: pick(tierChoices) }
                  : change === 'month'
                    ? { submittedAt: pick(instants) }
                    : change === 'region'
                      ? { regionId: pick(regions) }
                      : change === 'reopen'
                        ? { reopenRound: rand() < 0.5 ? 0 : 2 }
                        : { title: `改 ${i}` };
        await ctx.db.updateTable('appeals').set(set).where('id', '=', id).execute();
      }
      // One statement changing many rows at once, and one that changes nothing that is counted.
      await ctx.db.updateTable('appeals').set({ channel: 'phone' }).where('category', '=', 'land').execute();
      await ctx.db.updateTable('appeals').set({ status: 'closed' }).where('status', '=', 'closed').execute();
      await expectAllEqual();

      // Assignments and ratings: copies on random appeals, status moves, then deletes.
      const assignment = await ctx.db.selectFrom('assignments').selectAll().executeTakeFirstOrThrow();
      const rating = await ctx.db.selectFrom('ratings').selectAll().executeTakeFirstOrThrow();
      const assignmentCopies: string[] = [];
      const ratingCopies: string[] = [];
      for (let i = 0; i < 20; i++) {
        const id = uuidv7();
        await ctx.db
          .insertInto('assignments')
          .values({
            ...assignment,
            id,
            appealId: pick(copies),
            status: pick(['pending', 'accepted', 'reported', 'closed', 'returned']),
            source: pick(['direct', 'reopen']),
            workingDays: pick([null, 5, 8]),
            dueDate: pick(['2025-11-20', '2025-12-01', '2026-01-10']),
            closedAt: pick([
              null,
              '2025-11-20T15:59:00.000Z',
              '2025-11-20T16:01:00.000Z',
              '2025-12-20T01:00:00.000Z',
            ]),
          })
          .execute();
        assignmentCopies.push(id);
        const ratingId = uuidv7();
        await ctx.db
          .insertInto('ratings')
          .values({
            ...rating,
            id: ratingId,
            appealId: pick(copies),
            assignmentId: id,
            status: pick(['requested', 'given', 'notGiven']),
            value: pick([null, 'satisfied', 'basicallySatisfied', 'dissatisfied']),
            excludedFromScore: rand() < 0.3 ? 1 : 0,
          })
          .execute();
        ratingCopies.push(ratingId);
      }
      for (let i = 0; i < 30; i++) {
        await ctx.db
          .updateTable('assignments')
          .set(
            rand() < 0.5
              ? {
                  status: 'closed',
                  closedAt: pick(['2025-11-19T10:00:00.000Z', '2026-02-01T10:00:00.000Z']),
                  workingDays: pick([null, 3, 17]),
                }
              : { dueDate: pick(['2025-11-01', '2026-03-01']), leadUnitId: pick([nrId, financeId]) },
          )
          .where('id', '=', pick(assignmentCopies))
          .execute();
        await ctx.db
          .updateTable('ratings')
          .set(
            rand() < 0.5
              ? { status: 'given', value: pick(['satisfied', 'dissatisfied']) }
              : { excludedFromScore: rand() < 0.5 ? 1 : 0 },
          )
          .where('id', '=', pick(ratingCopies))
          .execute();
      }
      // Some of the copies are still open, on several due dates.
      expect(await expectAllEqual()).toBeGreaterThan(1);

      for (const id of ratingCopies.slice(0, 10))
        await ctx.db.deleteFrom('ratings').where('id', '=', id).execute();
      for (const id of assignmentCopies.slice(0, 10)) {
        await ctx.db.deleteFrom('ratings').where('assignmentId', '=', id).execute();
        await ctx.db.deleteFrom('assignments').where('id', '=', id).execute();
      }
      const keep = new Set(
        [
          ...(await ctx.db.selectFrom('assignments').select('appealId').execute()),
          ...(await ctx.db.selectFrom('ratings').select('appealId').execute()),
        ].map((r) => r.appealId),
      );
      const deletable = copies.filter((id) => !keep.has(id));
      expect(deletable.length).toBeGreaterThan(0);
      for (const id of deletable) await ctx.db.deleteFrom('appeals').where('id', '=', id).execute();
      await expectAllEqual();

      // And the dashboard reads what the plain count says.
      const d = await dashboard(leader);
      expect(d.total.count).toBe(await countRows(ctx, 'appeals'));
    });

    it('are backfilled from the rows already there when the migration runs', async () => {
      const before = sorted(await actualAppealStats());
      const raw = ctx.db.withoutPlugins() as unknown as Kysely<unknown>;
      await statsMigration.down(raw);
      await statsMigration.up(raw);
      await openWorkMigration.down(raw);
      await openWorkMigration.up(raw);
      expect(await expectAllEqual()).toBeGreaterThan(1);
      expect(sorted(await actualAppealStats())).toEqual(before.filter(([, n]) => n !== 0));
    });

    it('are left out of backups and rebuilt by a restore', async () => {
      const dir = path.join(WORK_DIR, `dashboard-${process.pid}-${Date.now()}`);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'backup.f2f');
      const summary = await createBackup({ db: ctx.db, dialect: ctx.dialect }, file);
      expect(Object.keys(summary.tables)).not.toContain('appeal_stats');
      expect(summary.tables.appeals).toBeGreaterThan(0);
      let target = {
        databaseUrl: null as string | null,
        sqliteFile: path.join(dir, 'restored.sqlite'),
        dataDir: dir,
      };
      let dropDatabase = async () => undefined;
      if (testDialect === 'postgres') {
        const name = `f2f_t_${RUN_ID}_${process.pid}_dash${Date.now()}`;
        await pgAdmin((c) => c.query(`create database ${name}`));
        target = { ...target, databaseUrl: pgUrl(name), sqliteFile: '' };
        dropDatabase = () =>
          pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined);
      }
      try {
        await restoreBackup(target, file);
        const handle = openDatabase(target);
        try {
          await expectAllEqual(handle.db);
          expect(sorted(await actualAppealStats(handle.db))).toEqual(sorted(await actualAppealStats()));
        } finally {
          await handle.close();
        }
      } finally {
        await dropDatabase();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('0012 backfills the working days with the calendar’s count and rebuilds its aggregates', async () => {
      // One closed assignment spanning National Day 2025: holidays 1–8 October, make-up days 28 September, 11 October.
      const closed = await ctx.db
        .selectFrom('assignments')
        .select('id')
        .where('status', '=', 'closed')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await ctx.db
        .updateTable('assignments')
        .set({ assignedAt: '2025-09-26T01:00:00.000Z', closedAt: '2025-10-13T01:00:00.000Z' })
        .where('id', '=', closed.id)
        .execute();
      const raw = ctx.db.withoutPlugins() as unknown as Kysely<unknown>;
      await unitStatsMigration.down(raw);
      await unitStatsMigration.up(raw);
      const rows = await ctx.db
        .selectFrom('assignments')
        .select(['id', 'status', 'assignedAt', 'closedAt', 'workingDays'])
        .execute();
      expect(rows.filter((r) => r.status === 'closed').length).toBeGreaterThan(3);
      for (const r of rows) {
        const expected =
          r.status === 'closed' && r.closedAt !== null
            ? ctx.calendar.workdaysBetweenOrNull(cityDate(r.assignedAt), cityDate(r.closedAt))
            : null;
        expect(r.workingDays, r.id).toBe(expected);
      }
      expect(rows.find((r) => r.id === closed.id)?.workingDays).toBe(7);
      await expectAllEqual();
    });
  });

  describe('average working days, a unit’s own dashboard and the click-through filters', () => {
    it('counts one unit’s work for its staff, and links every rate to its appeals', async () => {
      // A clean period: Monday 2 March 2026, after every appeal above.
      clock.set('2026-03-02T02:00:00.000Z');
      // The sessions above have reached their maximum age: sign them in again, in place.
      for (const session of [office, enterprise, handler, leader, countyOffice]) {
        Object.assign(session, await login(app, session.username));
      }
      const period = '?from=2026-03&to=2026-04';
      // The random copies above took seqs by hand: move PostgreSQL's sequence past them.
      if (ctx.dialect === 'postgres') {
        await sql`select setval(pg_get_serial_sequence('appeals', 'seq'), (select max(seq) from appeals))`.execute(
          ctx.db,
        );
      }
      async function assignTo(title: string, leadUnitId: string): Promise<string> {
        const appeal = await submit(title, 'land');
        const direct = json<Detail>(
          await act(office, appeal.id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
        );
        json(
          await act(office, appeal.id, 'assign', {
            leadUnitId,
            coUnitIds: [],
            measures: '协调办理',
            version: direct.version,
          }),
        );
        return appeal.id;
      }
      // B1 and B2 to 自然资源局, B3 to 财政局. B1 closed a week later (5 working days), on time.
      const b1 = await assignTo('地块出让条件确认', nrId);
      const b2 = await assignTo('临时用地续期', nrId);
      const b3 = await assignTo('专项资金拨付', financeId);
      clock.set('2026-03-09T02:00:00.000Z');
      await handleToClosure(b1);
      const rating = json<{ ratings: { id: string; role: string }[] }>(
        await call(app, enterprise, 'GET', `/api/appeals/${b1}/ratings`),
      ).ratings.find((r) => r.role === 'lead');
      json(await act(enterprise, b1, `ratings/${rating?.id}`, { value: 'basicallySatisfied' }));
      // Two months on: B2 and B3 are past their due dates.
      clock.set('2026-05-04T02:00:00.000Z');
      for (const session of [office, enterprise, handler, leader, countyOffice]) {
        Object.assign(session, await login(app, session.username));
      }

      const city = await dashboard(leader, period);
      expect(city.unitId).toBeNull();
      expect(city.total.count).toBe(3);
      expect(city.averageWorkingDaysToClose).toEqual({ workingDays: 5, count: 1, average: 5 });
      expect(city.onTimeRate).toMatchObject({ numerator: 1, denominator: 1 });
      expect(city.satisfactionRate).toMatchObject({ numerator: 1, denominator: 1 });
      expect(city.overdueNow).toBe(2);
      const base = { from: '2026-03-01', to: '2026-04-30' };
      expect(city.onTimeRate.appeals).toEqual({ ...base, onTime: 'true' });
      expect(city.satisfactionRate.appeals).toEqual({ ...base, rating: 'satisfied' });
      expect(city.reopenRate.appeals).toEqual({ ...base, reopened: 'true' });
      expect(city.overdueNowAppeals).toEqual({ ...base, overdue: 'true' });
      const byUnit = Object.fromEntries(city.units.map((u) => [u.unitId, u]));
      expect(byUnit[nrId]).toMatchObject({ open: 1, closed: 1, closedOnTime: 1, overdueNow: 1 });
      expect(byUnit[nrId]?.averageWorkingDaysToClose).toBe(5);
      expect(byUnit[financeId]).toMatchObject({ open: 1, closed: 0, overdueNow: 1 });
      expect(byUnit[financeId]?.averageWorkingDaysToClose).toBeNull();

      // Every link lists as many appeals as its figure counts (one assignment per appeal here).
      const listed = async (link: Record<string, string> | null | undefined) => {
        const query = new URLSearchParams({ ...(link ?? {}), pageSize: '50' }).toString();
        return json<{ total: number; items: { id: string }[] }>(
          await call(app, leader, 'GET', `/api/appeals?${query}`),
        );
      };
      expect((await listed(city.onTimeRate.appeals)).items.map((a) => a.id)).toEqual([b1]);
      expect((await listed(city.satisfactionRate.appeals)).items.map((a) => a.id)).toEqual([b1]);
      expect((await listed(city.reopenRate.appeals)).total).toBe(city.reopenRate.numerator);
      expect((await listed(city.overdueNowAppeals)).items.map((a) => a.id).sort()).toEqual([b2, b3].sort());
      for (const unit of city.units) {
        for (const figure of ['open', 'closed', 'closedOnTime', 'overdueNow'] as const) {
          expect((await listed(unit.appeals[figure])).total, `${unit.name} ${figure}`).toBe(unit[figure]);
        }
      }

      // The handler of 自然资源局 sees its own unit's work only: B1 and B2, not 财政局's B3.
      const own = await dashboard(handler, period);
      expect(own.unitId).toBe(nrId);
      expect(own.total).toMatchObject({ count: 2, appeals: { ...base, leadUnitId: nrId } });
      expect(own.byStatus.map((c) => [c.key, c.count])).toEqual([
        ['assigned', 1],
        ['closed', 1],
      ]);
      expect(own.units.map((u) => u.unitId)).toEqual([nrId]);
      expect(own.overdueNow).toBe(1);
      expect(own.averageWorkingDaysToClose.average).toBe(5);
      expect(own.satisfactionRate).toMatchObject({ numerator: 1, denominator: 1 });
      expect((await listed(own.total.appeals)).items.map((a) => a.id).sort()).toEqual([b1, b2].sort());
      expect((await dashboard(handler, `${period}&unitId=${nrId}`)).total.count).toBe(2);
      const unitLeader = await login(app, 'unitleader');
      expect((await dashboard(unitLeader, period)).unitId).toBe(nrId);
      // Overseers may look at one unit; a county's office not at a city unit.
      const finance = await dashboard(leader, `${period}&unitId=${financeId}`);
      expect([finance.unitId, finance.total.count, finance.overdueNow]).toEqual([financeId, 1, 1]);
      expectError(
        await call(app, countyOffice, 'GET', `/api/dashboard?unitId=${nrId}`),
        'dashboard.unit_out_of_scope',
      );
      expectError(
        await call(app, leader, 'GET', `/api/dashboard?unitId=${uuidv7()}`),
        'dashboard.unit_out_of_scope',
      );
    });
  });
});
