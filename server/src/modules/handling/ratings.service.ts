import type {
  AppealAction,
  ApproveExplanationInput,
  dissatisfactionReasons,
  ExplainInput,
  FollowUpInput,
  RateInput,
  ReopenInput,
  ratingStatuses,
  ratingValues,
} from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { localDate, requireActor, systemMeta, transact } from '../../context.ts';
import { intToBool } from '../../db/dialect.ts';
import type { AssignmentTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { canViewAppeal } from '../appeals/appeals.policy.ts';
import * as appealsRepo from '../appeals/appeals.repository.ts';
import { assertCan, factsOf, getAppeal } from '../appeals/appeals.service.ts';
import { sendNotices } from '../notices/notices.service.ts';
import { activeTier } from '../verification/tiers.service.ts';
import { createAssignmentInTx } from '../verification/verification.service.ts';

async function enterprisePeople(tx: Tx, appealId: string): Promise<string[]> {
  const rows = await tx.trx
    .selectFrom('people as p')
    .innerJoin('appeals as a', 'a.enterpriseId', 'p.enterpriseId')
    .select('p.id')
    .where('a.id', '=', appealId)
    .where('p.active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * On closure: one rating request per handling unit (lead and co-units) of the closed assignment,
 * with the day of the reminder and the day after which it is recorded as not given.
 */
export async function requestRatingsInTx(
  ctx: AppContext,
  tx: Tx,
  appealId: string,
  assignment: AssignmentTable,
  round: number,
): Promise<void> {
  const units = await tx.trx
    .selectFrom('assignmentUnits')
    .select(['unitId', 'role'])
    .where('assignmentId', '=', assignment.id)
    .execute();
  const now = localDate(ctx, tx.now);
  const remindDate = ctx.calendar.addWorkdays(now, ctx.config.ratingReminderWorkingDays);
  const dueDate = ctx.calendar.addWorkdays(now, ctx.config.ratingWorkingDays);
  await tx.trx
    .insertInto('ratings')
    .values(
      units.map((u) => ({
        id: uuidv7(),
        appealId,
        assignmentId: assignment.id,
        unitId: u.unitId,
        role: u.role,
        round,
        status: 'requested',
        requestedAt: tx.now,
        remindDate,
        dueDate,
        remindedAt: null,
        value: null,
        reason: null,
        comment: null,
        ratedBy: null,
        ratedAt: null,
        decision: null,
        explanation: null,
        explanationStatus: null,
        decidedBy: null,
        decidedAt: null,
        approvedBy: null,
        approvedAt: null,
        excludedFromScore: 0 as const,
      })),
    )
    .execute();
  const appeal = await tx.trx
    .selectFrom('appeals')
    .select(['number', 'title'])
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  await sendNotices(tx, await enterprisePeople(tx, appealId), {
    kind: 'ratingRequested',
    title: `请评价：${appeal.title}`,
    body: `您的诉求（${appeal.number}）已办结，请在${dueDate}前对办理单位进行评价。`,
    link: `/appeals/${appealId}`,
  });
}

async function loadFor(tx: Tx, actor: Actor, appealId: string, action: AppealAction) {
  const row = await appealsRepo.findAppeal(tx.trx, appealId);
  if (!row) throw new AppError('appeal.not_found');
  const next = assertCan(actor, action, row);
  return { row, next };
}

async function loadRating(tx: Tx, appealId: string, ratingId: string) {
  const rating = await tx.trx
    .selectFrom('ratings')
    .selectAll()
    .where('id', '=', ratingId)
    .where('appealId', '=', appealId)
    .executeTakeFirst();
  if (!rating) throw new AppError('rating.not_found');
  return rating;
}

/** The enterprise rates one handling unit; dissatisfied needs a reason. */
export async function rate(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  ratingId: string,
  input: z.infer<typeof RateInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const appeal = await appealsRepo.findAppeal(tx.trx, appealId);
    if (!appeal || !canViewAppeal(actor, factsOf(appeal))) throw new AppError('appeal.not_found');
    const rating = await loadRating(tx, appealId, ratingId);
    // Given already, or past its day (the sweep records it as not given): say so, rather than "forbidden".
    if (rating.status !== 'requested' || localDate(ctx, tx.now) > rating.dueDate)
      throw new AppError('rating.closed');
    assertCan(actor, 'rate', appeal);
    const result = await tx.trx
      .updateTable('ratings')
      .set({
        status: 'given',
        value: input.value,
        reason: input.value === 'dissatisfied' ? (input.reason ?? null) : null,
        comment: input.comment ?? null,
        ratedBy: actor.personId,
        ratedAt: tx.now,
      })
      .where('id', '=', ratingId)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('rating.closed');
    const unit = await tx.trx
      .selectFrom('units')
      .select('name')
      .where('id', '=', rating.unitId)
      .executeTakeFirstOrThrow();
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'rated', {
      unitName: unit.name,
      value: input.value,
      reason: input.reason ?? null,
    });
    await tx.audit({
      action: 'rating.give',
      entityType: 'rating',
      entityId: ratingId,
      before: { status: 'requested' },
      after: {
        status: 'given',
        value: input.value,
        reason: input.reason ?? null,
        comment: input.comment ?? null,
      },
    });
  });
  return getRatings(ctx, meta, appealId);
}

