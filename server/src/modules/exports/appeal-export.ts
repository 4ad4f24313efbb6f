import type { Writable } from 'node:stream';
import {
  type AppealChannel,
  type AppealQuery,
  type AppealStatus,
  appealChannelLabels,
  appealStatusLabels,
} from '@f2f/contract';
import ExcelJS from 'exceljs';
import { dateInZone, zoneOffsetMs } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import type { DialectName, Executor } from '../../db/database.ts';
import { filteredAppeals } from '../appeals/appeals.repository.ts';
import { drained } from './ledger-workbook.ts';

/** The pool's filters and sort, without paging: an export holds every matching row. */
export type AppealExportQuery = Omit<AppealQuery, 'page' | 'pageSize'>;

/** Rows read per query; memory holds about one page whatever the export's size. */
export const EXPORT_PAGE_SIZE = 500;

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
  timeZone: string,
  today: string,
) {
  return (
    filteredAppeals(db, dialect, actor, query, timeZone, today)
      // A left join (every appeal has its county): with an inner one, SQLite's planner could start from the few
      // regions and sort all their appeals for every page (after ANALYZE, a page of the ledger read all of them).
      .leftJoin('regions as r', 'r.id', 'a.regionId')
      .leftJoin('units as u', 'u.id', 'a.collectingUnitId')
      .leftJoin('appealCategories as c', 'c.code', 'a.category')
      .leftJoin('commonIssues as ci', 'ci.id', 'a.commonIssueId')
      .select([
        'a.id',
        'a.number',
        'e.name as enterpriseName',
        'e.creditCode',
        'r.name as regionName',
        'a.title',
        'a.content',
        'a.category',
        'c.nameZh as categoryName',
        'a.channel',
        'u.name as collectingUnitName',
        'a.status',
        'a.submittedAt',
        'ci.title as commonIssueTitle',
      ])
  );
}

export type ExportRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['execute']>>[number];

function sortValue(row: ExportRow, sort: AppealExportQuery['sort']): string {
  if (sort === 'number') return row.number;
  if (sort === 'enterpriseName') return row.enterpriseName;
  if (sort === 'category') return row.category;
  return row.submittedAt;
}

/**
 * The visible, filtered appeals in the pool's order, a page at a time. Keyset paging on
 * (sort column, id) rather than offsets: each page is one indexed range read, and rows added
 * meanwhile neither repeat nor go missing.
 */
export async function* exportPages(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config'> & Partial<Pick<AppContext, 'clock'>>,
  actor: Actor,
  query: AppealExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportRow[]> {
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
    const last = rows[rows.length - 1] as ExportRow;
    after = { value: sortValue(last, query.sort), id: last.id };
  }
}

// The zone's offset per UTC day, or per quarter hour of UTC on a day when it changes (offsets change only on
// such boundaries): a million rows of an export then format a few thousand times instead of a million.
const offsets = new Map<string, { days: Map<number, number>; quarters: Map<number, number> }>();
const QUARTER_HOUR = 900_000;
const DAY = 86_400_000;

function zoneOffset(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = { days: new Map(), quarters: new Map() };
    offsets.set(timeZone, zone);
  }
  const day = Math.floor(ms / DAY);
  let offset = zone.days.get(day);
  if (offset === undefined) {
    if (zone.days.size > 100_000) zone.days.clear();
    const start = zoneOffsetMs(day * DAY, timeZone);
    // NaN: the offset changes during this UTC day.
    offset = start === zoneOffsetMs(day * DAY + DAY - QUARTER_HOUR, timeZone) ? start : Number.NaN;
    zone.days.set(day, offset);
  }
  if (!Number.isNaN(offset)) return offset;
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let inDay = zone.quarters.get(quarter);
  if (inDay === undefined) {
    if (zone.quarters.size > 100_000) zone.quarters.clear();
    inDay = zoneOffsetMs(quarter * QUARTER_HOUR, timeZone);
    zone.quarters.set(quarter, inDay);
  }
  return inDay;
}

/** An instant as the wall-clock time of `timeZone`, in a Date whose UTC fields hold it (Excel has no zones). */
export function wallClock(instant: string, timeZone: string): Date {
  const ms = Date.parse(instant);
  return new Date(ms + zoneOffset(ms, timeZone));
}

export const exportColumns = [
  { header: '编号', key: 'number', width: 16 },
  { header: '企业', key: 'enterpriseName', width: 30 },
  { header: '统一社会信用代码', key: 'creditCode', width: 22 },
  { header: '县（区）', key: 'regionName', width: 10 },
  { header: '标题', key: 'title', width: 30 },
  { header: '内容', key: 'content', width: 60 },
  { header: '类别', key: 'category', width: 10 },
  { header: '渠道', key: 'channel', width: 14 },
  { header: '收集单位', key: 'collectingUnit', width: 24 },
  { header: '状态', key: 'status', width: 14 },
  { header: '提交时间', key: 'submittedAt', width: 20 },
  { header: '共性问题', key: 'commonIssue', width: 30 },
] as const;

function cells(row: ExportRow, timeZone: string) {
  return {
    number: row.number,
    enterpriseName: row.enterpriseName,
    creditCode: row.creditCode,
    regionName: row.regionName ?? '',
    title: row.title,
    content: row.content,
    category: row.categoryName ?? row.category,
    channel: appealChannelLabels[row.channel as AppealChannel]?.zh ?? row.channel,
    collectingUnit: row.collectingUnitName ?? '',
    status: appealStatusLabels[row.status as AppealStatus]?.zh ?? row.status,
    submittedAt: wallClock(row.submittedAt, timeZone),
    commonIssue: row.commonIssueTitle ?? '',
  };
}

/**
 * Writes the workbook to `out` as the pages arrive: ExcelJS's streaming writer commits each row,
 * and after each page the export waits while the client is slower than the database.
 */
export async function writeAppealWorkbook(
  ctx: AppContext,
  pages: AsyncIterable<ExportRow[]>,
  out: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Face-to-Face 面对面政企交流平台';
  workbook.created = ctx.clock.now();
  const sheet = workbook.addWorksheet('诉求池', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = exportColumns.map((c) => ({ ...c }));
  sheet.getColumn('submittedAt').numFmt = 'yyyy-mm-dd hh:mm:ss';
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const rows of pages) {
    for (const row of rows) sheet.addRow(cells(row, ctx.config.timeZone)).commit();
    count += rows.length;
    await drained(out);
    if (out.destroyed) throw new Error('the client went away during the export');
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
