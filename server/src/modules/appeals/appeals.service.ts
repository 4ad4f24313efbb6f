import type { RecordExchangeInput, UpdateAppealInput } from '@f2f/contract';
import {
  type AppealAction,
  type AppealChannel,
  type AppealQuery,
  type AppealStatus,
  exchangeChannels,
  type RecordAppealInput,
} from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { dateInZone } from '../../clock.ts';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { readCitySettings } from '../../seed/settings.ts';
import { findEnterprise, findUnit } from '../org/org.repository.ts';
import { appealSearchText, indexAppeal } from '../search/search.repository.ts';
import { nextStatus } from './appeal-workflow.ts';
import {
  type AppealFacts,
  allowedActions,
  can,
  canRecordFor,
  canSeeWorkingNotes,
  canViewAppeal,
} from './appeals.policy.ts';
import * as repo from './appeals.repository.ts';

function actorOf(meta: RequestMeta): Actor {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  return meta.actor;
}

export function factsOf(row: repo.AppealRow): AppealFacts {
  return {
    enterpriseId: row.enterpriseId,
    regionId: row.regionId,
    handlingRegionId: row.handlingRegionId,
    collectingUnitId: row.collectingUnitId,
    recordedById: row.recordedById,
    channel: row.channel,
    status: row.status as AppealStatus,
    commonIssueId: row.commonIssueId,
    involvedUnitIds: row.involvedUnitIds,
    activeLeadUnitId: row.activeLeadUnitId,
    activeCoUnitIds: row.activeCoUnitIds,
    pendingExtension: row.pendingExtension,
    ratingsPending: row.ratingsPending,
    undecidedDissatisfied: row.undecidedDissatisfied,
    pendingExplanation: row.pendingExplanation,
  };
}

/** Everything needed to create one appeal; who may do it is checked by the caller. */
export interface NewAppeal {
  enterpriseId: string;
  title: string;
  content: string;
  category: string;
  channel: AppealChannel;
  collectingUnitId: string | null;
  exchangeId?: string | null;
  apiKeyId?: string | null;
  externalId?: string | null;
}

/**
 * Creates one appeal inside the caller's transaction: checks the category and enterprise,
 * allocates its number, writes the row, its search entry, its first timeline entry and the audit row.
 */
export async function createAppealInTx(
  ctx: AppContext,
  tx: Tx,
  actor: { id: string; name: string } | null,
  input: NewAppeal,
): Promise<{ id: string; number: string }> {
  const category = await repo.findCategory(tx.trx, input.category);
  if (category?.active !== 1) throw new AppError('appeal.unknown_category', { category: input.category });
  const enterprise = await findEnterprise(tx.trx, input.enterpriseId);
  if (!enterprise) throw new AppError('enterprise.not_found', { enterpriseId: input.enterpriseId });
  const settings = await readCitySettings(tx.trx);
  const year = Number(dateInZone(new Date(tx.now), ctx.config.timeZone).slice(0, 4));
  const number = await repo.nextAppealNumber(tx.trx, settings.appealNumberPrefix, year);
  const id = uuidv7();
  const row = {
    id,
    seq: await repo.nextAppealSeq(tx.trx, ctx.dialect),
    number,
    enterpriseId: enterprise.id,
    regionId: enterprise.regionId,
    handlingRegionId: await repo.initialHandlingRegionId(tx.trx, enterprise.regionId),
    title: input.title,
    content: input.content,
    category: input.category,
    channel: input.channel,
    collectingUnitId: input.collectingUnitId,
    recordedBy: actor?.id ?? null,
    exchangeId: input.exchangeId ?? null,
    commonIssueId: null,
    apiKeyId: input.apiKeyId ?? null,
    externalId: input.externalId ?? null,
    status: 'pooled',
    submittedAt: tx.now,
    updatedAt: tx.now,
    version: 1,
  };
  await repo.insertAppeal(tx.trx, row);
  await indexAppeal(tx.trx, ctx.dialect, id, appealSearchText(row, enterprise.name));
  await repo.appendTimeline(tx.trx, {
    id: uuidv7(),
    appealId: id,
    at: tx.now,
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? null,
    kind: 'created',
    data: { channel: input.channel, collectingUnitId: input.collectingUnitId },
  });
  await tx.audit({
    action: 'appeal.create',
    entityType: 'appeal',
    entityId: id,
    after: row,
    ...(actor && { actor }),
  });
  return { id, number };
}