async function dissatisfied(tx: Tx, appealId: string, ratingId: string) {
  const rating = await loadRating(tx, appealId, ratingId);
  if (rating.value !== 'dissatisfied' || rating.decision !== null)
    throw new AppError('rating.not_dissatisfied');
  return rating;
}

/** 重办: back to the same units with the same history and a new deadline (a new assignment to accept). */
export async function reopen(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof ReopenInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next } = await loadFor(tx, actor, appealId, 'reopen');
    const rating = await dissatisfied(tx, appealId, input.ratingId);
    const round = await tx.trx
      .selectFrom('appeals')
      .select(['reopenRound', 'version'])
      .where('id', '=', appealId)
      .executeTakeFirstOrThrow();
    if (round.reopenRound >= ctx.config.reopenCap) {
      throw new AppError('rating.reopen_cap_reached', { cap: ctx.config.reopenCap });
    }
    if (input.version !== row.version) throw new AppError('request.conflict');
    const previous = await tx.trx
      .selectFrom('assignments')
      .selectAll()
      .where('id', '=', rating.assignmentId)
      .executeTakeFirstOrThrow();
    const co = await tx.trx
      .selectFrom('assignmentUnits')
      .select('unitId')
      .where('assignmentId', '=', previous.id)
      .where('role', '=', 'co')
      .execute();
    const tierCode = row.tierCode;
    const dueDate =
      input.dueDate ??
      ctx.calendar.addWorkdays(
        localDate(ctx, tx.now),
        tierCode ? (await activeTier(tx.trx, tierCode)).deadlineWorkingDays : 10,
      );
    const result = await tx.trx
      .updateTable('appeals')
      .set({ status: next, reopenRound: round.reopenRound + 1, version: row.version + 1, updatedAt: tx.now })
      .where('id', '=', appealId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    await tx.trx
      .updateTable('ratings')
      .set({ decision: 'reopen', decidedBy: actor.personId, decidedAt: tx.now })
      .where('id', '=', rating.id)
      .execute();
    // Other ratings of the closed round that are still open lapse: the work is not finished after all.
    await tx.trx
      .updateTable('ratings')
      .set({ status: 'notGiven' })
      .where('appealId', '=', appealId)
      .where('status', '=', 'requested')
      .execute();
    await createAssignmentInTx(ctx, tx, actor, appealId, 'reopen', {
      leadUnitId: previous.leadUnitId,
      coUnitIds: co.map((c) => c.unitId),
      measures: input.measures,
      dueDate,
    });
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'reopened', {
      round: round.reopenRound + 1,
      dueDate,
      ratingId: rating.id,
    });
    await tx.audit({
      action: 'appeal.reopen',
      entityType: 'appeal',
      entityId: appealId,
      before: { status: row.status, reopenRound: round.reopenRound },
      after: { status: next, reopenRound: round.reopenRound + 1, dueDate },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** The office explains a dissatisfied rating instead of reopening; a leader approves or refuses it. */
export async function explain(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  ratingId: string,
  input: z.infer<typeof ExplainInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    await loadFor(tx, actor, appealId, 'explainDissatisfaction');
    const rating = await dissatisfied(tx, appealId, ratingId);
    await tx.trx
      .updateTable('ratings')
      .set({
        decision: 'explanation',
        explanation: input.explanation,
        explanationStatus: 'pending',
        decidedBy: actor.personId,
        decidedAt: tx.now,
      })
      .where('id', '=', rating.id)
      .execute();
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'explained', { ratingId: rating.id });
    await tx.audit({
      action: 'rating.explain',
      entityType: 'rating',
      entityId: rating.id,
      after: { decision: 'explanation', explanation: input.explanation },
    });
  });
  return getRatings(ctx, meta, appealId);
}

