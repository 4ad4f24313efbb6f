import type {
  AnswerVerificationInput,
  AppealAction,
  AppealStatus,
  AssessAppealInput,
  AssignInput,
  HandleDirectlyInput,
  RecordConsultationInput,
  RejectAppealInput,
  RequestVerificationInput,
  VerificationRequestQuery,
} from '@f2f/contract';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { localDate, requireActor, transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { AppealTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { canViewAppeal, isInvolvedUnit, isOversight, isOversightOf } from '../appeals/appeals.policy.ts';
import * as appealsRepo from '../appeals/appeals.repository.ts';
import { assertCan, factsOf, getAppeal } from '../appeals/appeals.service.ts';
import type { AssignmentStatus } from '../handling/assignment-status.ts';
import { proposeTier } from './tier-proposal.ts';
import { activeTier, listTiers } from './tiers.service.ts';

/** Who lists verification requests: the units asked (their own) and the office and oversight (their region). */
export const REQUEST_READER_ROLES = [
  'handler',
  'unitLeader',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
] as const;

/** Loads an appeal inside the transaction and checks `action` (404 / 409 / 403 as appropriate). */
async function loadFor(tx: Tx, actor: Actor, id: string, action: AppealAction) {
  const row = await appealsRepo.findAppeal(tx.trx, id);
  if (!row) throw new AppError('appeal.not_found');
  const next = assertCan(actor, action, row);
  return { row, next };
}

/** Writes the appeal's new status and fields, refusing a stale version (two clerks at once). */
async function moveAppeal(
  tx: Tx,
  row: appealsRepo.AppealRow,
  next: AppealStatus,
  patch: Partial<Pick<AppealTable, 'tierCode' | 'assessment' | 'decisionReason'>>,
  expectedVersion?: number,
): Promise<void> {
  if (expectedVersion !== undefined && expectedVersion !== row.version)
    throw new AppError('request.conflict');
  const result = await tx.trx
    .updateTable('appeals')
    .set({ ...patch, status: next, version: row.version + 1, updatedAt: tx.now })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
}

async function activeUnits(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('units')
          .select(['id', 'name'])
          .where('id', 'in', [...ids])
          .where('active', '=', 1)
          .execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length > 0) throw new AppError('org.unit_not_found', { unitId: missing[0] });
  return names;
}

function requestQuery(db: Executor) {
  return db
    .selectFrom('verificationRequests as vr')
    .innerJoin('appeals as a', 'a.id', 'vr.appealId')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .innerJoin('units as u', 'u.id', 'vr.unitId')
    .leftJoin('people as rp', 'rp.id', 'vr.requestedBy')
    .leftJoin('people as ap', 'ap.id', 'vr.answeredBy')
    .select([
      'vr.id',
      'vr.appealId',
      'a.number as appealNumber',
      'a.title as appealTitle',
      'a.regionId',
      'e.name as enterpriseName',
      'vr.unitId',
      'u.name as unitName',
      'vr.question',
      'rp.name as requestedByName',
      'vr.requestedAt',
      'vr.dueDate',
      'vr.status',
      'vr.answer',
      'ap.name as answeredByName',
      'vr.answeredAt',
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

export function toRequest(ctx: AppContext, row: RequestRow) {
  const open = row.status === 'open';
  const now = localDate(ctx, ctx.clock.now().toISOString());
  const workingDaysLeft = open ? ctx.calendar.workdaysBetweenOrNull(now, row.dueDate) : null;
  const { regionId: _regionId, ...rest } = row;
  return {
    ...rest,
    status: row.status as 'open' | 'answered' | 'withdrawn',
    overdue: open && now > row.dueDate,
    workingDaysLeft,
  };
}

/** The office asks one or more units for their verification opinion, each with a working-day deadline. */
export async function requestVerification(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof RequestVerificationInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next } = await loadFor(tx, actor, appealId, 'requestVerification');
    if (new Set(input.unitIds).size !== input.unitIds.length)
      throw new AppError('verification.unit_repeated');
    const names = await activeUnits(tx.trx, input.unitIds);
    const open = await tx.trx
      .selectFrom('verificationRequests')
      .select('unitId')
      .where('appealId', '=', appealId)
      .where('status', '=', 'open')
      .where('unitId', 'in', input.unitIds)
      .execute();
    if (open.length > 0) throw new AppError('verification.unit_repeated', { unitId: open[0]?.unitId });
    const dueDate = ctx.calendar.addWorkdays(localDate(ctx, tx.now), input.workingDays);
    const rows = input.unitIds.map((unitId) => ({
      id: uuidv7(),
      appealId,
      unitId,
      question: input.question,
      requestedBy: actor.personId,
      requestedAt: tx.now,
      dueDate,
      status: 'open',
      answer: null,
      answeredBy: null,
      answeredAt: null,
    }));
    await tx.trx.insertInto('verificationRequests').values(rows).execute();
    await moveAppeal(tx, row, next, {});
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'verificationRequested', {
      units: input.unitIds.map((id) => names.get(id)),
      question: input.question,
      dueDate,
    });
    await tx.audit({ action: 'verification.request', entityType: 'appeal', entityId: appealId, after: rows });
  });
  return getAppeal(ctx, meta, appealId);
}

