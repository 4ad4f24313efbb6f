import {
  type AppealChannel,
  type AppealStatus,
  appealChannelLabels,
  appealStatusLabels,
  ratingStatusLabels,
  ratingValueLabels,
  type SupervisionLevel,
  supervisionLevelLabels,
  supervisionLevels,
} from '@f2f/contract';
import { dateInZone } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import type { DialectName, Executor } from '../../db/database.ts';
import { reusable } from '../../db/reusable.ts';
import { filteredAppeals } from '../appeals/appeals.repository.ts';
import { type AppealExportQuery, EXPORT_PAGE_SIZE, wallClock } from './appeal-export.ts';
import { excelDate, type SheetCell, type SheetColumn } from './ledger-workbook.ts';

/**
 * The ledger (台账): one row per appeal with everything a clerk keeps about it, in the pool's
 * order, with the pool's filters and scope. Read a page of appeals at a time by keyset, and for
 * each page one query per related table (assignments, co-units, replies, ratings, supervision,
 * notes) over that page's ids: never one query per row, never more than a page in memory.
 */

export const ledgerColumns = [
  { header: '编号', key: 'number', width: 16 },
  { header: '提交时间', key: 'submittedAt', width: 18, kind: 'datetime' },
  { header: '企业', key: 'enterpriseName', width: 30 },
  { header: '统一社会信用代码', key: 'creditCode', width: 22 },
  { header: '县（区）', key: 'regionName', width: 10 },
  { header: '渠道', key: 'channel', width: 14 },
  { header: '收集单位', key: 'collectingUnit', width: 24 },
  { header: '类别', key: 'category', width: 10 },
  { header: '标题', key: 'title', width: 30 },
  { header: '内容', key: 'content', width: 60 },
  { header: '状态', key: 'status', width: 14 },
  { header: '分级办理', key: 'tier', width: 14 },
  { header: '办理层级', key: 'handlingLevel', width: 10 },
  { header: '主办单位', key: 'leadUnit', width: 24 },
  { header: '协办单位', key: 'coUnits', width: 30 },
  { header: '办理措施', key: 'measures', width: 40 },
  { header: '办理期限', key: 'dueDate', width: 12, kind: 'date' },
  { header: '原办理期限', key: 'originalDueDate', width: 12, kind: 'date' },
  { header: '签收时间', key: 'acceptedAt', width: 18, kind: 'datetime' },
  { header: '办结时间', key: 'closedAt', width: 18, kind: 'datetime' },
  { header: '按期办结', key: 'onTime', width: 10 },
  { header: '办理用时（工作日）', key: 'workingDays', width: 12, kind: 'integer' },
  { header: '答复内容', key: 'reply', width: 60 },
  { header: '满意度评价', key: 'ratings', width: 40 },
  { header: '重办次数', key: 'reopenRounds', width: 10, kind: 'integer' },
  { header: '督办层级', key: 'supervision', width: 12 },
  { header: '最近进展日期', key: 'lastProgress', width: 14, kind: 'date' },
] as const satisfies readonly SheetColumn[];

export type LedgerKey = (typeof ledgerColumns)[number]['key'];
export type LedgerRow = Record<LedgerKey, SheetCell>;

const sortColumns = {
  submittedAt: 'a.submittedAt',
  number: 'a.number',
  enterpriseName: 'e.name',
  category: 'a.category',
} as const;

function pageQuery(
  db: Executor,
  dialect: DialectName,
  actor: Actor,
  query: AppealExportQuery,
  zone: string,
  today: string,
) {
  return (
    filteredAppeals(db, dialect, actor, query, zone, today)
      // A left join (every appeal has its county): with an inner one, SQLite's planner could start from the few
      // regions and sort all their appeals for every page (after ANALYZE, a page of the ledger read all of them).
      .leftJoin('regions as r', 'r.id', 'a.regionId')
      .leftJoin('regions as hr', 'hr.id', 'a.handlingRegionId')
      .leftJoin('units as u', 'u.id', 'a.collectingUnitId')
      .leftJoin('appealCategories as c', 'c.code', 'a.category')
      .leftJoin('handlingTiers as t', 't.code', 'a.tierCode')
      .select([
        'a.id',
        'a.number',
        'a.submittedAt',
        'e.name as enterpriseName',
        'e.creditCode',
        'r.name as regionName',
        'a.channel',
        'u.name as collectingUnitName',
        'a.category',
        'c.nameZh as categoryName',
        'a.title',
        'a.content',
        'a.status',
        't.nameZh as tierName',
        'a.tierCode',
        'hr.name as handlingRegionName',
        'a.reopenRound',
      ])
  );
}

type AppealRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['execute']>>[number];

