import {
  type AppealLink,
  type AppealStatus,
  appealChannels,
  appealStatuses,
  type Dashboard,
  type DashboardCount,
  type DashboardQuery,
  type DashboardRate,
  type WorkingDaysAverage,
} from '@f2f/contract';
import type { Kysely } from 'kysely';
import { dateInZone, startOfDateInZone } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { cachedRead } from '../../read-cache.ts';
import {
  dashboardRegion,
  dashboardUnit,
  isUnitReader,
  OVERSIGHT_DASHBOARD_ROLES,
  UNIT_DASHBOARD_ROLES,
} from './dashboard.policy.ts';

/**
 * The leaders' dashboard. Every count comes from the aggregates that database triggers keep up to date
 * (migration 0011: appeal_stats, rating_stats; 0012: unit_stats with the working days, unit_rating_stats),
 * never from a GROUP BY over the appeals; "overdue now", which depends on today, sums the rows of
 * open_work_stats (0016: open lead assignments per county, month, unit and due date) due before today.
 * A unit's own dashboard counts the appeals it leads from the appeals themselves, found through
 * assignments_lead_unit_idx: one unit's share, not every appeal.
 */

/** The roles that see the dashboard; a county's people see their county, the city every county. */
export const DASHBOARD_ROLES = OVERSIGHT_DASHBOARD_ROLES;
/** GET /api/dashboard: the overseers, and a unit's staff for their own unit. */
export const DASHBOARD_READER_ROLES = [...OVERSIGHT_DASHBOARD_ROLES, ...UNIT_DASHBOARD_ROLES] as const;

type Scope = { from: string | null; to: string | null; regionId: string | null };
type AggregateTable =
  | 'appealStats'
  | 'assignmentStats'
  | 'ratingStats'
  | 'unitStats'
  | 'unitRatingStats'
  | 'openWorkStats';

/** The last calendar day of a YYYY-MM month. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 1)).toISOString().slice(0, 7);
}

/** Who may see which county, and the period asked for. */
export function dashboardScope(actor: Actor, query: Omit<DashboardQuery, 'unitId'>): Scope {
  if (query.from && query.to && query.from > query.to) throw new AppError('dashboard.bad_period');
  // A unit's staff see only their unit's work: a county narrows it, never widens it.
  const regionId = isUnitReader(actor)
    ? (query.regionId ?? null)
    : dashboardRegion(actor, query.regionId ?? null);
  return { from: query.from ?? null, to: query.to ?? null, regionId };
}

/** The instant range of submitted_at that a period of months covers (city time). */
function submittedRange(scope: Scope, timeZone: string): { from: string | null; before: string | null } {
  return {
    from: scope.from ? startOfDateInZone(`${scope.from}-01`, timeZone) : null,
    before: scope.to ? startOfDateInZone(`${nextMonth(scope.to)}-01`, timeZone) : null,
  };
}

/** A mean of working days from unit_stats' sums. */
export function workingDaysAverage(workingDays: number, count: number): WorkingDaysAverage {
  return { workingDays, count, average: count === 0 ? null : workingDays / count };
}

/**
 * appeal_stats' breakdowns for one lead unit's appeals (those with an assignment it leads, not returned),
 * counted from the appeals themselves: the aggregates have no unit. One unit's share of the appeals, read
 * through assignments_lead_unit_idx.
 */
