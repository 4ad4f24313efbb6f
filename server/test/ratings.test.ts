import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { sweepRatings } from '../src/modules/handling/ratings.service.ts';
import { expectError, handlerIn, unitId } from './helpers.ts';
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
  timeline: { kind: string }[];
}
interface Ratings {
  ratings: {
    id: string;
    unitName: string;
    role: string;
    round: number;
    status: string;
    value: string | null;
    decision: string | null;
    explanation: string | null;
    explanationStatus: string | null;
    excludedFromScore: boolean;
    dueDate: string;
  }[];
  reopenRound: number;
  reopenCap: number;
  followUps: { outcome: string }[];
}

describe('rating, reopening, explanation and follow-up after closure', async () => {
  // Monday 10 November 2025: no holiday for weeks, so working days are plain weekdays here.
  const t = await createTestApp({
    now: '2025-11-10T02:00:00.000Z',
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24, reopenCap: 1 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const leader = await login(app, 'leader');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const finance = await handlerIn(t, 'finhandler', financeId);

  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const ratingsOf = async (s: Session, id: string) =>
    json<Ratings>(await call(app, s, 'GET', `/api/appeals/${id}/ratings`));

  /** Accepted, replied, reported and closed through the API, as the units and the office do it. */
  async function handleToClosure(id: string): Promise<Detail> {
    let appeal = await detail(handler, id);
    if (appeal.status === 'assigned')
      appeal = json<Detail>(await act(handler, id, 'accept', { version: appeal.version }));
    appeal = json<Detail>(
      await act(handler, id, 'report', { reply: '已协调解决，详见答复意见。', version: appeal.version }),
    );
    appeal = await detail(office, id);
    return json<Detail>(await act(office, id, 'close', { version: appeal.version }));
  }

  async function closedAppeal(title: string): Promise<string> {
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
        leadUnitId: nrId,
        coUnitIds: [financeId],
        measures: '协调办理',
        version: direct.version,
      }),
    );
    await handleToClosure(appeal.id);
    return appeal.id;
  }

  let id: string;

  it('asks the enterprise to rate each handling unit on closure', async () => {
    id = await closedAppeal('厂区土地证办理进度慢');
    const { ratings } = await ratingsOf(enterprise, id);
    expect(ratings.map((r) => [r.unitName, r.role, r.status, r.dueDate])).toEqual([
      ['河源市自然资源局', 'lead', 'requested', '2025-11-24'],
      ['河源市财政局', 'co', 'requested', '2025-11-24'],
    ]);
    expect((await detail(enterprise, id)).allowedActions).toEqual(['rate']);
    const inbox = json<{ items: { title: string }[] }>(await call(app, enterprise, 'GET', '/api/notices'));
    expect(inbox.items[0]?.title).toBe('请评价：厂区土地证办理进度慢');
  });

  it('needs a reason for a dissatisfied rating, and takes each rating once', async () => {
    const [lead, co] = (await ratingsOf(enterprise, id)).ratings;
    expectError(
      await act(enterprise, id, `ratings/${lead?.id}`, { value: 'dissatisfied' }),
      'request.invalid',
    );
    json(
      await act(enterprise, id, `ratings/${lead?.id}`, {
        value: 'dissatisfied',
        reason: 'notSolved',
        comment: '土地证仍未办下',
      }),
    );
    json(await act(enterprise, id, `ratings/${co?.id}`, { value: 'satisfied' }));
    expectError(
      await act(enterprise, id, `ratings/${co?.id}`, { value: 'dissatisfied', reason: 'slow' }),
      'rating.closed',
    );
    // Only the enterprise whose appeal it is rates it.
    expectError(await act(handler, id, `ratings/${co?.id}`, { value: 'satisfied' }), 'auth.forbidden');
    expect((await detail(office, id)).allowedActions).toEqual(
      expect.arrayContaining(['reopen', 'explainDissatisfaction', 'recordFollowUp']),
    );
  });

  it('reopens to the same units with a new deadline, up to the cap', async () => {
    const lead = (await ratingsOf(office, id)).ratings[0]!;
    const appeal = await detail(office, id);
    const reopened = json<Detail>(
      await act(office, id, 'reopen', {
        ratingId: lead.id,
        measures: '一个月内办结土地证',
        version: appeal.version,
      }),
    );
    expect(reopened.status).toBe('assigned');
    // The history is kept: the earlier handling is still in the timeline, then the reopening.
    const kinds = reopened.timeline.map((e) => e.kind);
    expect(kinds.indexOf('closed')).toBeLessThan(kinds.lastIndexOf('reopened'));
    const assignments = json<{
      assignments: { source: string; leadUnitName: string; coUnits: { name: string }[]; dueDate: string }[];
    }>(await call(app, office, 'GET', `/api/appeals/${id}/verification`)).assignments;
    expect(assignments.at(-1)).toMatchObject({
      source: 'reopen',
      leadUnitName: '河源市自然资源局',
      coUnits: [{ name: '河源市财政局' }],
      dueDate: '2025-11-24',
    });
    expect((await detail(finance, id)).status).toBe('assigned');

    await handleToClosure(id);
    const round1 = (await ratingsOf(enterprise, id)).ratings.filter((r) => r.round === 1);
    expect(round1).toHaveLength(2);
    json(await act(enterprise, id, `ratings/${round1[0]?.id}`, { value: 'dissatisfied', reason: 'slow' }));
    const again = await detail(office, id);
    expectError(
      await act(office, id, 'reopen', {
        ratingId: round1[0]?.id,
        measures: '再次重办',
        version: again.version,
      }),
      'rating.reopen_cap_reached',
    );
  });

  it('an explanation counts only once a leader approves it', async () => {
    const rating = (await ratingsOf(office, id)).ratings.find(
      (r) => r.round === 1 && r.value === 'dissatisfied',
    )!;
    json(
      await act(office, id, `ratings/${rating.id}/explanation`, {
        explanation: '土地证需省厅审批，市级已按时限报送，非承办单位原因。',
      }),
    );
    expectError(
      await act(office, id, `ratings/${rating.id}/explanation/decide`, { approve: true }),
      'auth.forbidden',
    );
    json(await act(leader, id, `ratings/${rating.id}/explanation/decide`, { approve: false }));
    let now = (await ratingsOf(office, id)).ratings.find((r) => r.id === rating.id)!;
    expect(now).toMatchObject({ decision: null, explanationStatus: 'refused', excludedFromScore: false });
    json(
      await act(office, id, `ratings/${rating.id}/explanation`, {
        explanation: '已补充省厅受理回执，审批时限由省厅掌握。',
      }),
    );
    json(await act(leader, id, `ratings/${rating.id}/explanation/decide`, { approve: true }));
    now = (await ratingsOf(office, id)).ratings.find((r) => r.id === rating.id)!;
    expect(now).toMatchObject({
      decision: 'explanation',
      explanationStatus: 'approved',
      excludedFromScore: true,
    });
    // The enterprise sees its rating and the decision, not the office's explanation.
    expect((await ratingsOf(enterprise, id)).ratings.find((r) => r.id === rating.id)?.explanation).toBeNull();
  });

  it('records the follow-up visit', async () => {
    expectError(
      await act(office, id, 'follow-ups', { date: '2025-12-01', way: 'visit', outcome: '未来的回访' }),
      'request.invalid',
    );
    const result = json<Ratings>(
      await act(office, id, 'follow-ups', {
        date: '2025-11-10',
        way: 'visit',
        outcome: '企业表示理解，土地证已进入省厅审批',
      }),
    );
    expect(result.followUps.map((f) => f.outcome)).toEqual(['企业表示理解，土地证已进入省厅审批']);
  });

  it('the sweep reminds once on a working day and records missing ratings as not given', async () => {
    const other = await closedAppeal('园区污水管网未接通');
    const reminders = async () =>
      json<{ items: { title: string }[] }>(
        await call(app, enterprise, 'GET', '/api/notices?pageSize=100'),
      ).items.filter((n) => n.title === '提醒：请评价“园区污水管网未接通”的办理单位').length;
    // Before the reminder day (3 working days: Thursday 13 November) nothing happens.
    expect(await sweepRatings(ctx)).toEqual({ reminded: 0, lapsed: 0 });
    // Saturday 15 November: past the reminder day, but not a working day.
    clock.set('2025-11-15T02:00:00.000Z');
    expect((await sweepRatings(ctx)).reminded).toBe(0);
    clock.set('2025-11-17T02:00:00.000Z');
    // Two sweeps at once (as two server instances would) remind each rating exactly once.
    const [a, b] = await Promise.all([sweepRatings(ctx), sweepRatings(ctx)]);
    // Every open rating past its reminder day: this appeal's two, and the co-unit's unrated one of the first appeal.
    const due = await ctx.db
      .selectFrom('ratings')
      .select('id')
      .where('status', '=', 'requested')
      .where('remindDate', '<=', '2025-11-17')
      .execute();
    expect(due).toHaveLength(3);
    expect(a.reminded + b.reminded).toBe(3);
    expect((await sweepRatings(ctx)).reminded).toBe(0);
    expect(await reminders()).toBe(2);
    // After the rating day (10 working days: Monday 24 November) they are recorded as not given.
    clock.set('2025-11-25T02:00:00.000Z');
    const lapsed = await sweepRatings(ctx);
    expect(lapsed.lapsed).toBeGreaterThanOrEqual(2);
    const ratings = (await ratingsOf(office, other)).ratings;
    expect(ratings.map((r) => [r.status, r.value])).toEqual([
      ['notGiven', null],
      ['notGiven', null],
    ]);
    expectError(
      await act(enterprise, other, `ratings/${ratings[0]?.id}`, { value: 'satisfied' }),
      'rating.closed',
    );
  });
});
