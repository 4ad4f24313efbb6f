import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { sweepCatalogueReminders } from '../src/modules/events/catalogue-reminders.ts';
import { expectError } from './helpers.ts';
import { call, createTestApp, login } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Notice {
  kind: string;
  title: string;
  link: string | null;
}

/**
 * The office is reminded of a catalogue still in draft: in the last 2 working days before it is due
 * (4 working days before the event) and once when overdue, on working days only, once each.
 */
describe('catalogue due-date reminders', async () => {
  // Monday 12 October 2026, 10:00 in Heyuan; the event is on Thursday 22 October.
  const { app, ctx, clock } = await createTestApp({
    now: '2026-10-12T02:00:00.000Z',
    config: { sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 },
  });
  const office = await login(app, 'office');
  const countyOffice = await login(app, 'countyoffice');
  const admin = await login(app, 'admin');
  const event = json<{ id: string; catalogueDueDate: string }>(
    await call(app, office, 'POST', '/api/events', {
      kind: 'city',
      title: '2026年第四季度“面对面”政企交流活动',
      date: '2026-10-22',
      venue: '市行政服务中心第一会议室',
    }),
  );
  const remindersOf = async (session: typeof office) =>
    json<{ items: Notice[] }>(await call(app, session, 'GET', '/api/notices?pageSize=100')).items.filter(
      (n) => n.kind === 'catalogueDue' && n.link === `/events/${event.id}`,
    );
  const sweepOn = (day: string) => {
    clock.set(`${day}T02:00:00.000Z`);
    return sweepCatalogueReminders(ctx);
  };

  it('reminds in the last two working days, once, however many sweeps run', async () => {
    // 4 working days before 22 October: 21, 20, 19 and Friday 16 October.
    expect(event.catalogueDueDate).toBe('2026-10-16');
    expect(await sweepOn('2026-10-12')).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await sweepOn('2026-10-13')).toEqual({ dueSoon: 0, overdue: 0 });
    clock.set('2026-10-14T02:00:00.000Z');
    const [a, b] = await Promise.all([sweepCatalogueReminders(ctx), sweepCatalogueReminders(ctx)]);
    expect(a.dueSoon + b.dueSoon).toBe(1);
    expect(await sweepOn('2026-10-15')).toEqual({ dueSoon: 0, overdue: 0 });
    const reminders = await remindersOf(office);
    expect(reminders.map((n) => n.title)).toEqual([
      '提醒：2026年第四季度“面对面”政企交流活动企业问题目录须于 2026-10-16 前报送',
    ]);
    // A county's office is not reminded of the city's event.
    expect(await remindersOf(countyOffice)).toEqual([]);
  });

  it('says once that it is overdue, never on a rest day', async () => {
    expect(await sweepOn('2026-10-17')).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await sweepOn('2026-10-19')).toEqual({ dueSoon: 0, overdue: 1 });
    expect(await sweepOn('2026-10-20')).toEqual({ dueSoon: 0, overdue: 0 });
    expect((await remindersOf(office)).map((n) => n.title)).toContain(
      '逾期：2026年第四季度“面对面”政企交流活动企业问题目录未报送',
    );
  });

  it('runs on demand for an administrator, by name', async () => {
    const listed = json<{ name: string }[]>(await call(app, admin, 'GET', '/api/admin/jobs'));
    expect(listed.map((j) => j.name)).toContain('catalogueReminders');
    const run = json<{ result: Record<string, number> }>(
      await call(app, admin, 'POST', '/api/admin/jobs/catalogueReminders/run'),
    );
    expect(run.result).toEqual({ dueSoon: 0, overdue: 0 });
    expectError(await call(app, admin, 'POST', '/api/admin/jobs/nosuch/run'), 'job.not_found');
  });
});
