import type { AppealChannel, AppealListItem, AppealQuery, AppealStatus } from '@f2f/contract';
import { type ExpressionBuilder, type Insertable, type NotNull, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dateInZone, startOfDateInZone } from '../../clock.ts';
import type { Actor, Tx } from '../../context.ts';
import type { DialectName, Executor } from '../../db/database.ts';
import { reusable } from '../../db/reusable.ts';
import type { AppealTable, AppealTimelineTable, Database } from '../../db/schema.ts';
import { OPEN_ASSIGNMENT_STATUSES, UNFINISHED_ASSIGNMENT_STATUSES } from '../handling/assignment-status.ts';
import { enqueueStatusWebhook } from '../notifications/outbox.ts';
import { countMatchesUpTo, matchingAppealSeqs, queryTerms } from '../search/search.repository.ts';
import { fts5Match, tsQuery } from '../search/tokens.ts';
import { isOversight } from './appeals.policy.ts';

/**
 * The next appeal seq. SQLite has one writer at a time, so max + 1 inside the write transaction is
 * safe; PostgreSQL takes it from the identity column's sequence.
 */
export async function nextAppealSeq(db: Executor, dialect: DialectName): Promise<number> {
  const query =
    dialect === 'postgres'
      ? sql<{ n: number | string }>`select nextval(pg_get_serial_sequence('appeals', 'seq')) as n`
      : sql<{ n: number | string }>`select coalesce(max(seq), 0) + 1 as n from appeals`;
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n);
}

/** Allocates the next human number for the prefix and year, e.g. HY-2025-00042. */
// The queries of recording an appeal are built once (reusable.ts): building them cost more than running them.
const bumpCounter = reusable((db, prefix: string, year: number) =>
  db
    .insertInto('appealCounters')
    .values({ prefix, year, lastValue: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet({ lastValue: sql`appeal_counters.last_value + 1` }),
    )
    .returning('lastValue'),
);

export async function nextAppealNumber(db: Executor, prefix: string, year: number): Promise<string> {
  const [row] = await bumpCounter(db, prefix, year);
  if (!row) throw new Error('appeal_counters returned no row');
  return `${prefix}-${year}-${String(row.lastValue).padStart(5, '0')}`;
}

/**
 * The level a new appeal starts at: the enterprise's county when that county has its own task-force
 * office (an active unit of that type), otherwise the city, whose office runs the pool for everyone else.
 */
const activeOfficeOf = reusable((db, regionId: string) =>
  db
    .selectFrom('units')
    .select('id')
    .where('regionId', '=', regionId)
    .where('type', '=', 'taskForceOffice')
    .where('active', '=', 1),
);
const parentOf = reusable((db, regionId: string) =>
  db.selectFrom('regions').select('parentId').where('id', '=', regionId),
);

export async function initialHandlingRegionId(db: Executor, enterpriseRegionId: string): Promise<string> {
  const [office] = await activeOfficeOf(db, enterpriseRegionId);
  if (office) return enterpriseRegionId;
  const [region] = await parentOf(db, enterpriseRegionId);
  return region?.parentId ?? enterpriseRegionId;
}

const categoryByCode = reusable((db, code: string) =>
  db.selectFrom('appealCategories').selectAll().where('code', '=', code),
);

export async function findCategory(db: Executor, code: string) {
  const [row] = await categoryByCode(db, code);
  return row;
}

/** One timeline entry by `actor` at the change's instant, inside its transaction. */
export async function appendTimelineBy(
  tx: Tx,
  actor: Actor,
  appealId: string,
  kind: string,
  data: unknown,
): Promise<void> {
  await appendTimeline(tx.trx, {
    id: uuidv7(),
    appealId,
    at: tx.now,
    actorId: actor.personId,
    actorName: actor.name,
    kind,
    data,
  });
}

const insertTimelineEntry = reusable((db, row: Insertable<AppealTimelineTable>) =>
  db.insertInto('appealTimeline').values(row),
);

/** Inserts a new appeal's row (built once). */
export const insertAppeal = reusable((db, row: Insertable<AppealTable>) =>
  db.insertInto('appeals').values(row),
);

export async function appendTimeline(
  db: Executor,
  entry: {
    id: string;
    appealId: string;
    at: string;
    actorId: string | null;
    actorName: string | null;
    kind: string;
    data?: unknown;
  },
): Promise<void> {
  await insertTimelineEntry(db, {
    id: entry.id,
    appealId: entry.appealId,
    at: entry.at,
    actorId: entry.actorId,
    actorName: entry.actorName,
    kind: entry.kind,
    dataJson: entry.data === undefined || entry.data === null ? null : JSON.stringify(entry.data),
  });
  // Every status change writes a timeline entry: the platform that submitted the appeal hears of it.
  await enqueueStatusWebhook(db, entry.appealId, entry.at, entry.kind);
}

type AppealsDb = Database & { a: Database['appeals'] };

/** The rows an actor may see, as a condition on `appeals as a` (see appeals.policy.ts for the rules). */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<AppealsDb, 'a'>) => {
    const conditions = [];
    if (isOversight(actor)) {
      // The same levels as inAppealScope: a county also reads what it escalated and what was handed down to it.
      conditions.push(
        actor.regionParentId === null
          ? eb.lit(true)
          : eb.or([eb('a.regionId', '=', actor.regionId), eb('a.handlingRegionId', '=', actor.regionId)]),
      );
    }
    if (actor.roles.includes('enterprise') && actor.enterpriseId) {
      conditions.push(eb('a.enterpriseId', '=', actor.enterpriseId));
    }
    if (actor.roles.includes('collector') && actor.unitId) {
      conditions.push(eb('a.collectingUnitId', '=', actor.unitId));
    }
    if (actor.unitId && actor.roles.some((r) => r === 'handler' || r === 'unitLeader')) {
      const unitId = actor.unitId;
      conditions.push(
        eb.exists(
          eb
            .selectFrom('verificationRequests as vr')
            .select('vr.id')
            .whereRef('vr.appealId', '=', 'a.id')
            .where('vr.unitId', '=', unitId),
        ),
        eb.exists(
          eb
            .selectFrom('assignmentUnits as au')
            .select('au.assignmentId')
            .whereRef('au.appealId', '=', 'a.id')
            .where('au.unitId', '=', unitId),
        ),
      );
    }
    return conditions.length > 0 ? eb.or(conditions) : eb.lit(false);
  };
}

