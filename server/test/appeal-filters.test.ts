import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
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

/** The pool's click-through filters (dashboard and rankings): GET /api/appeals and its exports. */
describe('the pool’s figure filters', async () => {
  // Monday 10 November 2025; every assignment is due on Friday 14 November.
  const t = await createTestApp({
    now: '2025-11-10T02:00:00.000Z',
    config: { sessionIdleMinutes: 30 * 24 * 60, sessionMaxHours: 30 * 24 },
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
  await handlerIn(t, 'financehandler', financeId);
  const dongyuanId = await regionId(ctx, '东源县');
  const due = '2025-11-14';

  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));

  async function submit(title: string): Promise<Detail> {
    return json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请协调解决。`,
        category: 'land',
      }),
    );
  }
  async function assign(id: string, leadUnitId: string): Promise<void> {
    let appeal = await detail(office, id);
    if (appeal.status === 'pooled') {
      appeal = json<Detail>(
        await act(office, id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
      );
    }
    json(
      await act(office, id, 'assign', {
        leadUnitId,
        coUnitIds: [],
        measures: '协调办理',
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

  const ids: Record<string, string> = {};
  const of = (...names: string[]) => names.map((n) => ids[n] ?? '').sort();
  const listed = async (query: string, s: Session = leader) => {
    const page = json<{ total: number; items: { id: string }[] }>(
      await call(app, s, 'GET', `/api/appeals?${query}&pageSize=50`),
    );
    expect(page.total).toBe(page.items.length);
    return page.items.map((a) => a.id).sort();
  };

  it('sets up: closed on time, closed late and reopened, returned and reassigned, overdue and supervised', async () => {
    // A1 自然资源局, closed on time and rated satisfied.
    ids.a1 = (await submit('地块出让条件确认')).id;
    await assign(ids.a1, nrId);
    await close(nr, ids.a1);
    await rate(ids.a1, 'satisfied');
    // A2 自然资源局, closed late (17 November), rated dissatisfied and reopened.
    ids.a2 = (await submit('临时用地续期')).id;
    await assign(ids.a2, nrId);
    // A3 returned by 自然资源局, reassigned to 财政局 which lets it run past its due date.
    ids.a3 = (await submit('专项资金拨付')).id;
    await assign(ids.a3, nrId);
    const a3 = await detail(nr, ids.a3);
    json(await act(nr, ids.a3, 'return', { reason: '资金拨付属财政局职责，请改派', version: a3.version }));
    await assign(ids.a3, financeId);
    // A4 东源县人民政府, accepted, supervised (urged), past its due date.
    ids.a4 = (await submit('园区道路接驳')).id;
    await assign(ids.a4, dyId);
    const a4 = await detail(dy, ids.a4);
    json(await act(dy, ids.a4, 'accept', { version: a4.version }));
    const assignment = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('appealId', '=', ids.a4)
      .executeTakeFirstOrThrow();
    json(
      await call(app, supervisor, 'POST', '/api/supervision/actions', {
        assignmentId: assignment.id,
        level: 'urge',
        note: '请加快办理并书面答复',
      }),
    );
    // A5 still in the pool.
    ids.a5 = (await submit('水电报装时间长')).id;

    clock.set('2025-11-17T02:00:00.000Z');
    await close(nr, ids.a2);
    const rating = await rate(ids.a2, 'dissatisfied');
    const a2 = await detail(office, ids.a2);
    json(
      await act(office, ids.a2, 'reopen', { ratingId: rating, measures: '一周内办结', version: a2.version }),
    );
    expect(await listed('')).toEqual(of('a1', 'a2', 'a3', 'a4', 'a5'));
  });

  it('reopened, overdue (today, city date), onTime', async () => {
    expect(await listed('reopened=true')).toEqual(of('a2'));
    expect(await listed('reopened=false')).toEqual(of('a1', 'a3', 'a4', 'a5'));
    // A2's reopened assignment is due later; A3 (财政局) and A4 (东源县) ran past 14 November.
    expect(await listed('overdue=true')).toEqual(of('a3', 'a4'));
    expect(await listed(`overdue=true&leadUnitId=${financeId}`)).toEqual(of('a3'));
    expect(await listed(`overdue=true&leadUnitId=${nrId}`)).toEqual([]);
    expect(await listed('onTime=true')).toEqual(of('a1'));
    expect(await listed('onTime=false')).toEqual(of('a2'));
    expect(await listed(`onTime=true&leadUnitId=${financeId}`)).toEqual([]);
    // On the due date itself nothing is overdue yet.
    clock.set('2025-11-14T15:00:00.000Z'); // 23:00 on the 14th in the city
    expect(await listed('overdue=true')).toEqual([]);
    clock.set('2025-11-17T02:00:00.000Z');
  });

  it('leadUnitId, leadRegionId and assignmentStatus hold for one and the same assignment', async () => {
    // A3's assignment to 自然资源局 was returned: not its appeal unless returned ones are asked for.
    expect(await listed(`leadUnitId=${nrId}`)).toEqual(of('a1', 'a2'));
    expect(await listed(`leadUnitId=${nrId}&assignmentStatus=any`)).toEqual(of('a1', 'a2', 'a3'));
    expect(await listed(`leadUnitId=${nrId}&assignmentStatus=returned`)).toEqual(of('a3'));
    expect(await listed(`leadUnitId=${nrId}&assignmentStatus=open`)).toEqual(of('a2'));
    expect(await listed(`leadUnitId=${nrId}&assignmentStatus=closed`)).toEqual(of('a1', 'a2'));
    expect(await listed(`leadUnitId=${financeId}`)).toEqual(of('a3'));
    expect(await listed('assignmentStatus=open')).toEqual(of('a2', 'a3', 'a4'));
    expect(await listed('assignmentStatus=returned')).toEqual(of('a3'));
    expect(await listed(`leadRegionId=${dongyuanId}`)).toEqual(of('a4'));
    expect(await listed(`leadRegionId=${dongyuanId}&overdue=true`)).toEqual(of('a4'));
    expect(await listed(`leadUnitId=${nrId}&reopened=true`)).toEqual(of('a2'));
  });

  it('rating and supervised, by the rated or supervised unit', async () => {
    expect(await listed('rating=satisfied')).toEqual(of('a1'));
    expect(await listed('rating=dissatisfied')).toEqual(of('a2'));
    expect(await listed(`rating=satisfied&leadUnitId=${nrId}`)).toEqual(of('a1'));
    expect(await listed(`rating=satisfied&leadUnitId=${financeId}`)).toEqual([]);
    expect(await listed('supervised=true')).toEqual(of('a4'));
    expect(await listed(`supervised=true&leadUnitId=${dyId}`)).toEqual(of('a4'));
    expect(await listed(`supervised=true&leadRegionId=${dongyuanId}`)).toEqual(of('a4'));
    expect(await listed(`supervised=true&leadUnitId=${nrId}`)).toEqual([]);
  });

  it('never widens what a reader may see, and refuses values it does not know', async () => {
    // 东源县's office sees its county's appeals only: A4 is a 源城区 enterprise's, handled by the city.
    expect(await listed('supervised=true', countyOffice)).toEqual([]);
    // The handler of 自然资源局 sees what was routed to it: A1–A3, not A4.
    expect(await listed('assignmentStatus=any', nr)).toEqual(of('a1', 'a2', 'a3'));
    expectError(await call(app, leader, 'GET', '/api/appeals?overdue=false'), 'request.invalid');
    expectError(await call(app, leader, 'GET', '/api/appeals?rating=good'), 'request.invalid');
    expectError(await call(app, leader, 'GET', '/api/appeals?assignmentStatus=late'), 'request.invalid');
  });

  it('the exports take the same filters', async () => {
    const numbers = async (url: string, sheetName: string) => {
      const response = await call(app, leader, 'GET', url);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet(sheetName);
      const values: string[] = [];
      sheet?.eachRow((row, index) => {
        if (index > 1) values.push(String(row.getCell(1).value));
      });
      return values.sort();
    };
    const expected = (
      await ctx.db.selectFrom('appeals').select('number').where('id', 'in', of('a3', 'a4')).execute()
    )
      .map((a) => a.number)
      .sort();
    expect(await numbers('/api/appeals/export.xlsx?overdue=true', '诉求池')).toEqual(expected);
    expect(await numbers('/api/exports/ledger.xlsx?overdue=true', '诉求台账')).toEqual(expected);
    const [a2] = (
      await ctx.db
        .selectFrom('appeals')
        .select('number')
        .where('id', '=', ids.a2 ?? '')
        .execute()
    ).map((a) => a.number);
    expect(await numbers(`/api/exports/ledger.xlsx?onTime=false&leadUnitId=${nrId}`, '诉求台账')).toEqual([
      a2,
    ]);
  });
});