/**
 * The verification requests the caller sees (their unit's, or their region's for oversight), with the
 * list's filters: GET /api/verification-requests and its export.
 */
export function visibleRequests(
  db: Executor,
  actor: Actor,
  query: { status?: 'open' | 'answered' | 'withdrawn' | undefined; appealId?: string | undefined },
) {
  let base = requestQuery(db);
  const oversight = isOversight(actor);
  base = base.where((eb) => {
    const conditions = [];
    if (oversight) {
      // The appeal's levels (appeals.policy.ts inAppealScope): its county, and the level handling it.
      conditions.push(
        actor.regionParentId === null
          ? eb.lit(true)
          : eb.or([eb('a.regionId', '=', actor.regionId), eb('a.handlingRegionId', '=', actor.regionId)]),
      );
    }
    if (actor.unitId) conditions.push(eb('vr.unitId', '=', actor.unitId));
    return conditions.length > 0 ? eb.or(conditions) : eb.lit(false);
  });
  if (query.status) base = base.where('vr.status', '=', query.status);
  if (query.appealId) base = base.where('vr.appealId', '=', query.appealId);
  return base;
}

/** The list's order: open requests first (soonest due first), then answered and withdrawn ones. */
export function orderedRequests(base: ReturnType<typeof visibleRequests>) {
  return base
    .orderBy(sql`case when vr.status = 'open' then 0 else 1 end`)
    .orderBy('vr.dueDate')
    .orderBy('vr.id');
}

