import {
  BetweenQuery,
  BetweenResult,
  CalendarYear,
  CalendarYearDetail,
  DayInfo,
  DayQuery,
  PutCalendarYearInput,
  ShiftQuery,
  ShiftResult,
  YearParams,
} from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { actorOf, requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { adminRegionScope } from '../org/org.policy.ts';
import { putYear } from './calendar.admin.ts';
import { daysOfYear, listYears } from './calendar.repository.ts';

const tags = ['工作日历 Working-day calendar'];

export function calendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/calendar/years',
    {
      schema: {
        tags,
        summary: '已录入节假日安排的年份 Years the calendar knows',
        response: { 200: z.array(CalendarYear), ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async () => listYears(ctx.db),
  );

  r.get(
    '/api/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '某年的节假日和调休上班日 A year’s holidays and make-up working days',
        params: YearParams,
        response: { 200: CalendarYearDetail, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      const year = (await listYears(ctx.db)).find((y) => y.year === request.params.year);
      if (!year) throw new AppError('calendar.year_unknown', { year: request.params.year });
      return { ...year, days: await daysOfYear(ctx.db, year.year) };
    },
  );

  r.put(
    '/api/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '录入或修改某年的安排 Add or replace a year’s arrangement',
        description:
          'Lists every official holiday (isOffDay true) and make-up working day (isOffDay false) of the year; ' +
          'every other weekday is a working day and every other weekend day a rest day.',
        params: YearParams,
        body: PutCalendarYearInput,
        response: { 200: CalendarYearDetail, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => {
      // The national holiday arrangement is the city's to keep, not a county's.
      if (adminRegionScope(actorOf(request)) !== null) throw new AppError('org.out_of_scope');
      await putYear(ctx, requestMeta(request), request.params.year, request.body);
      const year = (await listYears(ctx.db)).find((y) => y.year === request.params.year);
      if (!year) throw new AppError('calendar.year_unknown', { year: request.params.year });
      return { ...year, days: await daysOfYear(ctx.db, year.year) };
    },
  );

  r.get(
    '/api/calendar/shift',
    {
      schema: {
        tags,
        summary: '推算 N 个工作日前后的日期 The date N working days after (or before) a date',
        description: 'The starting date is never counted: 4 working days before 2025-10-09 is 2025-09-26.',
        querystring: ShiftQuery,
        response: { 200: ShiftResult, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ date: ctx.calendar.addWorkdays(request.query.date, request.query.days) }),
  );

  r.get(
    '/api/calendar/between',
    {
      schema: {
        tags,
        summary: '两个日期之间的工作日数 Working days between two dates',
        querystring: BetweenQuery,
        response: { 200: BetweenResult, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ workdays: ctx.calendar.workdaysBetween(request.query.from, request.query.to) }),
  );

  r.get(
    '/api/calendar/day',
    {
      schema: {
        tags,
        summary: '某日是否工作日 Whether a date is a working day',
        querystring: DayQuery,
        response: { 200: DayInfo, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      const { date } = request.query;
      const kind = ctx.calendar.kind(date);
      return {
        date,
        kind,
        isWorkday: kind === 'workday' || kind === 'makeUpWorkday',
        name: ctx.calendar.holidayName(date),
      };
    },
  );
}
