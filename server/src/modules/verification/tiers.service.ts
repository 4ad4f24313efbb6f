import type { HandlingTier, HandlingTierInput, TierRoute, UpdateHandlingTierInput } from '@f2f/contract';
import type { z } from 'zod';
import type { AppContext, RequestMeta } from '../../context.ts';
import { systemMeta, transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { boolToInt, intToBool } from '../../db/dialect.ts';
import type { HandlingTierTable } from '../../db/schema.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { assertCityWideAdministrator } from '../org/org.policy.ts';

export function toTier(row: HandlingTierTable): HandlingTier {
  return {
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    route: row.route as TierRoute,
    deadlineWorkingDays: row.deadlineWorkingDays,
    categories: JSON.parse(row.categoriesJson) as string[],
    description: row.description,
    sortOrder: row.sortOrder,
    active: intToBool(row.active),
  };
}

export async function listTiers(db: Executor, includeInactive: boolean): Promise<HandlingTier[]> {
  let query = db.selectFrom('handlingTiers').selectAll();
  if (!includeInactive) query = query.where('active', '=', 1);
  return (await query.orderBy('sortOrder').orderBy('code').execute()).map(toTier);
}

export async function findTier(db: Executor, code: string): Promise<HandlingTier | undefined> {
  const row = await db.selectFrom('handlingTiers').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toTier(row);
}

/** An active tier by code, or the error every caller answers with. */
export async function activeTier(db: Executor, code: string): Promise<HandlingTier> {
  const tier = await findTier(db, code);
  if (!tier?.active) throw new AppError('tier.not_found', { tierCode: code });
  return tier;
}

async function assertCategoriesExist(db: Executor, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await db
    .selectFrom('appealCategories')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  const missing = codes.filter((c) => !found.some((f) => f.code === c));
  if (missing.length > 0) throw new AppError('appeal.unknown_category', { category: missing.join(',') });
}

export async function createTier(
  ctx: AppContext,
  meta: RequestMeta,
  input: z.infer<typeof HandlingTierInput>,
): Promise<HandlingTier> {
  assertCityWideAdministrator(meta);
  try {
    return await transact(ctx, meta, async (tx) => {
      await assertCategoriesExist(tx.trx, input.categories);
      const row: HandlingTierTable = {
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        route: input.route,
        deadlineWorkingDays: input.deadlineWorkingDays,
        categoriesJson: JSON.stringify(input.categories),
        description: input.description ?? null,
        sortOrder: input.sortOrder,
        active: boolToInt(input.active),
      };
      await tx.trx.insertInto('handlingTiers').values(row).execute();
      await tx.audit({ action: 'tier.create', entityType: 'handlingTier', entityId: input.code, after: row });
      return toTier(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('tier.code_taken', { code: input.code });
    throw error;
  }
}

export async function updateTier(
  ctx: AppContext,
  meta: RequestMeta,
  code: string,
  input: z.infer<typeof UpdateHandlingTierInput>,
): Promise<HandlingTier> {
  assertCityWideAdministrator(meta);
  return transact(ctx, meta, async (tx) => {
    const before = await tx.trx
      .selectFrom('handlingTiers')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!before) throw new AppError('tier.not_found', { tierCode: code });
    if (input.categories) await assertCategoriesExist(tx.trx, input.categories);
    const after: HandlingTierTable = {
      code,
      nameZh: input.nameZh ?? before.nameZh,
      nameEn: input.nameEn ?? before.nameEn,
      route: input.route ?? before.route,
      deadlineWorkingDays: input.deadlineWorkingDays ?? before.deadlineWorkingDays,
      categoriesJson: input.categories ? JSON.stringify(input.categories) : before.categoriesJson,
      description: input.description === undefined ? before.description : input.description,
      sortOrder: input.sortOrder ?? before.sortOrder,
      active: input.active === undefined ? before.active : boolToInt(input.active),
    };
    await tx.trx.updateTable('handlingTiers').set(after).where('code', '=', code).execute();
    await tx.audit({ action: 'tier.update', entityType: 'handlingTier', entityId: code, before, after });
    return toTier(after);
  });
}

/** The plan's tiered handling standard, on a database that has no tiers yet. */
const defaultTiers: HandlingTierTable[] = [
  {
    code: 'immediate',
    nameZh: '即时答复',
    nameEn: 'Immediate answer',
    route: 'immediate',
    deadlineWorkingDays: 2,
    categoriesJson: JSON.stringify(['policyDelivery']),
    description: '政策明确、可直接答复的诉求，由相关单位即时答复',
    sortOrder: 10,
    active: 1,
  },
  {
    code: 'single',
    nameZh: '单一部门办理',
    nameEn: 'One unit',
    route: 'singleUnit',
    deadlineWorkingDays: 10,
    categoriesJson: '[]',
    description: '涉及一个单位的诉求，由该单位限期办理',
    sortOrder: 20,
    active: 1,
  },
  {
    code: 'multi',
    nameZh: '多部门会商办理',
    nameEn: 'Several units with consultation',
    route: 'multiUnit',
    deadlineWorkingDays: 20,
    categoriesJson: '[]',
    description: '涉及多个单位的诉求，经会商后明确主办、协办单位限期办理',
    sortOrder: 30,
    active: 1,
  },
  {
    code: 'leaders',
    nameZh: '提交“面对面”活动研究',
    nameEn: 'For the leaders at an event',
    route: 'leadersMeeting',
    deadlineWorkingDays: 30,
    categoriesJson: '[]',
    description: '涉及面广、需市领导协调的诉求，列入“面对面”活动问题目录',
    sortOrder: 40,
    active: 1,
  },
];

export async function ensureDefaultTiers(ctx: AppContext): Promise<void> {
  const any = await ctx.db.selectFrom('handlingTiers').select('code').limit(1).executeTakeFirst();
  if (any) return;
  await transact(ctx, systemMeta, async (tx) => {
    await tx.trx.insertInto('handlingTiers').values(defaultTiers).execute();
    await tx.audit({
      action: 'tier.import',
      entityType: 'handlingTier',
      entityId: null,
      after: defaultTiers,
    });
  });
}
