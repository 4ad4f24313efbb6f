import {
  assignmentStatusLabels,
  type Dashboard,
  type Rankings,
  type SupervisionLevel,
  supervisionLevelLabels,
  supervisionLevels,
} from '@f2f/contract';
import { startOfDateInZone } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import { localDate } from '../../context.ts';
import { getDashboard } from '../dashboard/dashboard.service.ts';
import { getRankings } from '../dashboard/rankings.service.ts';
import { formatChineseDate } from '../documents/chinese-date.ts';
import { type OfficialBlock, renderOfficialDocument } from '../documents/official-document.ts';
import { OPEN_ASSIGNMENT_STATUSES } from '../handling/assignment-status.ts';
import { barChart, type ChartImage, rateChart } from './charts.ts';
import { monthAfter, type ReportPeriod } from './period.ts';

/**
 * 定期报告: the summary for the leaders of one period and one region (the city: every county), as an official
 * document (GB/T 9704 layout) with the dashboard's figures, the unit rankings, the overdue and supervised items
 * and the charts as PNG images. Everything is read through the dashboard's and the rankings' own services, with
 * the reader's scope, so the report says exactly what the dashboard shows for the same period.
 */

/** Rows of the overdue and supervised lists shown in full; the rest are counted. */
export const LIST_LIMIT = 30;

/** The section headings, in order. */
export const SECTION_TITLES = [
  '一、总体情况',
  '二、分类与县区情况',
  '三、单位考核排名',
  '四、逾期及督办事项',
  '五、下一步工作建议',
] as const;

export interface SummaryRegion {
  id: string;
  name: string;
  /** Whether it is the city (every county) rather than one county. */
  isCity: boolean;
}

export interface Summary {
  title: string;
  fileName: string;
  docx: Buffer;
}

/** The region a report covers: a county, or the city when none is given. */
export async function summaryRegion(ctx: AppContext, regionId: string | null): Promise<SummaryRegion> {
  const query = ctx.db.selectFrom('regions').select(['id', 'name', 'parentId']);
  const row = regionId
    ? await query.where('id', '=', regionId).executeTakeFirstOrThrow()
    : await query.where('parentId', 'is', null).orderBy('sortOrder').executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, isCity: row.parentId === null };
}

/** '河源市政企面对面诉求办理情况报告（2026年第四季度）'. */
export function summaryTitle(region: SummaryRegion, period: ReportPeriod): string {
  return `${region.name}政企面对面诉求办理情况报告（${period.label}）`;
}

export function summaryFileName(period: ReportPeriod, region: SummaryRegion): string {
  return `诉求办理情况报告-${region.isCity ? '' : `${region.name}-`}${period.label}.docx`;
}

const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const days = (n: number | null): string => (n === null ? '—' : n.toFixed(1));

interface OverdueItem {
  appealNumber: string;
  appealTitle: string;
  unitName: string;
  regionName: string;
  dueDate: string;
  workingDaysOverdue: number | null;
  highestLevel: SupervisionLevel | null;
}

interface SupervisedItem {
  appealNumber: string;
  appealTitle: string;
  unitName: string;
  dueDate: string;
  assignmentStatus: string;
  steps: number;
  highestLevel: SupervisionLevel;
  open: number;
}

const highest = (levels: readonly string[]): SupervisionLevel | null => {
  let best = -1;
  for (const l of levels) best = Math.max(best, supervisionLevels.indexOf(l as SupervisionLevel));
  return best < 0 ? null : (supervisionLevels[best] ?? null);
};

