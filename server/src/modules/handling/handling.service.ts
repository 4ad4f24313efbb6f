import type {
  AppealAction,
  AppealStatus,
  AssignmentQuery,
  CoInputInput,
  contactWays,
  ExtensionDecisionInput,
  ExtensionRequestInput,
  handlingNoteKinds,
  ProgressInput,
  ReportCompletionInput,
  ReturnAssignmentInput,
  SendBackInput,
} from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { localDate, requireActor, transact } from '../../context.ts';
import type { AssignmentTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { canViewAppeal, isOversight } from '../appeals/appeals.policy.ts';
import * as appealsRepo from '../appeals/appeals.repository.ts';
import { assertCan, factsOf, getAppeal } from '../appeals/appeals.service.ts';
import {
  type AssignmentStatus,
  OPEN_ASSIGNMENT_STATUSES,
  UNFINISHED_ASSIGNMENT_STATUSES,
} from './assignment-status.ts';
import { requestRatingsInTx } from './ratings.service.ts';

/** Who lists assignments (and exports them): the units' staff (their own) and the office and oversight (their region). */
export const ASSIGNMENT_READER_ROLES = [
  'handler',
  'unitLeader',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
] as const;

interface Loaded {
  row: appealsRepo.AppealRow;
  next: AppealStatus;
  assignment: AssignmentTable;
}

/** The appeal and its active assignment, with `action` checked (404 / 409 / 403). */
async function loadFor(tx: Tx, actor: Actor, appealId: string, action: AppealAction): Promise<Loaded> {
  const row = await appealsRepo.findAppeal(tx.trx, appealId);
  if (!row) throw new AppError('appeal.not_found');
  const next = assertCan(actor, action, row);
  const assignment = await tx.trx
    .selectFrom('assignments')
    .selectAll()
    .where('appealId', '=', appealId)
    .where('status', '!=', 'returned')
    .orderBy('assignedAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!assignment) throw new AppError('appeal.action_not_allowed', { action, status: row.status });
  return { row, next, assignment };
}

async function moveAppeal(tx: Tx, row: appealsRepo.AppealRow, next: AppealStatus, version?: number) {
  if (version !== undefined && version !== row.version) throw new AppError('request.conflict');
  const result = await tx.trx
    .updateTable('appeals')
    .set({ status: next, version: row.version + 1, updatedAt: tx.now })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
}

async function setAssignment(tx: Tx, id: string, from: AssignmentStatus, patch: Partial<AssignmentTable>) {
  const result = await tx.trx
    .updateTable('assignments')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
}

/** The lead unit accepts (签收) the assignment. */
export async function accept(ctx: AppContext, meta: RequestMeta, appealId: string, version: number) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next, assignment } = await loadFor(tx, actor, appealId, 'accept');
    await moveAppeal(tx, row, next, version);
    await setAssignment(tx, assignment.id, 'pending', {
      status: 'accepted',
      acceptedAt: tx.now,
      acceptedBy: actor.personId,
    });
    const late = localDate(ctx, tx.now) > assignment.acceptDueDate;
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'accepted', {
      assignmentId: assignment.id,
      late,
    });
    await tx.audit({
      action: 'assignment.accept',
      entityType: 'assignment',
      entityId: assignment.id,
      before: { status: 'pending' },
      after: { status: 'accepted', late },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** The lead unit returns it (退回) with a reason; it goes back to the office to reassign. */
export async function returnAssignment(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof ReturnAssignmentInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next, assignment } = await loadFor(tx, actor, appealId, 'returnAssignment');
    await moveAppeal(tx, row, next, input.version);
    await setAssignment(tx, assignment.id, 'pending', {
      status: 'returned',
      returnReason: input.reason,
      returnedAt: tx.now,
    });
    const returns = await tx.trx
      .selectFrom('assignments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('appealId', '=', appealId)
      .where('status', '=', 'returned')
      .executeTakeFirstOrThrow();
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'returned', {
      assignmentId: assignment.id,
      reason: input.reason,
      returnCount: Number(returns.n),
    });
    await tx.audit({
      action: 'assignment.return',
      entityType: 'assignment',
      entityId: assignment.id,
      before: { status: 'pending' },
      after: { status: 'returned', reason: input.reason },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** A progress note or a contact with the enterprise (date, way, person), by the lead or a co-unit. */
export async function addProgress(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof ProgressInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { assignment } = await loadFor(tx, actor, appealId, 'addProgress');
    if (input.kind === 'contact' && input.contactDate > localDate(ctx, tx.now)) {
      throw new AppError('request.invalid', { contactDate: input.contactDate });
    }
    const note = {
      id: uuidv7(),
      assignmentId: assignment.id,
      appealId,
      unitId: actor.unitId ?? '',
      kind: input.kind,
      content: input.content,
      contactDate: input.kind === 'contact' ? input.contactDate : null,
      contactWay: input.kind === 'contact' ? input.contactWay : null,
      contactPerson: input.kind === 'contact' ? input.contactPerson : null,
      authorId: actor.personId,
      at: tx.now,
    };
    await tx.trx.insertInto('handlingNotes').values(note).execute();
    await appealsRepo.appendTimelineBy(
      tx,
      actor,
      appealId,
      input.kind === 'contact' ? 'contacted' : 'progress',
      {
        noteId: note.id,
        content: input.content,
      },
    );
    await tx.audit({
      action: `handling.${input.kind}`,
      entityType: 'handlingNote',
      entityId: note.id,
      after: note,
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** A co-unit's input (协办意见) for the lead unit's consolidated reply. */
export async function addCoInput(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof CoInputInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { assignment } = await loadFor(tx, actor, appealId, 'addCoInput');
    const note = {
      id: uuidv7(),
      assignmentId: assignment.id,
      appealId,
      unitId: actor.unitId ?? '',
      kind: 'coInput',
      content: input.content,
      contactDate: null,
      contactWay: null,
      contactPerson: null,
      authorId: actor.personId,
      at: tx.now,
    };
    await tx.trx.insertInto('handlingNotes').values(note).execute();
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'coInput', {
      noteId: note.id,
      content: input.content,
    });
    await tx.audit({
      action: 'handling.coInput',
      entityType: 'handlingNote',
      entityId: note.id,
      after: note,
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** Before the deadline, the lead unit asks for a later one, with a reason. */
export async function requestExtension(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof ExtensionRequestInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { assignment } = await loadFor(tx, actor, appealId, 'requestExtension');
    const now = localDate(ctx, tx.now);
    if (now > assignment.dueDate)
      throw new AppError('handling.extension_too_late', { dueDate: assignment.dueDate });
    if (input.newDueDate <= assignment.dueDate || !ctx.calendar.isWorkday(input.newDueDate)) {
      throw new AppError('handling.extension_date_invalid', { dueDate: assignment.dueDate });
    }
    const request = {
      id: uuidv7(),
      assignmentId: assignment.id,
      appealId,
      requestedDueDate: input.newDueDate,
      previousDueDate: assignment.dueDate,
      reason: input.reason,
      requestedBy: actor.personId,
      requestedAt: tx.now,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      note: null,
    };
    await tx.trx.insertInto('extensionRequests').values(request).execute();
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'extensionRequested', {
      requestedDueDate: input.newDueDate,
      reason: input.reason,
    });
    await tx.audit({
      action: 'extension.request',
      entityType: 'extensionRequest',
      entityId: request.id,
      after: request,
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** The office approves (the deadline moves; the enterprise sees the new date) or refuses. */
export async function decideExtension(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof ExtensionDecisionInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { assignment } = await loadFor(tx, actor, appealId, 'decideExtension');
    const request = await tx.trx
      .selectFrom('extensionRequests')
      .selectAll()
      .where('appealId', '=', appealId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!request) throw new AppError('request.conflict');
    const status = input.approve ? 'approved' : 'refused';
    const result = await tx.trx
      .updateTable('extensionRequests')
      .set({ status, decidedBy: actor.personId, decidedAt: tx.now, note: input.note ?? null })
      .where('id', '=', request.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    if (input.approve) {
      await tx.trx
        .updateTable('assignments')
        .set({ dueDate: request.requestedDueDate })
        .where('id', '=', assignment.id)
        .execute();
    }
    await appealsRepo.appendTimelineBy(
      tx,
      actor,
      appealId,
      input.approve ? 'extensionApproved' : 'extensionRefused',
      {
        dueDate: input.approve ? request.requestedDueDate : request.previousDueDate,
        note: input.note ?? null,
      },
    );
    await tx.audit({
      action: `extension.${status === 'approved' ? 'approve' : 'refuse'}`,
      entityType: 'extensionRequest',
      entityId: request.id,
      before: { status: 'pending', dueDate: request.previousDueDate },
      after: { status, dueDate: input.approve ? request.requestedDueDate : request.previousDueDate },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** The lead unit's consolidated reply to the enterprise, and its report that the work is done. */
export async function reportCompletion(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof ReportCompletionInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next, assignment } = await loadFor(tx, actor, appealId, 'reportCompletion');
    await moveAppeal(tx, row, next, input.version);
    await setAssignment(tx, assignment.id, 'accepted', { status: 'reported', reportedAt: tx.now });
    const reply = {
      id: uuidv7(),
      assignmentId: assignment.id,
      appealId,
      unitId: assignment.leadUnitId,
      content: input.reply,
      policyBasis: input.policyBasis ?? null,
      authorId: actor.personId,
      at: tx.now,
      outcome: 'pending',
      reviewNote: null,
      reviewedBy: null,
      reviewedAt: null,
    };
    await tx.trx.insertInto('replies').values(reply).execute();
    const late = localDate(ctx, tx.now) > assignment.dueDate;
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'completionReported', {
      replyId: reply.id,
      late,
    });
    await tx.audit({
      action: 'handling.report',
      entityType: 'reply',
      entityId: reply.id,
      after: { ...reply, late },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

async function reviewReply(
  tx: Tx,
  actor: Actor,
  appealId: string,
  outcome: 'accepted' | 'sentBack',
  note: string | null,
) {
  const result = await tx.trx
    .updateTable('replies')
    .set({ outcome, reviewNote: note, reviewedBy: actor.personId, reviewedAt: tx.now })
    .where('appealId', '=', appealId)
    .where('outcome', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
}

/** The office reviews the reply and closes the appeal (办结). */
export async function close(ctx: AppContext, meta: RequestMeta, appealId: string, version: number) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next, assignment } = await loadFor(tx, actor, appealId, 'close');
    await moveAppeal(tx, row, next, version);
    await setAssignment(tx, assignment.id, 'reported', {
      status: 'closed',
      closedAt: tx.now,
      // Kept for the dashboard's and the rankings' average (unit_stats sums it, migration 0012).
      workingDays: ctx.calendar.workdaysBetweenOrNull(
        localDate(ctx, assignment.assignedAt),
        localDate(ctx, tx.now),
      ),
    });
    await reviewReply(tx, actor, appealId, 'accepted', null);
    const { reopenRound } = await tx.trx
      .selectFrom('appeals')
      .select('reopenRound')
      .where('id', '=', appealId)
      .executeTakeFirstOrThrow();
    await requestRatingsInTx(ctx, tx, appealId, assignment, reopenRound);
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'closed', { assignmentId: assignment.id });
    await tx.audit({
      action: 'appeal.close',
      entityType: 'appeal',
      entityId: appealId,
      before: { status: row.status },
      after: { status: next },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** The office sends the reply back (with a reason): the unit keeps working under the same deadline. */
export async function sendBack(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof SendBackInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next, assignment } = await loadFor(tx, actor, appealId, 'sendBack');
    await moveAppeal(tx, row, next, input.version);
    await setAssignment(tx, assignment.id, 'reported', { status: 'accepted', reportedAt: null });
    await reviewReply(tx, actor, appealId, 'sentBack', input.reason);
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'sentBack', { reason: input.reason });
    await tx.audit({
      action: 'appeal.sendBack',
      entityType: 'appeal',
      entityId: appealId,
      before: { status: row.status },
      after: { status: next, reason: input.reason },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** Notes, extensions and replies of an appeal, for whoever may see it. */
export async function getHandling(ctx: AppContext, meta: RequestMeta, appealId: string) {
  const actor = requireActor(meta);
  const row = await appealsRepo.findAppeal(ctx.db, appealId);
  if (!row || !canViewAppeal(actor, factsOf(row))) throw new AppError('appeal.not_found');
  const enterpriseView = actor.roles.includes('enterprise') && actor.enterpriseId === row.enterpriseId;
  const [notes, extensions, replies, returns, active] = await Promise.all([
    ctx.db
      .selectFrom('handlingNotes as n')
      .innerJoin('units as u', 'u.id', 'n.unitId')
      .leftJoin('people as p', 'p.id', 'n.authorId')
      .select([
        'n.id',
        'n.kind',
        'u.name as unitName',
        'p.name as authorName',
        'n.at',
        'n.content',
        'n.contactDate',
        'n.contactWay',
        'n.contactPerson',
      ])
      .where('n.appealId', '=', appealId)
      .orderBy('n.at')
      .orderBy('n.id')
      .execute(),
    ctx.db
      .selectFrom('extensionRequests as x')
      .leftJoin('people as rp', 'rp.id', 'x.requestedBy')
      .leftJoin('people as dp', 'dp.id', 'x.decidedBy')
      .select([
        'x.id',
        'x.assignmentId',
        'x.requestedDueDate',
        'x.previousDueDate',
        'x.reason',
        'rp.name as requestedByName',
        'x.requestedAt',
        'x.status',
        'dp.name as decidedByName',
        'x.decidedAt',
        'x.note',
      ])
      .where('x.appealId', '=', appealId)
      .orderBy('x.requestedAt')
      .execute(),
    ctx.db
      .selectFrom('replies as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .leftJoin('people as p', 'p.id', 'r.authorId')
      .select([
        'r.id',
        'r.assignmentId',
        'u.name as unitName',
        'r.content',
        'r.policyBasis',
        'p.name as authorName',
        'r.at',
        'r.outcome',
        'r.reviewNote',
      ])
      .where('r.appealId', '=', appealId)
      .orderBy('r.at')
      .execute(),
    ctx.db
      .selectFrom('assignments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('appealId', '=', appealId)
      .where('status', '=', 'returned')
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('assignments')
      .select(['dueDate', 'status'])
      .where('appealId', '=', appealId)
      .where('status', 'in', UNFINISHED_ASSIGNMENT_STATUSES)
      .orderBy('assignedAt', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  ]);
  const now = localDate(ctx, ctx.clock.now().toISOString());
  return {
    // The enterprise reads the reply the office accepted, and nothing of the units' working notes.
    notes: enterpriseView
      ? []
      : notes.map((n) => ({
          ...n,
          kind: n.kind as (typeof handlingNoteKinds)[number],
          contactWay: n.contactWay as (typeof contactWays)[number] | null,
        })),
    // The enterprise sees the deadlines that moved, not the requests the office refused or is weighing.
    extensions: extensions
      .filter((x) => !enterpriseView || x.status === 'approved')
      .map((x) => ({ ...x, status: x.status as 'pending' | 'approved' | 'refused' })),
    replies: replies
      .filter((r) => !enterpriseView || r.outcome === 'accepted')
      .map((r) => ({ ...r, outcome: r.outcome as 'pending' | 'accepted' | 'sentBack' })),
    returnCount: Number(returns.n),
    workingDaysLeft: active ? ctx.calendar.workdaysBetweenOrNull(now, active.dueDate) : null,
  };
}

/**
 * The assignments `actor` lists, with the list's filters and no paging or order: my unit's (lead or
 * co), or for the office and oversight those of their region. Shared by the list and its Excel export.
 */
export function assignmentsQuery(
  db: AppContext['db'],
  actor: Actor,
  query: Omit<z.infer<typeof AssignmentQuery>, 'page' | 'pageSize'>,
  now: string,
) {
  const oversight = isOversight(actor);
  let base = db
    .selectFrom('assignments as s')
    .innerJoin('appeals as a', 'a.id', 's.appealId')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .innerJoin('units as lu', 'lu.id', 's.leadUnitId')
    .leftJoin('assignmentUnits as mine', (join) =>
      join.onRef('mine.assignmentId', '=', 's.id').on('mine.unitId', '=', actor.unitId ?? ''),
    )
    .where((eb) => {
      const conditions = [];
      if (actor.unitId && actor.roles.some((r) => r === 'handler' || r === 'unitLeader')) {
        conditions.push(eb('mine.unitId', 'is not', null));
      }
      if (oversight) {
        // The appeal's levels (appeals.policy.ts inAppealScope): its county, and the level handling it.
        conditions.push(
          actor.regionParentId === null
            ? eb.lit(true)
            : eb.or([eb('a.regionId', '=', actor.regionId), eb('a.handlingRegionId', '=', actor.regionId)]),
        );
      }
      return conditions.length > 0 ? eb.or(conditions) : eb.lit(false);
    });
  if (query.status) base = base.where('s.status', '=', query.status);
  if (query.role) base = base.where('mine.role', '=', query.role);
  if (query.overdue === 'true') {
    base = base.where('s.status', 'in', OPEN_ASSIGNMENT_STATUSES).where('s.dueDate', '<', now);
  }
  return base;
}

/** My unit's assignments (lead or co), or for the office and oversight those of their region. */
export async function listAssignments(
  ctx: AppContext,
  meta: RequestMeta,
  query: z.infer<typeof AssignmentQuery>,
) {
  const actor = requireActor(meta);
  const now = localDate(ctx, ctx.clock.now().toISOString());
  const base = assignmentsQuery(ctx.db, actor, query, now);
  const [rows, count] = await Promise.all([
    base
      .select([
        's.id',
        's.appealId',
        'a.number as appealNumber',
        'a.title as appealTitle',
        'e.name as enterpriseName',
        's.leadUnitId',
        'lu.name as leadUnitName',
        'mine.role as myRole',
        'mine.dueDate as myDueDate',
        's.status',
        's.dueDate',
        's.acceptDueDate',
        's.assignedAt',
      ])
      .orderBy('s.dueDate')
      .orderBy('s.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => {
      const open = r.status === 'pending' || r.status === 'accepted';
      return {
        ...r,
        myRole: (r.myRole as 'lead' | 'co' | null) ?? null,
        status: r.status as AssignmentStatus,
        workingDaysLeft: open ? ctx.calendar.workdaysBetweenOrNull(now, r.dueDate) : null,
        overdue: open && now > r.dueDate,
        acceptOverdue: r.status === 'pending' && now > r.acceptDueDate,
      };
    }),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}
