import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { sweepRatings } from '../src/modules/handling/ratings.service.ts';
import { unitId } from './helpers.ts';
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

/**
 * The rating sweep across the 2026 National Day holiday (1–7 October off, Saturday 10 October a
 * make-up working day): reminders and lapses count working days only and nothing goes out on a holiday.
 * The dates below are counted by hand from the State Council's notice, not by the code under test.
 */
describe('the rating sweep across a holiday period', async () => {
  // Tuesday 29 September 2026, 10:00 in Heyuan.
  const t = await createTestApp({
    now: '2026-09-29T02:00:00.000Z',
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));

  const submitted = json<Detail>(
    await call(app, enterprise, 'POST', '/api/appeals/submit', {
      title: '节前报办结的用地诉求',
      content: '节前报办结的用地诉求，请协调解决。',
      category: 'land',
    }),
  );
  const direct = json<Detail>(
    await act(office, submitted.id, 'handle-directly', { tierCode: 'single', version: submitted.version }),
  );
  const assigned = json<Detail>(
    await act(office, submitted.id, 'assign', {
      leadUnitId: nrId,
      measures: '协调办理',
      version: direct.version,
    }),
  );
  const accepted = json<Detail>(await act(handler, submitted.id, 'accept', { version: assigned.version }));
  json(
    await act(handler, submitted.id, 'report', {
      reply: '已协调解决，详见答复意见。',
      version: accepted.version,
    }),
  );
  json(await act(office, submitted.id, 'close', { version: (await detail(office, submitted.id)).version }));

  const rating = async () =>
    ctx.db
      .selectFrom('ratings')
      .select(['status', 'remindDate', 'dueDate', 'remindedAt'])
      .where('appealId', '=', submitted.id)
      .executeTakeFirstOrThrow();
  const remindersReceived = async () =>
    json<{ items: { kind: string; link: string | null }[] }>(
      await call(app, enterprise, 'GET', '/api/notices?pageSize=100'),
    ).items.filter((n) => n.kind === 'ratingReminder' && n.link?.includes(submitted.id)).length;
  /** Sweeps at 10:00 Heyuan time on the given day. */
  const sweepOn = (day: string) => {
    clock.set(`${day}T02:00:00.000Z`);
    return sweepRatings(ctx);
  };

  it('dates the reminder and the lapse in working days, skipping the holiday', async () => {
    // 3 working days after 29 September: 30 September, 8 and 9 October.
    // 10 working days: …, 10 October (make-up Saturday), 12–16 October, 19 October.
    expect(await rating()).toMatchObject({
      status: 'requested',
      remindDate: '2026-10-09',
      dueDate: '2026-10-19',
    });
  });

  it('sends nothing during the holiday, reminds on the working day, lapses after the last one', async () => {
    for (const day of ['2026-09-30', '2026-10-01', '2026-10-03', '2026-10-07', '2026-10-08']) {
      expect(await sweepOn(day), day).toEqual({ reminded: 0, lapsed: 0 });
    }
    expect(await remindersReceived()).toBe(0);
    expect((await sweepOn('2026-10-09')).reminded).toBe(1);
    expect(await remindersReceived()).toBe(1);
    // The make-up Saturday is a working day, but there is nothing more to send.
    expect(await sweepOn('2026-10-10')).toEqual({ reminded: 0, lapsed: 0 });
    // Still open on its last day, a Monday after a weekend.
    expect((await sweepOn('2026-10-19')).lapsed).toBe(0);
    expect((await rating()).status).toBe('requested');
    expect((await sweepOn('2026-10-20')).lapsed).toBe(1);
    expect((await rating()).status).toBe('notGiven');
    expect(await remindersReceived()).toBe(1);
  });
});
