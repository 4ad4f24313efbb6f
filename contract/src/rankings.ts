import { z } from 'zod';
import { Id } from './common.ts';
import { AppealLink, YearMonth } from './dashboard.ts';
import type { Label } from './labels.ts';

export const RankingsQuery = z.object({
  from: YearMonth.optional().describe('First month of the period (by submission, city time), included'),
  to: YearMonth.optional().describe('Last month of the period, included'),
  regionId: Id.optional().describe('Only this county’s units; a county’s own people always see their county'),
});
export type RankingsQuery = z.infer<typeof RankingsQuery>;

/** Points deducted for each supervision step taken against a unit, by level (督办扣分). */
export const supervisionDeductions = {
  reminder: 0,
  urge: 0.5,
  supervisionNotice: 1,
  listedSupervision: 2,
  circular: 3,
} as const;
/** The supervision deduction of one unit or county never exceeds this. */
export const SUPERVISION_DEDUCTION_CAP = 10;

/** The weights of the score (points for a rate of 1). */
export const rankingWeights = { onTime: 40, closure: 20, satisfaction: 30, notReopened: 10 } as const;

/** The score's formula, shown on the page and in the summary. */
export const rankingFormula: Label = {
  zh:
    '得分 = 按时办结率×40 + 办结率×20 + 满意率×30 + (1 − 重办率)×10 − 督办扣分。' +
    '按时办结率 = 按期办结件数 ÷ 办结件数；办结率 = 办结件数 ÷ (收到交办件数 − 退回件数)；' +
    '满意率 =（满意 + 基本满意）÷ 已评价件数（不含不计入考核的评价）；重办率 = 重办件数 ÷ 收到交办件数；' +
    '督办扣分：催办 0.5、督办单 1、挂牌督办 2、通报 3 分/次，最多扣 10 分。' +
    '无可计算的比率：按时办结率、办结率计 0，满意率、重办率不扣分。' +
    '统计期间按诉求提交月份；同分者名次相同。',
  en:
    'Score = on-time rate × 40 + closure rate × 20 + satisfaction rate × 30 + (1 − reopen rate) × 10 − supervision deduction. ' +
    'On-time rate = closed on time ÷ closed; closure rate = closed ÷ (assignments received − returned); ' +
    'satisfaction rate = (satisfied + basically satisfied) ÷ ratings given (leaving out those excluded from the score); ' +
    'reopen rate = reopens ÷ assignments received; ' +
    'supervision deduction: 0.5 per urging, 1 per supervision notice, 2 per listed supervision, 3 per circular, at most 10. ' +
    'A rate with nothing to measure: on-time and closure count 0, satisfaction and reopen deduct nothing. ' +
    'The period is that of the appeals’ submission; equal scores share a rank.',
};

export const RankingRow = z.object({
  rank: z.number().int().describe('1 for the highest score; equal scores share a rank'),
  id: Id.describe('The unit’s or the county’s id'),
  name: z.string(),
  regionId: Id.describe('The unit’s county (or city); for a county row, the county itself'),
  received: z.number().int().describe('Lead assignments received (returned ones included)'),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  returned: z.number().int().describe('Assignments returned (退回)'),
  reopened: z.number().int().describe('Assignments made by a reopen (重办)'),
  ratingsGiven: z.number().int().describe('Ratings of the unit given and counted in the score'),
  satisfied: z.number().int().describe('Of those, satisfied or basically satisfied'),
  supervisionNotices: z.number().int().describe('Supervision steps taken against the unit (催办, 督办单, …)'),
  onTimeRate: z.number().nullable(),
  closureRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  reopenRate: z.number().nullable(),
  averageWorkingDays: z.number().nullable().describe('Mean working days from assignment to closure'),
  supervisionDeduction: z.number(),
  score: z.number().describe('Rounded to two decimals'),
  appeals: z
    .object({
      received: AppealLink,
      closed: AppealLink,
      closedOnTime: AppealLink,
      returned: AppealLink,
      reopened: AppealLink,
      satisfied: AppealLink,
      supervisionNotices: AppealLink,
    })
    .describe('GET /api/appeals parameters listing the appeals behind each count'),
});
export type RankingRow = z.infer<typeof RankingRow>;

export const Rankings = z.object({
  from: YearMonth.nullable(),
  to: YearMonth.nullable(),
  regionId: Id.nullable(),
  formula: z.object({ zh: z.string(), en: z.string() }),
  units: z.array(RankingRow).describe('Units that received lead assignments in the period, by score'),
  counties: z.array(RankingRow).describe('Counties (their units together), by score'),
});
export type Rankings = z.infer<typeof Rankings>;