/**
 * A leader approves the explanation (the rating is then excluded from the unit's score) or refuses
 * it (the office decides again: reopen, or a better explanation).
 */
export async function approveExplanation(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  ratingId: string,
  input: z.infer<typeof ApproveExplanationInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    await loadFor(tx, actor, appealId, 'approveExplanation');
    const rating = await loadRating(tx, appealId, ratingId);
    if (rating.explanationStatus !== 'pending') throw new AppError('rating.not_dissatisfied');
    const patch = input.approve
      ? {
          explanationStatus: 'approved',
          excludedFromScore: 1 as const,
          approvedBy: actor.personId,
          approvedAt: tx.now,
        }
      : { explanationStatus: 'refused', decision: null, approvedBy: actor.personId, approvedAt: tx.now };
    await tx.trx.updateTable('ratings').set(patch).where('id', '=', rating.id).execute();
    await appealsRepo.appendTimelineBy(
      tx,
      actor,
      appealId,
      input.approve ? 'explanationApproved' : 'explanationRefused',
      {
        ratingId: rating.id,
      },
    );
    await tx.audit({
      action: input.approve ? 'rating.explanation.approve' : 'rating.explanation.refuse',
      entityType: 'rating',
      entityId: rating.id,
      before: { explanationStatus: 'pending' },
      after: patch,
    });
  });
  return getRatings(ctx, meta, appealId);
}

/** 回访: the office's follow-up visit after closure, with its outcome. */
export async function recordFollowUp(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof FollowUpInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    await loadFor(tx, actor, appealId, 'recordFollowUp');
    if (input.date > localDate(ctx, tx.now)) throw new AppError('request.invalid', { date: input.date });
    const followUp = { id: uuidv7(), appealId, ...input, recordedBy: actor.personId, recordedAt: tx.now };
    await tx.trx.insertInto('followUps').values(followUp).execute();
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'followedUp', {
      date: input.date,
      way: input.way,
      outcome: input.outcome,
    });
    await tx.audit({
      action: 'appeal.followUp',
      entityType: 'followUp',
      entityId: followUp.id,
      after: followUp,
    });
  });
  return getRatings(ctx, meta, appealId);
}

