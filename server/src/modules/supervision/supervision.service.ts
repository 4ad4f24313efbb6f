import {
  type AppealSupervision,
  type SupervisionActionInput,
  type SupervisionAnswerInput,
  type SupervisionLevel,
  type SupervisionSettings,
  type SupervisionWarning,
  type SupervisionWorkspace,
  supervisionLevelLabels,
  supervisionLevels,
  supervisionWarningLabels,
} from '@f2f/contract';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { localDate, requireActor, systemMeta, transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { canSeeWorkingNotes, canViewAppeal, inRegionScope } from '../appeals/appeals.policy.ts';
import * as appealsRepo from '../appeals/appeals.repository.ts';
import { factsOf } from '../appeals/appeals.service.ts';
import { formatDocumentNumber, isValidDocumentNumber } from '../documents/chinese-date.ts';
import { OPEN_ASSIGNMENT_STATUSES } from '../handling/assignment-status.ts';
import { regionPeople, sendNotices } from '../notices/notices.service.ts';
import {
  canChangeSupervisionSettings,
  canIssueSupervision,
  isStaffOf,
  isSupervisorFor,
  supervisionRegionScope,
} from './supervision.policy.ts';
import { readSupervisionSettings, writeSupervisionSettings } from './supervision.settings.ts';

type Warning = z.infer<typeof SupervisionWarning>;
type ActionRow = Awaited<ReturnType<typeof actionsQueryFor>>[number];

/** Assignments the unit is working on: awaiting acceptance or accepted. */
const OPEN = OPEN_ASSIGNMENT_STATUSES;

export function levelRank(level: SupervisionLevel): number {
  return supervisionLevels.indexOf(level);
}

function nextLevelAfter(level: SupervisionLevel | null): SupervisionLevel {
  if (level === null) return 'reminder';
  return supervisionLevels[Math.min(levelRank(level) + 1, supervisionLevels.length - 1)] ?? 'circular';
}

/** The open assignments with what the warnings need: the last progress and the appeal's returns. */
async function openAssignments(db: Executor, regionId: string | null) {
  let query = db
    .selectFrom('assignments as s')
    .innerJoin('appeals as a', 'a.id', 's.appealId')
    .innerJoin('units as lu', 'lu.id', 's.leadUnitId')
    .innerJoin('regions as r', 'r.id', 'a.regionId')
    .select((eb) => [
      's.id',
      's.appealId',
      'a.number as appealNumber',
      'a.title as appealTitle',
      'a.regionId',
      'r.name as regionName',
      's.leadUnitId',
      'lu.name as leadUnitName',
      's.status',
      's.dueDate',
      's.acceptDueDate',
      's.assignedAt',
      's.acceptedAt',
      eb
        .selectFrom('handlingNotes as n')
        .select((n) => n.fn.max('n.at').as('at'))
        .whereRef('n.assignmentId', '=', 's.id')
        .as('lastNoteAt'),
      eb
        .selectFrom('assignments as back')
        .select((n) => n.fn.countAll<number>().as('n'))
        .whereRef('back.appealId', '=', 's.appealId')
        .where('back.status', '=', 'returned')
        .as('returnCount'),
      eb
        .selectFrom('assignments as back')
        .select((n) => n.fn.max('back.returnedAt').as('at'))
        .whereRef('back.appealId', '=', 's.appealId')
        .where('back.status', '=', 'returned')
        .as('lastReturnedAt'),
    ])
    .where('s.status', 'in', OPEN);
  if (regionId !== null) query = query.where('a.regionId', '=', regionId);
  return query.orderBy('s.dueDate').orderBy('s.id').execute();
}
type OpenAssignment = Awaited<ReturnType<typeof openAssignments>>[number];

/** The warnings of one open assignment on `today`, from the working-day calendar. */
export function warningsOf(
  ctx: AppContext,
  a: OpenAssignment,
  today: string,
  settings: SupervisionSettings,
): Warning[] {
  const warnings: Warning[] = [];
  const left = ctx.calendar.workdaysBetweenOrNull(today, a.dueDate);
  if (today > a.dueDate) {
    warnings.push({
      kind: 'overdue',
      level: 'red',
      against: a.dueDate,
      detail: `已超过办理期限（${a.dueDate}）${left === null ? '' : `${-left}个工作日`}`,
    });
  } else if (left !== null && left <= settings.dueSoonWorkingDays) {
    warnings.push({
      kind: 'dueSoon',
      level: 'yellow',
      against: a.dueDate,
      detail: `距办理期限（${a.dueDate}）还有${left}个工作日`,
    });
  }
  if (a.status === 'pending' && today > a.acceptDueDate) {
    warnings.push({
      kind: 'acceptOverdue',
      level: 'red',
      against: a.acceptDueDate,
      detail: `超过签收期限（${a.acceptDueDate}）仍未签收`,
    });
  }
  if (a.status === 'accepted') {
    const instants = [a.assignedAt, a.acceptedAt, a.lastNoteAt].filter(
      (x): x is string => typeof x === 'string',
    );
    const last = localDate(ctx, instants.sort().at(-1) ?? a.assignedAt);
    const idle = ctx.calendar.workdaysBetweenOrNull(last, today);
    if (idle !== null && idle >= settings.staleWorkingDays) {
      warnings.push({
        kind: 'stale',
        level: 'yellow',
        against: last,
        detail: `已连续${idle}个工作日无办理进展（上次：${last}）`,
      });
    }
  }
  const returns = Number(a.returnCount ?? 0);
  if (returns > settings.returnedMoreThan && typeof a.lastReturnedAt === 'string') {
    warnings.push({
      kind: 'returned',
      level: 'yellow',
      against: localDate(ctx, a.lastReturnedAt),
      detail: `已被退回${returns}次`,
    });
  }
  return warnings;
}

/** Handlers and the leader of a unit. */
async function unitStaff(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('personRoles as pr', 'pr.personId', 'p.id')
    .select('p.id')
    .where('p.unitId', '=', unitId)
    .where('p.active', '=', 1)
    .where('pr.role', 'in', ['handler', 'unitLeader'])
    .execute();
  return rows.map((r) => r.id);
}

/** The supervision office of the appeal's region; the city's when the county has none. */
async function supervisionOfficers(db: Executor, regionId: string): Promise<string[]> {
  const of = (region: string) => regionPeople(db, region, ['supervisionOffice']);
  const own = await of(regionId);
  if (own.length > 0) return own;
  const region = await db
    .selectFrom('regions')
    .select('parentId')
    .where('id', '=', regionId)
    .executeTakeFirst();
  return region?.parentId ? of(region.parentId) : [];
}

/**
 * The supervision sweep: on working days only, records each warning of each open assignment once
 * (the unique key on assignment, kind and the date it is raised against) and sends its notice in
 * the same transaction. Another instance sweeping at the same time meets the unique key and sends nothing.
 */
export async function sweepSupervision(ctx: AppContext): Promise<{ raised: number; notices: number }> {
  const today = localDate(ctx, ctx.clock.now().toISOString());
  let raised = 0;
  let notices = 0;
  if (!ctx.calendar.isWorkday(today)) return { raised, notices };
  const settings = await readSupervisionSettings(ctx.db);
  for (const a of await openAssignments(ctx.db, null)) {
    for (const warning of warningsOf(ctx, a, today, settings)) {
      await transact(ctx, systemMeta, async (tx) => {
        const id = uuidv7();
        const inserted = await tx.trx
          .insertInto('supervisionWarnings')
          .values({
            id,
            assignmentId: a.id,
            appealId: a.appealId,
            kind: warning.kind,
            level: warning.level,
            against: warning.against,
            raisedAt: tx.now,
          })
          .onConflict((oc) => oc.columns(['assignmentId', 'kind', 'against']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return;
        const recipients = await unitStaff(tx.trx, a.leadUnitId);
        if (warning.kind !== 'dueSoon') recipients.push(...(await supervisionOfficers(tx.trx, a.regionId)));
        const label = supervisionWarningLabels[warning.kind].zh;
        const sent = await sendNotices(tx, recipients, {
          kind: 'supervisionWarning',
          title: `${warning.level === 'red' ? '【红色预警】' : '【黄色预警】'}${label}：${a.appealTitle}`,
          body: `诉求（${a.appealNumber}），主办单位${a.leadUnitName}：${warning.detail}。`,
          link: `/appeals/${a.appealId}`,
        });
        await tx.audit({
          action: 'supervision.warn',
          entityType: 'assignment',
          entityId: a.id,
          after: { kind: warning.kind, level: warning.level, against: warning.against },
        });
        raised += 1;
        notices += sent;
      });
    }
  }
  return { raised, notices };
}

function highestOf(rows: readonly { level: string }[]): SupervisionLevel | null {
  let best: SupervisionLevel | null = null;
  for (const r of rows) {
    const level = r.level as SupervisionLevel;
    if (best === null || levelRank(level) > levelRank(best)) best = level;
  }
  return best;
}

function present(ctx: AppContext, actor: Actor, today: string, row: ActionRow) {
  const late =
    row.answeredAt === null ? today > row.answerDueDate : localDate(ctx, row.answeredAt) > row.answerDueDate;
  return {
    id: row.id,
    appealId: row.appealId,
    assignmentId: row.assignmentId,
    unitId: row.unitId,
    unitName: row.unitName,
    level: row.level as SupervisionLevel,
    note: row.note,
    answerDueDate: row.answerDueDate,
    status: row.status as 'open' | 'answered',
    answer: row.answer,
    answeredByName: row.answeredByName,
    answeredAt: row.answeredAt,
    answeredLate: late,
    documentNumber: row.documentNumber,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    canAnswer: row.status === 'open' && isStaffOf(actor, row.unitId),
  };
}

/** The supervision steps of one appeal, for whoever may read its working notes. */
export async function getAppealSupervision(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
): Promise<z.infer<typeof AppealSupervision>> {
  const actor = requireActor(meta);
  const row = await appealsRepo.findAppeal(ctx.db, appealId);
  if (!row || !canViewAppeal(actor, factsOf(row))) throw new AppError('appeal.not_found');
  if (!canSeeWorkingNotes(actor, factsOf(row))) throw new AppError('auth.forbidden');
  const today = localDate(ctx, ctx.clock.now().toISOString());
  const rows = await actionsQueryFor(ctx.db, 'appealId', appealId);
  const open = await ctx.db
    .selectFrom('assignments')
    .select('id')
    .where('appealId', '=', appealId)
    .where('status', 'in', OPEN)
    .executeTakeFirst();
  return {
    actions: rows.map((r) => present(ctx, actor, today, r)),
    canIssue: open !== undefined && isSupervisorFor(actor, row.regionId),
  };
}

function actionsQueryFor(db: Executor, column: 'appealId' | 'assignmentId' | 'id', value: string) {
  return db
    .selectFrom('supervisionActions as x')
    .innerJoin('units as u', 'u.id', 'x.unitId')
    .leftJoin('people as c', 'c.id', 'x.createdBy')
    .leftJoin('people as w', 'w.id', 'x.answeredBy')
    .selectAll('x')
    .select(['u.name as unitName', 'c.name as createdByName', 'w.name as answeredByName'])
    .where(`x.${column}`, '=', value)
    .orderBy('x.createdAt')
    .orderBy('x.id')
    .execute();
}

/** The next 督办单 number for the issuer code and year, e.g. 督办〔2026〕3号. */
async function nextNoticeNumber(tx: Tx, prefix: string, year: number): Promise<string> {
  const row = await tx.trx
    .insertInto('supervisionCounters')
    .values({ prefix, year, lastValue: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet({ lastValue: sql`supervision_counters.last_value + 1` }),
    )
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return formatDocumentNumber(prefix, year, Number(row.lastValue));
}

/**
 * One step of the ladder, issued by the supervision office of the appeal's region (or the city's):
 * never below the highest step already taken on the assignment; the lead unit answers by a day.
 */
export async function issueAction(
  ctx: AppContext,
  meta: RequestMeta,
  input: z.infer<typeof SupervisionActionInput>,
): Promise<z.infer<typeof AppealSupervision>> {
  const actor = requireActor(meta);
  if (!canIssueSupervision(actor)) throw new AppError('auth.forbidden');
  const settings = await readSupervisionSettings(ctx.db);
  const appealId = await transact(ctx, meta, async (tx) => {
    const assignment = await tx.trx
      .selectFrom('assignments as s')
      .innerJoin('appeals as a', 'a.id', 's.appealId')
      .innerJoin('units as u', 'u.id', 's.leadUnitId')
      .select([
        's.id',
        's.appealId',
        's.status',
        's.leadUnitId',
        's.dueDate',
        'a.regionId',
        'a.number',
        'a.title',
        'u.name as unitName',
      ])
      .where('s.id', '=', input.assignmentId)
      .executeTakeFirst();
    // Another region's assignment is not the caller's to see.
    if (!assignment || !inRegionScope(actor, assignment.regionId))
      throw new AppError('supervision.assignment_not_found');
    if (!(OPEN as readonly string[]).includes(assignment.status))
      throw new AppError('supervision.assignment_closed', { status: assignment.status });
    const taken = await tx.trx
      .selectFrom('supervisionActions')
      .select('level')
      .where('assignmentId', '=', assignment.id)
      .execute();
    const highest = highestOf(taken);
    if (highest !== null && levelRank(input.level) < levelRank(highest))
      throw new AppError('supervision.level_too_low', { highest, level: input.level });
    const today = localDate(ctx, tx.now);
    const days = input.answerWorkingDays ?? settings.answerWorkingDays[input.level];
    const answerDueDate = ctx.calendar.addWorkdays(today, days);
    const documentNumber =
      input.level === 'supervisionNotice'
        ? await nextNoticeNumber(tx, settings.noticeNumberPrefix, Number(today.slice(0, 4)))
        : null;
    const action = {
      id: uuidv7(),
      appealId: assignment.appealId,
      assignmentId: assignment.id,
      unitId: assignment.leadUnitId,
      level: input.level,
      note: input.note,
      answerDueDate,
      status: 'open',
      answer: null,
      answeredBy: null,
      answeredAt: null,
      documentNumber,
      createdBy: actor.personId,
      createdAt: tx.now,
    };
    await tx.trx.insertInto('supervisionActions').values(action).execute();
    const label = supervisionLevelLabels[input.level].zh;
    await appealsRepo.appendTimelineBy(tx, actor, assignment.appealId, 'supervised', {
      level: input.level,
      unitName: assignment.unitName,
      answerDueDate,
      documentNumber,
    });
    await sendNotices(tx, await unitStaff(tx.trx, assignment.leadUnitId), {
      kind: 'supervisionAction',
      title: `${label}：${assignment.title}`,
      body: `督查室对诉求（${assignment.number}）${documentNumber ? `发出督办单（${documentNumber}）` : `予以${label}`}：${input.note} 请于${answerDueDate}前答复。`,
      link: `/appeals/${assignment.appealId}`,
    });
    await tx.audit({
      action: 'supervision.act',
      entityType: 'supervisionAction',
      entityId: action.id,
      after: action,
    });
    return assignment.appealId;
  });
  return getAppealSupervision(ctx, meta, appealId);
}

/** The lead unit answers a step, before or after its day (a late answer is flagged). */
export async function answerAction(
  ctx: AppContext,
  meta: RequestMeta,
  actionId: string,
  input: z.infer<typeof SupervisionAnswerInput>,
): Promise<z.infer<typeof AppealSupervision>> {
  const actor = requireActor(meta);
  const appealId = await transact(ctx, meta, async (tx) => {
    const action = await tx.trx
      .selectFrom('supervisionActions')
      .selectAll()
      .where('id', '=', actionId)
      .executeTakeFirst();
    if (!action) throw new AppError('supervision.action_not_found');
    if (!isStaffOf(actor, action.unitId)) throw new AppError('auth.forbidden');
    if (action.status !== 'open') throw new AppError('supervision.already_answered');
    const result = await tx.trx
      .updateTable('supervisionActions')
      .set({ status: 'answered', answer: input.answer, answeredBy: actor.personId, answeredAt: tx.now })
      .where('id', '=', actionId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('supervision.already_answered');
    const late = localDate(ctx, tx.now) > action.answerDueDate;
    await appealsRepo.appendTimelineBy(tx, actor, action.appealId, 'supervisionAnswered', {
      level: action.level,
      late,
    });
    if (action.createdBy) {
      const appeal = await tx.trx
        .selectFrom('appeals')
        .select(['number', 'title'])
        .where('id', '=', action.appealId)
        .executeTakeFirstOrThrow();
      await sendNotices(tx, [action.createdBy], {
        kind: 'supervisionAction',
        title: `督办已答复：${appeal.title}`,
        body: `诉求（${appeal.number}）的${supervisionLevelLabels[action.level as SupervisionLevel].zh}已答复${late ? '（逾期答复）' : ''}。`,
        link: `/appeals/${action.appealId}`,
      });
    }
    await tx.audit({
      action: 'supervision.answer',
      entityType: 'supervisionAction',
      entityId: actionId,
      before: { status: 'open' },
      after: { status: 'answered', answer: input.answer, late },
    });
    return action.appealId;
  });
  return getAppealSupervision(ctx, meta, appealId);
}

/** The 督办单 row and its appeal, for the supervision office of the region and the unit it was sent to. */
export async function loadNotice(ctx: AppContext, meta: RequestMeta, actionId: string) {
  const actor = requireActor(meta);
  const [row] = await actionsQueryFor(ctx.db, 'id', actionId);
  if (!row) throw new AppError('supervision.action_not_found');
  const appeal = await ctx.db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .select(['a.id', 'a.number', 'a.title', 'a.regionId', 'e.name as enterpriseName'])
    .where('a.id', '=', row.appealId)
    .executeTakeFirstOrThrow();
  if (!isSupervisorFor(actor, appeal.regionId) && !isStaffOf(actor, row.unitId))
    throw new AppError('supervision.action_not_found');
  if (row.level !== 'supervisionNotice' || !row.documentNumber) throw new AppError('supervision.no_document');
  const assignment = await ctx.db
    .selectFrom('assignments')
    .select(['dueDate', 'measures', 'status'])
    .where('id', '=', row.assignmentId)
    .executeTakeFirstOrThrow();
  return { action: row, appeal, assignment };
}

/** The workspace: every open assignment overdue or at risk in the caller's region, with group counts. */
export async function getWorkspace(
  ctx: AppContext,
  meta: RequestMeta,
): Promise<z.infer<typeof SupervisionWorkspace>> {
  const actor = requireActor(meta);
  const today = localDate(ctx, ctx.clock.now().toISOString());
  const settings = await readSupervisionSettings(ctx.db);
  const assignments = await openAssignments(ctx.db, supervisionRegionScope(actor));
  const actions = assignments.length
    ? await ctx.db
        .selectFrom('supervisionActions')
        .select(['id', 'assignmentId', 'level', 'status', 'answerDueDate', 'documentNumber', 'createdAt'])
        .where(
          'assignmentId',
          'in',
          assignments.map((a) => a.id),
        )
        .orderBy('createdAt')
        .execute()
    : [];
  const items = [];
  const byUnit = new Map<string, { id: string; name: string; red: number; yellow: number }>();
  const byRegion = new Map<string, { id: string; name: string; red: number; yellow: number }>();
  for (const a of assignments) {
    const warnings = warningsOf(ctx, a, today, settings);
    const mine = actions.filter((x) => x.assignmentId === a.id);
    const open = mine.filter((x) => x.status === 'open').at(-1);
    if (warnings.length === 0 && !open) continue;
    const highest = highestOf(mine);
    const notice = mine.filter((x) => x.documentNumber !== null).at(-1);
    const red = warnings.some((w) => w.level === 'red');
    items.push({
      assignmentId: a.id,
      appealId: a.appealId,
      appealNumber: a.appealNumber,
      appealTitle: a.appealTitle,
      leadUnitId: a.leadUnitId,
      leadUnitName: a.leadUnitName,
      regionId: a.regionId,
      regionName: a.regionName,
      status: a.status as 'pending' | 'accepted',
      dueDate: a.dueDate,
      workingDaysLeft: ctx.calendar.workdaysBetweenOrNull(today, a.dueDate),
      warnings,
      highestLevel: highest,
      nextLevel: highest === 'circular' ? null : nextLevelAfter(highest),
      openAction: open
        ? {
            id: open.id,
            level: open.level as SupervisionLevel,
            answerDueDate: open.answerDueDate,
            late: today > open.answerDueDate,
          }
        : null,
      latestNotice: notice?.documentNumber ? { id: notice.id, documentNumber: notice.documentNumber } : null,
    });
    const count = (map: typeof byUnit, id: string, name: string) => {
      const entry = map.get(id) ?? { id, name, red: 0, yellow: 0 };
      if (red) entry.red += 1;
      else entry.yellow += 1;
      map.set(id, entry);
    };
    count(byUnit, a.leadUnitId, a.leadUnitName);
    count(byRegion, a.regionId, a.regionName);
  }
  // Red first, then the least time left.
  items.sort((x, y) => {
    const rx = x.warnings.some((w) => w.level === 'red') ? 0 : 1;
    const ry = y.warnings.some((w) => w.level === 'red') ? 0 : 1;
    return rx - ry || (x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : 0);
  });
  const order = (m: typeof byUnit) => [...m.values()].sort((x, y) => y.red - x.red || y.yellow - x.yellow);
  return {
    items,
    byUnit: order(byUnit),
    byRegion: order(byRegion),
    canIssue: canIssueSupervision(actor),
    today,
  };
}

export async function getSettings(ctx: AppContext) {
  return readSupervisionSettings(ctx.db);
}

/** Thresholds are the city's: its supervision office or an administrator changes them. */
export async function putSettings(ctx: AppContext, meta: RequestMeta, value: SupervisionSettings) {
  const actor = requireActor(meta);
  if (!canChangeSupervisionSettings(actor)) throw new AppError('auth.forbidden');
  // The issuer code must make a valid GB/T 9704 number, e.g. 河督办〔2026〕1号.
  if (!isValidDocumentNumber(`${value.noticeNumberPrefix}〔2026〕1号`))
    throw new AppError('request.invalid', { noticeNumberPrefix: value.noticeNumberPrefix });
  await transact(ctx, meta, async (tx) => {
    const before = await readSupervisionSettings(tx.trx);
    await writeSupervisionSettings(tx.trx, value, tx.now);
    await tx.audit({
      action: 'settings.supervision',
      entityType: 'settings',
      entityId: 'supervision',
      before,
      after: value,
    });
  });
  return readSupervisionSettings(ctx.db);
}