/** An enterprise submits its own appeal through the web form. */
export async function submitAppeal(
  ctx: AppContext,
  meta: RequestMeta,
  input: { title: string; content: string; category: string },
) {
  const actor = actorOf(meta);
  if (!actor.enterpriseId) throw new AppError('auth.forbidden');
  const enterpriseId = actor.enterpriseId;
  const { id } = await transact(ctx, meta, (tx) =>
    createAppealInTx(
      ctx,
      tx,
      { id: actor.personId, name: actor.name },
      {
        ...input,
        enterpriseId,
        channel: 'online',
        collectingUnitId: null,
      },
    ),
  );
  return getAppeal(ctx, meta, id);
}

async function checkRecorder(tx: Tx, actor: Actor, enterpriseId: string, unitId: string | null) {
  const enterprise = await findEnterprise(tx.trx, enterpriseId);
  if (!enterprise) throw new AppError('enterprise.not_found', { enterpriseId });
  if (!canRecordFor(actor, enterprise.regionId)) throw new AppError('auth.forbidden');
  if (unitId && unitId !== actor.unitId) {
    // Only the office records on behalf of another collecting unit.
    if (!actor.roles.includes('taskForceOffice')) throw new AppError('auth.forbidden');
    if (!(await findUnit(tx.trx, unitId))) throw new AppError('org.unit_not_found', { unitId });
  }
}

/** A collector or the office records an appeal gathered through its channel. */
export async function recordAppeal(ctx: AppContext, meta: RequestMeta, input: RecordAppealInput) {
  const actor = actorOf(meta);
  if (input.channel === 'online')
    throw new AppError('appeal.channel_not_allowed', { channel: input.channel });
  const collectingUnitId = input.collectingUnitId ?? actor.unitId;
  const { id } = await transact(ctx, meta, async (tx) => {
    await checkRecorder(tx, actor, input.enterpriseId, collectingUnitId);
    return createAppealInTx(
      ctx,
      tx,
      { id: actor.personId, name: actor.name },
      {
        enterpriseId: input.enterpriseId,
        title: input.title,
        content: input.content,
        category: input.category,
        channel: input.channel,
        collectingUnitId,
      },
    );
  });
  return getAppeal(ctx, meta, id);
}

/** One meeting or contact and every appeal raised there, in one transaction. */
export async function recordExchange(
  ctx: AppContext,
  meta: RequestMeta,
  input: z.infer<typeof RecordExchangeInput>,
) {
  const actor = actorOf(meta);
  if (!(exchangeChannels as readonly string[]).includes(input.exchange.channel)) {
    throw new AppError('appeal.channel_not_allowed', { channel: input.exchange.channel });
  }
  return transact(ctx, meta, async (tx) => {
    const exchangeId = uuidv7();
    const exchange = {
      id: exchangeId,
      channel: input.exchange.channel,
      date: input.exchange.date,
      title: input.exchange.title,
      venue: input.exchange.venue ?? null,
      notes: input.exchange.notes ?? null,
      regionId: actor.regionId,
      hostUnitId: actor.unitId,
      createdBy: actor.personId,
      createdAt: tx.now,
    };
    await tx.trx.insertInto('exchanges').values(exchange).execute();
    await tx.audit({
      action: 'exchange.create',
      entityType: 'exchange',
      entityId: exchangeId,
      after: exchange,
    });
    const created: { id: string; number: string }[] = [];
    for (const appeal of input.appeals) {
      await checkRecorder(tx, actor, appeal.enterpriseId, actor.unitId);
      created.push(
        await createAppealInTx(
          ctx,
          tx,
          { id: actor.personId, name: actor.name },
          {
            ...appeal,
            channel: input.exchange.channel,
            collectingUnitId: actor.unitId,
            exchangeId,
          },
        ),
      );
    }
    return { exchange: { ...exchange }, appeals: created };
  });
}

/** Timeline entries whose details are the office's and the units' working notes. */
const INTERNAL_TIMELINE_KINDS = new Set([
  'verificationRequested',
  'verificationAnswered',
  'assessed',
  'consulted',
  'progress',
  'contacted',
  'coInput',
  'returned',
  'sentBack',
  'escalated',
  'handedDown',
]);