function detailBase(db: Executor) {
  return (
    db
      .selectFrom('appeals as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
      // Left joins (every appeal has both regions): with inner ones, SQLite's planner could start from the few
      // regions and read every appeal of each for a list of ids (similar appeals took seconds after ANALYZE).
      .leftJoin('regions as r', 'r.id', 'a.regionId')
      .leftJoin('regions as hr', 'hr.id', 'a.handlingRegionId')
      .leftJoin('units as u', 'u.id', 'a.collectingUnitId')
      .leftJoin('people as p', 'p.id', 'a.recordedBy')
      .leftJoin('commonIssues as ci', 'ci.id', 'a.commonIssueId')
      .select([
        'a.id',
        'a.number',
        'a.enterpriseId',
        'e.name as enterpriseName',
        'e.creditCode',
        'a.regionId',
        'r.name as regionName',
        'a.handlingRegionId',
        'hr.name as handlingRegionName',
        'a.title',
        'a.content',
        'a.category',
        'a.channel',
        'a.collectingUnitId',
        'u.name as collectingUnitName',
        'a.recordedBy as recordedById',
        'p.name as recordedByName',
        'a.exchangeId',
        'a.commonIssueId',
        'ci.title as commonIssueTitle',
        'a.status',
        'a.tierCode',
        'a.decisionReason',
        'a.submittedAt',
        'a.updatedAt',
        'a.version',
      ])
      .$narrowType<{ regionName: NotNull; handlingRegionName: NotNull }>()
  );
}

type BaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof detailBase>['executeTakeFirst']>>>;

/** An appeal with the units it has been routed to (asked to verify, or assigned): they may see it. */
export type AppealRow = BaseRow & {
  involvedUnitIds: string[];
  activeLeadUnitId: string | null;
  activeCoUnitIds: string[];
  pendingExtension: boolean;
  ratingsPending: boolean;
  undecidedDissatisfied: boolean;
  pendingExplanation: boolean;
};

interface RatingFacts {
  ratingsPending: boolean;
  undecidedDissatisfied: boolean;
  pendingExplanation: boolean;
}

// The reads behind every appeal's permission facts, built once per number of ids (reusable.ts).
const openRatingsQuery = reusable((db, ids: string[]) =>
  db
    .selectFrom('ratings')
    .select(['appealId', 'status', 'value', 'decision', 'explanationStatus'])
    .where('appealId', 'in', ids)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'requested'),
        eb.and([eb('value', '=', 'dissatisfied'), eb('decision', 'is', null)]),
        eb('explanationStatus', '=', 'pending'),
      ]),
    ),
);
const activeUnitsQuery = reusable((db, ids: string[]) =>
  db
    .selectFrom('assignments as s')
    .innerJoin('assignmentUnits as au', 'au.assignmentId', 's.id')
    .select(['s.appealId', 's.id', 's.assignedAt', 'au.unitId', 'au.role'])
    .where('s.appealId', 'in', ids)
    .where('s.status', '!=', 'returned')
    .orderBy('s.assignedAt')
    .orderBy('s.id'),
);
const pendingExtensionsQuery = reusable((db, ids: string[]) =>
  db
    .selectFrom('extensionRequests')
    .select('appealId')
    .where('appealId', 'in', ids)
    .where('status', '=', 'pending'),
);
const involvedUnitsQuery = reusable((db, ids: string[]) =>
  db
    .selectFrom('verificationRequests')
    .select(['appealId', 'unitId'])
    .where('appealId', 'in', ids)
    .union(db.selectFrom('assignmentUnits').select(['appealId', 'unitId']).where('appealId', 'in', ids)),
);
const appealByIdQuery = reusable((db, id: string) => detailBase(db).where('a.id', '=', id));

