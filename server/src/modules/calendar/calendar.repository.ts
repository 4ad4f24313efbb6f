import type { CalendarDay } from '@f2f/contract';
import type { Executor } from '../../db/database.ts';

export async function listYears(db: Executor) {
  const years = await db.selectFrom('calendarYears').selectAll().orderBy('year').execute();
  const counts = await db
    .selectFrom('calendarDays')
    .select(['year', 'isOffDay', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['year', 'isOffDay'])
    .execute();
  return years.map((y) => ({
    year: Number(y.year),
    source: y.source,
    updatedAt: y.updatedAt,
    holidayCount: Number(counts.find((c) => Number(c.year) === Number(y.year) && c.isOffDay === 1)?.n ?? 0),
    makeUpWorkdayCount: Number(
      counts.find((c) => Number(c.year) === Number(y.year) && c.isOffDay === 0)?.n ?? 0,
    ),
  }));
}

export async function findYear(db: Executor, year: number) {
  return db.selectFrom('calendarYears').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function daysOfYear(db: Executor, year: number): Promise<CalendarDay[]> {
  const rows = await db
    .selectFrom('calendarDays')
    .selectAll()
    .where('year', '=', year)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, isOffDay: r.isOffDay === 1, name: r.name }));
}

/** Replaces a year's arrangement (the year row and all its days). */
export async function replaceYear(
  db: Executor,
  year: number,
  source: string | null,
  days: CalendarDay[],
  now: string,
): Promise<void> {
  await db.deleteFrom('calendarDays').where('year', '=', year).execute();
  const existing = await findYear(db, year);
  if (existing) {
    await db.updateTable('calendarYears').set({ source, updatedAt: now }).where('year', '=', year).execute();
  } else {
    await db.insertInto('calendarYears').values({ year, source, updatedAt: now }).execute();
  }
  if (days.length > 0) {
    await db
      .insertInto('calendarDays')
      .values(days.map((d) => ({ date: d.date, year, isOffDay: d.isOffDay ? 1 : 0, name: d.name })))
      .execute();
  }
}
