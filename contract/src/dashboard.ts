import { z } from 'zod';
import { appealChannels, appealStatuses, assignmentStatusFilters, ratingFilters } from './appeals.ts';
import { Id, IsoDate } from './common.ts';

/** A calendar month, YYYY-MM. */
export const YearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
  .describe('Month YYYY-MM');

export const DashboardQuery = z.object({
  from: YearMonth.optional().describe('First month of the period (by submission, city time), included'),
  to: YearMonth.optional().describe('Last month of the period, included'),
  regionId: Id.optional().describe('One county; a county’s own people always see their county'),
  unitId: Id.optional().describe(
    'One lead unit’s work (oversight roles; a county’s people only their county’s units). A unit’s staff always see their own unit',
  ),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** The query parameters of GET /api/appeals that list the appeals behind a figure (click-through). */
export const AppealLink = z
  .object({
    regionId: Id,
    status: z.enum(appealStatuses),
    channel: z.enum(appealChannels),
    category: z.string(),
    tierCode: z.string(),
    from: IsoDate,
    to: IsoDate,
    leadUnitId: Id,
    leadRegionId: Id,
    assignmentStatus: z.enum(assignmentStatusFilters),
    overdue: z.enum(['true']),
    onTime: z.enum(['true', 'false']),
    reopened: z.enum(['true', 'false']),
    rating: z.enum(ratingFilters),
    supervised: z.enum(['true']),
  })
  .partial();
export type AppealLink = z.infer<typeof AppealLink>;

/** One count of appeals: the key of its dimension (a status, channel, category code, region id, tier code or month). */
export const DashboardCount = z.object({
  key: z.string().describe('The dimension’s value; "" for appeals without a tier'),
  name: z
    .string()
    .nullable()
    .describe('Region or tier name, category label; null where the contract has the label'),
  count: z.number().int(),
  appeals: AppealLink.nullable().describe(
    'GET /api/appeals parameters listing exactly these appeals; null when it cannot',
  ),
});
export type DashboardCount = z.infer<typeof DashboardCount>;

export const DashboardRate = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable().describe('numerator / denominator, null when the denominator is 0'),
  appeals: AppealLink.nullable().describe(
    'GET /api/appeals parameters listing the numerator’s appeals, when it can',
  ),
});
export type DashboardRate = z.infer<typeof DashboardRate>;

/** A mean of working days: its sum over how many were measured. */
export const WorkingDaysAverage = z.object({
  workingDays: z.number().int().describe('Sum of the working days'),
  count: z.number().int().describe('Closed lead assignments whose working days are known'),
  average: z.number().nullable().describe('workingDays / count, null when count is 0'),
});
export type WorkingDaysAverage = z.infer<typeof WorkingDaysAverage>;

export const DashboardUnit = z.object({
  unitId: Id,
  name: z.string(),
  open: z.number().int().describe('Lead assignments pending, accepted or reported'),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  overdueNow: z.number().int(),
  averageWorkingDaysToClose: z
    .number()
    .nullable()
    .describe('Mean working days from assignment to closure of its closed lead assignments'),
  appeals: z
    .object({
      open: AppealLink,
      closed: AppealLink,
      closedOnTime: AppealLink,
      overdueNow: AppealLink,
    })
    .describe('GET /api/appeals parameters listing the appeals behind each figure'),
});

export const Dashboard = z.object({
  from: YearMonth.nullable(),
  to: YearMonth.nullable(),
  regionId: Id.nullable(),
  unitId: Id.nullable().describe('The lead unit whose work alone is counted, when one'),
  total: DashboardCount,
  byStatus: z.array(DashboardCount),
  byChannel: z.array(DashboardCount),
  byCategory: z.array(DashboardCount),
  byRegion: z.array(DashboardCount),
  byTier: z.array(DashboardCount),
  byMonth: z.array(DashboardCount),
  closureRate: DashboardRate.describe('Closed appeals over accepted ones (all but notAccepted)'),
  onTimeRate: DashboardRate.describe(
    'Closed lead assignments closed by their due date over closed lead assignments',
  ),
  satisfactionRate: DashboardRate.describe(
    'Ratings satisfied or basically satisfied over ratings given, leaving out those excluded from the score',
  ),
  reopenRate: DashboardRate.describe('Appeals reopened at least once over appeals closed now or reopened'),
  overdueNow: z
    .number()
    .int()
    .describe('Open lead assignments (pending or accepted) past their due date today'),
  overdueNowAppeals: AppealLink.describe('GET /api/appeals parameters listing the appeals overdue now'),
  averageWorkingDaysToClose: WorkingDaysAverage.describe(
    'Working days from assignment to closure of the lead assignments closed, of the appeals of the period',
  ),
  units: z.array(DashboardUnit).describe('Lead units, most open work first'),
  asOf: z
    .string()
    .describe(
      'When these figures were counted. They are kept up to DASHBOARD_CACHE_SECONDS (10 by default) and ' +
        'counted again at once after any change made on this server',
    ),
});
export type Dashboard = z.infer<typeof Dashboard>;
