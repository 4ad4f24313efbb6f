import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { call, createTestApp, login } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json() as T;
}

interface DashboardBody {
  total: { count: number };
  asOf: string;
  regionId: string | null;
}

describe('the dashboard keeps its figures a few seconds, and counts again after any change', async () => {
  // Monday 10 November 2025; the default keeping time (10 s).
  const { app, ctx, clock, config } = await createTestApp({ now: '2025-11-10T02:00:00.000Z' });
  const leader = await login(app, 'leader');
  const enterprise = await login(app, 'enterprise');
  const dashboard = async (query = '') =>
    json<DashboardBody>(await call(app, leader, 'GET', `/api/dashboard${query}`));
  const appealCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('appeals')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** An appeal written with plain SQL, past the services (as another server would, for this one). */
  async function insertBehindTheServer(): Promise<void> {
    const template = await ctx.db.selectFrom('appeals').selectAll().orderBy('seq').executeTakeFirstOrThrow();
    const max = await ctx.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirstOrThrow();
    const seq = Number(max.m) + 1;
    await ctx.db
      .insertInto('appeals')
      .values({ ...template, id: uuidv7(), seq, number: `T-${seq}` })
      .execute();
    // The seq was taken by hand: move PostgreSQL's sequence past it.
    if (ctx.dialect === 'postgres') {
      await sql`select setval(pg_get_serial_sequence('appeals', 'seq'), (select max(seq) from appeals))`.execute(
        ctx.db,
      );
    }
  }

  it('answers the kept figures until they are older than the limit, with the instant they were counted', async () => {
    expect(config.dashboardCacheSeconds).toBe(10);
    json(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title: '厂房用地审批',
        content: '厂房用地审批进度慢，请协调解决。',
        category: 'land',
      }),
    );
    const first = await dashboard();
    expect(first.total.count).toBe(await appealCount());
    expect(first.asOf).toBe('2025-11-10T02:00:00.000Z');

    // A change this server did not make: the kept figures are answered, with their time.
    await insertBehindTheServer();
    clock.set('2025-11-10T02:00:09.000Z');
    const kept = await dashboard();
    expect(kept.total.count).toBe(first.total.count);
    expect(kept.asOf).toBe(first.asOf);
    // Another scope is counted on its own, now.
    const year = await dashboard('?from=2025-01&to=2025-12');
    expect(year.total.count).toBe(await appealCount());
    expect(year.asOf).toBe('2025-11-10T02:00:09.000Z');

    // Ten seconds on, counted again.
    clock.set('2025-11-10T02:00:10.000Z');
    const recounted = await dashboard();
    expect(recounted.total.count).toBe(first.total.count + 1);
    expect(recounted.asOf).toBe('2025-11-10T02:00:10.000Z');
  });

  it('counts again at once after a change made through this server', async () => {
    const before = await dashboard();
    clock.set('2025-11-10T02:00:11.000Z');
    expect((await dashboard()).asOf).toBe(before.asOf);
    json(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title: '融资担保费用补贴',
        content: '申请融资担保费用补贴，请协调解决。',
        category: 'finance',
      }),
    );
    const after = await dashboard();
    expect(after.total.count).toBe(before.total.count + 1);
    expect(after.total.count).toBe(await appealCount());
    expect(after.asOf).toBe('2025-11-10T02:00:11.000Z');
  });
});