/** Open lead assignments past their due date today, in the region, most overdue first. */
async function overdueItems(ctx: AppContext, region: SummaryRegion, today: string): Promise<OverdueItem[]> {
  let query = ctx.db
    .selectFrom('assignments as s')
    .innerJoin('appeals as a', 'a.id', 's.appealId')
    .innerJoin('units as u', 'u.id', 's.leadUnitId')
    .innerJoin('regions as r', 'r.id', 'a.regionId')
    .select(['s.id', 'a.number', 'a.title', 'u.name as unitName', 'r.name as regionName', 's.dueDate'])
    .where('s.status', 'in', OPEN_ASSIGNMENT_STATUSES)
    .where('s.dueDate', '<', today);
  if (!region.isCity) query = query.where('a.regionId', '=', region.id);
  const rows = await query.orderBy('s.dueDate').orderBy('a.number').execute();
  const steps = rows.length
    ? await ctx.db
        .selectFrom('supervisionActions')
        .select(['assignmentId', 'level'])
        .where(
          'assignmentId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    appealNumber: r.number,
    appealTitle: r.title,
    unitName: r.unitName,
    regionName: r.regionName,
    dueDate: r.dueDate,
    workingDaysOverdue: ctx.calendar.workdaysBetweenOrNull(r.dueDate, today),
    highestLevel: highest(steps.filter((x) => x.assignmentId === r.id).map((x) => x.level)),
  }));
}

/** Assignments that received a supervision step in the period (city dates), highest step first. */
async function supervisedItems(
  ctx: AppContext,
  region: SummaryRegion,
  period: ReportPeriod,
): Promise<SupervisedItem[]> {
  const zone = ctx.config.timeZone;
  let query = ctx.db
    .selectFrom('supervisionActions as x')
    .innerJoin('assignments as s', 's.id', 'x.assignmentId')
    .innerJoin('appeals as a', 'a.id', 's.appealId')
    .innerJoin('units as u', 'u.id', 'x.unitId')
    .select([
      'x.assignmentId',
      'x.level',
      'x.status',
      'a.number',
      'a.title',
      'u.name as unitName',
      's.dueDate',
      's.status as assignmentStatus',
    ])
    .where('x.createdAt', '>=', startOfDateInZone(`${period.from}-01`, zone))
    .where('x.createdAt', '<', startOfDateInZone(`${monthAfter(period.to)}-01`, zone));
  if (!region.isCity) query = query.where('a.regionId', '=', region.id);
  const rows = await query.execute();
  const byAssignment = new Map<string, SupervisedItem>();
  for (const r of rows) {
    const item = byAssignment.get(r.assignmentId) ?? {
      appealNumber: r.number,
      appealTitle: r.title,
      unitName: r.unitName,
      dueDate: r.dueDate,
      assignmentStatus: r.assignmentStatus,
      steps: 0,
      highestLevel: 'reminder' as SupervisionLevel,
      open: 0,
    };
    item.steps += 1;
    if (r.status === 'open') item.open += 1;
    item.highestLevel = highest([item.highestLevel, r.level]) ?? item.highestLevel;
    byAssignment.set(r.assignmentId, item);
  }
  return [...byAssignment.values()].sort(
    (x, y) =>
      supervisionLevels.indexOf(y.highestLevel) - supervisionLevels.indexOf(x.highestLevel) ||
      (x.appealNumber < y.appealNumber ? -1 : x.appealNumber > y.appealNumber ? 1 : 0),
  );
}

/** The issuing office (the region's task-force office, else the city's) and the recipient (its government). */
async function issuers(ctx: AppContext, region: SummaryRegion) {
  const units = await ctx.db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.regionId')
    .select(['u.name', 'u.type', 'u.regionId'])
    .where((eb) => eb.or([eb('u.regionId', '=', region.id), eb('r.parentId', 'is', null)]))
    .where('u.type', 'in', ['government', 'taskForceOffice'])
    .where('u.active', '=', 1)
    .orderBy('u.sortOrder')
    .execute();
  const of = (type: string) =>
    units.find((u) => u.type === type && u.regionId === region.id)?.name ??
    units.find((u) => u.type === type)?.name;
  return {
    taskForceOffice: of('taskForceOffice') ?? `${region.name}“面对面”政企交流活动工作专班办公室`,
    government:
      units.find((u) => u.type === 'government' && u.regionId === region.id)?.name ??
      `${region.name}人民政府`,
  };
}

