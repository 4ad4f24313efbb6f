import {
  type AppealLink,
  type RankingRow,
  type Rankings,
  type RankingsQuery,
  rankingFormula,
  rankingWeights,
  SUPERVISION_DEDUCTION_CAP,
  type SupervisionLevel,
  supervisionDeductions,
} from '@f2f/contract';
import ExcelJS from 'exceljs';
import type { Actor, AppContext } from '../../context.ts';
import { dashboardScope, lastDayOfMonth } from './dashboard.service.ts';

/**
 * Unit evaluation (考核): per lead unit and per county (its units together), read from the aggregates of
 * migration 0012 (unit_stats, unit_rating_stats, supervision_stats), a few rows per unit and month, never
 * from the appeals. The period is that of the appeals' submission, as on the dashboard, so that each
 * count links to the pool's list of its appeals. The score and its formula: contract/src/rankings.ts.
 */

interface Figures {
  received: number;
  closed: number;
  closedOnTime: number;
  returned: number;
  reopened: number;
  workingDays: number;
  timed: number;
  ratingsGiven: number;
  satisfied: number;
  supervisionNotices: number;
  deductionPoints: number;
}

const emptyFigures = (): Figures => ({
  received: 0,
  closed: 0,
  closedOnTime: 0,
  returned: 0,
  reopened: 0,
  workingDays: 0,
  timed: 0,
  ratingsGiven: 0,
  satisfied: 0,
  supervisionNotices: 0,
  deductionPoints: 0,
});

function addFigures(into: Figures, from: Figures): void {
  for (const key of Object.keys(into) as (keyof Figures)[]) into[key] += from[key];
}

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** The rates, the deduction and the score of one row's figures (the formula in contract/src/rankings.ts). */
export function scoreOf(f: Figures) {
  const onTimeRate = ratio(f.closedOnTime, f.closed);
  const closureRate = ratio(f.closed, f.received - f.returned);
  const satisfactionRate = ratio(f.satisfied, f.ratingsGiven);
  const reopenRate = ratio(f.reopened, f.received);
  const supervisionDeduction = Math.min(SUPERVISION_DEDUCTION_CAP, f.deductionPoints);
  const score =
    (onTimeRate ?? 0) * rankingWeights.onTime +
    (closureRate ?? 0) * rankingWeights.closure +
    (satisfactionRate ?? 1) * rankingWeights.satisfaction +
    (1 - (reopenRate ?? 0)) * rankingWeights.notReopened -
    supervisionDeduction;
  return {
    onTimeRate,
    closureRate,
    satisfactionRate,
    reopenRate,
    averageWorkingDays: ratio(f.workingDays, f.timed),
    supervisionDeduction,
    score: round2(score),
  };
}

/** Sorted by score, highest first; equal scores share a rank (1, 1, 3). */
export function ranked(rows: Omit<RankingRow, 'rank'>[]): RankingRow[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-Hans-CN'));
  return sorted.map((row, i) => {
    let rank = i + 1;
    for (let j = i; j > 0 && sorted[j - 1]?.score === row.score; j--) rank = j;
    return { rank, ...row };
  });
}

function row(
  id: string,
  name: string,
  regionId: string,
  f: Figures,
  period: AppealLink,
  who: AppealLink,
): Omit<RankingRow, 'rank'> {
  const base = { ...period, ...who };
  return {
    id,
    name,
    regionId,
    received: f.received,
    closed: f.closed,
    closedOnTime: f.closedOnTime,
    returned: f.returned,
    reopened: f.reopened,
    ratingsGiven: f.ratingsGiven,
    satisfied: f.satisfied,
    supervisionNotices: f.supervisionNotices,
    ...scoreOf(f),
    appeals: {
      received: { ...base, assignmentStatus: 'any' },
      closed: { ...base, assignmentStatus: 'closed' },
      closedOnTime: { ...base, onTime: 'true' },
      returned: { ...base, assignmentStatus: 'returned' },
      reopened: { ...base, reopened: 'true' },
      satisfied: { ...base, rating: 'satisfied' },
      supervisionNotices: { ...base, supervised: 'true' },
    },
  };
}

/**
 * The rankings of the period: every unit that received a lead assignment, and every county with such a unit;
 * a county's people only their county's units and their county (the Word summary calls this too).
 */
