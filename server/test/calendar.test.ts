import type { ErrorCode } from '@f2f/contract';
import { describe, expect, it } from 'vitest';
import { auditAfter, countRows, expectError, lastAuditSeq } from './helpers.ts';
import { call, createTestApp, login } from './test-app.ts';

/**
 * A made-up 2027 arrangement (the real notice comes out in November 2026). 2027-01-01 is a
 * Friday, so 02-08 is a Monday, 02-12 a Friday and 02-20 a Saturday.
 */
const arrangement2027 = {
  source: '测试用 2027 年安排',
  days: [
    { date: '2027-01-01', isOffDay: true, name: '元旦' },
    { date: '2027-02-08', isOffDay: true, name: '春节' },
    { date: '2027-02-09', isOffDay: true, name: '春节' },
    { date: '2027-02-10', isOffDay: true, name: '春节' },
    { date: '2027-02-11', isOffDay: true, name: '春节' },
    { date: '2027-02-12', isOffDay: true, name: '春节' },
    { date: '2027-02-20', isOffDay: false, name: '春节' },
  ],
};

describe('the calendar API', async () => {
  const { app, ctx } = await createTestApp();
  const office = await login(app, 'office');
  const admin = await login(app, 'admin');

  const get = async (url: string) => call(app, office, 'GET', url);

  it('shifts by working days: 4 before 2025-10-09 is 2025-09-26', async () => {
    const response = await get('/api/calendar/shift?date=2025-10-09&days=-4');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ date: '2025-09-26' });
    // Across the 2026 Spring Festival (see calendar.service.test.ts for the reasoning).
    expect((await get('/api/calendar/shift?date=2026-02-13&days=2')).json()).toEqual({ date: '2026-02-24' });
    expect((await get('/api/calendar/shift?date=2025-09-30&days=3')).json()).toEqual({ date: '2025-10-11' });
  });

  it('tells whether a date is a working day', async () => {
    expect((await get('/api/calendar/day?date=2025-09-28')).json()).toEqual({
      date: '2025-09-28',
      isWorkday: true,
      kind: 'makeUpWorkday',
      name: '国庆节、中秋节',
    });
    expect((await get('/api/calendar/day?date=2025-02-08')).json()).toMatchObject({
      isWorkday: true,
      kind: 'makeUpWorkday',
    });
    expect((await get('/api/calendar/day?date=2025-10-08')).json()).toEqual({
      date: '2025-10-08',
      isWorkday: false,
      kind: 'holiday',
      name: '国庆节、中秋节',
    });
    expect((await get('/api/calendar/day?date=2025-10-18')).json()).toEqual({
      date: '2025-10-18',
      isWorkday: false,
      kind: 'weekend',
      name: null,
    });
  });

  it('counts working days between two dates', async () => {
    expect((await get('/api/calendar/between?from=2025-09-30&to=2025-10-12')).json()).toEqual({
      workdays: 3,
    });
    expect((await get('/api/calendar/between?from=2025-10-12&to=2025-09-30')).json()).toEqual({
      workdays: -3,
    });
  });

  it('lists the known years with their counts', async () => {
    const years = (await get('/api/calendar/years')).json();
    expect(years.map((y: { year: number }) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    // Counted by hand from data/2025.json and data/2026.json.
    expect(years[2]).toMatchObject({ year: 2025, holidayCount: 28, makeUpWorkdayCount: 5 });
    expect(years[3]).toMatchObject({ year: 2026, holidayCount: 33, makeUpWorkdayCount: 6 });
    expect(years[3].source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    const detail = (await get('/api/calendar/years/2026')).json();
    expect(detail.days).toHaveLength(39);
    expect(detail.days[0]).toEqual({ date: '2026-01-01', isOffDay: true, name: '元旦' });
  });

  it('answers 422 calendar.year_unknown for a year it does not know, or a walk into one', async () => {
    for (const url of [
      '/api/calendar/shift?date=2031-03-03&days=1',
      '/api/calendar/day?date=2031-01-01',
      '/api/calendar/between?from=2026-12-30&to=2027-01-04',
      // Thu 2026-12-31 + 1 walks into 2027.
      '/api/calendar/shift?date=2026-12-31&days=1',
      '/api/calendar/years/2031',
    ]) {
      const body = expectError(await get(url), 'calendar.year_unknown');
      expect(body.details, url).toMatchObject({ year: expect.any(Number) });
    }
    const english = await call(app, office, 'GET', '/api/calendar/day?date=2031-01-01', undefined, {
      'accept-language': 'en',
    });
    expect(english.json().message).toBe(
      'The working-day calendar does not cover that year yet; an administrator must add it',
    );
  });

  it('answers 400 calendar.date_invalid for a malformed date', async () => {
    for (const url of [
      '/api/calendar/shift?date=2025-13-01&days=1',
      '/api/calendar/shift?date=2025-02-29&days=1',
      '/api/calendar/day?date=20251001',
      '/api/calendar/day?date=',
      '/api/calendar/between?from=yesterday&to=2025-10-01',
    ]) {
      expectError(await get(url), 'calendar.date_invalid');
    }
    expectError(await get('/api/calendar/shift?date=2025-10-01&days=two'), 'request.invalid');
    expectError(await get('/api/calendar/shift?date=2025-10-01'), 'request.invalid');
    expectError(await get('/api/calendar/years/1999'), 'request.invalid');
  });

  it('refuses an invalid arrangement, writing nothing', async () => {
    const invalid: [ErrorCode, { date: string; isOffDay: boolean; name: string }[]][] = [
      // Wednesday 2027-02-17 as a make-up working day.
      ['calendar.make_up_day_not_weekend', [{ date: '2027-02-17', isOffDay: false, name: '春节' }]],
      ['calendar.day_outside_year', [{ date: '2026-12-31', isOffDay: true, name: '元旦' }]],
      [
        'calendar.duplicate_day',
        [
          { date: '2027-01-01', isOffDay: true, name: '元旦' },
          { date: '2027-01-01', isOffDay: true, name: '元旦' },
        ],
      ],
      ['request.invalid', [{ date: '2027-02-30', isOffDay: true, name: '春节' }]],
      ['request.invalid', [{ date: '2027-01-01', isOffDay: true, name: '' }]],
    ];
    const before = {
      years: await countRows(ctx, 'calendarYears'),
      days: await countRows(ctx, 'calendarDays'),
      audit: await lastAuditSeq(ctx),
    };
    for (const [code, days] of invalid) {
      const response = await call(app, admin, 'PUT', '/api/calendar/years/2027', { days });
      expectError(response, code);
    }
    expect({
      years: await countRows(ctx, 'calendarYears'),
      days: await countRows(ctx, 'calendarDays'),
      audit: await lastAuditSeq(ctx),
    }).toEqual(before);
    // 2027 is still unknown.
    expectError(await get('/api/calendar/shift?date=2026-12-31&days=1'), 'calendar.year_unknown');
  });

  it('refuses a year’s arrangement from anyone but an administrator', async () => {
    for (const username of ['office', 'leader', 'enterprise']) {
      const session = username === 'office' ? office : await login(app, username);
      expectError(
        await call(app, session, 'PUT', '/api/calendar/years/2027', arrangement2027),
        'auth.forbidden',
      );
    }
    expectError(
      await call(app, null, 'PUT', '/api/calendar/years/2027', arrangement2027),
      'auth.unauthenticated',
    );
  });

  it('takes a new year from an administrator at once, recorded in the audit trail', async () => {
    const before = await lastAuditSeq(ctx);
    const response = await call(app, admin, 'PUT', '/api/calendar/years/2027', arrangement2027);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      year: 2027,
      source: '测试用 2027 年安排',
      holidayCount: 6,
      makeUpWorkdayCount: 1,
      days: arrangement2027.days,
    });
    const rows = await auditAfter(ctx, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'calendar.year.create', entityId: '2027', before: null });
    expect(rows[0]?.after).toEqual({ source: arrangement2027.source, days: arrangement2027.days });

    // Thu 2026-12-31 + 1: Fri 2027-01-01 holiday, Sat/Sun rest, Mon 01-04.
    expect((await get('/api/calendar/shift?date=2026-12-31&days=1')).json()).toEqual({ date: '2027-01-04' });
    // Fri 02-05 + 1: weekend, 02-08…02-12 holidays, weekend, Mon 02-15.
    expect((await get('/api/calendar/shift?date=2027-02-05&days=1')).json()).toEqual({ date: '2027-02-15' });
    expect((await get('/api/calendar/day?date=2027-02-20')).json()).toMatchObject({
      isWorkday: true,
      kind: 'makeUpWorkday',
    });
    expect((await get('/api/calendar/years')).json().map((y: { year: number }) => y.year)).toContain(2027);
  });

  it('replaces a year’s arrangement, with the one before in the audit row', async () => {
    const before = await lastAuditSeq(ctx);
    const days = arrangement2027.days.filter((d) => d.date !== '2027-02-20');
    const response = await call(app, admin, 'PUT', '/api/calendar/years/2027', { days });
    expect(response.json()).toMatchObject({ source: null, holidayCount: 6, makeUpWorkdayCount: 0 });
    const rows = await auditAfter(ctx, before);
    expect(rows.map((r) => r.action)).toEqual(['calendar.year.update']);
    expect(rows[0]?.before).toEqual({ source: arrangement2027.source, days: arrangement2027.days });
    // Saturday 2027-02-20 is a rest day again, at once.
    expect((await get('/api/calendar/day?date=2027-02-20')).json()).toMatchObject({
      isWorkday: false,
      kind: 'weekend',
    });
  });
});

describe('the calendar across regions', async () => {
  const { app, ctx } = await createTestApp();

  it('is kept by a city administrator: a county administrator may not change a year', async () => {
    const county = await login(app, 'countyadmin');
    const before = await countRows(ctx, 'calendarDays');
    const response = await call(app, county, 'PUT', '/api/calendar/years/2027', {
      source: 'test',
      days: [{ date: '2027-01-01', isOffDay: true, name: '元旦' }],
    });
    expectError(response, 'org.out_of_scope');
    expect(await countRows(ctx, 'calendarDays')).toBe(before);
  });
});
