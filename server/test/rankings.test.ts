import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ranked } from '../src/modules/dashboard/rankings.service.ts';
import { expectError, handlerIn, regionId, unitId } from './helpers.ts';
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
interface Row {
  rank: number;
  id: string;
  name: string;
  regionId: string;
  received: number;
  closed: number;
  closedOnTime: number;
  returned: number;
  reopened: number;
  ratingsGiven: number;
  satisfied: number;
  supervisionNotices: number;
  onTimeRate: number | null;
  closureRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  averageWorkingDays: number | null;
  supervisionDeduction: number;
  score: number;
  appeals: Record<string, Record<string, string>>;
}
interface Body {
  from: string | null;
  to: string | null;
  regionId: string | null;
  formula: { zh: string; en: string };
  units: Row[];
  counties: Row[];
}

describe('unit ranking (考核)', async () => {
  // Monday 10 November 2025; every assignment is due on Friday 14 November.
  const t = await createTestApp({
    now: '2025-11-10T02:00:00.000Z',
    config: { reopenCap: 2, sessionIdleMinutes: 30 * 24 * 60, sessionMaxHours: 30 * 24 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const nr = await login(app, 'handler');
  const dy = await login(app, 'county');
  const leader = await login(app, 'leader');
  const supervisor = await login(app, 'supervisor');
  const countyOffice = await login(app, 'countyoffice');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const dyId = await unitId(ctx, '东源县人民政府');
  const finance = await handlerIn(t, 'financehandler', financeId);
  const dongyuanId = await regionId(ctx, '东源县');
  const yuanchengId = await regionId(ctx, '源城区');
  const due = '2025-11-14';

  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const rankings = async (s: Session, query = '') =>
    json<Body>(await call(app, s, 'GET', `/api/dashboard/rankings${query}`));

  async function assignTo(title: string, leadUnitId: string): Promise<string> {
    const appeal = json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请协调解决。`,
        category: 'land',
      }),
    );
    const direct = json<Detail>(
      await act(office, appeal.id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
    );
    json(
      await act(office, appeal.id, 'assign', {
        leadUnitId,
        coUnitIds: [],
        measures: '协调办理',
        dueDate: due,
        version: direct.version,
      }),
    );
    return appeal.id;
  }
  async function reassign(id: string, leadUnitId: string): Promise<void> {
    const appeal = await detail(office, id);
    json(
      await act(office, id, 'assign', {
        leadUnitId,
        coUnitIds: [],
        measures: '改由本单位办理',
        dueDate: due,
        version: appeal.version,
      }),
    );
  }
  async function close(unit: Session, id: string): Promise<void> {
    let appeal = await detail(unit, id);
    if (appeal.status === 'assigned')
      appeal = json<Detail>(await act(unit, id, 'accept', { version: appeal.version }));
    json(await act(unit, id, 'report', { reply: '已协调解决，详见答复意见。', version: appeal.version }));
    appeal = await detail(office, id);
    json(await act(office, id, 'close', { version: appeal.version }));
  }
  async function rate(id: string, value: string): Promise<string> {
    const ratings = json<{ ratings: { id: string; role: string; status: string }[] }>(
      await call(app, enterprise, 'GET', `/api/appeals/${id}/ratings`),
    ).ratings;
    const lead = ratings.find((r) => r.role === 'lead' && r.status === 'requested');
    json(
      await act(enterprise, id, `ratings/${lead?.id}`, {
        value,
        ...(value === 'dissatisfied' && { reason: 'slow' }),
      }),
    );
    return lead?.id ?? '';
  }
  async function supervise(id: string, level: string): Promise<void> {
    const assignment = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('appealId', '=', id)
      .where('status', 'in', ['pending', 'accepted', 'reported'])
      .executeTakeFirstOrThrow();
    json(
      await call(app, supervisor, 'POST', '/api/supervision/actions', {
        assignmentId: assignment.id,
        level,
        note: '请加快办理并书面答复',
      }),
    );
  }

  const ids: Record<string, string> = {};

  it('computes every figure and the score by hand, and ranks by score', async () => {
    // A1 自然资源局: closed the day it is assigned (0 working days), on time, rated satisfied.
    ids.a1 = await assignTo('地块出让条件确认', nrId);
    await close(nr, ids.a1);
    await rate(ids.a1, 'satisfied');
    // A2 自然资源局: urged, then a supervision notice; closed late on Monday 17 November (5 working days),
    // rated dissatisfied, reopened (a new assignment to 自然资源局, still open).
    ids.a2 = await assignTo('临时用地续期', nrId);
    await supervise(ids.a2, 'urge');
    await supervise(ids.a2, 'supervisionNotice');
    // A3: 自然资源局 returns it; 财政局 closes it on Wednesday 12 November (2 working days), basically satisfied.
    ids.a3 = await assignTo('专项资金拨付', nrId);
    const a3 = await detail(nr, ids.a3);
    json(await act(nr, ids.a3, 'return', { reason: '资金拨付属财政局职责，请改派', version: a3.version }));
    await reassign(ids.a3, financeId);
    // A4 财政局: listed supervision, still open.
    ids.a4 = await assignTo('贴息资金兑现', financeId);
    await supervise(ids.a4, 'listedSupervision');
    // A5 东源县人民政府: four circulars (12 points, capped at 10); closed on 12 November, rated dissatisfied
    // but that rating is left out of the score (an approved explanation).
    ids.a5 = await assignTo('园区道路接驳', dyId);
    for (let i = 0; i < 4; i++) await supervise(ids.a5, 'circular');

    clock.set('2025-11-12T02:00:00.000Z');
    await close(finance, ids.a3);
    await rate(ids.a3, 'basicallySatisfied');
    await close(dy, ids.a5);
    const a5Rating = await rate(ids.a5, 'dissatisfied');
    await ctx.db.updateTable('ratings').set({ excludedFromScore: 1 }).where('id', '=', a5Rating).execute();

    clock.set('2025-11-17T02:00:00.000Z');
    await close(nr, ids.a2);
    const a2Rating = await rate(ids.a2, 'dissatisfied');
    const a2 = await detail(office, ids.a2);
    json(
      await act(office, ids.a2, 'reopen', {
        ratingId: a2Rating,
        measures: '一周内办结',
        version: a2.version,
      }),
    );

    const r = await rankings(leader, '?from=2025-11&to=2025-11');
    expect(r.formula.zh).toContain(
      '得分 = 按时办结率×40 + 办结率×20 + 满意率×30 + (1 − 重办率)×10 − 督办扣分',
    );
    expect(r.formula.en).toContain('Score = on-time rate × 40');
    expect(r.units.map((u) => [u.rank, u.name, u.score])).toEqual([
      // 40 + 20 + 30 (no rating counted: nothing deducted) + 10 − 10 (capped)
      [1, '东源县人民政府', 90],
      // 1×40 + ½×20 + 1×30 + 1×10 − 2
      [2, '河源市财政局', 88],
      // ½×40 + ⅔×20 + ½×30 + (1 − ¼)×10 − 1.5 = 54.333…
      [3, '河源市自然资源局', 54.33],
    ]);
    const [dyRow, financeRow, nrRow] = r.units;
    expect(nrRow).toMatchObject({
      id: nrId,
      received: 4, // A1, A2, A2's reopen, A3 (returned)
      closed: 2,
      closedOnTime: 1,
      returned: 1,
      reopened: 1,
      ratingsGiven: 2,
      satisfied: 1,
      supervisionNotices: 2,
      onTimeRate: 0.5,
      satisfactionRate: 0.5,
      reopenRate: 0.25,
      averageWorkingDays: 2.5,
      supervisionDeduction: 1.5,
    });
    expect(nrRow?.closureRate).toBeCloseTo(2 / 3, 10);
    expect(financeRow).toMatchObject({
      id: financeId,
      received: 2,
      closed: 1,
      closedOnTime: 1,
      returned: 0,
      reopened: 0,
      ratingsGiven: 1,
      satisfied: 1,
      supervisionNotices: 1,
      onTimeRate: 1,
      closureRate: 0.5,
      satisfactionRate: 1,
      reopenRate: 0,
      averageWorkingDays: 2,
      supervisionDeduction: 2,
    });
    expect(dyRow).toMatchObject({
      id: dyId,
      regionId: dongyuanId,
      received: 1,
      closed: 1,
      closedOnTime: 1,
      ratingsGiven: 0,
      satisfied: 0,
      supervisionNotices: 4,
      satisfactionRate: null,
      averageWorkingDays: 2,
      supervisionDeduction: 10,
    });
    // Counties: only 东源县 has a unit of its own among them; city departments belong to no county.
    expect(r.counties).toHaveLength(1);
    expect(r.counties[0]).toMatchObject({
      rank: 1,
      id: dongyuanId,
      name: '东源县',
      received: 1,
      supervisionNotices: 4,
      score: 90,
    });

    // Each count links to the pool's list of its appeals.
    const listed = async (link: Record<string, string> | undefined) => {
      const query = new URLSearchParams({ ...(link ?? {}), pageSize: '50' }).toString();
      const page = json<{ items: { id: string }[] }>(await call(app, leader, 'GET', `/api/appeals?${query}`));
      return page.items.map((a) => a.id).sort();
    };
    const of = (...names: string[]) => names.map((n) => ids[n] ?? '').sort();
    expect(await listed(nrRow?.appeals.received)).toEqual(of('a1', 'a2', 'a3'));
    expect(await listed(nrRow?.appeals.closed)).toEqual(of('a1', 'a2'));
    expect(await listed(nrRow?.appeals.closedOnTime)).toEqual(of('a1'));
    expect(await listed(nrRow?.appeals.returned)).toEqual(of('a3'));
    expect(await listed(nrRow?.appeals.reopened)).toEqual(of('a2'));
    expect(await listed(nrRow?.appeals.satisfied)).toEqual(of('a1'));
    expect(await listed(nrRow?.appeals.supervisionNotices)).toEqual(of('a2'));
    expect(await listed(financeRow?.appeals.received)).toEqual(of('a3', 'a4'));
    expect(await listed(financeRow?.appeals.satisfied)).toEqual(of('a3'));
    expect(await listed(financeRow?.appeals.returned)).toEqual([]);
    expect(await listed(r.counties[0]?.appeals.received)).toEqual(of('a5'));
    expect(await listed(r.counties[0]?.appeals.supervisionNotices)).toEqual(of('a5'));
    expect(await listed(r.counties[0]?.appeals.satisfied)).toEqual([]);
    expect(nrRow?.appeals.closed).toEqual({
      from: '2025-11-01',
      to: '2025-11-30',
      leadUnitId: nrId,
      assignmentStatus: 'closed',
    });

    // Another period holds none of it; no period holds all of it.
    const december = await rankings(leader, '?from=2025-12&to=2025-12');
    expect([december.units, december.counties]).toEqual([[], []]);
    expect((await rankings(leader)).units.map((u) => u.score)).toEqual([90, 88, 54.33]);
  });

  it('shows a county’s people their county’s units and their county only', async () => {
    const mine = await rankings(countyOffice, '?from=2025-11&to=2025-11');
    expect(mine.regionId).toBe(dongyuanId);
    expect(mine.units.map((u) => u.id)).toEqual([dyId]);
    expect(mine.counties.map((c) => c.id)).toEqual([dongyuanId]);
    expect((await rankings(leader, `?regionId=${dongyuanId}`)).units.map((u) => u.id)).toEqual([dyId]);
    expect((await rankings(leader, `?regionId=${yuanchengId}`)).units).toEqual([]);
    expectError(
      await call(app, countyOffice, 'GET', `/api/dashboard/rankings?regionId=${yuanchengId}`),
      'dashboard.region_out_of_scope',
    );
    expectError(await call(app, nr, 'GET', '/api/dashboard/rankings'), 'auth.forbidden');
    expectError(await call(app, enterprise, 'GET', '/api/dashboard/rankings/export.xlsx'), 'auth.forbidden');
    expectError(
      await call(app, leader, 'GET', '/api/dashboard/rankings?from=2025-12&to=2025-11'),
      'dashboard.bad_period',
    );
  });

  it('exports the ranking to Excel with the same figures', async () => {
    const response = await call(
      app,
      leader,
      'GET',
      '/api/dashboard/rankings/export.xlsx?from=2025-11&to=2025-11',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain(
      '考核排名-2025-11至2025-11.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['单位排名', '县区排名']);
    const units = workbook.getWorksheet('单位排名');
    expect(units?.getRow(1).getCell(1).value).toBe('名次');
    expect(units?.getRow(1).getCell(17).value).toBe('得分');
    expect([1, 2, 3, 17].map((c) => units?.getRow(2).getCell(c).value)).toEqual([1, '东源县人民政府', 1, 90]);
    expect(units?.getRow(4).getCell(6).value).toBe(50); // 自然资源局's on-time rate, in per cent
    expect(String(units?.getRow(7).getCell(1).value)).toContain('得分 =');
    const counties = workbook.getWorksheet('县区排名');
    expect(counties?.getRow(2).getCell(2).value).toBe('东源县');
  });

  it('gives equal scores the same rank', () => {
    const row = (name: string, score: number) => ({ name, score }) as Parameters<typeof ranked>[0][number];
    expect(
      ranked([row('乙', 80), row('甲', 90), row('丙', 80), row('丁', 70)]).map((r) => [r.rank, r.name]),
    ).toEqual([
      [1, '甲'],
      [2, '丙'],
      [2, '乙'],
      [4, '丁'],
    ]);
  });
});
