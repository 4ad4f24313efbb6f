import type { PutCalendarYearInput } from '@f2f/contract';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { daysOfYear, findYear, replaceYear } from './calendar.repository.ts';

dayjs.extend(utc);

/** Checks an arrangement: every date in the year, listed once, make-up days on weekends only. */
export function validateArrangement(year: number, input: PutCalendarYearInput): void {
  const seen = new Set<string>();
  for (const day of input.days) {
    if (!day.date.startsWith(`${year}-`))
      throw new AppError('calendar.day_outside_year', { date: day.date, year });
    if (seen.has(day.date)) throw new AppError('calendar.duplicate_day', { date: day.date });
    seen.add(day.date);
    const weekday = dayjs.utc(day.date).day();
    if (!day.isOffDay && weekday !== 0 && weekday !== 6) {
      throw new AppError('calendar.make_up_day_not_weekend', { date: day.date });
    }
  }
}

/** Adds or replaces a year's holidays and make-up days; takes effect at once, no release needed. */
export async function putYear(ctx: AppContext, meta: RequestMeta, year: number, input: PutCalendarYearInput) {
  validateArrangement(year, input);
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
  await transact(ctx, meta, async (tx) => {
    const existing = await findYear(tx.trx, year);
    const before = existing ? { source: existing.source, days: await daysOfYear(tx.trx, year) } : null;
    await replaceYear(tx.trx, year, input.source ?? null, days, tx.now);
    await tx.audit({
      action: before ? 'calendar.year.update' : 'calendar.year.create',
      entityType: 'calendarYear',
      entityId: String(year),
      before,
      after: { source: input.source ?? null, days },
    });
  });
  await ctx.calendar.load(ctx.db);
}
