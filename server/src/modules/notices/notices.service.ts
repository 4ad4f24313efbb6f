import { uuidv7 } from 'uuidv7';
import type { AppContext, RequestMeta, Tx } from '../../context.ts';
import { transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { enqueueNoticeMessages } from '../notifications/outbox.ts';

export interface NewNotice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

/** The active people of a region's units holding any of the roles: who a level's notices go to. */
export async function regionPeople(
  db: Executor,
  regionId: string,
  roles: readonly string[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('personRoles as pr', 'pr.personId', 'p.id')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select('p.id')
    .distinct()
    .where('u.regionId', '=', regionId)
    .where('pr.role', 'in', [...roles])
    .where('p.active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Puts one notice in each person's in-system inbox, inside the caller's transaction, and writes its
 * e-mail, SMS and WeCom copies to the outbox by each person's choices (notifications/outbox.ts).
 */
export async function sendNotices(tx: Tx, personIds: Iterable<string>, notice: NewNotice): Promise<number> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return 0;
  await tx.trx
    .insertInto('notices')
    .values(
      unique.map((personId) => ({ id: uuidv7(), personId, ...notice, createdAt: tx.now, readAt: null })),
    )
    .execute();
  // The copies by e-mail, SMS and WeCom, in the same transaction; delivered later by the outbox run.
  await enqueueNoticeMessages(tx, unique, notice);
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