function sortValue(row: AppealRow, sort: AppealExportQuery['sort']): string {
  if (sort === 'number') return row.number;
  if (sort === 'enterpriseName') return row.enterpriseName;
  if (sort === 'category') return row.category;
  return row.submittedAt;
}

/** The visible, filtered appeals in the pool's order, a keyset page at a time. */
async function* appealPages(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config'> & Partial<Pick<AppContext, 'clock'>>,
  actor: Actor,
  query: AppealExportQuery,
  pageSize: number,
): AsyncGenerator<AppealRow[]> {
  const column = sortColumns[query.sort];
  const direction = query.order;
  const beyond = direction === 'asc' ? '>' : '<';
  const beyondOrAt = direction === 'asc' ? '>=' : '<=';
  let after: { value: string; id: string } | null = null;
  // The city date `overdue` compares with, fixed for the whole export.
  const today = dateInZone(ctx.clock?.now() ?? new Date(), ctx.config.timeZone);
  for (;;) {
    let page = pageQuery(ctx.db, ctx.dialect, actor, query, ctx.config.timeZone, today);
    if (after) {
      const { value, id } = after;
      page = page.where((eb) =>
        // column ≤ value AND (column < value OR id < last id), for descending order: the first term is a
        // range the sort index seeks to; the OR alone made SQLite read every row before the page.
        eb.and([eb(column, beyondOrAt, value), eb.or([eb(column, beyond, value), eb('a.id', beyond, id)])]),
      );
    }
    const rows = await page.orderBy(column, direction).orderBy('a.id', direction).limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1] as AppealRow;
    after = { value: sortValue(last, query.sort), id: last.id };
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** What the ledger adds to a page of appeals: six batched queries over the page's ids. */
// Each page's related rows: six queries over the page's ids, built once per page size (reusable.ts).
const assignmentsOf = reusable((db, appealIds: string[]) =>
  db
    .selectFrom('assignments as s')
    .innerJoin('units as lu', 'lu.id', 's.leadUnitId')
    .select([
      's.id',
      's.appealId',
      'lu.name as leadUnitName',
      's.measures',
      's.dueDate',
      's.originalDueDate',
      's.assignedAt',
      's.acceptedAt',
      's.reportedAt',
      's.closedAt',
      's.status',
      's.workingDays',
    ])
    .where('s.appealId', 'in', appealIds)
    .where('s.status', '!=', 'returned')
    .orderBy('s.assignedAt')
    .orderBy('s.id'),
);
const lastNotesOf = reusable((db, appealIds: string[]) =>
  db
    .selectFrom('handlingNotes')
    .select(['appealId', (eb) => eb.fn.max('at').as('lastAt')])
    .where('appealId', 'in', appealIds)
    .where('kind', 'in', ['progress', 'contact'])
    .groupBy('appealId'),
);
const repliesOf = reusable((db, appealIds: string[]) =>
  db
    .selectFrom('replies')
    .select(['appealId', 'content', 'at'])
    .where('appealId', 'in', appealIds)
    .where('outcome', '=', 'accepted')
    .orderBy('at')
    .orderBy('id'),
);
const ratingsOf = reusable((db, appealIds: string[]) =>
  db
    .selectFrom('ratings as g')
    .innerJoin('units as gu', 'gu.id', 'g.unitId')
    .select(['g.appealId', 'g.round', 'g.role', 'gu.name as unitName', 'g.status', 'g.value'])
    .where('g.appealId', 'in', appealIds)
    .orderBy('g.round')
    .orderBy('g.role', 'desc')
    .orderBy('gu.name'),
);
const supervisionOf = reusable((db, appealIds: string[]) =>
  db
    .selectFrom('supervisionActions')
    .select(['appealId', 'level'])
    .distinct()
    .where('appealId', 'in', appealIds),
);
const coUnitsOf = reusable((db, assignmentIds: string[]) =>
  db
    .selectFrom('assignmentUnits as au')
    .innerJoin('units as cu', 'cu.id', 'au.unitId')
    .select(['au.assignmentId', 'cu.name'])
    .where('au.assignmentId', 'in', assignmentIds)
    .where('au.role', '=', 'co')
    .orderBy('cu.name'),
);

async function related(db: Executor, appealIds: string[]) {
  const [assignments, notes, replies, ratings, supervision] = await Promise.all([
    assignmentsOf(db, appealIds),
    lastNotesOf(db, appealIds),
    repliesOf(db, appealIds),
    ratingsOf(db, appealIds),
    supervisionOf(db, appealIds),
  ]);
  // The appeal's current assignment: the latest one not returned.
  const current = new Map<string, (typeof assignments)[number]>();
  for (const s of assignments) current.set(s.appealId, s);
  const currentIds = [...current.values()].map((s) => s.id);
  const coUnits = currentIds.length ? await coUnitsOf(db, currentIds) : [];
  return {
    current,
    coUnits: groupBy(coUnits, (c) => c.assignmentId),
    lastNote: new Map(notes.map((n) => [n.appealId, n.lastAt === null ? null : String(n.lastAt)])),
    reply: new Map(replies.map((r) => [r.appealId, r.content])),
    ratings: groupBy(ratings, (g) => g.appealId),
    supervision: groupBy(supervision, (x) => x.appealId),
  };
}

type Related = Awaited<ReturnType<typeof related>>;
type RatingRows = NonNullable<ReturnType<Related['ratings']['get']>>;

/** The ratings of the latest closure, lead unit first: 河源市某局（主办）：满意；… */
function ratingsCell(rows: RatingRows | undefined): string {
  if (!rows || rows.length === 0) return '';
  const round = Math.max(...rows.map((r) => r.round));
  return rows
    .filter((r) => r.round === round)
    .map((r) => {
      const value =
        r.value !== null
          ? (ratingValueLabels[r.value as keyof typeof ratingValueLabels]?.zh ?? r.value)
          : (ratingStatusLabels[r.status as keyof typeof ratingStatusLabels]?.zh ?? r.status);
      return `${r.unitName}（${r.role === 'lead' ? '主办' : '协办'}）：${value}`;
    })
    .join('；');
}

function highestLevel(rows: readonly { level: string }[] | undefined): string {
  if (!rows || rows.length === 0) return '';
  const top = Math.max(...rows.map((r) => supervisionLevels.indexOf(r.level as SupervisionLevel)));
  const level = supervisionLevels[top];
  return level ? supervisionLevelLabels[level].zh : '';
}

function ledgerRow(ctx: Pick<AppContext, 'config' | 'calendar'>, a: AppealRow, rel: Related): LedgerRow {
  const zone = ctx.config.timeZone;
  const s = rel.current.get(a.id);
  const closed = a.status === 'closed' && s?.status === 'closed' && s.closedAt !== null;
  // The local day from the cached formatter of wallClock (building a formatter per cell is slow).
  const dayOf = (instant: string) => wallClock(instant, zone).toISOString().slice(0, 10);
  const lastNote = rel.lastNote.get(a.id);
  return {
    number: a.number,
    submittedAt: wallClock(a.submittedAt, zone),
    enterpriseName: a.enterpriseName,
    creditCode: a.creditCode,
    regionName: a.regionName ?? '',
    channel: appealChannelLabels[a.channel as AppealChannel]?.zh ?? a.channel,
    collectingUnit: a.collectingUnitName ?? '',
    category: a.categoryName ?? a.category,
    title: a.title,
    content: a.content,
    status: appealStatusLabels[a.status as AppealStatus]?.zh ?? a.status,
    tier: a.tierName ?? a.tierCode ?? '',
    handlingLevel: a.handlingRegionName ?? '',
    leadUnit: s?.leadUnitName ?? '',
    coUnits: s ? (rel.coUnits.get(s.id) ?? []).map((c) => c.name).join('、') : '',
    measures: s?.measures ?? '',
    dueDate: excelDate(s?.dueDate),
    originalDueDate: s && s.originalDueDate !== s.dueDate ? excelDate(s.originalDueDate) : null,
    acceptedAt: s?.acceptedAt ? wallClock(s.acceptedAt, zone) : null,
    closedAt: closed && s?.closedAt ? wallClock(s.closedAt, zone) : null,
    // On time when the lead unit reported completion by the deadline (the `late` flag of its report).
    onTime: closed && s?.reportedAt ? (dayOf(s.reportedAt) <= s.dueDate ? '是' : '否') : '',
    // Stored when the assignment closed (migration 0012); counted here for assignments closed before that.
    workingDays:
      closed && s?.closedAt
        ? (s.workingDays ?? ctx.calendar.workdaysBetweenOrNull(dayOf(s.assignedAt), dayOf(s.closedAt)))
        : null,
    reply: rel.reply.get(a.id) ?? '',
    ratings: ratingsCell(rel.ratings.get(a.id)),
    reopenRounds: Number(a.reopenRound),
    supervision: highestLevel(rel.supervision.get(a.id)),
    lastProgress: lastNote ? excelDate(dayOf(lastNote)) : null,
  };
}

/** The ledger's rows, a page at a time (each page: one appeal query and six batched related ones). */
export async function* ledgerPages(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config' | 'calendar'> & Partial<Pick<AppContext, 'clock'>>,
  actor: Actor,
  query: AppealExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<LedgerRow[]> {
  for await (const appeals of appealPages(ctx, actor, query, pageSize)) {
    const rel = await related(
      ctx.db,
      appeals.map((a) => a.id),
    );
    yield appeals.map((a) => ledgerRow(ctx, a, rel));
  }
}