async function ratingFacts(db: Executor, ids: readonly string[]): Promise<Map<string, RatingFacts>> {
  const result = new Map<string, RatingFacts>();
  if (ids.length === 0) return result;
  const rows = await openRatingsQuery(db, [...ids]);
  for (const row of rows) {
    const facts = result.get(row.appealId) ?? {
      ratingsPending: false,
      undecidedDissatisfied: false,
      pendingExplanation: false,
    };
    if (row.status === 'requested') facts.ratingsPending = true;
    if (row.value === 'dissatisfied' && row.decision === null) facts.undecidedDissatisfied = true;
    if (row.explanationStatus === 'pending') facts.pendingExplanation = true;
    result.set(row.appealId, facts);
  }
  return result;
}

/** The assignment being handled now (the latest not returned) and whether an extension awaits a decision. */
async function activeAssignments(db: Executor, ids: readonly string[]) {
  const result = new Map<string, { lead: string | null; co: string[]; pendingExtension: boolean }>();
  if (ids.length === 0) return result;
  const rows = await activeUnitsQuery(db, [...ids]);
  const latest = new Map<string, string>();
  for (const row of rows) latest.set(row.appealId, row.id);
  for (const row of rows) {
    if (latest.get(row.appealId) !== row.id) continue;
    const entry = result.get(row.appealId) ?? { lead: null, co: [], pendingExtension: false };
    if (row.role === 'lead') entry.lead = row.unitId;
    else entry.co.push(row.unitId);
    result.set(row.appealId, entry);
  }
  const pending = await pendingExtensionsQuery(db, [...ids]);
  for (const p of pending) {
    const entry = result.get(p.appealId);
    if (entry) entry.pendingExtension = true;
  }
  return result;
}

function withHandling(
  row: BaseRow,
  units: Map<string, string[]>,
  active: Map<string, { lead: string | null; co: string[]; pendingExtension: boolean }>,
  ratings: Map<string, RatingFacts>,
): AppealRow {
  const a = active.get(row.id);
  const r = ratings.get(row.id);
  return {
    ...row,
    ratingsPending: r?.ratingsPending ?? false,
    undecidedDissatisfied: r?.undecidedDissatisfied ?? false,
    pendingExplanation: r?.pendingExplanation ?? false,
    involvedUnitIds: units.get(row.id) ?? [],
    activeLeadUnitId: a?.lead ?? null,
    activeCoUnitIds: a?.co ?? [],
    pendingExtension: a?.pendingExtension ?? false,
  };
}

/** The units routed each appeal: asked for a verification opinion, or on an assignment. */
async function involvedUnits(db: Executor, ids: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = await involvedUnitsQuery(db, [...ids]);
  for (const row of rows) {
    const units = result.get(row.appealId);
    if (units && !units.includes(row.unitId)) units.push(row.unitId);
  }
  return result;
}

