import fs from 'node:fs';
import path from 'node:path';
import type { CalendarDay } from '@f2f/contract';

interface HolidayFile {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

export interface OfficialYear {
  year: number;
  source: string;
  days: CalendarDay[];
}

/**
 * The State Council's holiday arrangements shipped with the product (data/*.json, from the
 * public dataset NateScarlet/holiday-cn). A file may list a date of the previous year
 * (2023.json holds 2022-12-31), so days are merged by date and grouped by their own year.
 */
export function officialYears(dir = path.join(import.meta.dirname, 'data')): OfficialYear[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort();
  const byDate = new Map<string, CalendarDay>();
  const sources = new Map<number, string>();
  for (const file of files) {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as HolidayFile;
    sources.set(
      parsed.year,
      `国务院办公厅关于${parsed.year}年部分节假日安排的通知 ${parsed.papers.join(' ')}`,
    );
    for (const day of parsed.days)
      byDate.set(day.date, { date: day.date, isOffDay: day.isOffDay, name: day.name });
  }
  return [...sources.entries()].map(([year, source]) => ({
    year,
    source,
    days: [...byDate.values()]
      .filter((d) => d.date.startsWith(`${year}-`))
      .sort((a, b) => a.date.localeCompare(b.date)),
  }));
}
