import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { expectError, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Event {
  id: string;
  version: number;
  status: string;
  items: { id: string; appealId: string }[];
}
interface Item {
  appealId: string;
  appealNumber: string;
  enterpriseName: string;
  title: string;
  ruling: string | null;
  leadUnitName: string | null;
  coUnitNames: string[];
  dueDate: string | null;
  status: string;
  closedAt: string | null;
  onTime: boolean | null;
  overdue: boolean;
  daysOverdue: number;
  lastProgress: { at: string; content: string } | null;
  supervisionLevel: string | null;
  rating: string | null;
}
interface View {
  title: string;
  today: string;
  counts: { total: number; closed: number; closedOnTime: number; overdue: number; supervised: number };
  items: Item[];
}

describe('an event’s accountability view (事项落实情况)', async () => {
  // Monday 15 September 2025; the event on Tuesday 30 September (as in events.test.ts).
  const { app, ctx, clock } = await createTestApp({
    now: '2025-09-15T02:00:00.000Z',
    config: { sessionIdleMinutes: 90 * 24 * 60, sessionMaxHours: 90 * 24 },
  });
  const office = await login(app, 'office');
  const leader = await login(app, 'leader');
  const govOffice = await login(app, 'govoffice');
  const supervisor = await login(app, 'supervisor');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const countyOffice = await login(app, 'countyoffice');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const housingId = await unitId(ctx, '河源市住房和城乡建设局');

  const post = (s: Session, path: string, body: unknown) => call(app, s, 'POST', path, body);
  const view = async (s: Session, id: string) =>
    json<View>(await call(app, s, 'GET', `/api/events/${id}/accountability`));
  const version = async (id: string) =>
    json<{ version: number }>(await call(app, office, 'GET', `/api/appeals/${id}`)).version;
  async function submit(title: string): Promise<string> {
    return json<{ id: string }>(
      await post(enterprise, '/api/appeals/submit', {
        title,
        content: `${title}，请协调解决。`,
        category: 'land',
      }),
    ).id;
  }

  const land = await submit('新厂区用地报批进展缓慢');
  const road = await submit('园区进场道路尚未建成');
  const rent = await submit('标准厂房租金补贴未兑现');
  let event = json<Event>(
    await post(office, '/api/events', {
      kind: 'city',
      title: '2025年第三季度“面对面”政企交流活动',
      date: '2025-09-30',
      venue: '市行政服务中心第一会议室',
    }),
  );
  event = json<Event>(
    await post(office, `/api/events/${event.id}/items`, {
      version: event.version,
      items: [
        { appealId: land, proposedHandling: '建议市自然资源局加快报批', unitIds: [nrId, financeId] },
        { appealId: road, proposedHandling: '建议市住建局牵头建设', unitIds: [housingId] },
        { appealId: rent, proposedHandling: '建议市财政局兑现补贴', unitIds: [financeId] },
      ],
    }),
  );
  event = json<Event>(await post(office, `/api/events/${event.id}/submit`, { version: event.version }));
  event = json<Event>(await post(leader, `/api/events/${event.id}/approve`, { version: event.version }));
  event = json<Event>(
    await post(govOffice, `/api/events/${event.id}/notice`, {
      leaders: [{ name: '赵建国', title: '副市长' }],
      noticeNumber: '河府办〔2025〕12号',
      version: event.version,
    }),
  );
  clock.set('2025-09-30T03:00:00.000Z');
  const rulings: [string, string, string[], string, string][] = [
    [land, nrId, [financeId], '2025-10-31', '10个工作日内上报省厅，财政局保障报批经费'],
    [road, housingId, [], '2025-10-15', '住建局10月15日前完成进场道路硬化'],
    [rent, financeId, [], '2025-10-31', '财政局10月底前兑现租金补贴'],
  ];
  for (const [appealId, leadUnitId, coUnitIds, dueDate, measures] of rulings) {
    const item = event.items.find((i) => i.appealId === appealId);
    event = json<Event>(
      await call(app, office, 'PUT', `/api/events/${event.id}/items/${item?.id}/ruling`, {
        leadUnitId,
        coUnitIds,
        dueDate,
        measures,
        version: 0,
      }),
    );
  }

  it('lists each item with its ruling before the assignments exist', async () => {
    const v = await view(office, event.id);
    expect(v.title).toBe('2025年第三季度“面对面”政企交流活动');
    expect(
      v.items.map((i) => [i.title, i.ruling, i.leadUnitName, i.coUnitNames, i.dueDate, i.status]),
    ).toEqual([
      [
        '新厂区用地报批进展缓慢',
        rulings[0]?.[4],
        '河源市自然资源局',
        ['河源市财政局'],
        '2025-10-31',
        'catalogued',
      ],
      ['园区进场道路尚未建成', rulings[1]?.[4], '河源市住房和城乡建设局', [], '2025-10-15', 'catalogued'],
      ['标准厂房租金补贴未兑现', rulings[2]?.[4], '河源市财政局', [], '2025-10-31', 'catalogued'],
    ]);
    expect(v.counts).toEqual({ total: 3, closed: 0, closedOnTime: 0, overdue: 0, supervised: 0 });
  });

  it('follows the handling: closed on time, overdue in working days, progress, supervision and rating', async () => {
    event = json<Event>(
      await post(office, `/api/events/${event.id}/opinions`, {
        preface: '2025年9月30日，市政府举办“面对面”政企交流活动，现将企业诉求事项处理意见印发如下。',
        opinionsNumber: '河府办〔2025〕15号',
        version: event.version,
      }),
    );
    json(await post(leader, `/api/events/${event.id}/opinions/approve`, { version: event.version }));

    // The land bureau accepts, notes its progress, reports on 20 October; the office closes it.
    clock.set('2025-10-09T02:00:00.000Z');
    json(await post(handler, `/api/appeals/${land}/accept`, { version: await version(land) }));
    clock.set('2025-10-13T02:00:00.000Z');
    json(
      await post(handler, `/api/appeals/${land}/progress`, { kind: 'progress', content: '已上报省厅审批' }),
    );
    clock.set('2025-10-20T02:00:00.000Z');
    json(
      await post(handler, `/api/appeals/${land}/report`, {
        reply: '用地报批已获省厅批复，详见答复意见。',
        version: await version(land),
      }),
    );
    json(await post(office, `/api/appeals/${land}/close`, { version: await version(land) }));
    const ratings = json<{ ratings: { id: string; role: string }[] }>(
      await call(app, enterprise, 'GET', `/api/appeals/${land}/ratings`),
    ).ratings;
    const lead = ratings.find((r) => r.role === 'lead');
    json(await post(enterprise, `/api/appeals/${land}/ratings/${lead?.id}`, { value: 'satisfied' }));

    // The road is past its 15 October deadline: the supervision office sends a reminder.
    const roadAssignment = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('appealId', '=', road)
      .executeTakeFirstOrThrow();
    json(
      await post(supervisor, '/api/supervision/actions', {
        assignmentId: roadAssignment.id,
        level: 'reminder',
        note: '请尽快完成进场道路硬化并报告进展',
      }),
    );

    const v = await view(leader, event.id);
    expect(v.today).toBe('2025-10-20');
    const [a, b, c] = v.items;
    expect(a).toMatchObject({
      status: 'closed',
      onTime: true,
      overdue: false,
      daysOverdue: 0,
      lastProgress: { content: '已上报省厅审批' },
      supervisionLevel: null,
      rating: 'satisfied',
      coUnitNames: ['河源市财政局'],
    });
    expect(a?.lastProgress?.at).toBe('2025-10-13T02:00:00.000Z');
    // 15 October is a Wednesday: 16, 17 and 20 October are the working days after it.
    expect(b).toMatchObject({
      status: 'assigned',
      onTime: null,
      overdue: true,
      daysOverdue: 3,
      lastProgress: null,
      supervisionLevel: 'reminder',
      rating: null,
    });
    expect(c).toMatchObject({ status: 'assigned', overdue: false, daysOverdue: 0, supervisionLevel: null });
    expect(v.counts).toEqual({ total: 3, closed: 1, closedOnTime: 1, overdue: 1, supervised: 1 });
  });

  it('exports the same rows to Excel', async () => {
    const response = await call(app, govOffice, 'GET', `/api/events/${event.id}/accountability/export.xlsx`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('事项落实情况');
    expect(sheet?.getRow(1).getCell(2).value).toBe('编号');
    const row = (n: number): unknown[] => (sheet ? (sheet.getRow(n).values as unknown[]).slice(1) : []);
    expect(row(2).slice(3, 5)).toEqual(['新厂区用地报批进展缓慢', rulings[0]?.[4]]);
    expect(row(3)[8]).toBe('已交办待签收');
    expect(row(3)[10]).toBe(3);
    expect(row(3)[12]).toBe('提醒');
    expect(row(2)[13]).toBe('满意');
  });

  it('is seen only by those who see the event', async () => {
    expectError(
      await call(app, countyOffice, 'GET', `/api/events/${event.id}/accountability`),
      'event.not_found',
    );
    expectError(
      await call(app, countyOffice, 'GET', `/api/events/${event.id}/accountability/export.xlsx`),
      'event.not_found',
    );
    expectError(await call(app, handler, 'GET', `/api/events/${event.id}/accountability`), 'auth.forbidden');
    expectError(
      await call(app, office, 'GET', '/api/events/0190a4e2-0000-7000-8000-000000000000/accountability'),
      'event.not_found',
    );
  });
});