export async function getRatings(ctx: AppContext, meta: RequestMeta, appealId: string) {
  const actor = requireActor(meta);
  const row = await appealsRepo.findAppeal(ctx.db, appealId);
  if (!row || !canViewAppeal(actor, factsOf(row))) throw new AppError('appeal.not_found');
  const [ratings, appeal, followUps] = await Promise.all([
    ctx.db
      .selectFrom('ratings as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .selectAll('r')
      .select('u.name as unitName')
      .where('r.appealId', '=', appealId)
      .orderBy('r.round')
      .orderBy('r.role', 'desc')
      .orderBy('u.name')
      .execute(),
    ctx.db.selectFrom('appeals').select('reopenRound').where('id', '=', appealId).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('followUps as f')
      .leftJoin('people as p', 'p.id', 'f.recordedBy')
      .select(['f.id', 'f.date', 'f.way', 'f.outcome', 'p.name as recordedByName', 'f.recordedAt'])
      .where('f.appealId', '=', appealId)
      .orderBy('f.recordedAt')
      .execute(),
  ]);
  const enterpriseView = actor.roles.includes('enterprise');
  return {
    ratings: ratings.map((r) => ({
      id: r.id,
      assignmentId: r.assignmentId,
      unitId: r.unitId,
      unitName: r.unitName,
      role: r.role as 'lead' | 'co',
      round: r.round,
      status: r.status as (typeof ratingStatuses)[number],
      dueDate: r.dueDate,
      value: r.value as (typeof ratingValues)[number] | null,
      reason: r.reason as (typeof dissatisfactionReasons)[number] | null,
      comment: r.comment,
      ratedAt: r.ratedAt,
      remindedAt: r.remindedAt,
      decision: r.decision as 'reopen' | 'explanation' | null,
      // The explanation is between the office and the leaders.
      explanation: enterpriseView ? null : r.explanation,
      explanationStatus: r.explanationStatus as 'pending' | 'approved' | 'refused' | null,
      excludedFromScore: intToBool(r.excludedFromScore),
    })),
    reopenRound: appeal.reopenRound,
    reopenCap: ctx.config.reopenCap,
    followUps: enterpriseView
      ? []
      : followUps.map((f) => ({ ...f, way: f.way as z.infer<typeof FollowUpInput>['way'] })),
  };
}

/**
 * The rating sweep, idempotent and safe with several instances: each reminder is claimed by an
 * UPDATE … WHERE reminded_at IS NULL before its notice is written, in one transaction; a rating
 * past its day becomes "not given" (never invented). Reminders go out on working days only.
 */
export async function sweepRatings(ctx: AppContext): Promise<{ reminded: number; lapsed: number }> {
  const now = ctx.clock.now().toISOString();
  const day = localDate(ctx, now);
  let reminded = 0;
  let lapsed = 0;
  if (ctx.calendar.isWorkday(day)) {
    const due = await ctx.db
      .selectFrom('ratings')
      .select(['id', 'appealId', 'dueDate'])
      .where('status', '=', 'requested')
      .where('remindedAt', 'is', null)
      .where('remindDate', '<=', day)
      .where('dueDate', '>=', day)
      .execute();
    for (const rating of due) {
      await transact(ctx, systemMeta, async (tx) => {
        const claimed = await tx.trx
          .updateTable('ratings')
          .set({ remindedAt: tx.now })
          .where('id', '=', rating.id)
          .where('remindedAt', 'is', null)
          .where('status', '=', 'requested')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) return;
        const appeal = await tx.trx
          .selectFrom('appeals')
          .select(['number', 'title'])
          .where('id', '=', rating.appealId)
          .executeTakeFirstOrThrow();
        await sendNotices(tx, await enterprisePeople(tx, rating.appealId), {
          kind: 'ratingReminder',
          title: `提醒：请评价“${appeal.title}”的办理单位`,
          body: `诉求（${appeal.number}）已办结，请于${rating.dueDate}前完成评价。`,
          link: `/appeals/${rating.appealId}`,
        });
        await tx.audit({
          action: 'rating.remind',
          entityType: 'rating',
          entityId: rating.id,
          after: { remindedAt: tx.now },
        });
        reminded += 1;
      });
    }
  }
  await transact(ctx, systemMeta, async (tx) => {
    const lapsedRows = await tx.trx
      .selectFrom('ratings')
      .select('id')
      .where('status', '=', 'requested')
      .where('dueDate', '<', day)
      .execute();
    if (lapsedRows.length === 0) return;
    const result = await tx.trx
      .updateTable('ratings')
      .set({ status: 'notGiven' })
      .where('status', '=', 'requested')
      .where('dueDate', '<', day)
      .executeTakeFirst();
    lapsed = Number(result.numUpdatedRows);
    await tx.audit({
      action: 'rating.lapse',
      entityType: 'rating',
      entityId: null,
      after: { ratings: lapsedRows.map((r) => r.id), status: 'notGiven' },
    });
  });
  return { reminded, lapsed };
}
