import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { auditAfter, expectError, handlerIn, lastAuditSeq, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Detail {
  id: string;
  status: string;
  version: number;
  allowedActions: string[];
  timeline: { kind: string; data: Record<string, unknown> | null }[];
}
interface Handling {
  notes: { kind: string; unitName: string; contactWay: string | null }[];
  extensions: { status: string; requestedDueDate: string }[];
  replies: { content: string; outcome: string; reviewNote: string | null }[];
  returnCount: number;
  workingDaysLeft: number | null;
}

describe('handling an assignment to closure', async () => {
  // Friday 26 September 2025; the National Day holiday runs from 1 to 8 October, with 调休 on 28 Sep and 11 Oct.
  const t = await createTestApp({
    now: '2025-09-26T02:00:00.000Z',
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const nrHandler = await login(app, 'handler');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const housingId = await unitId(ctx, '河源市住房和城乡建设局');
  const finance = await handlerIn(t, 'finhandler', financeId);
  const housing = await handlerIn(t, 'househandler', housingId);

  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const handling = async (s: Session, id: string) =>
    json<Handling>(await call(app, s, 'GET', `/api/appeals/${id}/handling`));
  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);

  async function assigned(title: string, leadUnitId: string, coUnitIds: string[]): Promise<Detail> {
    const appeal = json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请有关部门协调解决。`,
        category: 'utilities',
      }),
    );
    const direct = json<Detail>(
      await act(office, appeal.id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
    );
    return json<Detail>(
      await act(office, appeal.id, 'assign', {
        leadUnitId,
        coUnitIds,
        measures: '协调加快办理',
        version: direct.version,
      }),
    );
  }

  let appeal: Detail;

  it('the lead unit accepts or returns; a return goes back to the office and is counted', async () => {
    appeal = await assigned('工业用电增容报装周期长', housingId, [financeId]);
    expect(appeal.status).toBe('assigned');
    expect((await detail(housing, appeal.id)).allowedActions).toEqual(['accept', 'returnAssignment']);
    expect((await detail(finance, appeal.id)).allowedActions).toEqual([]);
    expectError(await act(finance, appeal.id, 'accept', { version: appeal.version }), 'auth.forbidden');

    const verification = json<{ assignments: { acceptDueDate: string; status: string }[] }>(
      await call(app, office, 'GET', `/api/appeals/${appeal.id}/verification`),
    );
    expect(verification.assignments[0]).toMatchObject({ acceptDueDate: '2025-09-29', status: 'pending' });

    appeal = json<Detail>(
      await act(housing, appeal.id, 'return', {
        reason: '用电报装由供电部门负责，建议交自然资源局协调',
        version: appeal.version,
      }),
    );
    expect(appeal.status).toBe('toAssign');
    expect((await handling(office, appeal.id)).returnCount).toBe(1);
    expect(appeal.timeline.at(-1)).toMatchObject({ kind: 'returned', data: { returnCount: 1 } });
    // The returning unit keeps read access to what it saw, but has nothing left to do.
    expect((await detail(housing, appeal.id)).allowedActions).toEqual([]);

    appeal = json<Detail>(
      await act(office, appeal.id, 'assign', {
        leadUnitId: nrId,
        coUnitIds: [financeId],
        measures: '自然资源局牵头协调供电部门',
        version: appeal.version,
      }),
    );
    appeal = json<Detail>(await act(nrHandler, appeal.id, 'accept', { version: appeal.version }));
    expect(appeal.status).toBe('inProgress');
    expect(appeal.allowedActions).toEqual(['addProgress', 'requestExtension', 'reportCompletion']);
  });

  it('records progress, contacts with the enterprise and a co-unit’s input', async () => {
    expectError(
      await act(nrHandler, appeal.id, 'progress', {
        kind: 'contact',
        content: '电话联系企业',
        contactDate: '2025-10-20',
        contactWay: 'phone',
        contactPerson: '李春明',
      }),
      'request.invalid',
    );
    json(
      await act(nrHandler, appeal.id, 'progress', {
        kind: 'contact',
        content: '电话联系企业负责人，了解用电需求',
        contactDate: '2025-09-26',
        contactWay: 'phone',
        contactPerson: '李春明',
      }),
    );
    json(await act(nrHandler, appeal.id, 'progress', { kind: 'progress', content: '已函告供电局' }));
    expectError(
      await act(nrHandler, appeal.id, 'co-input', { content: '主办不能写协办意见' }),
      'auth.forbidden',
    );
    // The co-unit's own sub-deadline: 3 working days before the lead unit's 10 (counted by hand from Friday
    // 26 September 2025 across the National Day holiday: 28 Sep make-up day, …, 11 Oct make-up day, … 16 Oct).
    const coUnitsOf = async () =>
      json<{
        assignments: {
          dueDate: string;
          coUnits: { name: string; dueDate: string | null; inputAt: string | null }[];
        }[];
      }>(await call(app, office, 'GET', `/api/appeals/${appeal.id}/verification`)).assignments.at(-1);
    expect(await coUnitsOf()).toMatchObject({
      dueDate: '2025-10-16',
      coUnits: [{ name: '河源市财政局', dueDate: '2025-10-13', inputAt: null }],
    });
    const financeList = json<{ items: { appealId: string; myRole: string; myDueDate: string | null }[] }>(
      await call(app, finance, 'GET', '/api/assignments'),
    ).items.filter((item) => item.appealId === appeal.id);
    expect(financeList.map((item) => [item.myRole, item.myDueDate])).toContainEqual(['co', '2025-10-13']);
    json(await act(finance, appeal.id, 'co-input', { content: '增容改造可申请园区基础设施补助' }));
    expect((await coUnitsOf())?.coUnits[0]?.inputAt).toBe(ctx.clock.now().toISOString());
    const seen = await handling(office, appeal.id);
    expect(seen.notes.map((n) => [n.kind, n.unitName])).toEqual([
      ['contact', '河源市自然资源局'],
      ['progress', '河源市自然资源局'],
      ['coInput', '河源市财政局'],
    ]);
    // The enterprise does not read the units' working notes.
    expect((await handling(enterprise, appeal.id)).notes).toEqual([]);
  });

  it('asks for an extension; the office approves and the enterprise sees the new date', async () => {
    expectError(
      await act(nrHandler, appeal.id, 'extension', {
        newDueDate: '2025-10-11',
        reason: '需等待供电局线路改造方案',
      }),
      'handling.extension_date_invalid',
    );
    appeal = json<Detail>(
      await act(nrHandler, appeal.id, 'extension', {
        newDueDate: '2025-10-24',
        reason: '需等待供电局线路改造方案',
      }),
    );
    expect(appeal.allowedActions).not.toContain('requestExtension');
    expect((await detail(office, appeal.id)).allowedActions).toContain('decideExtension');
    expectError(await act(nrHandler, appeal.id, 'extension/decide', { approve: true }), 'auth.forbidden');
    json(await act(office, appeal.id, 'extension/decide', { approve: true, note: '同意延期' }));
    const forEnterprise = json<{
      assignments: { dueDate: string; originalDueDate: string; status: string }[];
    }>(await call(app, enterprise, 'GET', `/api/appeals/${appeal.id}/verification`));
    expect(forEnterprise.assignments.at(-1)).toMatchObject({
      dueDate: '2025-10-24',
      originalDueDate: '2025-10-16',
      status: 'accepted',
    });
    expect((await handling(enterprise, appeal.id)).extensions).toEqual([
      expect.objectContaining({ status: 'approved', requestedDueDate: '2025-10-24' }),
    ]);
    // A refused request stays between the unit and the office.
    json(await act(nrHandler, appeal.id, 'extension', { newDueDate: '2025-10-31', reason: '再延一周' }));
    json(await act(office, appeal.id, 'extension/decide', { approve: false, note: '不予再次延期' }));
    expect((await handling(office, appeal.id)).extensions.map((x) => x.status)).toEqual([
      'approved',
      'refused',
    ]);
    expect((await handling(enterprise, appeal.id)).extensions.map((x) => x.status)).toEqual(['approved']);
  });

  it('the lead unit replies and reports completion; the office sends it back, then closes', async () => {
    appeal = await detail(nrHandler, appeal.id);
    expectError(
      await act(finance, appeal.id, 'report', {
        reply: '协办单位不能报办结，这是测试内容',
        version: appeal.version,
      }),
      'auth.forbidden',
    );
    expectError(
      await act(nrHandler, appeal.id, 'report', {
        reply: '已协调供电局完成增容方案设计',
        version: appeal.version - 1,
      }),
      'request.conflict',
    );
    appeal = json<Detail>(
      await act(nrHandler, appeal.id, 'report', {
        reply: '已协调供电局完成增容方案设计，预计10月底送电',
        policyBasis: '《河源市优化用电营商环境若干措施》',
        version: appeal.version,
      }),
    );
    expect(appeal.status).toBe('completionReported');
    expect((await handling(enterprise, appeal.id)).replies).toEqual([]);

    appeal = json<Detail>(
      await act(office, appeal.id, 'send-back', { reason: '请明确送电具体时间', version: appeal.version }),
    );
    expect(appeal.status).toBe('inProgress');
    appeal = await detail(nrHandler, appeal.id);
    appeal = json<Detail>(
      await act(nrHandler, appeal.id, 'report', {
        reply: '已协调供电局完成增容，定于10月22日送电',
        version: appeal.version,
      }),
    );
    appeal = await detail(office, appeal.id);
    const seq = await lastAuditSeq(ctx);
    appeal = json<Detail>(await act(office, appeal.id, 'close', { version: appeal.version }));
    expect(appeal.status).toBe('closed');
    expect((await auditAfter(ctx, seq)).map((a) => a.action)).toEqual(['appeal.close']);
    const replies = (await handling(office, appeal.id)).replies;
    expect(replies.map((r) => r.outcome)).toEqual(['sentBack', 'accepted']);
    expect(replies[0]?.reviewNote).toBe('请明确送电具体时间');
    // The enterprise reads the accepted reply only.
    expect((await handling(enterprise, appeal.id)).replies.map((r) => r.content)).toEqual([
      '已协调供电局完成增容，定于10月22日送电',
    ]);
    expectError(
      await act(office, appeal.id, 'close', { version: appeal.version }),
      'appeal.action_not_allowed',
    );
  });

  it('lists each unit’s assignments with their clocks; overdue ones stand out', async () => {
    const late = await assigned('厂区排水管网破损', nrId, []);
    // Not accepted by its acceptance day (Monday 29 September): flagged.
    clock.set('2025-09-30T02:00:00.000Z');
    const pending = json<{ items: { appealId: string; acceptOverdue: boolean }[] }>(
      await call(app, nrHandler, 'GET', '/api/assignments?status=pending'),
    );
    expect(pending.items).toEqual([expect.objectContaining({ appealId: late.id, acceptOverdue: true })]);
    json(await act(nrHandler, late.id, 'accept', { version: late.version }));
    const mine = json<{ items: { appealId: string; myRole: string; status: string; dueDate: string }[] }>(
      await call(app, nrHandler, 'GET', '/api/assignments?role=lead'),
    );
    // Soonest deadline first: 16 October, then the extended 24 October.
    expect(mine.items.map((i) => [i.appealId, i.status])).toEqual([
      [late.id, 'accepted'],
      [appeal.id, 'closed'],
    ]);
    const co = json<{ items: { appealId: string; myRole: string }[] }>(
      await call(app, finance, 'GET', '/api/assignments'),
    );
    expect(co.items.map((i) => [i.appealId, i.myRole])).toEqual([
      [appeal.id, 'co'],
      [appeal.id, 'co'],
    ]);
    // Two working days after its deadline (Thursday 16 October): Monday 20 October.
    clock.set('2025-10-20T02:00:00.000Z');
    const overdue = json<{ items: { appealId: string; overdue: boolean; workingDaysLeft: number }[] }>(
      await call(app, office, 'GET', '/api/assignments?overdue=true'),
    );
    expect(overdue.items).toEqual([
      expect.objectContaining({ appealId: late.id, overdue: true, workingDaysLeft: -2 }),
    ]);
    expectError(
      await act(nrHandler, late.id, 'extension', { newDueDate: '2025-10-31', reason: '逾期后申请延期' }),
      'handling.extension_too_late',
    );
    expect((await handling(nrHandler, late.id)).workingDaysLeft).toBe(-2);
  });
});