export async function findAppeal(db: Executor, id: string): Promise<AppealRow | undefined> {
  const [row] = await appealByIdQuery(db, id);
  if (!row) return undefined;
  const [units, active, ratings] = await Promise.all([
    involvedUnits(db, [id]),
    activeAssignments(db, [id]),
    ratingFacts(db, [id]),
  ]);
  return withHandling(row, units, active, ratings);
}

/** Several appeals at once, in no particular order. */
export async function findAppeals(db: Executor, ids: readonly string[]): Promise<AppealRow[]> {
  if (ids.length === 0) return [];
  const rows = await detailBase(db)
    .where('a.id', 'in', [...ids])
    .execute();
  const [units, active, ratings] = await Promise.all([
    involvedUnits(db, ids),
    activeAssignments(db, ids),
    ratingFacts(db, ids),
  ]);
  return rows.map((row) => withHandling(row, units, active, ratings));
}

const attachmentsQuery = reusable((db, appealId: string) =>
  db
    .selectFrom('attachments as t')
    .leftJoin('people as p', 'p.id', 't.uploadedBy')
    .select(['t.id', 't.fileName', 't.mimeType', 't.size', 't.uploadedAt', 'p.name as uploadedByName'])
    .where('t.appealId', '=', appealId)
    .orderBy('t.uploadedAt'),
);

export async function attachmentsOf(db: Executor, appealId: string) {
  return attachmentsQuery(db, appealId);
}

const timelineQuery = reusable((db, appealId: string) =>
  db.selectFrom('appealTimeline').selectAll().where('appealId', '=', appealId).orderBy('at').orderBy('id'),
);

export async function timelineOf(db: Executor, appealId: string) {
  const rows = await timelineQuery(db, appealId);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actorName,
    kind: r.kind,
    data: r.dataJson === null ? null : (JSON.parse(r.dataJson) as unknown),
  }));
}

export type AppealFilter = Omit<AppealQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The day after a calendar date (YYYY-MM-DD). */
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The city date (UTC+8, as the dashboard aggregates count it, migration 0011) of an instant column. */
function cityDateOf(dialect: DialectName, column: string) {
  return dialect === 'postgres'
    ? sql<string>`to_char(((${sql.ref(column)}::timestamptz at time zone 'UTC') + interval '8 hours'), 'YYYY-MM-DD')`
    : sql<string>`strftime('%Y-%m-%d', ${sql.ref(column)}, '+8 hours')`;
}

/**
 * The filters behind the dashboard's and the rankings' figures, each an EXISTS over an index on
 * appeal_id (assignments, ratings, supervision_actions); see AppealFigureFilters for their meaning.
 */
function figureConditions(dialect: DialectName, filter: AppealFilter, today: string) {
  return (eb: ExpressionBuilder<AppealsDb, 'a'>) => {
    const conditions = [];
    if (filter.reopened) conditions.push(eb('a.reopenRound', filter.reopened === 'true' ? '>' : '=', 0));
    const leadRegionId = filter.leadRegionId;
    const unitsOfRegion = (id: string) =>
      eb.selectFrom('units as lu').select('lu.id').where('lu.regionId', '=', id);
    const onAssignment = Boolean(filter.assignmentStatus || filter.overdue || filter.onTime);
    const byUnit = Boolean(filter.leadUnitId || leadRegionId);
    if (onAssignment || (byUnit && !filter.rating && !filter.supervised)) {
      let s = eb.selectFrom('assignments as s').select('s.id').whereRef('s.appealId', '=', 'a.id');
      if (filter.leadUnitId) s = s.where('s.leadUnitId', '=', filter.leadUnitId);
      if (leadRegionId) s = s.where('s.leadUnitId', 'in', unitsOfRegion(leadRegionId));
      const status = filter.assignmentStatus;
      if (status === 'open') s = s.where('s.status', 'in', UNFINISHED_ASSIGNMENT_STATUSES);
      else if (status === 'closed' || status === 'returned') s = s.where('s.status', '=', status);
      else if (status !== 'any') s = s.where('s.status', '!=', 'returned');
      if (filter.overdue)
        s = s.where('s.status', 'in', OPEN_ASSIGNMENT_STATUSES).where('s.dueDate', '<', today);
      if (filter.onTime) {
        s = s
          .where('s.status', '=', 'closed')
          .where('s.closedAt', 'is not', null)
          .where(
            sql<boolean>`${cityDateOf(dialect, 's.closedAt')} ${sql.raw(filter.onTime === 'true' ? '<=' : '>')} ${sql.ref('s.dueDate')}`,
          );
      }
      conditions.push(eb.exists(s));
    }
    if (filter.rating) {
      let r = eb
        .selectFrom('ratings as rt')
        .select('rt.id')
        .whereRef('rt.appealId', '=', 'a.id')
        .where('rt.status', '=', 'given')
        .where('rt.excludedFromScore', '=', 0)
        .where(
          'rt.value',
          'in',
          filter.rating === 'satisfied' ? ['satisfied', 'basicallySatisfied'] : ['dissatisfied'],
        );
      if (filter.leadUnitId && !onAssignment) r = r.where('rt.unitId', '=', filter.leadUnitId);
      if (leadRegionId && !onAssignment) r = r.where('rt.unitId', 'in', unitsOfRegion(leadRegionId));
      conditions.push(eb.exists(r));
    }
    if (filter.supervised) {
      let v = eb.selectFrom('supervisionActions as sv').select('sv.id').whereRef('sv.appealId', '=', 'a.id');
      if (filter.leadUnitId && !onAssignment) v = v.where('sv.unitId', '=', filter.leadUnitId);
      if (leadRegionId && !onAssignment) v = v.where('sv.unitId', 'in', unitsOfRegion(leadRegionId));
      conditions.push(eb.exists(v));
    }
    return eb.and(conditions);
  };
}