async function unitAppealCounts(ctx: AppContext, scope: Scope, unitId: string) {
  const range = submittedRange(scope, ctx.config.timeZone);
  let q = ctx.db
    .selectFrom('appeals as a')
    .select([
      'a.status',
      'a.channel',
      'a.category',
      'a.regionId',
      'a.tierCode',
      'a.submittedAt',
      'a.reopenRound',
    ])
    .where('a.id', 'in', (eb) =>
      eb
        .selectFrom('assignments as s')
        .select('s.appealId')
        .where('s.leadUnitId', '=', unitId)
        .where('s.status', '!=', 'returned'),
    );
  if (scope.regionId) q = q.where('a.regionId', '=', scope.regionId);
  if (range.from) q = q.where('a.submittedAt', '>=', range.from);
  if (range.before) q = q.where('a.submittedAt', '<', range.before);
  const rows = await q.execute();
  const maps = {
    status: new Map<string, number>(),
    channel: new Map<string, number>(),
    category: new Map<string, number>(),
    region: new Map<string, number>(),
    tier: new Map<string, number>(),
    month: new Map<string, number>(),
    reopen: new Map<string, number>(),
  };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const r of rows) {
    add(maps.status, r.status);
    add(maps.channel, r.channel);
    add(maps.category, r.category);
    add(maps.region, r.regionId);
    add(maps.tier, r.tierCode ?? '');
    add(maps.month, dateInZone(new Date(r.submittedAt), ctx.config.timeZone).slice(0, 7));
    add(maps.reopen, Number(r.reopenRound) > 0 ? 'reopened' : r.status === 'closed' ? 'closed' : '');
  }
  return maps;
}

function filtered(db: Kysely<Database>, table: AggregateTable, scope: Scope) {
  let q = db.selectFrom(table);
  if (scope.from) q = q.where('month', '>=', scope.from);
  if (scope.to) q = q.where('month', '<=', scope.to);
  if (scope.regionId) q = q.where('regionId', '=', scope.regionId);
  return q;
}

type AppealDimension = 'status' | 'channel' | 'category' | 'tier' | 'reopen';

/** Sums `n` of appeal_stats for one dimension, per its value, county or month (zero sums left out). */
async function appealCounts(
  db: Kysely<Database>,
  scope: Scope,
  dimension: AppealDimension,
  by: 'value' | 'regionId' | 'month' = 'value',
): Promise<Map<string, number>> {
  const rows = await filtered(db, 'appealStats', scope)
    .where('dimension', '=', dimension)
    .select((eb) => [eb.ref(by).as('key'), eb.fn.sum<number | string>('n').as('n')])
    .groupBy(by)
    .execute();
  return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [String(r.key), Number(r.n)]));
}

function rate(numerator: number, denominator: number, appeals: AppealLink | null): DashboardRate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator, appeals };
}

export async function getDashboard(ctx: AppContext, actor: Actor, query: DashboardQuery): Promise<Dashboard> {
  const scope = dashboardScope(actor, query);
  const { db } = ctx;
  const requestedUnit = query.unitId
    ? await db.selectFrom('units').select('regionId').where('id', '=', query.unitId).executeTakeFirst()
    : undefined;
  const unitId = dashboardUnit(actor, query.unitId ?? null, requestedUnit?.regionId ?? null);
  // The figures depend on the scope, the unit and today (overdue now) only: kept for a few seconds per
  // combination (read-cache.ts), so that many leaders' pages polling do not count them again and again.
  const today = dateInZone(ctx.clock.now(), ctx.config.timeZone);
  const key = JSON.stringify(['dashboard', scope, unitId, today]);
  return cachedRead(ctx, key, ctx.config.dashboardCacheSeconds, (countedAt) =>
    countDashboard(ctx, scope, unitId, today, countedAt),
  );
}

