import type { AppealChannel, AppealStatus } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { canViewAppeal, inRegionScope } from './appeals.policy.ts';
import * as repo from './appeals.repository.ts';
import { assertCan, factsOf } from './appeals.service.ts';

function actorOf(meta: RequestMeta): Actor {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  return meta.actor;
}

/**
 * A common issue (共性问题) groups several appeals that raise the same problem. Grouping never
 * merges them: each appeal keeps its source, its number and its own duty to be answered.
 */
async function group(tx: Tx, actor: Actor, commonIssueId: string, appealIds: string[]): Promise<void> {
  for (const appealId of new Set(appealIds)) {
    const row = await repo.findAppeal(tx.trx, appealId);
    // Not visible answers as absent, before anything else about the appeal is revealed.
    if (!row || !canViewAppeal(actor, factsOf(row))) throw new AppError('appeal.not_found', { appealId });
    if (row.commonIssueId && row.commonIssueId !== commonIssueId) {
      throw new AppError('commonIssue.appeal_already_grouped', { appealId, number: row.number });
    }
    if (row.commonIssueId === commonIssueId) continue;
    assertCan(actor, 'groupIntoCommonIssue', row);
    const result = await tx.trx
      .updateTable('appeals')
      .set({ commonIssueId, version: row.version + 1, updatedAt: tx.now })
      .where('id', '=', appealId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    await repo.appendTimeline(tx.trx, {
      id: uuidv7(),
      appealId,
      at: tx.now,
      actorId: actor.personId,
      actorName: actor.name,
      kind: 'grouped',
      data: { commonIssueId },
    });
    await tx.audit({
      action: 'appeal.group',
      entityType: 'appeal',
      entityId: appealId,
      before: { commonIssueId: null },
      after: { commonIssueId },
    });
  }
}

async function findIssue(tx: Tx | AppContext, actor: Actor, id: string) {
  const db = 'trx' in tx ? tx.trx : tx.db;
  const issue = await db.selectFrom('commonIssues').selectAll().where('id', '=', id).executeTakeFirst();
  if (!issue || !inRegionScope(actor, issue.regionId)) throw new AppError('commonIssue.not_found');
  return issue;
}

export async function createCommonIssue(
  ctx: AppContext,
  meta: RequestMeta,
  input: { title: string; description?: string | null | undefined; appealIds: string[] },
) {
  const actor = actorOf(meta);
  const id = await transact(ctx, meta, async (tx) => {
    const issue = {
      id: uuidv7(),
      title: input.title,
      description: input.description ?? null,
      regionId: actor.regionId,
      createdBy: actor.personId,
      createdAt: tx.now,
      version: 1,
    };
    await tx.trx.insertInto('commonIssues').values(issue).execute();
    await tx.audit({
      action: 'commonIssue.create',
      entityType: 'commonIssue',
      entityId: issue.id,
      after: issue,
    });
    await group(tx, actor, issue.id, input.appealIds);
    return issue.id;
  });
  return getCommonIssue(ctx, meta, id);
}

export async function addToCommonIssue(ctx: AppContext, meta: RequestMeta, id: string, appealIds: string[]) {
  const actor = actorOf(meta);
  await transact(ctx, meta, async (tx) => {
    await findIssue(tx, actor, id);
    await group(tx, actor, id, appealIds);
  });
  return getCommonIssue(ctx, meta, id);
}

export async function removeFromCommonIssue(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  appealId: string,
) {
  const actor = actorOf(meta);
  await transact(ctx, meta, async (tx) => {
    await findIssue(tx, actor, id);
    const row = await repo.findAppeal(tx.trx, appealId);
    if (!row || row.commonIssueId !== id) throw new AppError('appeal.not_found', { appealId });
    assertCan(actor, 'removeFromCommonIssue', row);
    await tx.trx
      .updateTable('appeals')
      .set({ commonIssueId: null, version: row.version + 1, updatedAt: tx.now })
      .where('id', '=', appealId)
      .execute();
    await repo.appendTimeline(tx.trx, {
      id: uuidv7(),
      appealId,
      at: tx.now,
      actorId: actor.personId,
      actorName: actor.name,
      kind: 'ungrouped',
      data: { commonIssueId: id },
    });
    await tx.audit({
      action: 'appeal.ungroup',
      entityType: 'appeal',
      entityId: appealId,
      before: { commonIssueId: id },
      after: { commonIssueId: null },
    });
  });
  return getCommonIssue(ctx, meta, id);
}

function issueBase(ctx: AppContext) {
  return ctx.db
    .selectFrom('commonIssues as c')
    .leftJoin('people as p', 'p.id', 'c.createdBy')
    .select((eb) => [
      'c.id',
      'c.title',
      'c.description',
      'c.regionId',
      'c.createdAt',
      'c.version',
      'p.name as createdByName',
      eb
        .selectFrom('appeals as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.commonIssueId', '=', 'c.id')
        .as('appealCount'),
    ]);
}

/** The common issues the caller sees: every one for the city, a county's own for a county (and the export). */
export function visibleCommonIssues(ctx: AppContext, actor: Actor) {
  const query = issueBase(ctx);
  return actor.regionParentId !== null ? query.where('c.regionId', '=', actor.regionId) : query;
}

export async function listCommonIssues(ctx: AppContext, meta: RequestMeta) {
  const actor = actorOf(meta);
  const rows = await visibleCommonIssues(ctx, actor).orderBy('c.createdAt', 'desc').limit(500).execute();
  return rows.map((r) => ({ ...r, appealCount: Number(r.appealCount ?? 0) }));
}

export async function getCommonIssue(ctx: AppContext, meta: RequestMeta, id: string) {
  const actor = actorOf(meta);
  await findIssue(ctx, actor, id);
  const row = await issueBase(ctx).where('c.id', '=', id).executeTakeFirstOrThrow();
  const { items } = await repo.listAppeals(
    ctx.db,
    ctx.dialect,
    actor,
    { commonIssueId: id, sort: 'submittedAt', order: 'asc', page: 1, pageSize: 200 },
    ctx.config.timeZone,
  );
  return {
    ...row,
    appealCount: Number(row.appealCount ?? 0),
    appeals: items.map((a) => ({
      ...a,
      channel: a.channel as AppealChannel,
      status: a.status as AppealStatus,
    })),
  };
}