/**
 * The pool query: the actor's visible appeals with the filters applied (no paging). `from` and
 * `to` are calendar dates in the city's time zone (`timeZone`), both days included; `today` (the city
 * date) is what `overdue` compares due dates with.
 */
export function filteredAppeals(
  db: Executor,
  dialect: DialectName,
  actor: Actor,
  filter: AppealFilter,
  timeZone: string,
  today: string = dateInZone(new Date(), timeZone),
) {
  let query = db
    .selectFrom('appeals as a')
    // On SQLite the unary + keeps the planner from reading the appeals through their enterprise: with a million
    // appeals it otherwise walks every enterprise and sorts all their appeals to give a page of twenty (seconds),
    // instead of walking the appeals in the page's order and looking each enterprise up (a millisecond).
    .innerJoin('enterprises as e', (join) =>
      dialect === 'sqlite'
        ? join.on(sql<boolean>`e.id = +a.enterprise_id`)
        : join.onRef('e.id', '=', 'a.enterpriseId'),
    )
    .where(visibleTo(actor));
  if (filter.channel) query = query.where('a.channel', '=', filter.channel);
  if (filter.collectingUnitId) query = query.where('a.collectingUnitId', '=', filter.collectingUnitId);
  if (filter.regionId) query = query.where('a.regionId', '=', filter.regionId);
  if (filter.level === 'mine') query = query.where('a.handlingRegionId', '=', actor.regionId);
  if (filter.category) query = query.where('a.category', '=', filter.category);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.tierCode) query = query.where('a.tierCode', '=', filter.tierCode);
  if (filter.enterpriseId) query = query.where('a.enterpriseId', '=', filter.enterpriseId);
  if (filter.commonIssueId) query = query.where('a.commonIssueId', '=', filter.commonIssueId);
  if (filter.exchangeId) query = query.where('a.exchangeId', '=', filter.exchangeId);
  if (filter.from) query = query.where('a.submittedAt', '>=', startOfDateInZone(filter.from, timeZone));
  if (filter.to) query = query.where('a.submittedAt', '<', startOfDateInZone(nextDate(filter.to), timeZone));
  const flag = filter.flag;
  if (flag) {
    query = query.where((eb) =>
      eb.or([
        eb('e.scale', '=', flag),
        eb.exists(
          eb
            .selectFrom('enterpriseTags as t')
            .select('t.enterpriseId')
            .whereRef('t.enterpriseId', '=', 'a.enterpriseId')
            .where('t.tag', '=', flag),
        ),
      ]),
    );
  }
  if (filter.q) {
    const seqs = matchingAppealSeqs(dialect, queryTerms(filter.q));
    query = query.where(seqs ? sql<boolean>`a.seq in (${seqs})` : sql<boolean>`1 = 0`);
  }
  if (
    filter.reopened ||
    filter.leadUnitId ||
    filter.leadRegionId ||
    filter.assignmentStatus ||
    filter.overdue ||
    filter.onTime ||
    filter.rating ||
    filter.supervised
  ) {
    query = query.where(figureConditions(dialect, filter, today));
  }
  return query;
}

