import { IsoDate } from '@f2f/contract';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

dayjs.extend(utc);

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

interface Exception {
  isOffDay: boolean;
  name: string;
}

/** Parses a YYYY-MM-DD string or refuses it with calendar.date_invalid. */
export function parseIsoDate(value: string): string {
  if (!IsoDate.safeParse(value).success) throw new AppError('calendar.date_invalid', { date: value });
  return value;
}

function plusDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/**
 * The working-day calendar: Monday to Friday work, weekends rest, except the official
 * holidays and make-up working days (调休) stored per year. A date in a year the calendar
 * does not know is an error, never a guess.
 */
export class Calendar {
  private exceptions = new Map<string, Exception>();
  private years = new Set<number>();

  /** Replaces the in-memory copy with what the database holds. */
  async load(db: Executor): Promise<void> {
    const [years, days] = await Promise.all([
      db.selectFrom('calendarYears').select('year').execute(),
      db.selectFrom('calendarDays').select(['date', 'isOffDay', 'name']).execute(),
    ]);
    this.years = new Set(years.map((y) => Number(y.year)));
    this.exceptions = new Map(days.map((d) => [d.date, { isOffDay: d.isOffDay === 1, name: d.name }]));
  }

  knownYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  private assertKnown(date: string): void {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year))
      throw new AppError('calendar.year_unknown', { year, knownYears: this.knownYears() });
  }

  kind(date: string): DayKind {
    parseIsoDate(date);
    return this.kindOf(date);
  }

  /** kind() for a date already known to be well formed. */
  private kindOf(date: string): DayKind {
    this.assertKnown(date);
    const exception = this.exceptions.get(date);
    if (exception) return exception.isOffDay ? 'holiday' : 'makeUpWorkday';
    const weekday = dayjs.utc(date).day();
    return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
  }

  holidayName(date: string): string | null {
    return this.exceptions.get(date)?.name ?? null;
  }

  isWorkday(date: string): boolean {
    parseIsoDate(date);
    return this.isWorkdayOf(date);
  }

  private isWorkdayOf(date: string): boolean {
    const kind = this.kindOf(date);
    return kind === 'workday' || kind === 'makeUpWorkday';
  }

  /**
   * The date `count` working days after `date` (before it when negative). The starting date
   * itself is never counted: 4 working days before 2025-10-09 is 2025-09-26.
   */
  addWorkdays(date: string, count: number): string {
    parseIsoDate(date);
    this.assertKnown(date);
    const step = count < 0 ? -1 : 1;
    let remaining = Math.abs(count);
    let current = date;
    while (remaining > 0) {
      current = plusDays(current, step);
      if (this.isWorkdayOf(current)) remaining -= 1;
    }
    return current;
  }

  /**
   * workdaysBetween() for a clock shown beside a deadline: null instead of an error when either date lies in a
   * year the calendar does not know yet, so that one far deadline never breaks a whole list.
   */
  workdaysBetweenOrNull(from: string, to: string): number | null {
    const known = (date: string) => this.years.has(Number(date.slice(0, 4)));
    return known(from) && known(to) ? this.workdaysBetween(from, to) : null;
  }

  /** Working days after `from` up to and including `to`; negative when `to` is earlier. */
  workdaysBetween(from: string, to: string): number {
    parseIsoDate(from);
    parseIsoDate(to);
    if (from === to) {
      this.assertKnown(from);
      return 0;
    }
    const [start, end, sign] = from < to ? [from, to, 1] : [to, from, -1];
    this.assertKnown(start);
    this.assertKnown(end);
    let count = 0;
    for (let current = plusDays(start, 1); current <= end; current = plusDays(current, 1)) {
      if (this.isWorkdayOf(current)) count += 1;
    }
    return count * sign;
  }
}
