import { afterAll, describe, expect, it } from 'vitest';
import { cloneTemplate } from '../../../test/databases.ts';
import { openDatabase } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { validateArrangement } from './calendar.admin.ts';
import { Calendar } from './calendar.service.ts';
import { officialYears } from './official-holidays.ts';

/** The error code a call throws, or null when it does not throw. */
function codeOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/*
 * Expected dates below were worked out by hand from the State Council notices in data/*.json
 * (weekdays from a paper calendar: 2025-01-01 is a Wednesday, 2025-10-01 a Wednesday,
 * 2026-01-01 a Thursday, 2026-02-01 a Sunday, 2026-10-01 a Thursday).
 */
describe('the working-day calendar', async () => {
  const database = await cloneTemplate();
  const handle = openDatabase(database);
  const calendar = new Calendar();
  await calendar.load(handle.db);
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('knows the years shipped with the product', () => {
    expect(calendar.knownYears()).toEqual([2023, 2024, 2025, 2026]);
  });

  it('never counts the starting date: 4 working days before 2025-10-09 is 2025-09-26', () => {
    // Back from Thu 10-09: 10-08…10-01 are holidays; Tue 09-30 (1), Mon 09-29 (2),
    // Sun 09-28 is a make-up working day (3), Sat 09-27 rests, Fri 09-26 (4).
    expect(calendar.addWorkdays('2025-10-09', -4)).toBe('2025-09-26');
    expect(calendar.addWorkdays('2025-10-09', 0)).toBe('2025-10-09');
    // Zero days from a holiday stays on it: nothing is counted.
    expect(calendar.addWorkdays('2025-10-03', 0)).toBe('2025-10-03');
  });

  it('shifts across the 2025 Spring Festival (holidays 01-28…02-04, make-up Sun 01-26 and Sat 02-08)', () => {
    // Fri 01-24 + 1: Sat 01-25 rests, Sun 01-26 works.
    expect(calendar.addWorkdays('2025-01-24', 1)).toBe('2025-01-26');
    // Sun 01-26 + 3: Mon 01-27 (1), 01-28…02-04 holidays, Wed 02-05 (2), Thu 02-06 (3).
    expect(calendar.addWorkdays('2025-01-26', 3)).toBe('2025-02-06');
    // Mon 01-27 + 5: 02-05 (1), 02-06 (2), Fri 02-07 (3), Sat 02-08 make-up (4), Sun 02-09 rests, Mon 02-10 (5).
    expect(calendar.addWorkdays('2025-01-27', 5)).toBe('2025-02-10');
    // Wed 02-05 − 2: 02-04…01-28 holidays, Mon 01-27 (1), Sun 01-26 make-up (2).
    expect(calendar.addWorkdays('2025-02-05', -2)).toBe('2025-01-26');
  });

  it('shifts across the 2026 Spring Festival (holidays 02-15…02-23, make-up Sat 02-14 and Sat 02-28)', () => {
    // Fri 02-13 + 1: Sat 02-14 works.
    expect(calendar.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    // Fri 02-13 + 2: 02-14 (1), 02-15…02-23 holidays, Tue 02-24 (2).
    expect(calendar.addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    // Sat 02-14 + 5: 02-24 (1), 02-25 (2), 02-26 (3), Fri 02-27 (4), Sat 02-28 make-up (5).
    expect(calendar.addWorkdays('2026-02-14', 5)).toBe('2026-02-28');
    // Tue 02-24 − 1: 02-23…02-15 holidays, Sat 02-14 make-up.
    expect(calendar.addWorkdays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('shifts across National Day 2025 (holidays 10-01…10-08, make-up Sun 09-28 and Sat 10-11)', () => {
    // Tue 09-30 + 1: 10-01…10-08 holidays, Thu 10-09.
    expect(calendar.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    // Tue 09-30 + 3: 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up (3).
    expect(calendar.addWorkdays('2025-09-30', 3)).toBe('2025-10-11');
    // Fri 09-26 + 1: Sat 09-27 rests, Sun 09-28 works.
    expect(calendar.addWorkdays('2025-09-26', 1)).toBe('2025-09-28');
  });

  it('shifts across National Day 2026 (Mid-Autumn 09-25…09-27, holidays 10-01…10-07, make-up Sun 09-20 and Sat 10-10)', () => {
    // Wed 09-30 + 1: 10-01…10-07 holidays, Thu 10-08.
    expect(calendar.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    // Wed 09-30 + 3: 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3).
    expect(calendar.addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    // Fri 09-18 + 5: Sat 09-19 rests, Sun 09-20 make-up (1), Mon 09-21…Thu 09-24 (2…5).
    expect(calendar.addWorkdays('2026-09-18', 5)).toBe('2026-09-24');
    // + 6: Fri 09-25 … Sun 09-27 Mid-Autumn, Mon 09-28 (6).
    expect(calendar.addWorkdays('2026-09-18', 6)).toBe('2026-09-28');
  });

  it('crosses the turn of the year (New Year 2026: holidays 01-01…01-03, make-up Sun 01-04)', () => {
    // Wed 2025-12-31 + 1: Thu 01-01, Fri 01-02, Sat 01-03 holidays; Sun 01-04 works.
    expect(calendar.addWorkdays('2025-12-31', 1)).toBe('2026-01-04');
    // Mon 2026-01-05 − 2: Sun 01-04 (1), 01-03…01-01 holidays, Wed 2025-12-31 (2).
    expect(calendar.addWorkdays('2026-01-05', -2)).toBe('2025-12-31');
  });

  it('tells working days from rest days, make-up weekends included', () => {
    expect(calendar.kind('2025-09-28')).toBe('makeUpWorkday'); // Sunday
    expect(calendar.kind('2025-10-11')).toBe('makeUpWorkday'); // Saturday
    expect(calendar.kind('2025-10-08')).toBe('holiday'); // Wednesday
    expect(calendar.kind('2025-10-18')).toBe('weekend'); // an ordinary Saturday
    expect(calendar.kind('2025-10-09')).toBe('workday'); // Thursday
    expect(calendar.kind('2024-02-29')).toBe('workday'); // a leap day, Thursday
    expect(calendar.isWorkday('2025-09-28')).toBe(true);
    expect(calendar.isWorkday('2026-02-28')).toBe(true);
    expect(calendar.isWorkday('2025-10-08')).toBe(false);
    expect(calendar.isWorkday('2026-02-16')).toBe(false); // Monday in the Spring Festival
    expect(calendar.isWorkday('2025-10-18')).toBe(false);
    expect(calendar.holidayName('2025-10-08')).toBe('国庆节、中秋节');
    expect(calendar.holidayName('2026-02-14')).toBe('春节');
    expect(calendar.holidayName('2025-10-09')).toBeNull();
  });

  it('counts working days after the first date up to and including the second', () => {
    // After Tue 09-30 up to Sun 10-12: 10-09, 10-10, 10-11 (make-up).
    expect(calendar.workdaysBetween('2025-09-30', '2025-10-12')).toBe(3);
    expect(calendar.workdaysBetween('2025-10-12', '2025-09-30')).toBe(-3);
    expect(calendar.workdaysBetween('2025-10-03', '2025-10-03')).toBe(0);
    // After Fri 2026-02-13 up to Sat 02-28: 02-14, 02-24, 02-25, 02-26, 02-27, 02-28.
    expect(calendar.workdaysBetween('2026-02-13', '2026-02-28')).toBe(6);
    // A whole ordinary week: Mon 2025-06-09 … Mon 06-16 → 5.
    expect(calendar.workdaysBetween('2025-06-09', '2025-06-16')).toBe(5);
  });

  it('agrees with itself: n working days after d is n working days away', () => {
    const disagreements: string[] = [];
    let checked = 0;
    for (
      let day = new Date('2023-01-04');
      day < new Date('2026-11-01');
      day.setUTCDate(day.getUTCDate() + 5)
    ) {
      const date = day.toISOString().slice(0, 10);
      for (const n of [1, 4, 15]) {
        const later = calendar.addWorkdays(date, n);
        const back = calendar.addWorkdays(later, -n);
        // Back from `later` lands on `date` itself when it is a working day, else on the working day before it.
        const expectedBack = calendar.isWorkday(date) ? date : calendar.addWorkdays(date, -1);
        if (
          !calendar.isWorkday(later) ||
          calendar.workdaysBetween(date, later) !== n ||
          back !== expectedBack
        )
          disagreements.push(`${date} + ${n} = ${later}, back ${back}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(800);
    expect(disagreements).toEqual([]);
  });

  it('refuses a date in a year it does not know, or a walk into one', () => {
    expect(codeOf(() => calendar.kind('2031-05-06'))).toBe('calendar.year_unknown');
    expect(codeOf(() => calendar.addWorkdays('2031-05-06', 1))).toBe('calendar.year_unknown');
    // Thu 2026-12-31 + 1 needs 2027; Tue 2023-01-03 − 1 walks past the New Year holiday into 2022.
    expect(codeOf(() => calendar.addWorkdays('2026-12-31', 1))).toBe('calendar.year_unknown');
    expect(codeOf(() => calendar.addWorkdays('2023-01-03', -1))).toBe('calendar.year_unknown');
    expect(codeOf(() => calendar.workdaysBetween('2026-12-01', '2027-01-05'))).toBe('calendar.year_unknown');
    expect(codeOf(() => calendar.workdaysBetween('2031-01-01', '2031-01-01'))).toBe('calendar.year_unknown');
    // For a clock beside a deadline, an unknown year gives no number rather than an error.
    expect(calendar.workdaysBetweenOrNull('2026-12-01', '2027-01-05')).toBeNull();
    expect(calendar.workdaysBetweenOrNull('2025-09-30', '2025-10-12')).toBe(3);
    try {
      calendar.kind('2031-05-06');
    } catch (error) {
      expect((error as AppError).details).toEqual({ year: 2031, knownYears: [2023, 2024, 2025, 2026] });
    }
  });

  it('refuses malformed dates', () => {
    for (const bad of [
      '2025-13-01',
      '2025-02-29',
      '2025-2-3',
      '20251001',
      'abc',
      '',
      '2025-10-01T00:00:00Z',
    ]) {
      expect(
        codeOf(() => calendar.kind(bad)),
        bad,
      ).toBe('calendar.date_invalid');
      expect(
        codeOf(() => calendar.addWorkdays(bad, 1)),
        bad,
      ).toBe('calendar.date_invalid');
      expect(
        codeOf(() => calendar.workdaysBetween('2025-01-02', bad)),
        bad,
      ).toBe('calendar.date_invalid');
    }
  });
});

describe('a year’s arrangement', () => {
  it('accepts every official year shipped with the product', () => {
    const years = officialYears();
    expect(years.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    for (const year of years) expect(codeOf(() => validateArrangement(year.year, year))).toBeNull();
    // 2023.json also lists 2022-12-31; it is not part of 2023.
    expect(years[0]?.days.some((d) => d.date === '2022-12-31')).toBe(false);
  });

  it('refuses a make-up day on a weekday, a date of another year, and a date listed twice', () => {
    const ok = { date: '2027-02-20', isOffDay: false, name: '春节' }; // a Saturday
    expect(codeOf(() => validateArrangement(2027, { days: [ok] }))).toBeNull();
    expect(
      codeOf(() =>
        validateArrangement(2027, { days: [{ date: '2027-02-17', isOffDay: false, name: '春节' }] }),
      ),
    ).toBe('calendar.make_up_day_not_weekend');
    expect(
      codeOf(() =>
        validateArrangement(2027, { days: [{ date: '2026-12-31', isOffDay: true, name: '元旦' }] }),
      ),
    ).toBe('calendar.day_outside_year');
    expect(codeOf(() => validateArrangement(2027, { days: [ok, { ...ok, isOffDay: true }] }))).toBe(
      'calendar.duplicate_day',
    );
  });
});
