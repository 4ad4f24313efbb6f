import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { StoredReport, SummaryReportQuery } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { localDate, requireActor, systemMeta, transact } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { newStorageKey, removeFiles, storagePath } from '../attachments/storage.ts';
import { dashboardRegion } from '../dashboard/dashboard.policy.ts';
import { regionPeople, sendNotices } from '../notices/notices.service.ts';
import {
  monthPeriod,
  periodOf,
  previousMonth,
  quarterEndedBefore,
  quarterPeriod,
  type ReportPeriod,
} from './period.ts';
import { renderSummary, type Summary, type SummaryRegion, summaryRegion } from './summary-document.ts';

/** Who gets the scheduled reports of a region: its leaders and its government office. */
export const REPORT_RECIPIENT_ROLES = ['leader', 'governmentOffice'] as const;

/** The region a reader's report covers: a county's people their county, the city's people the one asked for. */
async function readerRegion(ctx: AppContext, actor: Actor, requested: string | null): Promise<SummaryRegion> {
  const regionId = dashboardRegion(actor, requested);
  if (regionId !== null) {
    const exists = await ctx.db
      .selectFrom('regions')
      .select('id')
      .where('id', '=', regionId)
      .executeTakeFirst();
    if (!exists) throw new AppError('report.region_not_found');
  }
  return summaryRegion(ctx, regionId);
}

/** The summary asked for on demand, in the caller's scope; its generation is audited. */
export async function generateSummary(
  ctx: AppContext,
  meta: RequestMeta,
  query: SummaryReportQuery,
): Promise<Summary> {
  const actor = requireActor(meta);
  const period = periodOf(query);
  const region = await readerRegion(ctx, actor, query.regionId ?? null);
  const summary = await renderSummary(ctx, actor, region, period);
  await transact(ctx, meta, (tx) =>
    tx.audit({
      action: 'report.summary.generate',
      entityType: 'report',
      entityId: null,
      after: { period: period.key, kind: period.kind, regionId: region.id, fileName: summary.fileName },
    }),
  );
  return summary;
}

/** The reports a reader may open: the city's people every stored report, a county's people their county's. */
function visibleReports(ctx: AppContext, actor: Actor) {
  let query = ctx.db
    .selectFrom('reports as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select([
      'p.id',
      'p.kind',
      'p.period',
      'p.regionId',
      'r.name as regionName',
      'p.title',
      'p.fileName',
      'p.size',
      'p.createdAt',
      'p.storageKey',
    ]);
  if (actor.regionParentId !== null) query = query.where('p.regionId', '=', actor.regionId);
  return query;
}

export async function listReports(ctx: AppContext, actor: Actor): Promise<{ items: StoredReport[] }> {
  const rows = await visibleReports(ctx, actor)
    .orderBy('p.createdAt', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return {
    items: rows.map(({ storageKey: _key, ...row }) => ({
      ...row,
      kind: row.kind === 'quarter' ? 'quarter' : 'month',
      size: Number(row.size),
    })),
  };
}

/** A stored report's file; one the reader may not see answers 404 like one that does not exist. */
export async function reportFile(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
): Promise<{ fileName: string; body: Buffer }> {
  const actor = requireActor(meta);
  const row = await visibleReports(ctx, actor).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('report.not_found');
  const body = await fsp.readFile(storagePath(ctx.config, row.storageKey));
  await transact(ctx, meta, (tx) =>
    tx.audit({
      action: 'report.download',
      entityType: 'report',
      entityId: id,
      after: { fileName: row.fileName },
    }),
  );
  return { fileName: row.fileName, body };
}

/** The first working day of a date's month (calendar.year_unknown when the year is not in the calendar). */
export function firstWorkdayOfMonth(ctx: AppContext, date: string): string {
  const first = `${date.slice(0, 7)}-01`;
  return ctx.calendar.isWorkday(first) ? first : ctx.calendar.addWorkdays(first, 1);
}

/**
 * The reader whose scope a scheduled report is read in: the region's overseer, as a leader of that region
 * would read the dashboard. Nobody signs in as it; it only carries the scope.
 */
function regionReader(region: SummaryRegion, cityId: string): Actor {
  return {
    personId: 'system',
    username: 'system',
    name: '系统',
    roles: ['leader'],
    unitId: null,
    unitType: null,
    enterpriseId: null,
    regionId: region.id,
    regionParentId: region.isCity ? null : cityId,
  };
}

/**
 * Generates, stores and announces one scheduled report unless it exists. The row's unique key (kind, period,
 * region) is claimed in the transaction that stores the file and sends the notices: an instance that loses
 * the race inserts nothing, sends nothing and removes the file it wrote.
 */
async function storeScheduled(
  ctx: AppContext,
  region: SummaryRegion,
  period: ReportPeriod,
): Promise<boolean> {
  const exists = await ctx.db
    .selectFrom('reports')
    .select('id')
    .where('kind', '=', period.kind)
    .where('period', '=', period.key)
    .where('regionId', '=', region.id)
    .executeTakeFirst();
  if (exists) return false;
  const summary = await renderSummary(ctx, regionReader(region, region.id), region, period);
  const storageKey = newStorageKey(ctx.clock.now(), ctx.config.timeZone);
  const file = storagePath(ctx.config, storageKey);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, summary.docx, { flag: 'wx' });
  try {
    const stored = await transact(ctx, systemMeta, async (tx) => {
      const id = uuidv7();
      const inserted = await tx.trx
        .insertInto('reports')
        .values({
          id,
          kind: period.kind,
          period: period.key,
          regionId: region.id,
          title: summary.title,
          fileName: summary.fileName,
          storageKey,
          size: summary.docx.length,
          sha256: createHash('sha256').update(summary.docx).digest('hex'),
          createdAt: tx.now,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await sendNotices(tx, await regionPeople(tx.trx, region.id, REPORT_RECIPIENT_ROLES), {
        kind: 'summaryReport',
        title: `${summary.title}已生成`,
        body: `${summary.title}已生成，请在“定期报告”中下载查阅。`,
        link: '/reports',
      });
      await tx.audit({
        action: 'report.summary.generate',
        entityType: 'report',
        entityId: id,
        after: { period: period.key, kind: period.kind, regionId: region.id, fileName: summary.fileName },
      });
      return true;
    });
    if (!stored) await removeFiles([file]);
    return stored;
  } catch (error) {
    await removeFiles([file]);
    throw error;
  }
}

/**
 * The scheduled summaries: on the first working day of a month, last month's report of the city, and on the
 * first working day of a quarter also last quarter's; each once, however many instances run the job.
 */
export async function sweepSummaryReports(ctx: AppContext): Promise<{ generated: number }> {
  const today = localDate(ctx, ctx.clock.now().toISOString());
  if (!ctx.calendar.isWorkday(today) || firstWorkdayOfMonth(ctx, today) !== today) return { generated: 0 };
  const city = await summaryRegion(ctx, null);
  const periods = [monthPeriod(previousMonth(today))];
  const quarter = quarterEndedBefore(today);
  if (quarter) periods.push(quarterPeriod(quarter));
  let generated = 0;
  for (const period of periods) {
    if (await storeScheduled(ctx, city, period)) generated += 1;
  }
  return { generated };
}