async function loadVisible(ctx: AppContext, actor: Actor, id: string): Promise<repo.AppealRow> {
  const row = await repo.findAppeal(ctx.db, id);
  // Not visible answers the same as absent: guessing ids reveals nothing.
  if (!row || !canViewAppeal(actor, factsOf(row))) throw new AppError('appeal.not_found');
  return row;
}

export async function getAppeal(ctx: AppContext, meta: RequestMeta, id: string) {
  const actor = actorOf(meta);
  const row = await loadVisible(ctx, actor, id);
  const [attachments, timeline] = await Promise.all([
    repo.attachmentsOf(ctx.db, id),
    repo.timelineOf(ctx.db, id),
  ]);
  // The enterprise and collectors see that the work moves, not the office's and units' internal notes.
  const insider = canSeeWorkingNotes(actor, factsOf(row));
  return {
    ...row,
    channel: row.channel as AppealChannel,
    status: row.status as AppealStatus,
    attachments,
    timeline: insider
      ? timeline
      : timeline.map((entry) => (INTERNAL_TIMELINE_KINDS.has(entry.kind) ? { ...entry, data: null } : entry)),
    allowedActions: allowedActions(actor, factsOf(row)),
  };
}

/** Checks the policy and the workflow for `action`, answering 404, 403 or 409 as appropriate. */
export function assertCan(actor: Actor, action: AppealAction, row: repo.AppealRow): AppealStatus {
  const facts = factsOf(row);
  if (!canViewAppeal(actor, facts)) throw new AppError('appeal.not_found');
  const next = nextStatus(action, facts.status);
  if (next === null) throw new AppError('appeal.action_not_allowed', { action, status: facts.status });
  if (!can(actor, action, facts)) throw new AppError('auth.forbidden');
  return next;
}

/** Edits title, content or category; the timeline keeps every old value. */
export async function updateAppeal(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  input: z.infer<typeof UpdateAppealInput>,
) {
  const actor = actorOf(meta);
  await transact(ctx, meta, async (tx) => {
    const row = await repo.findAppeal(tx.trx, id);
    if (!row) throw new AppError('appeal.not_found');
    const status = assertCan(actor, 'edit', row);
    // A stale version is a conflict even when nothing would change: the editor saw an old appeal.
    if (input.version !== row.version) throw new AppError('request.conflict');
    if (input.category !== undefined && input.category !== row.category) {
      const category = await repo.findCategory(tx.trx, input.category);
      if (category?.active !== 1) throw new AppError('appeal.unknown_category', { category: input.category });
    }
    const changes: Record<string, { from: string; to: string }> = {};
    for (const field of ['title', 'content', 'category'] as const) {
      const value = input[field];
      if (value !== undefined && value !== row[field]) changes[field] = { from: row[field], to: value };
    }
    if (Object.keys(changes).length === 0) return;
    const result = await tx.trx
      .updateTable('appeals')
      .set({
        ...(changes.title && { title: changes.title.to }),
        ...(changes.content && { content: changes.content.to }),
        ...(changes.category && { category: changes.category.to }),
        status,
        version: row.version + 1,
        updatedAt: tx.now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    await indexAppeal(
      tx.trx,
      ctx.dialect,
      id,
      appealSearchText(
        { title: changes.title?.to ?? row.title, content: changes.content?.to ?? row.content },
        row.enterpriseName,
      ),
    );
    await repo.appendTimeline(tx.trx, {
      id: uuidv7(),
      appealId: id,
      at: tx.now,
      actorId: actor.personId,
      actorName: actor.name,
      kind: 'edited',
      data: changes,
    });
    await tx.audit({
      action: 'appeal.update',
      entityType: 'appeal',
      entityId: id,
      before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.from])),
      after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
    });
  });
  return getAppeal(ctx, meta, id);
}

export async function listAppeals(ctx: AppContext, meta: RequestMeta, query: AppealQuery) {
  const actor = actorOf(meta);
  const { items, total, totalIsLowerBound } = await repo.listAppeals(
    ctx.db,
    ctx.dialect,
    actor,
    query,
    ctx.config.timeZone,
    dateInZone(ctx.clock.now(), ctx.config.timeZone),
  );
  return { items, total, totalIsLowerBound, page: query.page, pageSize: query.pageSize };
}
