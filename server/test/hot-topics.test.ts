import fs from 'node:fs';
import path from 'node:path';
import { creditCodeCheckCharacter } from '@f2f/contract';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import * as topicMigration from '../migrations/2026-11-26T0013-topic-stats.ts';
import { openDatabase } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { createBackup, restoreBackup } from '../src/modules/backup/backup.ts';
import { appealTopicWords } from '../src/modules/topics/topics.ts';
import { pgAdmin, pgUrl, RUN_ID, testDialect, WORK_DIR } from './databases.ts';
import { expectError, regionId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Trend {
  count: number;
  previousCount: number;
  change: number;
  changeRate: number | null;
  appeals: Record<string, string>;
}
interface Topics {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  regionId: string | null;
  appealCount: number;
  previousAppealCount: number;
  words: (Trend & { word: string })[];
  categories: (Trend & { code: string; name: string })[];
}

/** A sheet row's values from the first column. */
const rowOf = (sheet: ExcelJS.Worksheet | undefined, n: number): unknown[] =>
  sheet ? (sheet.getRow(n).values as unknown[]).slice(1) : [];

const cityMonth = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 7);

describe('hot topics (热点问题)', async () => {
  // September and October 2025 hold only this file's appeals (the demo data is dated when the template is built).
  const t = await createTestApp({
    now: '2025-09-10T02:00:00.000Z',
    config: { sessionIdleMinutes: 90 * 24 * 60, sessionMaxHours: 90 * 24 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const leader = await login(app, 'leader');
  const county = await login(app, 'county');
  const countyOffice = await login(app, 'countyoffice');
  const dongyuanId = await regionId(ctx, '东源县');
  const yuanchengId = await regionId(ctx, '源城区');

  const topics = async (s: Session, query = '') =>
    json<Topics>(await call(app, s, 'GET', `/api/dashboard/hot-topics${query}`));
  const submit = async (title: string, content: string, category: string) =>
    json<{ id: string; version: number }>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', { title, content, category }),
    );

  // A county enterprise, its appeals recorded by the county's collector.
  const dongyuanEnterprise = uuidv7();
  const first17 = '91441600MA0000902';
  await ctx.db
    .insertInto('enterprises')
    .values({
      id: dongyuanEnterprise,
      name: '东源县恒昌五金制品有限公司',
      creditCode: first17 + creditCodeCheckCharacter(first17),
      regionId: dongyuanId,
      version: 1,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    })
    .execute();
  const record = async (title: string, content: string, category: string) =>
    json<{ id: string }>(
      await call(app, county, 'POST', '/api/appeals', {
        enterpriseId: dongyuanEnterprise,
        channel: 'visit',
        title,
        content,
        category,
      }),
    );

  // September (the previous period). Topic words, worked out by hand from jieba's keywords less the stop list:
  //   工业用地, 指标, 厂房, 用地 | 贴息, 技改, 贷款
  await submit('工业用地指标紧张', '新建厂房急需工业用地，请协调用地指标。', 'land');
  await submit('技改贷款贴息', '申请技改项目贷款贴息。', 'finance');
  // October (源城区): 报批, 厂房, 用地, 进度缓慢 | 用电报装, 接电, 厂房 | 融资难, 银行贷款, 中小企业, 审批, 融资, 贷款
  clock.set('2025-10-14T02:00:00.000Z');
  await submit('厂房用地报批慢', '二期厂房用地报批进度缓慢。', 'land');
  await submit('用电报装慢', '新厂房用电报装三个月未接电。', 'utilities');
  const loan = await submit('融资贷款难', '中小企业融资难，银行贷款审批慢。', 'finance');
  // October (东源县): 招工难, 工人, 劳务, 资源 | 厂区, 破损, 道路, 货车, 通行
  await record('一线工人招工难', '一线工人招工难，请对接劳务资源。', 'labour');
  const road = await record('厂区道路破损', '厂区门前道路破损，货车通行困难。', 'logistics');

  it('counts each word once per appeal, with the trend against the previous period', async () => {
    expect(appealTopicWords({ title: '用电报装慢', content: '新厂房用电报装三个月未接电。' })).toEqual([
      '用电报装',
      '接电',
      '厂房',
    ]);
    const d = await topics(leader, '?from=2025-10&to=2025-10');
    expect(d).toMatchObject({
      from: '2025-10',
      to: '2025-10',
      previousFrom: '2025-09',
      previousTo: '2025-09',
      regionId: null,
      appealCount: 5,
      previousAppealCount: 2,
    });
    expect(d.words[0]).toEqual({
      word: '厂房',
      count: 2,
      previousCount: 1,
      change: 1,
      changeRate: 1,
      appeals: { q: '厂房', from: '2025-10-01', to: '2025-10-31' },
    });
    const byWord = Object.fromEntries(d.words.map((w) => [w.word, [w.count, w.previousCount, w.changeRate]]));
    expect(byWord).toEqual({
      厂房: [2, 1, 1],
      用地: [1, 1, 0],
      贷款: [1, 1, 0],
      报批: [1, 0, null],
      进度缓慢: [1, 0, null],
      用电报装: [1, 0, null],
      接电: [1, 0, null],
      融资难: [1, 0, null],
      中小企业: [1, 0, null],
      审批: [1, 0, null],
      融资: [1, 0, null],
      招工难: [1, 0, null],
      工人: [1, 0, null],
      劳务: [1, 0, null],
      资源: [1, 0, null],
      厂区: [1, 0, null],
      破损: [1, 0, null],
      道路: [1, 0, null],
      货车: [1, 0, null],
      通行: [1, 0, null],
    });
    // 21 words of October: the one left out of the top 20 is the last in code-point order, 银行贷款.
    // Ties in code-point order, the same on both databases.
    const ones = d.words.slice(1).map((w) => w.word);
    expect(ones).toEqual([...ones].sort((a, b) => (a < b ? -1 : 1)));
    expect(d.words).toHaveLength(20);
    expect((await topics(leader, '?from=2025-10&to=2025-10&limit=30')).words).toHaveLength(21);

    expect(d.categories.map((c) => [c.code, c.name, c.count, c.previousCount, c.change])).toEqual([
      ['finance', '融资', 1, 1, 0],
      ['labour', '用工', 1, 0, 1],
      ['land', '用地', 1, 1, 0],
      ['logistics', '物流交通', 1, 0, 1],
      ['utilities', '水电气', 1, 0, 1],
    ]);
    expect(d.categories[0]?.appeals).toEqual({ category: 'finance', from: '2025-10-01', to: '2025-10-31' });

    // Two months against the two before them (nothing there).
    const two = await topics(leader, '?from=2025-09&to=2025-10&limit=3');
    expect(two).toMatchObject({ previousFrom: '2025-07', previousTo: '2025-08', appealCount: 7 });
    expect(two.words.map((w) => [w.word, w.count, w.previousCount, w.changeRate])).toEqual([
      ['厂房', 3, 0, null],
      ['用地', 2, 0, null],
      ['贷款', 2, 0, null],
    ]);
  });

  it('links each word to the pool searched for it over the period', async () => {
    const d = await topics(leader, '?from=2025-10&to=2025-10');
    const link = new URLSearchParams(d.words[0]?.appeals);
    const pool = json<{ total: number; items: { title: string }[] }>(
      await call(app, leader, 'GET', `/api/appeals?${link}`),
    );
    expect(pool.items.map((a) => a.title).sort()).toEqual(['厂房用地报批慢', '用电报装慢']);
  });

  it('shows a county’s people their county only', async () => {
    const own = await topics(countyOffice, '?from=2025-10&to=2025-10');
    expect(own.regionId).toBe(dongyuanId);
    expect(own.appealCount).toBe(2);
    expect(own.words.map((w) => w.word).sort()).toEqual(
      ['招工难', '工人', '劳务', '资源', '厂区', '破损', '道路', '货车', '通行'].sort(),
    );
    expect(own.words[0]?.appeals).toMatchObject({ regionId: dongyuanId });
    expectError(
      await call(app, countyOffice, 'GET', `/api/dashboard/hot-topics?regionId=${yuanchengId}`),
      'dashboard.region_out_of_scope',
    );
    const city = await topics(leader, `?from=2025-10&to=2025-10&regionId=${yuanchengId}`);
    expect(city.words.map((w) => w.word)).not.toContain('厂区');
    expect(city.appealCount).toBe(3);
    expectError(
      await call(app, leader, 'GET', '/api/dashboard/hot-topics?from=2025-10&to=2025-09'),
      'dashboard.bad_period',
    );
    expectError(await call(app, county, 'GET', '/api/dashboard/hot-topics'), 'auth.forbidden');
  });

  it('defaults to the current month and the two before it', async () => {
    const d = await topics(leader);
    expect(d).toMatchObject({
      from: '2025-08',
      to: '2025-10',
      previousFrom: '2025-05',
      previousTo: '2025-07',
    });
    expect(d.appealCount).toBe(7);
  });

  it('exports both tables to Excel', async () => {
    const response = await call(
      app,
      leader,
      'GET',
      '/api/dashboard/hot-topics/export.xlsx?from=2025-10&to=2025-10',
    );
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const words = workbook.getWorksheet('热点词语');
    expect(rowOf(words, 3)).toEqual(['厂房', 2, 1, 1, '+1（100.0%）']);
    const categories = workbook.getWorksheet('问题类别');
    expect(rowOf(categories, 2).slice(0, 2)).toEqual(['类别', '本期（件）']);
    expect(categories?.getRow(4).getCell(1).value).toBe('用工');
  });

  describe('the aggregate equals a recount from scratch', () => {
    async function expected(db: Kysely<Database> = ctx.db): Promise<[string, number][]> {
      const rows = await db
        .selectFrom('appeals')
        .select(['regionId', 'submittedAt', 'title', 'content'])
        .execute();
      const map = new Map<string, number>();
      for (const r of rows) {
        for (const word of appealTopicWords(r)) {
          const key = [r.regionId, cityMonth(r.submittedAt), word].join('|');
          map.set(key, (map.get(key) ?? 0) + 1);
        }
      }
      return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    }
    async function actual(db: Kysely<Database> = ctx.db): Promise<[string, number][]> {
      const rows = await db.selectFrom('topicStats').selectAll().where('n', '<>', 0).execute();
      return rows
        .map((r): [string, number] => [[r.regionId, r.month, r.word].join('|'), Number(r.n)])
        .sort(([a], [b]) => (a < b ? -1 : 1));
    }

    it('after edits and deletes', async () => {
      expect(await actual()).toEqual(await expected());
      // An edit moves the appeal's words: 融资难 … leave, 贴息 comes.
      const before = json<{ version: number }>(await call(app, office, 'GET', `/api/appeals/${loan.id}`));
      json(
        await call(app, office, 'PATCH', `/api/appeals/${loan.id}`, {
          title: '技改贷款贴息',
          content: '申请技改项目贷款贴息。',
          version: before.version,
        }),
      );
      const d = await topics(leader, '?from=2025-10&to=2025-10');
      const words = d.words.map((w) => w.word);
      expect(words).not.toContain('融资难');
      expect(d.words.find((w) => w.word === '贴息')).toMatchObject({ count: 1, previousCount: 1 });
      expect(d.words.find((w) => w.word === '贷款')).toMatchObject({ count: 1, previousCount: 1 });
      // A deleted appeal takes its words back (a database trigger).
      await ctx.db.deleteFrom('appealTimeline').where('appealId', '=', road.id).execute();
      await ctx.db.deleteFrom('appeals').where('id', '=', road.id).execute();
      expect((await topics(countyOffice, '?from=2025-10&to=2025-10')).words.map((w) => w.word)).not.toContain(
        '厂区',
      );
      expect(await actual()).toEqual(await expected());
      expect(await ctx.db.selectFrom('appealTopics').select('seq').execute()).toHaveLength(
        (await ctx.db.selectFrom('appeals').select('seq').execute()).length,
      );
    });

    it('is backfilled by the migration', async () => {
      const raw = ctx.db.withoutPlugins() as unknown as Kysely<unknown>;
      const before = await actual();
      await topicMigration.down(raw);
      await topicMigration.up(raw);
      expect(await actual()).toEqual(before);
      expect(await actual()).toEqual(await expected());
    });

    it('is left out of backups and rebuilt by a restore', async () => {
      const dir = path.join(WORK_DIR, `topics-${process.pid}-${Date.now()}`);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'backup.f2f');
      const summary = await createBackup({ db: ctx.db, dialect: ctx.dialect }, file);
      expect(Object.keys(summary.tables)).not.toContain('topic_stats');
      expect(Object.keys(summary.tables)).not.toContain('appeal_topics');
      let target = {
        databaseUrl: null as string | null,
        sqliteFile: path.join(dir, 'restored.sqlite'),
        dataDir: dir,
      };
      let dropDatabase = async () => undefined;
      if (testDialect === 'postgres') {
        const name = `f2f_t_${RUN_ID}_${process.pid}_topics${Date.now()}`;
        await pgAdmin((c) => c.query(`create database ${name}`));
        target = { ...target, databaseUrl: pgUrl(name), sqliteFile: '' };
        dropDatabase = () =>
          pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined);
      }
      try {
        await restoreBackup(target, file);
        const handle = openDatabase(target);
        try {
          expect(await actual(handle.db)).toEqual(await actual());
          expect(await actual(handle.db)).toEqual(await expected(handle.db));
        } finally {
          await handle.close();
        }
      } finally {
        await dropDatabase();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