/** Requests the actor may see: their unit's, or (the office and oversight) those in their region. */
export async function listRequests(
  ctx: AppContext,
  meta: RequestMeta,
  query: z.infer<typeof VerificationRequestQuery>,
) {
  const base = visibleRequests(ctx.db, requireActor(meta), query);
  const [rows, count] = await Promise.all([
    orderedRequests(base)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => toRequest(ctx, r)),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The unit asked answers with its opinion; one answer per request. */
export async function answerRequest(
  ctx: AppContext,
  meta: RequestMeta,
  requestId: string,
  input: z.infer<typeof AnswerVerificationInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const request = await tx.trx
      .selectFrom('verificationRequests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    const appeal = request && (await appealsRepo.findAppeal(tx.trx, request.appealId));
    if (!request || !appeal || !canViewAppeal(actor, factsOf(appeal))) {
      throw new AppError('verification.request_not_found');
    }
    const ownUnit =
      actor.unitId === request.unitId && actor.roles.some((r) => r === 'handler' || r === 'unitLeader');
    if (!ownUnit) throw new AppError('auth.forbidden');
    if (request.status !== 'open') throw new AppError('verification.request_closed');
    const result = await tx.trx
      .updateTable('verificationRequests')
      .set({ status: 'answered', answer: input.answer, answeredBy: actor.personId, answeredAt: tx.now })
      .where('id', '=', requestId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('verification.request_closed');
    const unit = await tx.trx
      .selectFrom('units')
      .select('name')
      .where('id', '=', request.unitId)
      .executeTakeFirst();
    await appealsRepo.appendTimelineBy(tx, actor, request.appealId, 'verificationAnswered', {
      requestId,
      unitId: request.unitId,
      unitName: unit?.name ?? null,
      answer: input.answer,
      late: localDate(ctx, tx.now) > request.dueDate,
    });
    await tx.audit({
      action: 'verification.answer',
      entityType: 'verificationRequest',
      entityId: requestId,
      before: { status: 'open' },
      after: { status: 'answered', answer: input.answer },
    });
  });
  const row = await requestQuery(ctx.db).where('vr.id', '=', requestId).executeTakeFirstOrThrow();
  return toRequest(ctx, row);
}

/** The office's preliminary assessment and the tier it sets. */
export async function assess(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof AssessAppealInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next } = await loadFor(tx, actor, appealId, 'assess');
    const tier = await activeTier(tx.trx, input.tierCode);
    const before = await tx.trx
      .selectFrom('appeals')
      .select(['assessment', 'tierCode'])
      .where('id', '=', appealId)
      .executeTakeFirstOrThrow();
    await moveAppeal(tx, row, next, { assessment: input.assessment, tierCode: tier.code }, input.version);
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'assessed', {
      tierCode: tier.code,
      tierName: tier.nameZh,
      tierNameEn: tier.nameEn,
    });
    await tx.audit({
      action: 'appeal.assess',
      entityType: 'appeal',
      entityId: appealId,
      before,
      after: { assessment: input.assessment, tierCode: tier.code },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

async function withdrawOpenRequests(tx: Tx, appealId: string): Promise<number> {
  const result = await tx.trx
    .updateTable('verificationRequests')
    .set({ status: 'withdrawn' })
    .where('appealId', '=', appealId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Not accepted: the reason is what the enterprise reads. */
export async function reject(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof RejectAppealInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next } = await loadFor(tx, actor, appealId, 'reject');
    await moveAppeal(tx, row, next, { decisionReason: input.reason }, input.version);
    const withdrawn = await withdrawOpenRequests(tx, appealId);
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'rejected', {
      reason: input.reason,
      withdrawnRequests: withdrawn,
    });
    await tx.audit({
      action: 'appeal.reject',
      entityType: 'appeal',
      entityId: appealId,
      before: { status: row.status },
      after: { status: next, reason: input.reason },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** Handled directly (normalised channel): goes to assignment without an event. */
export async function handleDirectly(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof HandleDirectlyInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next } = await loadFor(tx, actor, appealId, 'handleDirectly');
    const tierCode = input.tierCode ?? row.tierCode;
    if (!tierCode) throw new AppError('tier.required');
    const tier = await activeTier(tx.trx, tierCode);
    await moveAppeal(tx, row, next, { tierCode: tier.code }, input.version);
    const withdrawn = await withdrawOpenRequests(tx, appealId);
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'handledDirectly', {
      tierCode: tier.code,
      tierName: tier.nameZh,
      tierNameEn: tier.nameEn,
      withdrawnRequests: withdrawn,
    });
    await tx.audit({
      action: 'appeal.handleDirectly',
      entityType: 'appeal',
      entityId: appealId,
      before: { status: row.status, tierCode: row.tierCode },
      after: { status: next, tierCode: tier.code },
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/** A consultation (会商): who took part, what each said, the conclusion. */
export async function recordConsultation(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof RecordConsultationInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next } = await loadFor(tx, actor, appealId, 'recordConsultation');
    if (new Set(input.unitIds).size !== input.unitIds.length)
      throw new AppError('verification.unit_repeated');
    const names = await activeUnits(tx.trx, input.unitIds);
    if (input.statements.some((s) => !input.unitIds.includes(s.unitId))) {
      throw new AppError('consultation.unknown_participant');
    }
    const consultation = {
      id: uuidv7(),
      appealId,
      date: input.date,
      unitIdsJson: JSON.stringify(input.unitIds),
      statementsJson: JSON.stringify(input.statements),
      conclusion: input.conclusion,
      recordedBy: actor.personId,
      recordedAt: tx.now,
    };
    await tx.trx.insertInto('consultations').values(consultation).execute();
    await moveAppeal(tx, row, next, {});
    await appealsRepo.appendTimelineBy(tx, actor, appealId, 'consulted', {
      consultationId: consultation.id,
      date: input.date,
      units: input.unitIds.map((id) => names.get(id)),
      conclusion: input.conclusion,
    });
    await tx.audit({
      action: 'consultation.create',
      entityType: 'consultation',
      entityId: consultation.id,
      after: consultation,
    });
  });
  return getAppeal(ctx, meta, appealId);
}

/**
 * A co-unit's sub-deadline: its input is due `coInputLeadWorkingDays` working days before the lead unit's
 * deadline, so that the lead unit has time to write the one consolidated reply; never earlier than the
 * next working day, never later than the lead's deadline. Null when the calendar does not know the year.
 */
export function coUnitDueDate(ctx: AppContext, today: string, leadDueDate: string): string | null {
  try {
    const earliest = ctx.calendar.addWorkdays(today, 1);
    const wanted = ctx.calendar.addWorkdays(leadDueDate, -ctx.config.coInputLeadWorkingDays);
    // ISO dates compare as strings (Math.min/max would not).
    if (wanted < earliest) return earliest > leadDueDate ? leadDueDate : earliest;
    return wanted;
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar.year_unknown') return null;
    throw error;
  }
}

/**
 * Creates one assignment (lead unit, co-units, measures, deadline) inside the caller's transaction.
 * Direct handling uses it now; the opinions document of an event uses it for its rulings.
 */
export async function createAssignmentInTx(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  appealId: string,
  source: 'direct' | 'ruling' | 'reopen',
  input: { leadUnitId: string; coUnitIds: readonly string[]; measures: string; dueDate: string },
): Promise<string> {
  if (input.coUnitIds.includes(input.leadUnitId)) throw new AppError('assignment.lead_is_co_unit');
  if (new Set(input.coUnitIds).size !== input.coUnitIds.length)
    throw new AppError('verification.unit_repeated');
  const names = await activeUnits(tx.trx, [input.leadUnitId, ...input.coUnitIds]);
  if (input.dueDate <= localDate(ctx, tx.now) || !ctx.calendar.isWorkday(input.dueDate)) {
    throw new AppError('assignment.due_date_not_workday', { dueDate: input.dueDate });
  }
  const assignment = {
    id: uuidv7(),
    appealId,
    source,
    leadUnitId: input.leadUnitId,
    measures: input.measures,
    dueDate: input.dueDate,
    originalDueDate: input.dueDate,
    assignedBy: actor.personId,
    assignedAt: tx.now,
    status: 'pending',
    acceptDueDate: ctx.calendar.addWorkdays(localDate(ctx, tx.now), ctx.config.acceptWorkingDays),
    acceptedAt: null,
    acceptedBy: null,
    returnReason: null,
    returnedAt: null,
    reportedAt: null,
    closedAt: null,
    workingDays: null,
  };
  await tx.trx.insertInto('assignments').values(assignment).execute();
  const coDueDate =
    input.coUnitIds.length > 0 ? coUnitDueDate(ctx, localDate(ctx, tx.now), input.dueDate) : null;
  await tx.trx
    .insertInto('assignmentUnits')
    .values([
      { assignmentId: assignment.id, appealId, unitId: input.leadUnitId, role: 'lead', dueDate: null },
      ...input.coUnitIds.map((unitId) => ({
        assignmentId: assignment.id,
        appealId,
        unitId,
        role: 'co',
        dueDate: coDueDate,
      })),
    ])
    .execute();
  await appealsRepo.appendTimelineBy(tx, actor, appealId, 'assigned', {
    assignmentId: assignment.id,
    source,
    leadUnit: names.get(input.leadUnitId),
    coUnits: input.coUnitIds.map((id) => names.get(id)),
    dueDate: input.dueDate,
    coDueDate,
  });
  await tx.audit({
    action: 'assignment.create',
    entityType: 'assignment',
    entityId: assignment.id,
    after: { ...assignment, coUnitIds: input.coUnitIds, coDueDate },
  });
  return assignment.id;
}

/** The office assigns an appeal it decided to handle directly. */
export async function assign(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof AssignInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const { row, next } = await loadFor(tx, actor, appealId, 'assign');
    if (!row.tierCode) throw new AppError('tier.required');
    const tier = await activeTier(tx.trx, row.tierCode);
    const dueDate =
      input.dueDate ?? ctx.calendar.addWorkdays(localDate(ctx, tx.now), tier.deadlineWorkingDays);
    await moveAppeal(tx, row, next, {}, input.version);
    await createAssignmentInTx(ctx, tx, actor, appealId, 'direct', { ...input, dueDate });
  });
  return getAppeal(ctx, meta, appealId);
}

/** What the appeal's page shows about verification; each reader sees what concerns them. */
export async function getVerification(ctx: AppContext, meta: RequestMeta, appealId: string) {
  const actor = requireActor(meta);
  const row = await appealsRepo.findAppeal(ctx.db, appealId);
  if (!row || !canViewAppeal(actor, factsOf(row))) throw new AppError('appeal.not_found');
  const oversight = isOversightOf(actor, row);
  const unitView = isInvolvedUnit(actor, factsOf(row));
  const [extra, requestRows, consultationRows, assignmentRows, tiers] = await Promise.all([
    ctx.db.selectFrom('appeals').select(['assessment']).where('id', '=', appealId).executeTakeFirstOrThrow(),
    requestQuery(ctx.db)
      .where('vr.appealId', '=', appealId)
      .orderBy('vr.requestedAt')
      .orderBy('vr.id')
      .execute(),
    ctx.db
      .selectFrom('consultations as c')
      .leftJoin('people as p', 'p.id', 'c.recordedBy')
      .selectAll('c')
      .select('p.name as recordedByName')
      .where('c.appealId', '=', appealId)
      .orderBy('c.recordedAt')
      .execute(),
    ctx.db
      .selectFrom('assignments as s')
      .innerJoin('units as u', 'u.id', 's.leadUnitId')
      .leftJoin('people as p', 'p.id', 's.assignedBy')
      .selectAll('s')
      .select(['u.name as leadUnitName', 'p.name as assignedByName'])
      .where('s.appealId', '=', appealId)
      .orderBy('s.assignedAt')
      .orderBy('s.id')
      .execute(),
    listTiers(ctx.db, false),
  ]);
  const event = oversight
    ? await ctx.db
        .selectFrom('catalogueItems as ci')
        .innerJoin('events as ev', 'ev.id', 'ci.eventId')
        .select(['ev.id', 'ev.title', 'ev.date', 'ev.status'])
        .where('ci.appealId', '=', appealId)
        .executeTakeFirst()
    : undefined;
  const coUnits = await ctx.db
    .selectFrom('assignmentUnits as au')
    .innerJoin('units as u', 'u.id', 'au.unitId')
    .select((eb) => [
      'au.assignmentId',
      'u.id',
      'u.name',
      'au.dueDate',
      // When the co-unit first gave its input on that assignment.
      eb
        .selectFrom('handlingNotes as n')
        .select((n) => n.fn.min('n.at').as('at'))
        .whereRef('n.assignmentId', '=', 'au.assignmentId')
        .whereRef('n.unitId', '=', 'au.unitId')
        .where('n.kind', '=', 'coInput')
        .as('inputAt'),
    ])
    .where('au.appealId', '=', appealId)
    .where('au.role', '=', 'co')
    .execute();
  const unitIds = new Set<string>();
  for (const c of consultationRows) for (const id of JSON.parse(c.unitIdsJson) as string[]) unitIds.add(id);
  const unitNames = new Map(
    unitIds.size === 0
      ? []
      : (
          await ctx.db
            .selectFrom('units')
            .select(['id', 'name'])
            .where('id', 'in', [...unitIds])
            .execute()
        ).map((u) => [u.id, u.name] as const),
  );
  const involvedCount = new Set(requestRows.filter((r) => r.status !== 'withdrawn').map((r) => r.unitId))
    .size;
  const category = await ctx.db
    .selectFrom('appealCategories')
    .select(['nameZh', 'nameEn'])
    .where('code', '=', row.category)
    .executeTakeFirst();
  const consultations = consultationRows.map((c) => ({
    id: c.id,
    appealId: c.appealId,
    date: c.date,
    units: (JSON.parse(c.unitIdsJson) as string[]).map((id) => ({ id, name: unitNames.get(id) ?? '' })),
    statements: (JSON.parse(c.statementsJson) as { unitId: string; statement: string }[]).map((s) => ({
      ...s,
      unitName: unitNames.get(s.unitId) ?? '',
    })),
    conclusion: c.conclusion,
    recordedByName: c.recordedByName,
    recordedAt: c.recordedAt,
  }));
  const assignments = assignmentRows.map((s) => ({
    id: s.id,
    appealId: s.appealId,
    source: s.source as 'direct' | 'ruling' | 'reopen',
    leadUnitId: s.leadUnitId,
    leadUnitName: s.leadUnitName,
    coUnits: coUnits
      .filter((c) => c.assignmentId === s.id)
      .map((c) => ({ id: c.id, name: c.name, dueDate: c.dueDate, inputAt: c.inputAt ?? null })),
    measures: s.measures,
    dueDate: s.dueDate,
    originalDueDate: s.originalDueDate,
    assignedByName: s.assignedByName,
    assignedAt: s.assignedAt,
    status: s.status as AssignmentStatus,
    acceptDueDate: s.acceptDueDate,
    acceptedAt: s.acceptedAt,
    // Why a unit returned it is between the units and the office.
    returnReason: oversight || unitView ? s.returnReason : null,
  }));
  return {
    // The office's working notes stay with the office and oversight; a unit sees its own requests.
    assessment: oversight ? extra.assessment : null,
    tierCode: row.tierCode,
    decisionReason: row.decisionReason,
    proposal: oversight
      ? proposeTier(
          tiers,
          { ...row, categoryName: category ?? { nameZh: row.category, nameEn: row.category } },
          involvedCount,
        )
      : { tierCode: null, reason: { zh: '', en: '' } },
    requests: requestRows
      .filter((r) => oversight || (unitView && r.unitId === actor.unitId))
      .map((r) => toRequest(ctx, r)),
    consultations: oversight || unitView ? consultations : [],
    assignments,
    event: event ?? null,
  };
}
