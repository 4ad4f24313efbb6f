import { sql } from 'kysely';
import { zoneOffsetMs } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/database.ts';

/**
 * Upkeep of SQLite's full-text index (FTS5). Each commit that indexes appeals adds a small b-tree segment, and
 * FTS5 merges them only a few at a time, so the index of a busy database is a few dozen segments, and every
 * search reads each one. Merged into one, the searches of the benchmark took a third of the time at a million
 * appeals (a four-character phrase counted in 0.13 ms instead of 0.37; its newest page in 0.04 ms instead of
 * 0.29). Merging rewrites the whole index (250 MB, about 3 s at a million appeals), so it runs once a night, in
 * steps of MERGE_PAGES pages, each its own short transaction: writes wait at most one step, and reads, which
 * the reader threads answer from the last commit, not at all. PostgreSQL's GIN index keeps itself (autovacuum).
 */

/** Pages written by one step (about 2 MB; a step took up to 0.8 s at a million appeals). */
const MERGE_PAGES = 500;

/** The hour of the night (city time) at which the scheduled job merges. */
export const MERGE_HOUR = 3;

/** How many b-tree segments the index has now. */
export async function searchIndexSegments(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(distinct segid) as n from appeal_search_idx`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** One step of merging: true while there is more to do. The first step gathers every segment into one merge. */
async function mergeStep(ctx: AppContext, first: boolean): Promise<boolean> {
  // total_changes() is the connection's: read on the writer's, in the same transaction as the step.
  return ctx.db.transaction().execute(async (trx) => {
    const changes = sql<{ n: number }>`select total_changes() as n`;
    const before = Number((await changes.execute(trx)).rows[0]?.n);
    await sql`insert into appeal_search (appeal_search, rank) values ('merge', ${first ? -MERGE_PAGES : MERGE_PAGES})`.execute(
      trx,
    );
    // FTS5's documented test: a step that did no work changes fewer than two rows.
    return Number((await changes.execute(trx)).rows[0]?.n) - before >= 2;
  });
}

/** Merges the SQLite full-text index into one segment, step by step; nothing to do on PostgreSQL. */
export async function mergeSearchIndex(ctx: AppContext): Promise<Record<string, number>> {
  if (ctx.dialect !== 'sqlite') return {};
  const segmentsBefore = await searchIndexSegments(ctx.db);
  if (segmentsBefore <= 1) return { segmentsBefore, steps: 0 };
  let steps = 0;
  for (let more = true; more; steps += 1) {
    more = await mergeStep(ctx, steps === 0);
    // A turn of the event loop between steps, so that queued changes take the connection in between.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { segmentsBefore, segmentsAfter: await searchIndexSegments(ctx.db), steps };
}

/** The scheduled run merges during MERGE_HOUR, city time; an administrator can run it at any time. */
export function mergeIsDue(ctx: Pick<AppContext, 'clock' | 'config'>): boolean {
  const now = ctx.clock.now().getTime();
  return new Date(now + zoneOffsetMs(now, ctx.config.timeZone)).getUTCHours() === MERGE_HOUR;
}
