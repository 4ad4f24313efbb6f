import type { AppealCategory, AppealCategoryInput } from '@f2f/contract';
import type { z } from 'zod';
import type { AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { boolToInt, intToBool } from '../../db/dialect.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { assertCityWideAdministrator } from '../org/org.policy.ts';
import { findCategory } from './appeals.repository.ts';

type CategoryInput = z.infer<typeof AppealCategoryInput>;

function toCategory(row: {
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  active: number;
}) {
  return { ...row, active: intToBool(row.active) } satisfies AppealCategory;
}

export async function listCategories(db: Executor, includeInactive: boolean): Promise<AppealCategory[]> {
  let query = db.selectFrom('appealCategories').selectAll();
  if (!includeInactive) query = query.where('active', '=', 1);
  return (await query.orderBy('sortOrder').orderBy('code').execute()).map(toCategory);
}

/** Categories are configuration: an administrator adds, renames or retires them without a release. */
export async function createCategory(ctx: AppContext, meta: RequestMeta, input: CategoryInput) {
  assertCityWideAdministrator(meta);
  try {
    return await transact(ctx, meta, async (tx) => {
      const row = { ...input, active: boolToInt(input.active) };
      await tx.trx.insertInto('appealCategories').values(row).execute();
      await tx.audit({
        action: 'appeal.category.create',
        entityType: 'appealCategory',
        entityId: input.code,
        after: row,
      });
      return toCategory(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('appeal.category_code_taken', { code: input.code });
    throw error;
  }
}

export async function updateCategory(
  ctx: AppContext,
  meta: RequestMeta,
  code: string,
  input: Partial<Omit<CategoryInput, 'code'>>,
) {
  assertCityWideAdministrator(meta);
  return transact(ctx, meta, async (tx) => {
    const before = await findCategory(tx.trx, code);
    if (!before) throw new AppError('appeal.category_not_found', { code });
    const after = {
      code,
      nameZh: input.nameZh ?? before.nameZh,
      nameEn: input.nameEn ?? before.nameEn,
      sortOrder: input.sortOrder ?? before.sortOrder,
      active: input.active === undefined ? before.active : boolToInt(input.active),
    };
    await tx.trx.updateTable('appealCategories').set(after).where('code', '=', code).execute();
    await tx.audit({
      action: 'appeal.category.update',
      entityType: 'appealCategory',
      entityId: code,
      before,
      after,
    });
    return toCategory(after);
  });
}