function figures(d: Dashboard, region: SummaryRegion, period: ReportPeriod, today: string): OfficialBlock[] {
  const closed = d.byStatus.find((c) => c.key === 'closed')?.count ?? 0;
  const avg = d.averageWorkingDaysToClose;
  const scope = region.isCity ? '全市' : region.name;
  return [
    {
      kind: 'paragraph',
      text:
        `${period.label}，${scope}共收集企业诉求${d.total.count}件，已办结${closed}件，办结率${percent(d.closureRate.rate)}；` +
        `牵头单位办结${d.onTimeRate.denominator}件，其中按期办结${d.onTimeRate.numerator}件，按时办结率${percent(d.onTimeRate.rate)}；` +
        `企业评价${d.satisfactionRate.denominator}件，满意（含基本满意）${d.satisfactionRate.numerator}件，满意率${percent(d.satisfactionRate.rate)}；` +
        `重办${d.reopenRate.numerator}件，重办率${percent(d.reopenRate.rate)}；平均办结用时${days(avg.average)}个工作日。` +
        `截至${formatChineseDate(today)}，本期诉求中逾期未办结${d.overdueNow}件。`,
    },
    {
      kind: 'table',
      header: ['指标', '数值', '计算口径'],
      columnWidths: [0.26, 0.18, 0.56],
      rows: [
        ['诉求总数', String(d.total.count), '期间内提交的诉求（按提交月份）'],
        [
          '办结率',
          percent(d.closureRate.rate),
          `办结${d.closureRate.numerator}件 ÷ 受理${d.closureRate.denominator}件`,
        ],
        [
          '按时办结率',
          percent(d.onTimeRate.rate),
          `按期办结${d.onTimeRate.numerator}件 ÷ 牵头单位办结${d.onTimeRate.denominator}件`,
        ],
        [
          '满意率',
          percent(d.satisfactionRate.rate),
          `满意及基本满意${d.satisfactionRate.numerator}件 ÷ 已评价${d.satisfactionRate.denominator}件`,
        ],
        [
          '重办率',
          percent(d.reopenRate.rate),
          `重办${d.reopenRate.numerator}件 ÷ 办结或重办${d.reopenRate.denominator}件`,
        ],
        ['平均办结用时（工作日）', days(avg.average), `${avg.count}件牵头交办共${avg.workingDays}个工作日`],
        ['当前逾期', String(d.overdueNow), `截至${formatChineseDate(today)}超过办理期限仍未办结`],
      ],
    },
  ];
}

function image(chart: ChartImage): OfficialBlock {
  return { kind: 'image', png: chart.png, width: chart.width, height: chart.height, altText: chart.title };
}

function share(n: number, total: number): string {
  return total === 0 ? '—' : `${((n / total) * 100).toFixed(1)}%`;
}

function rankingBlocks(rankings: Rankings | null): OfficialBlock[] {
  // The one place the rankings enter the report.
  if (!rankings) return [{ kind: 'paragraph', text: '单位考核排名暂未生成。' }];
  if (rankings.units.length === 0) return [{ kind: 'paragraph', text: '本期无单位收到牵头交办事项。' }];
  return [
    { kind: 'paragraph', text: `考核口径：${rankings.formula.zh}` },
    {
      kind: 'table',
      header: ['名次', '单位', '交办', '办结', '按时办结率', '满意率', '督办', '得分'],
      columnWidths: [0.08, 0.3, 0.08, 0.08, 0.13, 0.11, 0.08, 0.14],
      rows: rankings.units.map((u) => [
        String(u.rank),
        u.name,
        String(u.received),
        String(u.closed),
        percent(u.onTimeRate),
        percent(u.satisfactionRate),
        String(u.supervisionNotices),
        u.score.toFixed(2),
      ]),
    },
  ];
}