const listColumns = [
  'a.id',
  'a.number',
  'a.enterpriseId',
  'e.name as enterpriseName',
  'a.regionId',
  'a.handlingRegionId',
  'a.title',
  'a.category',
  'a.channel',
  'a.collectingUnitId',
  'a.commonIssueId',
  'a.status',
  'a.tierCode',
  'a.submittedAt',
] as const;

const sortColumns = {
  submittedAt: 'a.submittedAt',
  number: 'a.number',
  enterpriseName: 'e.name',
  category: 'a.category',
} as const;

/**
 * Counting every match of a broad filter reads every matching row, a million on a busy city's pool: a list
 * counts up to this many and then says "more than" (`totalIsLowerBound`), unless the aggregates give the
 * exact figure (see aggregateCount).
 */
export const LIST_COUNT_CAP = 1000;
/** The newest appeals a PostgreSQL search sorted by time reads first (then four times as many, and so on). */
const WALK_FIRST_WINDOW = 1024;

/** appeal_stats months are those of UTC+8 (migration 0011); only a city in that zone can count from them. */
const AGGREGATE_ZONES = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
]);

function isFirstOfMonth(date: string): boolean {
  return date.endsWith('-01');
}

function isLastOfMonth(date: string): boolean {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10) === date;
}

const PAGING_KEYS = new Set(['sort', 'order', 'page', 'pageSize']);

/** Whether the query filters by nothing but these keys. */
function filtersOnly(query: AppealQuery, keys: readonly (keyof AppealQuery)[]): boolean {
  return Object.entries(query).every(
    ([key, value]) =>
      PAGING_KEYS.has(key) ||
      (keys as readonly string[]).includes(key) ||
      value === undefined ||
      value === null ||
      value === '',
  );
}

/** A reader for whom visibleTo() is true of every appeal. */
function seesWholeCity(actor: Actor): boolean {
  return isOversight(actor) && actor.regionParentId === null;
}

/**
 * The exact number of appeals a filter selects, read from the aggregates that the dashboard uses, when the
 * filter is one they hold: a reader who sees every appeal of the city, at most a county and one of status,
 * channel, category or tier, and whole months. Null otherwise.
 */
