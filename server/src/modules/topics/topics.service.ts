import type { HotTopicCategory, HotTopicLink, HotTopics, HotTopicsQuery, HotTopicWord } from '@f2f/contract';
import ExcelJS from 'exceljs';
import { dateInZone } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { dashboardRegion } from '../dashboard/dashboard.policy.ts';

/**
 * Hot topics (热点问题): the most frequent topic words and categories of a period against the previous
 * period of equal length. Read from the aggregates only — topic_stats (migration 0013, kept when an appeal
 * is written) and appeal_stats' category dimension (migration 0011) — never by segmenting appeals here.
 */

/** The month `k` months after `month` (YYYY-MM; k may be negative). */
export function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 + k, 1)).toISOString().slice(0, 7);
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0)) + 1;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10);
}

export interface TopicPeriod {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  regionId: string | null;
}

/** The period asked for (default: the current month and the two before it), its predecessor and the county. */
export function topicPeriod(
  ctx: AppContext,
  actor: Actor,
  query: Omit<HotTopicsQuery, 'limit'>,
): TopicPeriod {
  const to = query.to ?? (query.from && query.from > currentMonth(ctx) ? query.from : currentMonth(ctx));
  const from = query.from ?? addMonths(to, -2);
  if (from > to) throw new AppError('dashboard.bad_period');
  const length = monthsBetween(from, to);
  return {
    from,
    to,
    previousFrom: addMonths(from, -length),
    previousTo: addMonths(from, -1),
    regionId: dashboardRegion(actor, query.regionId ?? null),
  };
}

function currentMonth(ctx: AppContext): string {
  return dateInZone(ctx.clock.now(), ctx.config.timeZone).slice(0, 7);
}

function trend(count: number, previousCount: number) {
  return {
    count,
    previousCount,
    change: count - previousCount,
    changeRate: previousCount === 0 ? null : (count - previousCount) / previousCount,
  };
}

/** Sums of topic_stats per word over some months of the county (or the city), zero sums left out. */
async function wordCounts(
  ctx: AppContext,
  from: string,
  to: string,
  regionId: string | null,
  words?: string[],
): Promise<Map<string, number>> {
  if (words?.length === 0) return new Map();
  let q = ctx.db
    .selectFrom('topicStats')
    .select((eb) => ['word', eb.fn.sum<number | string>('n').as('n')])
    .where('month', '>=', from)
    .where('month', '<=', to);
  if (regionId) q = q.where('regionId', '=', regionId);
  if (words) q = q.where('word', 'in', words);
  const rows = await q.groupBy('word').execute();
  return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [r.word, Number(r.n)]));
}

async function appealStatsSums(
  ctx: AppContext,
  dimension: 'category' | 'status',
  from: string,
  to: string,
  regionId: string | null,
): Promise<Map<string, number>> {
  let q = ctx.db
    .selectFrom('appealStats')
    .select((eb) => ['value', eb.fn.sum<number | string>('n').as('n')])
    .where('dimension', '=', dimension)
    .where('month', '>=', from)
    .where('month', '<=', to);
  if (regionId) q = q.where('regionId', '=', regionId);
  const rows = await q.groupBy('value').execute();
  return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [r.value, Number(r.n)]));
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** Code-point order, the same on both databases whatever their collation. */
const byCountThenKey = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export async function getHotTopics(ctx: AppContext, actor: Actor, query: HotTopicsQuery): Promise<HotTopics> {
  const period = topicPeriod(ctx, actor, query);
  const { from, to, previousFrom, previousTo, regionId } = period;
  const link = (extra: HotTopicLink): HotTopicLink => ({
    ...extra,
    from: `${from}-01`,
    to: lastDay(to),
    ...(regionId && { regionId }),
  });

  const current = await wordCounts(ctx, from, to, regionId);
  const top = [...current.entries()].sort(byCountThenKey).slice(0, query.limit);
  const before = await wordCounts(
    ctx,
    previousFrom,
    previousTo,
    regionId,
    top.map(([w]) => w),
  );
  const words: HotTopicWord[] = top.map(([word, count]) => ({
    word,
    ...trend(count, before.get(word) ?? 0),
    appeals: link({ q: word }),
  }));

  const [categoryNow, categoryBefore, statusNow, statusBefore, names] = await Promise.all([
    appealStatsSums(ctx, 'category', from, to, regionId),
    appealStatsSums(ctx, 'category', previousFrom, previousTo, regionId),
    appealStatsSums(ctx, 'status', from, to, regionId),
    appealStatsSums(ctx, 'status', previousFrom, previousTo, regionId),
    ctx.db.selectFrom('appealCategories').select(['code', 'nameZh']).execute(),
  ]);
  const nameOf = new Map(names.map((c) => [c.code, c.nameZh]));
  const codes = new Set([...categoryNow.keys(), ...categoryBefore.keys()]);
  const categories: HotTopicCategory[] = [...codes]
    .map((code): [string, number] => [code, categoryNow.get(code) ?? 0])
    .sort(byCountThenKey)
    .map(([code, count]) => ({
      code,
      name: nameOf.get(code) ?? code,
      ...trend(count, categoryBefore.get(code) ?? 0),
      appeals: link({ category: code }),
    }));

  return {
    ...period,
    appealCount: total(statusNow),
    previousAppealCount: total(statusBefore),
    words,
    categories,
  };
}

function changeText(change: number, rate: number | null): string {
  if (rate === null) return change > 0 ? '新出现' : '—';
  return `${change > 0 ? '+' : ''}${change}（${(rate * 100).toFixed(1)}%）`;
}

/** The two tables of the hot topics as a workbook: 热点词语 and 问题类别, with the period in the first row. */
export async function hotTopicsWorkbook(topics: HotTopics, regionName: string | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Face-to-Face 面对面政企交流平台';
  const heading = `统计期间 ${topics.from} 至 ${topics.to}，对比上期 ${topics.previousFrom} 至 ${topics.previousTo}；${
    regionName ?? '全市'
  }；诉求 ${topics.appealCount} 件（上期 ${topics.previousAppealCount} 件）`;
  const sheets: [
    string,
    string,
    { key: string; count: number; previousCount: number; change: number; changeRate: number | null }[],
  ][] = [
    ['热点词语', '词语', topics.words.map((w) => ({ ...w, key: w.word }))],
    ['问题类别', '类别', topics.categories.map((c) => ({ ...c, key: c.name }))],
  ];
  for (const [name, keyHeader, rows] of sheets) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([heading]);
    sheet.addRow([keyHeader, '本期（件）', '上期（件）', '增减', '趋势']).font = { bold: true };
    for (const r of rows) {
      sheet.addRow([r.key, r.count, r.previousCount, r.change, changeText(r.change, r.changeRate)]);
    }
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? 24 : 14;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
