import { z } from 'zod';
import { Instant, IsoDate } from './common.ts';

export const CalendarDay = z.object({
  date: IsoDate,
  isOffDay: z.boolean().describe('true: official holiday; false: make-up working day (调休上班)'),
  name: z.string().trim().min(1).max(20).describe('Holiday name, e.g. 春节'),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarYear = z.object({
  year: z.number().int(),
  source: z.string().nullable().describe('Where the arrangement comes from, e.g. the State Council notice'),
  updatedAt: Instant,
  holidayCount: z.number().int(),
  makeUpWorkdayCount: z.number().int(),
});

export const CalendarYearDetail = CalendarYear.extend({ days: z.array(CalendarDay) });

export const PutCalendarYearInput = z.object({
  source: z.string().trim().max(300).nullable().optional(),
  days: z.array(CalendarDay).max(80),
});
export type PutCalendarYearInput = z.infer<typeof PutCalendarYearInput>;

export const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const ShiftQuery = z.object({
  date: z.string().describe('YYYY-MM-DD'),
  days: z.coerce.number().int().min(-1000).max(1000).describe('Working days to add (negative: before)'),
});
export const ShiftResult = z.object({ date: IsoDate });

export const BetweenQuery = z.object({ from: z.string(), to: z.string() });
export const BetweenResult = z.object({
  workdays: z.number().int().describe('Working days after `from` up to and including `to`'),
});

export const DayQuery = z.object({ date: z.string() });
export const DayInfo = z.object({
  date: IsoDate,
  isWorkday: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'makeUpWorkday']),
  name: z.string().nullable(),
});