function more(shown: number, total: number): OfficialBlock[] {
  return total > shown
    ? [{ kind: 'paragraph', text: `以上列出前${shown}件，另有${total - shown}件，详见平台督查工作台。` }]
    : [];
}

function listBlocks(overdue: OverdueItem[], supervised: SupervisedItem[], today: string): OfficialBlock[] {
  const levelName = (l: SupervisionLevel | null) => (l ? supervisionLevelLabels[l].zh : '未督办');
  const statusName = (s: string) => assignmentStatusLabels[s as keyof typeof assignmentStatusLabels]?.zh ?? s;
  const blocks: OfficialBlock[] = [
    {
      kind: 'heading2',
      text: `（一）逾期未办结事项`,
    },
    {
      kind: 'paragraph',
      text:
        overdue.length === 0
          ? `截至${formatChineseDate(today)}，无逾期未办结事项。`
          : `截至${formatChineseDate(today)}，逾期未办结事项${overdue.length}件。`,
    },
  ];
  if (overdue.length > 0) {
    const shown = overdue.slice(0, LIST_LIMIT);
    blocks.push(
      {
        kind: 'table',
        header: ['序号', '诉求事项', '主办单位', '办理期限', '逾期（工作日）', '督办层级'],
        columnWidths: [0.08, 0.32, 0.2, 0.15, 0.12, 0.13],
        rows: shown.map((o, i) => [
          String(i + 1),
          `${o.appealTitle}（${o.appealNumber}）`,
          o.unitName,
          o.dueDate,
          o.workingDaysOverdue === null ? '—' : String(o.workingDaysOverdue),
          levelName(o.highestLevel),
        ]),
      },
      ...more(shown.length, overdue.length),
    );
  }
  blocks.push(
    { kind: 'heading2', text: '（二）督办事项' },
    {
      kind: 'paragraph',
      text:
        supervised.length === 0
          ? '本期无督办事项。'
          : `本期对${supervised.length}件事项采取督办措施${supervised.reduce((n, s) => n + s.steps, 0)}次，其中${supervised.reduce((n, s) => n + (s.open > 0 ? 1 : 0), 0)}件尚待答复。`,
    },
  );
  if (supervised.length > 0) {
    const shown = supervised.slice(0, LIST_LIMIT);
    blocks.push(
      {
        kind: 'table',
        header: ['序号', '诉求事项', '主办单位', '办理期限', '督办层级', '办理状态'],
        columnWidths: [0.08, 0.32, 0.2, 0.15, 0.12, 0.13],
        rows: shown.map((s, i) => [
          String(i + 1),
          `${s.appealTitle}（${s.appealNumber}）`,
          s.unitName,
          s.dueDate,
          `${levelName(s.highestLevel)}（${s.steps}次）`,
          statusName(s.assignmentStatus),
        ]),
      },
      ...more(shown.length, supervised.length),
    );
  }
  return blocks;
}

const ADVICE =
  '一是压实办理责任，对逾期和多次督办事项逐件明确责任人和完成时限，按时办结率偏低的单位限期整改；' +
  '二是加强跟踪回访，对不满意评价及时组织重办，提升企业满意率；' +
  '三是聚焦诉求集中的领域和县区，梳理共性问题，推动从个案解决向类案解决转变；' +
  '四是持续做好“面对面”政企交流活动，拓宽诉求收集渠道，确保企业诉求件件有回音、事事有着落。';

/**
 * Renders the summary of a period for `reader` (whose scope decides what the figures count) over `region`
 * (a county, or the city for every county); `today` is the date of the report and of "overdue now".
 */