export async function getRankings(ctx: AppContext, actor: Actor, query: RankingsQuery): Promise<Rankings> {
  const scope = dashboardScope(actor, query);
  const { db } = ctx;
  const inPeriod = {
    assignments: () => {
      let q = db.selectFrom('unitStats');
      if (scope.from) q = q.where('month', '>=', scope.from);
      if (scope.to) q = q.where('month', '<=', scope.to);
      return q;
    },
    ratings: () => {
      let q = db.selectFrom('unitRatingStats');
      if (scope.from) q = q.where('month', '>=', scope.from);
      if (scope.to) q = q.where('month', '<=', scope.to);
      return q;
    },
    supervision: () => {
      let q = db.selectFrom('supervisionStats');
      if (scope.from) q = q.where('month', '>=', scope.from);
      if (scope.to) q = q.where('month', '<=', scope.to);
      return q;
    },
  };

  const [assignments, ratingRows, supervisionRows, units, regions] = await Promise.all([
    inPeriod
      .assignments()
      .select((eb) => [
        'leadUnitId',
        'status',
        'onTime',
        eb.fn.sum<number | string>('n').as('n'),
        eb.fn.sum<number | string>('reopens').as('reopens'),
        eb.fn.sum<number | string>('workingDaysSum').as('workingDays'),
        eb.fn.sum<number | string>('timed').as('timed'),
      ])
      .groupBy(['leadUnitId', 'status', 'onTime'])
      .execute(),
    inPeriod
      .ratings()
      .where('status', '=', 'given')
      .where('excludedFromScore', '=', 0)
      .select((eb) => ['unitId', 'value', eb.fn.sum<number | string>('n').as('n')])
      .groupBy(['unitId', 'value'])
      .execute(),
    inPeriod
      .supervision()
      .select((eb) => ['unitId', 'level', eb.fn.sum<number | string>('n').as('n')])
      .groupBy(['unitId', 'level'])
      .execute(),
    db.selectFrom('units').select(['id', 'name', 'regionId']).execute(),
    db.selectFrom('regions').select(['id', 'name', 'parentId']).execute(),
  ]);

  const perUnit = new Map<string, Figures>();
  const figuresOf = (id: string) => {
    let f = perUnit.get(id);
    if (!f) {
      f = emptyFigures();
      perUnit.set(id, f);
    }
    return f;
  };
  for (const a of assignments) {
    const n = Number(a.n);
    const f = figuresOf(a.leadUnitId);
    f.received += n;
    f.reopened += Number(a.reopens);
    if (a.status === 'returned') f.returned += n;
    if (a.status === 'closed') {
      f.closed += n;
      if (Number(a.onTime) === 1) f.closedOnTime += n;
      f.workingDays += Number(a.workingDays);
      f.timed += Number(a.timed);
    }
  }
  for (const r of ratingRows) {
    const n = Number(r.n);
    const f = figuresOf(r.unitId);
    f.ratingsGiven += n;
    if (r.value === 'satisfied' || r.value === 'basicallySatisfied') f.satisfied += n;
  }
  for (const s of supervisionRows) {
    const n = Number(s.n);
    const f = figuresOf(s.unitId);
    f.supervisionNotices += n;
    f.deductionPoints += n * (supervisionDeductions[s.level as SupervisionLevel] ?? 0);
  }

  const period: AppealLink = {
    ...(scope.from && { from: `${scope.from}-01` }),
    ...(scope.to && { to: lastDayOfMonth(scope.to) }),
  };
  const regionOf = new Map(regions.map((r) => [r.id, r]));
  const unitRows: Omit<RankingRow, 'rank'>[] = [];
  const perCounty = new Map<string, Figures>();
  for (const unit of units) {
    const f = perUnit.get(unit.id);
    // Only units that received lead assignments are evaluated (ratings as a co-unit alone do not rank one).
    if (!f || f.received === 0) continue;
    if (scope.regionId && unit.regionId !== scope.regionId) continue;
    unitRows.push(row(unit.id, unit.name, unit.regionId, f, period, { leadUnitId: unit.id }));
    const region = regionOf.get(unit.regionId);
    if (region?.parentId) {
      let county = perCounty.get(region.id);
      if (!county) {
        county = emptyFigures();
        perCounty.set(region.id, county);
      }
      addFigures(county, f);
    }
  }
  const countyRows = [...perCounty.entries()].map(([id, f]) =>
    row(id, regionOf.get(id)?.name ?? id, id, f, period, { leadRegionId: id }),
  );

  return {
    from: scope.from,
    to: scope.to,
    regionId: scope.regionId,
    formula: rankingFormula,
    units: ranked(unitRows),
    counties: ranked(countyRows),
  };
}

const percent = (value: number | null) => (value === null ? null : round2(value * 100));

/** The rankings as an Excel workbook: a sheet of units, one of counties, and the formula under each. */
export async function rankingsWorkbook(ctx: AppContext, rankings: Rankings): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = ctx.clock.now();
  const columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '名称', key: 'name', width: 28 },
    { header: '收到交办', key: 'received', width: 10 },
    { header: '办结', key: 'closed', width: 8 },
    { header: '按期办结', key: 'closedOnTime', width: 10 },
    { header: '按时办结率(%)', key: 'onTimeRate', width: 14 },
    { header: '办结率(%)', key: 'closureRate', width: 11 },
    { header: '已评价', key: 'ratingsGiven', width: 8 },
    { header: '满意(含基本满意)', key: 'satisfied', width: 16 },
    { header: '满意率(%)', key: 'satisfactionRate', width: 11 },
    { header: '重办', key: 'reopened', width: 8 },
    { header: '重办率(%)', key: 'reopenRate', width: 11 },
    { header: '退回', key: 'returned', width: 8 },
    { header: '督办次数', key: 'supervisionNotices', width: 10 },
    { header: '督办扣分', key: 'supervisionDeduction', width: 10 },
    { header: '平均办结工作日', key: 'averageWorkingDays', width: 14 },
    { header: '得分', key: 'score', width: 8 },
  ];
  const period = `${rankings.from ?? '—'} 至 ${rankings.to ?? '—'}`;
  for (const [title, rows] of [
    ['单位排名', rankings.units],
    ['县区排名', rankings.counties],
  ] as const) {
    const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns;
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) {
      sheet.addRow({
        ...r,
        onTimeRate: percent(r.onTimeRate),
        closureRate: percent(r.closureRate),
        satisfactionRate: percent(r.satisfactionRate),
        reopenRate: percent(r.reopenRate),
        averageWorkingDays: r.averageWorkingDays === null ? null : round2(r.averageWorkingDays),
      });
    }
    sheet.addRow([]);
    sheet.addRow([`统计期间（按诉求提交月份）：${period}`]);
    sheet.addRow([rankings.formula.zh]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