async function aggregateCount(
  db: Executor,
  actor: Actor,
  query: AppealQuery,
  timeZone: string,
): Promise<number | null> {
  const countable = ['regionId', 'status', 'channel', 'category', 'tierCode', 'from', 'to'] as const;
  if (!seesWholeCity(actor) || !filtersOnly(query, countable)) return null;
  const { regionId, status, channel, category, tierCode, from, to } = query;
  const dimensions = (
    [
      ['status', status],
      ['channel', channel],
      ['category', category],
      ['tier', tierCode],
    ] as const
  ).filter(([, value]) => value !== undefined && value !== '');
  if (dimensions.length > 1) return null;
  if ((from || to) && !AGGREGATE_ZONES.has(timeZone)) return null;
  if ((from && !isFirstOfMonth(from)) || (to && !isLastOfMonth(to))) return null;
  const [dimension, value] = dimensions[0] ?? ['status', undefined];
  let q = db.selectFrom('appealStats').where('dimension', '=', dimension);
  if (value !== undefined) q = q.where('value', '=', value);
  if (regionId) q = q.where('regionId', '=', regionId);
  if (from) q = q.where('month', '>=', from.slice(0, 7));
  if (to) q = q.where('month', '<=', to.slice(0, 7));
  const row = await q.select((eb) => eb.fn.sum<number | string | null>('n').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A pool query with the list's columns and the names of its county, handling level and collecting unit. */
function withListColumns(query: ReturnType<typeof filteredAppeals>) {
  return query
    .leftJoin('regions as r', 'r.id', 'a.regionId')
    .leftJoin('regions as hr', 'hr.id', 'a.handlingRegionId')
    .leftJoin('units as u', 'u.id', 'a.collectingUnitId')
    .select([
      ...listColumns,
      'r.name as regionName',
      'hr.name as handlingRegionName',
      'u.name as collectingUnitName',
    ]);
}

export async function listAppeals(
  db: Executor,
  dialect: DialectName,
  actor: Actor,
  query: AppealQuery,
  timeZone: string,
  today?: string,
): Promise<{ items: AppealListItem[]; total: number; totalIsLowerBound: boolean }> {
  // A search sorted by time on SQLite walks the full-text index newest entry first (the index's row id is the
  // appeal's seq, given in order of entry, and an appeal's submitted_at is its entry time) and stops at the
  // page: a common two-character word matches a third of all appeals, and reading all of them to sort would
  // take longer than the page.
  const terms = query.q ? queryTerms(query.q) : [];
  const walkIndex = dialect === 'sqlite' && terms.length > 0 && query.sort === 'submittedAt';
  // PostgreSQL's GIN index finds the appeals holding every character pair, but checking the phrase reads each
  // one's tokens again, and all of them were then sorted by time: a common word cost a read of every appeal
  // holding it. Sorted by time, the search walks the appeals instead in windows of seq (newest first, each
  // window four times the last) and stops when the page is full. Only when the word is common (more matches
  // than the list counts): a rare word's few matches are read and sorted as before, in a few milliseconds.
  const walkWindows = dialect === 'postgres' && terms.length > 0 && query.sort === 'submittedAt';
  const base = walkIndex
    ? filteredAppeals(db, dialect, actor, { ...query, q: undefined }, timeZone, today)
        .innerJoin(sql<{ rowid: number }>`appeal_search`.as('s'), (join) =>
          join.onRef('s.rowid', '=', 'a.seq'),
        )
        .where(sql<boolean>`s.appeal_search match ${fts5Match(terms)}`)
    : filteredAppeals(db, dialect, actor, query, timeZone, today);
  const page = withListColumns(base);
  const ordered = walkIndex
    ? page.orderBy(sql`s.rowid`, query.order)
    : page.orderBy(sortColumns[query.sort], query.order).orderBy('a.id', query.order);
  const exact = await aggregateCount(db, actor, query, timeZone);
  // A bare search by a reader who sees every appeal counts in the full-text index alone, up to the cap, instead
  // of joined to the appeals in full (countMatchesUpTo: on PostgreSQL a common phrase is counted in the newest
  // entries, which the GIN index cannot give first).
  const indexOnly = (walkIndex || walkWindows) && seesWholeCity(actor) && filtersOnly(query, ['q']);
  const counted =
    exact ??
    (indexOnly ? await countMatchesUpTo(db, dialect, terms, LIST_COUNT_CAP) : undefined) ??
    Number(
      (
        await db
          .selectFrom(
            base
              .select(sql<number>`1`.as('one'))
              .limit(LIST_COUNT_CAP + 1)
              .as('m'),
          )
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  let rows: Awaited<ReturnType<typeof ordered.execute>>;
  // A rare word's matches (at most LIST_COUNT_CAP) are sorted as they are; a common word's are walked.
  if (walkWindows && counted > LIST_COUNT_CAP) {
    // The filters without the search, which each window adds for its own seqs.
    const unsearched = withListColumns(
      filteredAppeals(db, dialect, actor, { ...query, q: undefined }, timeZone, today),
    );
    const bounds = await db
      .selectFrom('appeals')
      .select((eb) => [eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi')])
      .executeTakeFirstOrThrow();
    const lo = Number(bounds.lo ?? 0);
    const hi = Number(bounds.hi ?? -1);
    const need = query.page * query.pageSize;
    const desc = query.order === 'desc';
    const match = tsQuery(terms);
    rows = [];
    let edge = desc ? hi : lo;
    for (let span = WALK_FIRST_WINDOW; rows.length < need && edge >= lo && edge <= hi; span *= 4) {
      const [from, to] = desc ? [edge - span + 1, edge] : [edge, edge + span - 1];
      rows.push(
        ...(await unsearched
          .where('a.seq', '>=', from)
          .where('a.seq', '<=', to)
          .where(
            sql<boolean>`a.seq in (select seq from appeal_search where seq >= ${from} and seq <= ${to}
              and tokens @@ ${match}::tsquery)`,
          )
          .orderBy('a.seq', query.order)
          .limit(need - rows.length)
          .execute()),
      );
      edge = desc ? from - 1 : to + 1;
    }
    rows = rows.slice((query.page - 1) * query.pageSize);
  } else {
    rows = await ordered
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
  }
  return {
    items: rows.map((r) => ({
      ...r,
      regionName: r.regionName ?? '',
      handlingRegionName: r.handlingRegionName ?? '',
      channel: r.channel as AppealChannel,
      status: r.status as AppealStatus,
    })),
    total: exact ?? Math.min(counted, LIST_COUNT_CAP),
    totalIsLowerBound: exact === null && counted > LIST_COUNT_CAP,
  };
}