async function countDashboard(
  ctx: AppContext,
  scope: Scope,
  unitId: string | null,
  today: string,
  countedAt: Date,
): Promise<Dashboard> {
  const { db } = ctx;

  // The GET /api/appeals parameters of the whole selection; each figure narrows them.
  const period: AppealLink = {
    ...(scope.regionId && { regionId: scope.regionId }),
    ...(scope.from && { from: `${scope.from}-01` }),
    ...(scope.to && { to: lastDayOfMonth(scope.to) }),
  };
  const base: AppealLink = { ...period, ...(unitId && { leadUnitId: unitId }) };

  const ofUnit = unitId ? await unitAppealCounts(ctx, scope, unitId) : null;
  const [byStatus, byChannel, byCategory, byRegion, byTier, byMonth, reopen] = ofUnit
    ? [
        ofUnit.status,
        ofUnit.channel,
        ofUnit.category,
        ofUnit.region,
        ofUnit.tier,
        ofUnit.month,
        ofUnit.reopen,
      ]
    : await Promise.all([
        appealCounts(db, scope, 'status'),
        appealCounts(db, scope, 'channel'),
        appealCounts(db, scope, 'category'),
        appealCounts(db, scope, 'status', 'regionId'),
        appealCounts(db, scope, 'tier'),
        appealCounts(db, scope, 'status', 'month'),
        appealCounts(db, scope, 'reopen'),
      ]);

  let assignmentQuery = filtered(db, 'unitStats', scope);
  if (unitId) assignmentQuery = assignmentQuery.where('leadUnitId', '=', unitId);
  const assignments = await assignmentQuery
    .select((eb) => [
      'leadUnitId',
      'status',
      'onTime',
      eb.fn.sum<number | string>('n').as('n'),
      eb.fn.sum<number | string>('workingDaysSum').as('workingDays'),
      eb.fn.sum<number | string>('timed').as('timed'),
    ])
    .groupBy(['leadUnitId', 'status', 'onTime'])
    .execute();
  const ratings = unitId
    ? await filtered(db, 'unitRatingStats', scope)
        .where('unitId', '=', unitId)
        .where('status', '=', 'given')
        .where('excludedFromScore', '=', 0)
        .select((eb) => ['value', eb.fn.sum<number | string>('n').as('n')])
        .groupBy('value')
        .execute()
    : await filtered(db, 'ratingStats', scope)
        .where('status', '=', 'given')
        .where('excludedFromScore', '=', 0)
        .select((eb) => ['value', eb.fn.sum<number | string>('n').as('n')])
        .groupBy('value')
        .execute();

  // Overdue now: open lead assignments due before today (city date), from open_work_stats (migration 0016).
  let overdue = filtered(db, 'openWorkStats', scope).where('dueDate', '<', today);
  if (unitId) overdue = overdue.where('leadUnitId', '=', unitId);
  const overdueRows = await overdue
    .select((eb) => ['leadUnitId', eb.fn.sum<number | string>('n').as('n')])
    .groupBy('leadUnitId')
    .execute();

  const [regions, categories, tiers, units] = await Promise.all([
    db.selectFrom('regions').select(['id', 'name', 'sortOrder']).execute(),
    db.selectFrom('appealCategories').select(['code', 'nameZh', 'sortOrder']).execute(),
    db.selectFrom('handlingTiers').select(['code', 'nameZh', 'sortOrder']).execute(),
    db.selectFrom('units').select(['id', 'name']).execute(),
  ]);

  const count = (
    key: string,
    n: number,
    name: string | null,
    appeals: AppealLink | null,
  ): DashboardCount => ({
    key,
    name,
    count: n,
    appeals,
  });
  const ordered = (map: Map<string, number>, order: (key: string) => number) =>
    [...map.entries()].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));

  const regionOf = new Map(regions.map((r) => [r.id, r]));
  const categoryOf = new Map(categories.map((c) => [c.code, c]));
  const tierOf = new Map(tiers.map((t) => [t.code, t]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));

  const total = [...byStatus.values()].reduce((sum, n) => sum + n, 0);
  const closed = byStatus.get('closed') ?? 0;
  const accepted = total - (byStatus.get('notAccepted') ?? 0);
  const reopened = reopen.get('reopened') ?? 0;

  const perUnit = new Map<
    string,
    {
      open: number;
      closed: number;
      closedOnTime: number;
      overdueNow: number;
      workingDays: number;
      timed: number;
    }
  >();
  const unitRow = (id: string) => {
    let row = perUnit.get(id);
    if (!row) {
      row = { open: 0, closed: 0, closedOnTime: 0, overdueNow: 0, workingDays: 0, timed: 0 };
      perUnit.set(id, row);
    }
    return row;
  };
  for (const a of assignments) {
    const n = Number(a.n);
    if (n === 0) continue;
    const row = unitRow(a.leadUnitId);
    if (a.status === 'closed') {
      row.closed += n;
      if (Number(a.onTime) === 1) row.closedOnTime += n;
      row.workingDays += Number(a.workingDays);
      row.timed += Number(a.timed);
    } else if (a.status !== 'returned') {
      row.open += n;
    }
  }
  for (const o of overdueRows) unitRow(o.leadUnitId).overdueNow += Number(o.n);
  const unitList = [...perUnit.entries()]
    .map(([id, { workingDays, timed, ...row }]) => {
      const ofUnit: AppealLink = { ...period, leadUnitId: id };
      return {
        unitId: id,
        name: unitName.get(id) ?? id,
        ...row,
        averageWorkingDaysToClose: workingDaysAverage(workingDays, timed).average,
        appeals: {
          open: { ...ofUnit, assignmentStatus: 'open' as const },
          closed: { ...ofUnit, assignmentStatus: 'closed' as const },
          closedOnTime: { ...ofUnit, onTime: 'true' as const },
          overdueNow: { ...ofUnit, overdue: 'true' as const },
        },
      };
    })
    .sort(
      (x, y) => y.open - x.open || y.closed - x.closed || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
    );
  const closedAssignments = unitList.reduce((sum, u) => sum + u.closed, 0);
  const onTime = unitList.reduce((sum, u) => sum + u.closedOnTime, 0);
  const workingDays = [...perUnit.values()].reduce((sum, u) => sum + u.workingDays, 0);
  const timed = [...perUnit.values()].reduce((sum, u) => sum + u.timed, 0);

  const given = ratings.reduce((sum, r) => sum + Number(r.n), 0);
  const satisfied = ratings
    .filter((r) => r.value === 'satisfied' || r.value === 'basicallySatisfied')
    .reduce((sum, r) => sum + Number(r.n), 0);

  return {
    from: scope.from,
    to: scope.to,
    regionId: scope.regionId,
    unitId,
    total: count('total', total, null, base),
    byStatus: ordered(byStatus, (k) => appealStatuses.indexOf(k as AppealStatus)).map(([k, n]) =>
      count(k, n, null, { ...base, status: k as AppealStatus }),
    ),
    byChannel: ordered(byChannel, (k) => appealChannels.indexOf(k as (typeof appealChannels)[number])).map(
      ([k, n]) => count(k, n, null, { ...base, channel: k as (typeof appealChannels)[number] }),
    ),
    byCategory: ordered(byCategory, (k) => categoryOf.get(k)?.sortOrder ?? Number.MAX_SAFE_INTEGER).map(
      ([k, n]) => count(k, n, categoryOf.get(k)?.nameZh ?? null, { ...base, category: k }),
    ),
    byRegion: ordered(byRegion, (k) => regionOf.get(k)?.sortOrder ?? Number.MAX_SAFE_INTEGER).map(([k, n]) =>
      count(k, n, regionOf.get(k)?.name ?? null, { ...base, regionId: k }),
    ),
    // Appeals without a tier cannot be listed by GET /api/appeals' tierCode: no link for them.
    byTier: ordered(byTier, (k) =>
      k === '' ? Number.MAX_SAFE_INTEGER : (tierOf.get(k)?.sortOrder ?? 0),
    ).map(([k, n]) => count(k, n, tierOf.get(k)?.nameZh ?? null, k === '' ? null : { ...base, tierCode: k })),
    byMonth: ordered(byMonth, () => 0).map(([k, n]) =>
      count(k, n, null, { ...base, from: `${k}-01`, to: lastDayOfMonth(k) }),
    ),
    closureRate: rate(closed, accepted, { ...base, status: 'closed' }),
    onTimeRate: rate(onTime, closedAssignments, { ...base, onTime: 'true' }),
    satisfactionRate: rate(satisfied, given, { ...base, rating: 'satisfied' }),
    reopenRate: rate(reopened, reopened + (reopen.get('closed') ?? 0), { ...base, reopened: 'true' }),
    overdueNow: unitList.reduce((sum, u) => sum + u.overdueNow, 0),
    overdueNowAppeals: { ...base, overdue: 'true' },
    averageWorkingDaysToClose: workingDaysAverage(workingDays, timed),
    units: unitList,
    asOf: countedAt.toISOString(),
  };
}
