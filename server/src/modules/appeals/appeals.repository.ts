import type { AppealChannel, AppealListItem, AppealQuery, AppealStatus } from '@f2f/contract';
import { type ExpressionBuilder, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { startOfDateInZone } from '../../clock.ts';
import type { Actor, Tx } from '../../context.ts';
import type { DialectName, Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { enqueueStatusWebhook } from '../notifications/outbox.ts';
import { matchingAppealSeqs, queryTerms } from '../search/search.repository.ts';
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
export async function nextAppealNumber(db: Executor, prefix: string, year: number): Promise<string> {
  const row = await db
    .insertInto('appealCounters')
    .values({ prefix, year, lastValue: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet({ lastValue: sql`appeal_counters.last_value + 1` }),
    )
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return `${prefix}-${year}-${String(row.lastValue).padStart(5, '0')}`;
}

/**
 * The level a new appeal starts at: the enterprise's county when that county has its own task-force
 * office (an active unit of that type), otherwise the city, whose office runs the pool for everyone else.
 */
export async function initialHandlingRegionId(db: Executor, enterpriseRegionId: string): Promise<string> {
  const office = await db
    .selectFrom('units')
    .select('id')
    .where('regionId', '=', enterpriseRegionId)
    .where('type', '=', 'taskForceOffice')
    .where('active', '=', 1)
    .executeTakeFirst();
  if (office) return enterpriseRegionId;
  const region = await db
    .selectFrom('regions')
    .select('parentId')
    .where('id', '=', enterpriseRegionId)
    .executeTakeFirst();
  return region?.parentId ?? enterpriseRegionId;
}

export function findCategory(db: Executor, code: string) {
  return db.selectFrom('appealCategories').selectAll().where('code', '=', code).executeTakeFirst();
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
  await db
    .insertInto('appealTimeline')
    .values({
      id: entry.id,
      appealId: entry.appealId,
      at: entry.at,
      actorId: entry.actorId,
      actorName: entry.actorName,
      kind: entry.kind,
      dataJson: entry.data === undefined || entry.data === null ? null : JSON.stringify(entry.data),
    })
    .execute();
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
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .innerJoin('regions as r', 'r.id', 'a.regionId')
    .innerJoin('regions as hr', 'hr.id', 'a.handlingRegionId')
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
    ]);
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

async function ratingFacts(db: Executor, ids: readonly string[]): Promise<Map<string, RatingFacts>> {
  const result = new Map<string, RatingFacts>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('ratings')
    .select(['appealId', 'status', 'value', 'decision', 'explanationStatus'])
    .where('appealId', 'in', [...ids])
    .where((eb) =>
      eb.or([
        eb('status', '=', 'requested'),
        eb.and([eb('value', '=', 'dissatisfied'), eb('decision', 'is', null)]),
        eb('explanationStatus', '=', 'pending'),
      ]),
    )
    .execute();
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
  const rows = await db
    .selectFrom('assignments as s')
    .innerJoin('assignmentUnits as au', 'au.assignmentId', 's.id')
    .select(['s.appealId', 's.id', 's.assignedAt', 'au.unitId', 'au.role'])
    .where('s.appealId', 'in', [...ids])
    .where('s.status', '!=', 'returned')
    .orderBy('s.assignedAt')
    .orderBy('s.id')
    .execute();
  const latest = new Map<string, string>();
  for (const row of rows) latest.set(row.appealId, row.id);
  for (const row of rows) {
    if (latest.get(row.appealId) !== row.id) continue;
    const entry = result.get(row.appealId) ?? { lead: null, co: [], pendingExtension: false };
    if (row.role === 'lead') entry.lead = row.unitId;
    else entry.co.push(row.unitId);
    result.set(row.appealId, entry);
  }
  const pending = await db
    .selectFrom('extensionRequests')
    .select('appealId')
    .where('appealId', 'in', [...ids])
    .where('status', '=', 'pending')
    .execute();
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
  const rows = await db
    .selectFrom('verificationRequests')
    .select(['appealId', 'unitId'])
    .where('appealId', 'in', [...ids])
    .union(
      db
        .selectFrom('assignmentUnits')
        .select(['appealId', 'unitId'])
        .where('appealId', 'in', [...ids]),
    )
    .execute();
  for (const row of rows) {
    const units = result.get(row.appealId);
    if (units && !units.includes(row.unitId)) units.push(row.unitId);
  }
  return result;
}

export async function findAppeal(db: Executor, id: string): Promise<AppealRow | undefined> {
  const row = await detailBase(db).where('a.id', '=', id).executeTakeFirst();
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

export async function attachmentsOf(db: Executor, appealId: string) {
  return db
    .selectFrom('attachments as t')
    .leftJoin('people as p', 'p.id', 't.uploadedBy')
    .select(['t.id', 't.fileName', 't.mimeType', 't.size', 't.uploadedAt', 'p.name as uploadedByName'])
    .where('t.appealId', '=', appealId)
    .orderBy('t.uploadedAt')
    .execute();
}

export async function timelineOf(db: Executor, appealId: string) {
  const rows = await db
    .selectFrom('appealTimeline')
    .selectAll()
    .where('appealId', '=', appealId)
    .orderBy('at')
    .orderBy('id')
    .execute();
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

/**
 * The pool query: the actor's visible appeals with the filters applied (no paging). `from` and
 * `to` are calendar dates in the city's time zone (`timeZone`), both days included.
 */
export function filteredAppeals(
  db: Executor,
  dialect: DialectName,
  actor: Actor,
  filter: AppealFilter,
  timeZone: string,
) {
  let query = db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
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

export async function listAppeals(
  db: Executor,
  dialect: DialectName,
  actor: Actor,
  query: AppealQuery,
  timeZone: string,
): Promise<{ items: AppealListItem[]; total: number }> {
  const base = filteredAppeals(db, dialect, actor, query, timeZone);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('regions as r', 'r.id', 'a.regionId')
      .leftJoin('regions as hr', 'hr.id', 'a.handlingRegionId')
      .leftJoin('units as u', 'u.id', 'a.collectingUnitId')
      .select([
        ...listColumns,
        'r.name as regionName',
        'hr.name as handlingRegionName',
        'u.name as collectingUnitName',
      ])
      .orderBy(sortColumns[query.sort], query.order)
      .orderBy('a.id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      regionName: r.regionName ?? '',
      handlingRegionName: r.handlingRegionName ?? '',
      channel: r.channel as AppealChannel,
      status: r.status as AppealStatus,
    })),
    total: Number(count.n),
  };
}
