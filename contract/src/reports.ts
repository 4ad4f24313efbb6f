import { z } from 'zod';
import { Id, Instant } from './common.ts';
import { YearMonth } from './dashboard.ts';
import type { Label } from './labels.ts';

/** The periods a summary covers: one month, one quarter, or a chosen range of months. */
export const reportPeriodKinds = ['month', 'quarter', 'range'] as const;
export type ReportPeriodKind = (typeof reportPeriodKinds)[number];
export const reportPeriodKindLabels: Record<ReportPeriodKind, Label> = {
  month: { zh: '月度', en: 'Monthly' },
  quarter: { zh: '季度', en: 'Quarterly' },
  range: { zh: '自选期间', en: 'Chosen range' },
};

/** A calendar quarter, YYYY-Qn. */
export const YearQuarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn')
  .describe('Quarter YYYY-Qn');

export const SummaryReportQuery = z.object({
  period: z
    .enum(reportPeriodKinds)
    .describe('month: give month; quarter: give quarter; range: give from and to'),
  month: YearMonth.optional().describe('The month of a monthly report'),
  quarter: YearQuarter.optional().describe('The quarter of a quarterly report'),
  from: YearMonth.optional().describe('First month of a chosen range, included'),
  to: YearMonth.optional().describe('Last month of a chosen range, included'),
  regionId: Id.optional().describe('One county; a county’s own people always get their county'),
});
export type SummaryReportQuery = z.infer<typeof SummaryReportQuery>;

/** A summary generated on the schedule and kept for download. */
export const StoredReport = z.object({
  id: Id,
  kind: z.enum(['month', 'quarter']),
  period: z.string().describe('2026-10 for a month, 2026-Q4 for a quarter'),
  regionId: Id,
  regionName: z.string(),
  title: z.string(),
  fileName: z.string(),
  size: z.number().int().describe('Bytes'),
  createdAt: Instant,
});
export type StoredReport = z.infer<typeof StoredReport>;

export const StoredReportList = z.object({ items: z.array(StoredReport) });
export type StoredReportList = z.infer<typeof StoredReportList>;
