import type { AppContext } from '../context.ts';
import { systemMeta, transact } from '../context.ts';
import { findYear, replaceYear } from '../modules/calendar/calendar.repository.ts';
import { officialYears } from '../modules/calendar/official-holidays.ts';
import { ensureDefaultTiers } from '../modules/verification/tiers.service.ts';

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
  await ensureDefaultCategories(ctx);
  await ensureDefaultTiers(ctx);
  return added;
}

/** The plan's appeal categories, on a database that has none yet; administrators change them later. */
const defaultCategories = [
  ['land', '用地', 'Land'],
  ['finance', '融资', 'Finance'],
  ['labour', '用工', 'Labour'],
  ['approvals', '审批', 'Approvals'],
  ['utilities', '水电气', 'Utilities'],
  ['logistics', '物流交通', 'Logistics and transport'],
  ['policyDelivery', '政策落实', 'Policy delivery'],
  ['other', '其他', 'Other'],
] as const;

async function ensureDefaultCategories(ctx: AppContext): Promise<void> {
  const any = await ctx.db.selectFrom('appealCategories').select('code').limit(1).executeTakeFirst();
  if (any) return;
  await transact(ctx, systemMeta, async (tx) => {
    const rows = defaultCategories.map(([code, nameZh, nameEn], index) => ({
      code,
      nameZh,
      nameEn,
      sortOrder: (index + 1) * 10,
      active: 1 as const,
    }));
    await tx.trx.insertInto('appealCategories').values(rows).execute();
    await tx.audit({
      action: 'appeal.category.import',
      entityType: 'appealCategory',
      entityId: null,
      after: rows,
    });
  });
}