export async function renderSummary(
  ctx: AppContext,
  reader: Actor,
  region: SummaryRegion,
  period: ReportPeriod,
): Promise<Summary> {
  const today = localDate(ctx, ctx.clock.now().toISOString());
  const query = { from: period.from, to: period.to, ...(region.isCity ? {} : { regionId: region.id }) };
  const [dashboard, rankings, overdue, supervised, names] = await Promise.all([
    getDashboard(ctx, reader, query),
    getRankings(ctx, reader, query),
    overdueItems(ctx, region, today),
    supervisedItems(ctx, region, period),
    issuers(ctx, region),
  ]);

  const byMonth = new Map(dashboard.byMonth.map((m) => [m.key, m.count]));
  const months: string[] = [];
  for (let m = period.from; m <= period.to; m = monthAfter(m)) months.push(m);
  const total = dashboard.total.count;
  const [ratesImage, monthImage, categoryImage, regionImage] = await Promise.all([
    rateChart('办结率、按时办结率、满意率、重办率', [
      { label: '办结率', rate: dashboard.closureRate.rate },
      { label: '按时办结率', rate: dashboard.onTimeRate.rate },
      { label: '满意率', rate: dashboard.satisfactionRate.rate },
      { label: '重办率', rate: dashboard.reopenRate.rate },
    ]),
    barChart({
      title: '各月诉求数',
      labels: months.map((m) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`),
      values: months.map((m) => byMonth.get(m) ?? 0),
    }),
    barChart({
      title: '各类别诉求数',
      labels: dashboard.byCategory.map((c) => c.name ?? c.key),
      values: dashboard.byCategory.map((c) => c.count),
      horizontal: true,
    }),
    barChart({
      title: '各县（区）诉求数',
      labels: dashboard.byRegion.map((c) => c.name ?? c.key),
      values: dashboard.byRegion.map((c) => c.count),
      horizontal: true,
    }),
  ]);

  const blocks: OfficialBlock[] = [
    {
      kind: 'paragraph',
      text: `现将${period.label}${region.isCity ? '全市' : region.name}政企面对面企业诉求收集、办理和评价情况报告如下。`,
    },
    { kind: 'heading1', text: SECTION_TITLES[0] },
    ...figures(dashboard, region, period, today),
    image(ratesImage),
    { kind: 'heading1', text: SECTION_TITLES[1] },
    { kind: 'heading2', text: '（一）按月份' },
    {
      kind: 'table',
      header: ['月份', '诉求数'],
      columnWidths: [0.5, 0.5],
      rows: months.map((m) => [
        `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`,
        String(byMonth.get(m) ?? 0),
      ]),
    },
    image(monthImage),
    { kind: 'heading2', text: '（二）按类别' },
    dashboard.byCategory.length === 0
      ? { kind: 'paragraph', text: '本期无诉求。' }
      : {
          kind: 'table',
          header: ['类别', '诉求数', '占比'],
          columnWidths: [0.44, 0.28, 0.28],
          rows: dashboard.byCategory.map((c) => [c.name ?? c.key, String(c.count), share(c.count, total)]),
        },
    image(categoryImage),
    { kind: 'heading2', text: '（三）按县（区）' },
    dashboard.byRegion.length === 0
      ? { kind: 'paragraph', text: '本期无诉求。' }
      : {
          kind: 'table',
          header: ['县（区）', '诉求数', '占比'],
          columnWidths: [0.44, 0.28, 0.28],
          rows: dashboard.byRegion.map((c) => [c.name ?? c.key, String(c.count), share(c.count, total)]),
        },
    image(regionImage),
    { kind: 'heading1', text: SECTION_TITLES[2] },
    ...rankingBlocks(rankings),
    { kind: 'heading1', text: SECTION_TITLES[3] },
    ...listBlocks(overdue, supervised, today),
    { kind: 'heading1', text: SECTION_TITLES[4] },
    { kind: 'paragraph', text: ADVICE },
  ];

  const title = summaryTitle(region, period);
  const docx = await renderOfficialDocument({
    // The period on a line of its own, as long titles are broken by meaning.
    title: title.replace('（', '\n（'),
    recipients: names.government,
    blocks,
    signature: names.taskForceOffice,
    date: today,
  });
  return { title, fileName: summaryFileName(period, region), docx };
}
