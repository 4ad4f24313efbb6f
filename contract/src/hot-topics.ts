import { z } from 'zod';
import { Id } from './common.ts';
import { AppealLink, YearMonth } from './dashboard.ts';

export const HotTopicsQuery = z.object({
  from: YearMonth.optional().describe(
    'First month of the period (by submission, city time); default two months before `to`',
  ),
  to: YearMonth.optional().describe('Last month of the period, included; default the current month'),
  regionId: Id.optional().describe('One county; a county’s own people always see their county'),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('How many words, most frequent first'),
});
export type HotTopicsQuery = z.infer<typeof HotTopicsQuery>;

/** GET /api/appeals parameters for the appeals behind a hot topic: `q` (full-text) for a word. */
export const HotTopicLink = AppealLink.extend({ q: z.string().optional() });
export type HotTopicLink = z.infer<typeof HotTopicLink>;

const trend = {
  count: z.number().int().describe('Appeals of the period'),
  previousCount: z.number().int().describe('Appeals of the previous period of equal length'),
  change: z.number().int().describe('count − previousCount'),
  changeRate: z
    .number()
    .nullable()
    .describe('change / previousCount; null when the word or category is new (previousCount 0)'),
};

export const HotTopicWord = z.object({
  word: z.string(),
  ...trend,
  appeals: HotTopicLink.describe('The pool searched for the word (q) over the same period and county'),
});
export type HotTopicWord = z.infer<typeof HotTopicWord>;

export const HotTopicCategory = z.object({
  code: z.string(),
  name: z.string(),
  ...trend,
  appeals: HotTopicLink.describe('The pool filtered by the category over the same period and county'),
});
export type HotTopicCategory = z.infer<typeof HotTopicCategory>;

export const HotTopics = z.object({
  from: YearMonth,
  to: YearMonth,
  previousFrom: YearMonth.describe('The previous period of equal length, first month'),
  previousTo: YearMonth,
  regionId: Id.nullable(),
  appealCount: z.number().int().describe('Appeals of the period'),
  previousAppealCount: z.number().int(),
  words: z
    .array(HotTopicWord)
    .describe(
      'The most frequent topic words: each appeal counts under its top 8 keywords of title and content ' +
        '(jieba TF-IDF, stop words, numbers and single characters left out), once each',
    ),
  categories: z.array(HotTopicCategory).describe('Every category with appeals in either period, most first'),
});
export type HotTopics = z.infer<typeof HotTopics>;
