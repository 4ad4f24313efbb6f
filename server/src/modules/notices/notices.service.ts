import { uuidv7 } from 'uuidv7';
import type { AppContext, RequestMeta, Tx } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError } from '../../errors.ts';

export interface NewNotice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

/** Puts one notice in each person's in-system inbox, inside the caller's transaction. */
export async function sendNotices(tx: Tx, personIds: Iterable<string>, notice: NewNotice): Promise<number> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return 0;
  await tx.trx
    .insertInto('notices')
    .values(
      unique.map((personId) => ({ id: uuidv7(), personId, ...notice, createdAt: tx.now, readAt: null })),
    )
    .execute();
  return unique.length;
}

export async function listNotices(
  ctx: AppContext,
  meta: RequestMeta,
  query: { unread?: 'true' | 'false' | undefined; page: number; pageSize: number },
) {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  let base = ctx.db.selectFrom('notices').where('personId', '=', meta.actor.personId);
  if (query.unread === 'true') base = base.where('readAt', 'is', null);
  const [items, count, unread] = await Promise.all([
    base
      .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('notices')
      .where('personId', '=', meta.actor.personId)
      .where('readAt', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items,
    total: Number(count.n),
    unread: Number(unread.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Marks one of my notices read; another person's notice answers 404. */
export async function markRead(ctx: AppContext, meta: RequestMeta, id: string) {
  const actor = meta.actor;
  if (!actor) throw new AppError('auth.unauthenticated');
  return transact(ctx, meta, async (tx) => {
    const notice = await tx.trx
      .selectFrom('notices')
      .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
      .where('id', '=', id)
      .where('personId', '=', actor.personId)
      .executeTakeFirst();
    if (!notice) throw new AppError('notice.not_found');
    if (notice.readAt) return notice;
    await tx.trx.updateTable('notices').set({ readAt: tx.now }).where('id', '=', id).execute();
    await tx.audit({ action: 'notice.read', entityType: 'notice', entityId: id, after: { readAt: tx.now } });
    return { ...notice, readAt: tx.now };
  });
}
