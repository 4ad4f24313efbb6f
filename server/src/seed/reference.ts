import type { AppContext } from '../context.ts';
import { systemMeta, transact } from '../context.ts';
import { findYear, replaceYear } from '../modules/calendar/calendar.repository.ts';
import { officialYears } from '../modules/calendar/official-holidays.ts';

/**
 * Reference data every installation needs: the official holiday arrangements shipped with the
 * product, for each year the database does not hold yet. A year an administrator already
 * entered or edited is left as it is.
 */
export async function ensureReferenceData(ctx: AppContext): Promise<number[]> {
  const added: number[] = [];
  for (const official of officialYears()) {
    if (await findYear(ctx.db, official.year)) continue;
    await transact(ctx, systemMeta, async (tx) => {
      await replaceYear(tx.trx, official.year, official.source, official.days, tx.now);
      await tx.audit({
        action: 'calendar.year.import',
        entityType: 'calendarYear',
        entityId: String(official.year),
        after: { source: official.source, days: official.days.length },
      });
    });
    added.push(official.year);
  }
  await ctx.calendar.load(ctx.db);
  return added;
}
