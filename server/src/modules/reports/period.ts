import type { SummaryReportQuery } from '@f2f/contract';
import { AppError } from '../../errors.ts';

/** The months a summary covers, and how its title and file name say so. */
export interface ReportPeriod {
  kind: 'month' | 'quarter' | 'range';
  /** First and last month, YYYY-MM, both included. */
  from: string;
  to: string;
  /** '2026-10', '2026-Q4' or '2026-01..2026-03': the key of a stored report. */
  key: string;
  /** '2026年10月', '2026年第四季度', '2026年1月至3月' or '2025年11月至2026年2月'. */
  label: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

const year = (month: string): number => Number(month.slice(0, 4));
const monthNumber = (month: string): number => Number(month.slice(5, 7));
const pad = (n: number): string => String(n).padStart(2, '0');

export function monthPeriod(month: string): ReportPeriod {
  return {
    kind: 'month',
    from: month,
    to: month,
    key: month,
    label: `${year(month)}年${monthNumber(month)}月`,
  };
}

/** '2026-Q4' → October to December 2026. */
export function quarterPeriod(quarter: string): ReportPeriod {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return {
    kind: 'quarter',
    from: `${y}-${pad(q * 3 - 2)}`,
    to: `${y}-${pad(q * 3)}`,
    key: quarter,
    label: `${y}年第${QUARTER_NAMES[q - 1] ?? q}季度`,
  };
}

export function rangePeriod(from: string, to: string): ReportPeriod {
  if (from > to) throw new AppError('report.bad_period');
  if (from === to) return { ...monthPeriod(from), kind: 'range', key: `${from}..${to}` };
  const label =
    year(from) === year(to)
      ? `${year(from)}年${monthNumber(from)}月至${monthNumber(to)}月`
      : `${year(from)}年${monthNumber(from)}月至${year(to)}年${monthNumber(to)}月`;
  return { kind: 'range', from, to, key: `${from}..${to}`, label };
}

/** The period a request asks for; the parameter of its kind is required. */
export function periodOf(query: SummaryReportQuery): ReportPeriod {
  switch (query.period) {
    case 'month':
      if (!query.month) throw new AppError('report.bad_period');
      return monthPeriod(query.month);
    case 'quarter':
      if (!query.quarter) throw new AppError('report.bad_period');
      return quarterPeriod(query.quarter);
    case 'range':
      if (!query.from || !query.to) throw new AppError('report.bad_period');
      return rangePeriod(query.from, query.to);
  }
}

/** The month before the one of a date (YYYY-MM-DD). */
export function previousMonth(date: string): string {
  const y = year(date);
  const m = monthNumber(date);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** The quarter that ended just before a date's month, when that month opens a quarter; otherwise null. */
export function quarterEndedBefore(date: string): string | null {
  const m = monthNumber(date);
  if ((m - 1) % 3 !== 0) return null;
  const y = year(date);
  return m === 1 ? `${y - 1}-Q4` : `${y}-Q${(m - 1) / 3}`;
}

/** The month after a YYYY-MM month. */
export function monthAfter(month: string): string {
  const y = year(month);
  const m = monthNumber(month);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}
