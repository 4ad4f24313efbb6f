import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { type Job, scheduleJobs } from '../src/jobs/jobs.ts';
import { MERGE_HOUR, mergeIsDue, searchIndexSegments } from '../src/modules/search/search-maintenance.ts';
import { testDialect } from './databases.ts';
import { call, createTestApp, login } from './test-app.ts';

describe('the full-text index’s nightly upkeep (searchIndex job)', async () => {
  const { app, ctx, clock } = await createTestApp();
  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');

  // Each appeal its own commit: on SQLite each commit adds a segment to the index.
  const titles = ['用地指标审批缓慢', '厂房用地报批', '融资担保门槛高', '技改补贴申领难', '新增用地指标申请'];
  const created: string[] = [];
  for (const title of titles) {
    const response = await call(app, enterprise, 'POST', '/api/appeals/submit', {
      title,
      content: `${title}，希望相关部门协调解决。`,
      category: title.includes('用地') ? 'land' : 'finance',
    });
    expect(response.statusCode, response.body).toBe(200);
    created.push(response.json().id as string);
  }

  async function search(q: string): Promise<string[]> {
    const response = await call(app, office, 'GET', `/api/appeals?q=${encodeURIComponent(q)}&pageSize=100`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as { id: string }[]).map((item) => item.id).sort();
  }

  it('merges the index into one segment when an administrator runs it, and every search finds the same', async () => {
    const searches = async () => ({
      land: await search('用地'),
      subsidy: await search('技改补贴'),
      pair: await search('融资'),
    });
    const before = await searches();
    expect(before.land).toEqual([created[0], created[1], created[4]].sort());
    expect(before.subsidy).toEqual([created[3]]);
    const segments = testDialect === 'sqlite' ? await searchIndexSegments(ctx.db) : 0;
    if (testDialect === 'sqlite') expect(segments).toBeGreaterThanOrEqual(titles.length);

    const run = await call(app, admin, 'POST', '/api/admin/jobs/searchIndex/run');
    expect(run.statusCode, run.body).toBe(200);
    const result = run.json().result as Record<string, number>;
    if (testDialect === 'sqlite') {
      expect(result).toMatchObject({ segmentsBefore: segments, segmentsAfter: 1 });
      expect(result.steps).toBeGreaterThanOrEqual(1);
      expect(await searchIndexSegments(ctx.db)).toBe(1);
    } else {
      // PostgreSQL's GIN index keeps itself.
      expect(result).toEqual({});
    }
    expect(await searches()).toEqual(before);

    // Nothing left to merge: the next run does nothing. A new appeal is found, in its own new segment.
    const again = (await call(app, admin, 'POST', '/api/admin/jobs/searchIndex/run')).json().result;
    expect(again).toEqual(testDialect === 'sqlite' ? { segmentsBefore: 1, steps: 0 } : {});
    const later = await call(app, enterprise, 'POST', '/api/appeals/submit', {
      title: '园区用地配套不足',
      content: '园区用地配套设施不足。',
      category: 'land',
    });
    expect(later.statusCode, later.body).toBe(200);
    expect(await search('用地')).toContain(later.json().id);
    if (testDialect === 'sqlite') expect(await searchIndexSegments(ctx.db)).toBe(2);
  });

  it('is due only in the night’s merge hour, city time', () => {
    // Asia/Shanghai is UTC+8: 03:xx there is 19:xx UTC the day before.
    clock.set(`2025-06-02T${String(MERGE_HOUR + 24 - 8 - 1).padStart(2, '0')}:59:00.000Z`);
    expect(mergeIsDue(ctx)).toBe(false);
    clock.set(`2025-06-02T${String(MERGE_HOUR + 24 - 8).padStart(2, '0')}:00:00.000Z`);
    expect(mergeIsDue(ctx)).toBe(true);
    clock.set(`2025-06-02T${String(MERGE_HOUR + 24 - 8).padStart(2, '0')}:59:59.000Z`);
    expect(mergeIsDue(ctx)).toBe(true);
    clock.set(`2025-06-02T${String(MERGE_HOUR + 24 - 8 + 1).padStart(2, '0')}:00:00.000Z`);
    expect(mergeIsDue(ctx)).toBe(false);
  });

  it('leaves a job whose time has not come to its next tick', async () => {
    vi.useFakeTimers();
    try {
      let due = false;
      const ran: string[] = [];
      const job: Job = {
        name: 'probe',
        everyMs: 1000,
        due: () => due,
        run: async () => {
          ran.push('probe');
          return {};
        },
      };
      const log = { info: () => {}, error: () => {} } as unknown as FastifyBaseLogger;
      const stop = scheduleJobs(ctx, log, [job]);
      await vi.advanceTimersByTimeAsync(3000);
      expect(ran).toEqual([]);
      due = true;
      await vi.advanceTimersByTimeAsync(1000);
      expect(ran).toEqual(['probe']);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
