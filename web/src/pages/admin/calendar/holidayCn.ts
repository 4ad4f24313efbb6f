import type { CalendarDay } from '../../../api/types.ts';

/** The official holiday-cn format (github.com/NateScarlet/holiday-cn): one file per year. */
export interface HolidayCnFile {
  year: number | null;
  papers: string[];
  days: CalendarDay[];
}

export type ParseProblem = 'json' | 'shape' | 'date' | 'year';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses pasted holiday-cn JSON; a plain array of days is accepted too. */
export function parseHolidayCn(
  text: string,
  expectedYear: number,
): { ok: true; file: HolidayCnFile } | { ok: false; problem: ParseProblem; at?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'json' };
  }
  const root = Array.isArray(raw) ? { days: raw } : raw;
  if (!isRecord(root) || !Array.isArray(root.days)) return { ok: false, problem: 'shape' };
  const year = typeof root.year === 'number' ? root.year : null;
  if (year !== null && year !== expectedYear) return { ok: false, problem: 'year', at: String(year) };
  const papers = Array.isArray(root.papers)
    ? root.papers.filter((p): p is string => typeof p === 'string')
    : [];
  const days: CalendarDay[] = [];
  for (const item of root.days) {
    if (!isRecord(item) || typeof item.date !== 'string' || typeof item.isOffDay !== 'boolean') {
      return { ok: false, problem: 'shape' };
    }
    if (!ISO_DATE.test(item.date)) return { ok: false, problem: 'date', at: item.date };
    if (!item.date.startsWith(`${expectedYear}-`)) return { ok: false, problem: 'year', at: item.date };
    const name = typeof item.name === 'string' ? item.name.trim().slice(0, 20) : '';
    days.push({ date: item.date, name, isOffDay: item.isOffDay });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { ok: true, file: { year, papers, days } };
}
