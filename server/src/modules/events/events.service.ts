import type {
  AddCatalogueItemsInput,
  CompileOpinionsInput,
  CreateEventInput,
  EditOpinionsInput,
  EventAction,
  EventKind,
  EventQuery,
  EventStatus,
  IssueNoticeInput,
  RecordProposalInput,
  ReopenCatalogueInput,
  RulingInput,
  UpdateCatalogueItemInput,
  UpdateEventInput,
} from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { localDate, requireActor, transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { intToBool } from '../../db/dialect.ts';
import type { EventTable } from '../../db/schema.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { nextStatus } from '../appeals/appeal-workflow.ts';
import { can } from '../appeals/appeals.policy.ts';
import * as appealsRepo from '../appeals/appeals.repository.ts';
import { factsOf } from '../appeals/appeals.service.ts';
import { isValidDocumentNumber } from '../documents/chinese-date.ts';
import { regionPeople, sendNotices } from '../notices/notices.service.ts';
import { createAssignmentInTx } from '../verification/verification.service.ts';
import { allowedEventActions, canDo, canViewEvent, statusAllows } from './events.policy.ts';

/** Working days between the catalogue's due date at the government office and the event day (plan step 2). */
export const CATALOGUE_LEAD_WORKING_DAYS = 4;

function parseIds(json: string): string[] {
  return JSON.parse(json) as string[];
}

async function findEvent(db: Executor, id: string): Promise<EventTable | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

function facts(row: EventTable) {
  return { regionId: row.regionId, status: row.status as EventStatus };
}

/** Loads the event in the transaction and checks the action: 404 when unseen, 409 by status, 403 by role. */
async function loadFor(tx: Tx, actor: Actor, id: string, action: EventAction): Promise<EventTable> {
  const row = await findEvent(tx.trx, id);
  if (!row || !canViewEvent(actor, facts(row))) throw new AppError('event.not_found');
  if (!statusAllows(action, row.status as EventStatus)) {
    throw new AppError('event.action_not_allowed', { action, status: row.status });
  }
  if (!canDo(actor, action, facts(row))) throw new AppError('auth.forbidden');
  return row;
}

/** Writes the event's changes and a new version; a stale version is a conflict, not an overwrite. */
async function saveEvent(
  tx: Tx,
  row: EventTable,
  patch: Partial<Omit<EventTable, 'id' | 'version'>>,
  expectedVersion: number | undefined,
): Promise<void> {
  if (expectedVersion !== undefined && expectedVersion !== row.version)
    throw new AppError('request.conflict');
  const result = await tx.trx
    .updateTable('events')
    .set({ ...patch, version: row.version + 1, updatedAt: tx.now })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
}

async function history(tx: Tx, actor: Actor, eventId: string, kind: string, data: unknown): Promise<void> {
  await tx.trx
    .insertInto('eventHistory')
    .values({
      id: uuidv7(),
      eventId,
      at: tx.now,
      actorId: actor.personId,
      actorName: actor.name,
      kind,
      dataJson: data === undefined ? null : JSON.stringify(data),
    })
    .execute();
}

function assertWorkday(ctx: AppContext, date: string): void {
  if (!ctx.calendar.isWorkday(date)) throw new AppError('event.date_not_workday', { date });
}

async function assertUnits(db: Executor, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length) throw new AppError('verification.unit_repeated');
  const found = await db
    .selectFrom('units')
    .select('id')
    .where('id', 'in', unique)
    .where('active', '=', 1)
    .execute();
  const missing = unique.find((id) => !found.some((f) => f.id === id));
  if (missing) throw new AppError('org.unit_not_found', { unitId: missing });
}

export async function createEvent(
  ctx: AppContext,
  meta: RequestMeta,
  input: z.infer<typeof CreateEventInput>,
) {
  const actor = requireActor(meta);
  const regionId = input.regionId ?? actor.regionId;
  const id = await transact(ctx, meta, async (tx) => {
    if (!actor.roles.includes('taskForceOffice')) throw new AppError('auth.forbidden');
    const region = await tx.trx
      .selectFrom('regions')
      .select(['id', 'parentId'])
      .where('id', '=', regionId)
      .executeTakeFirst();
    if (!region) throw new AppError('org.region_not_found', { regionId });
    // A county's office holds its county's events; the city office any.
    if (actor.regionParentId !== null && regionId !== actor.regionId) throw new AppError('auth.forbidden');
    if (input.kind === 'city' && region.parentId !== null)
      throw new AppError('request.invalid', { regionId });
    assertWorkday(ctx, input.date);
    const row: EventTable = {
      id: uuidv7(),
      kind: input.kind,
      title: input.title,
      date: input.date,
      venue: input.venue,
      regionId,
      status: 'drafting',
      catalogueDueDate: ctx.calendar.addWorkdays(input.date, -CATALOGUE_LEAD_WORKING_DAYS),
      catalogueSubmittedAt: null,
      catalogueLate: 0,
      catalogueRevision: 0,
      catalogueApprovedAt: null,
      catalogueApprovedBy: null,
      leadersJson: '[]',
      noticeNumber: null,
      noticeIssuedAt: null,
      opinionsPreface: null,
      opinionsNumber: null,
      opinionsApprovedAt: null,
      opinionsApprovedBy: null,
      createdBy: actor.personId,
      createdAt: tx.now,
      updatedAt: tx.now,
      version: 1,
    };
    await tx.trx.insertInto('events').values(row).execute();
    await history(tx, actor, row.id, 'created', { date: row.date, catalogueDueDate: row.catalogueDueDate });
    await tx.audit({ action: 'event.create', entityType: 'event', entityId: row.id, after: row });
    return row.id;
  });
  return getEvent(ctx, meta, id);
}

export async function updateEvent(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  input: z.infer<typeof UpdateEventInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const row = await loadFor(tx, actor, id, 'editEvent');
    const patch: Partial<EventTable> = {};
    if (input.title !== undefined) patch.title = input.title;
    if (input.venue !== undefined) patch.venue = input.venue;
    if (input.date !== undefined && input.date !== row.date) {
      assertWorkday(ctx, input.date);
      patch.date = input.date;
      patch.catalogueDueDate = ctx.calendar.addWorkdays(input.date, -CATALOGUE_LEAD_WORKING_DAYS);
    }
    await saveEvent(tx, row, patch, input.version);
    await history(tx, actor, id, 'edited', patch);
    await tx.audit({
      action: 'event.update',
      entityType: 'event',
      entityId: id,
      before: Object.fromEntries(Object.keys(patch).map((k) => [k, row[k as keyof EventTable]])),
      after: patch,
    });
  });
  return getEvent(ctx, meta, id);
}

/** The events the caller sees, with the list's filters (GET /api/events and its export). */
export function visibleEvents(db: Executor, actor: Actor, query: { status?: EventStatus | undefined }) {
  let base = db.selectFrom('events as ev').innerJoin('regions as r', 'r.id', 'ev.regionId');
  if (actor.regionParentId !== null) base = base.where('ev.regionId', '=', actor.regionId);
  if (query.status) base = base.where('ev.status', '=', query.status);
  return base;
}

export async function listEvents(ctx: AppContext, meta: RequestMeta, query: z.infer<typeof EventQuery>) {
  const base = visibleEvents(ctx.db, requireActor(meta), query);
  const [rows, count] = await Promise.all([
    base
      .select([
        'ev.id',
        'ev.kind',
        'ev.title',
        'ev.date',
        'ev.venue',
        'ev.regionId',
        'r.name as regionName',
        'ev.status',
        'ev.catalogueDueDate',
        'ev.catalogueLate',
        'ev.version',
      ])
      .select((eb) =>
        eb
          .selectFrom('catalogueItems as ci')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('ci.eventId', '=', 'ev.id')
          .as('itemCount'),
      )
      .orderBy('ev.date', 'desc')
      .orderBy('ev.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      kind: r.kind as EventKind,
      status: r.status as EventStatus,
      catalogueLate: intToBool(r.catalogueLate),
      workingDaysToDue:
        r.status === 'drafting'
          ? ctx.calendar.workdaysBetweenOrNull(
              localDate(ctx, ctx.clock.now().toISOString()),
              r.catalogueDueDate,
            )
          : null,
      itemCount: Number(r.itemCount ?? 0),
    })),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The catalogue with each item's dossier and ruling, in list order. */
export async function catalogueOf(db: Executor, eventId: string) {
  const items = await db
    .selectFrom('catalogueItems as ci')
    .innerJoin('appeals as a', 'a.id', 'ci.appealId')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .leftJoin('rulings as ru', 'ru.itemId', 'ci.id')
    .leftJoin('units as lu', 'lu.id', 'ru.leadUnitId')
    .leftJoin('people as rp', 'rp.id', 'ru.updatedBy')
    .select([
      'ci.id',
      'ci.sortOrder',
      'ci.appealId',
      'a.number as appealNumber',
      'a.title as appealTitle',
      'a.content as appealContent',
      'a.category',
      'a.enterpriseId',
      'e.name as enterpriseName',
      'a.tierCode',
      'a.assessment',
      'ci.proposedHandling',
      'ci.unitIdsJson',
      'ci.proposal',
      'ci.version',
      'ru.leadUnitId',
      'lu.name as leadUnitName',
      'ru.coUnitIdsJson',
      'ru.dueDate',
      'ru.measures',
      'ru.version as rulingVersion',
      'rp.name as rulingUpdatedByName',
      'ru.updatedAt as rulingUpdatedAt',
    ])
    .where('ci.eventId', '=', eventId)
    .orderBy('ci.sortOrder')
    .orderBy('ci.id')
    .execute();
  const appealIds = items.map((i) => i.appealId);
  const opinions =
    appealIds.length === 0
      ? []
      : await db
          .selectFrom('verificationRequests as vr')
          .innerJoin('units as u', 'u.id', 'vr.unitId')
          .select(['vr.appealId', 'u.name as unitName', 'vr.answer'])
          .where('vr.appealId', 'in', appealIds)
          .where('vr.status', '=', 'answered')
          .orderBy('vr.answeredAt')
          .execute();
  const unitIds = new Set<string>();
  for (const item of items) {
    for (const id of parseIds(item.unitIdsJson)) unitIds.add(id);
    if (item.coUnitIdsJson) for (const id of parseIds(item.coUnitIdsJson)) unitIds.add(id);
  }
  const names = new Map(
    unitIds.size === 0
      ? []
      : (
          await db
            .selectFrom('units')
            .select(['id', 'name'])
            .where('id', 'in', [...unitIds])
            .execute()
        ).map((u) => [u.id, u.name] as const),
  );
  return items.map((i) => {
    const unitIdList = parseIds(i.unitIdsJson);
    const coUnitIds = i.coUnitIdsJson ? parseIds(i.coUnitIdsJson) : [];
    return {
      id: i.id,
      sortOrder: i.sortOrder,
      appealId: i.appealId,
      appealNumber: i.appealNumber,
      appealTitle: i.appealTitle,
      appealContent: i.appealContent,
      category: i.category,
      enterpriseId: i.enterpriseId,
      enterpriseName: i.enterpriseName,
      tierCode: i.tierCode,
      assessment: i.assessment,
      verificationOpinions: opinions
        .filter((o) => o.appealId === i.appealId)
        .map((o) => ({ unitName: o.unitName, answer: o.answer ?? '' })),
      proposedHandling: i.proposedHandling,
      unitIds: unitIdList,
      unitNames: unitIdList.map((id) => names.get(id) ?? ''),
      proposal: i.proposal,
      ruling:
        i.leadUnitId && i.dueDate && i.measures && i.rulingUpdatedAt
          ? {
              leadUnitId: i.leadUnitId,
              leadUnitName: i.leadUnitName ?? '',
              coUnitIds,
              coUnitNames: coUnitIds.map((id) => names.get(id) ?? ''),
              dueDate: i.dueDate,
              measures: i.measures,
              version: Number(i.rulingVersion),
              updatedByName: i.rulingUpdatedByName,
              updatedAt: i.rulingUpdatedAt,
            }
          : null,
      version: i.version,
    };
  });
}

export type CatalogueEntry = Awaited<ReturnType<typeof catalogueOf>>[number];

/** The N of "7+N": units the catalogue's appeals mainly concern, most items first. */
export function nUnitsOf(items: readonly CatalogueEntry[]) {
  const counts = new Map<string, { id: string; name: string; items: number }>();
  for (const item of items) {
    item.unitIds.forEach((id, index) => {
      const entry = counts.get(id) ?? { id, name: item.unitNames[index] ?? '', items: 0 };
      entry.items += 1;
      counts.set(id, entry);
    });
  }
  return [...counts.values()].sort((a, b) => b.items - a.items || a.name.localeCompare(b.name, 'zh'));
}

export async function loadVisibleEvent(ctx: AppContext, actor: Actor, id: string): Promise<EventTable> {
  const row = await findEvent(ctx.db, id);
  if (!row || !canViewEvent(actor, facts(row))) throw new AppError('event.not_found');
  return row;
}

export async function getEvent(ctx: AppContext, meta: RequestMeta, id: string) {
  const actor = requireActor(meta);
  const row = await loadVisibleEvent(ctx, actor, id);
  const [items, region, members, historyRows, approver, opinionsApprover] = await Promise.all([
    catalogueOf(ctx.db, id),
    ctx.db.selectFrom('regions').select('name').where('id', '=', row.regionId).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('taskForceMembers')
      .select(['position', 'personName', 'title'])
      .where('regionId', '=', row.regionId)
      .orderBy('sortOrder')
      .execute(),
    ctx.db
      .selectFrom('eventHistory')
      .selectAll()
      .where('eventId', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    row.catalogueApprovedBy
      ? ctx.db
          .selectFrom('people')
          .select('name')
          .where('id', '=', row.catalogueApprovedBy)
          .executeTakeFirst()
      : undefined,
    row.opinionsApprovedBy
      ? ctx.db.selectFrom('people').select('name').where('id', '=', row.opinionsApprovedBy).executeTakeFirst()
      : undefined,
  ]);
  const now = localDate(ctx, ctx.clock.now().toISOString());
  return {
    id: row.id,
    kind: row.kind as EventKind,
    title: row.title,
    date: row.date,
    venue: row.venue,
    regionId: row.regionId,
    regionName: region.name,
    status: row.status as EventStatus,
    catalogueDueDate: row.catalogueDueDate,
    itemCount: items.length,
    version: row.version,
    catalogueSubmittedAt: row.catalogueSubmittedAt,
    catalogueLate: intToBool(row.catalogueLate),
    catalogueRevision: row.catalogueRevision,
    catalogueApprovedAt: row.catalogueApprovedAt,
    catalogueApprovedByName: approver?.name ?? null,
    workingDaysToDue:
      row.status === 'drafting' ? ctx.calendar.workdaysBetweenOrNull(now, row.catalogueDueDate) : null,
    leaders: JSON.parse(row.leadersJson) as { name: string; title: string }[],
    noticeNumber: row.noticeNumber,
    noticeIssuedAt: row.noticeIssuedAt,
    opinionsPreface: row.opinionsPreface,
    opinionsNumber: row.opinionsNumber,
    opinionsApprovedAt: row.opinionsApprovedAt,
    opinionsApprovedByName: opinionsApprover?.name ?? null,
    standingMembers: members,
    nUnits: nUnitsOf(items),
    items,
    history: historyRows.map((h) => ({
      at: h.at,
      actorName: h.actorName,
      kind: h.kind,
      data: h.dataJson === null ? null : (JSON.parse(h.dataJson) as unknown),
    })),
    allowedActions: allowedEventActions(actor, facts(row)),
  };
}

export async function addItems(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  input: z.infer<typeof AddCatalogueItemsInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'editCatalogue');
    const last = await tx.trx
      .selectFrom('catalogueItems')
      .select((eb) => eb.fn.max('sortOrder').as('n'))
      .where('eventId', '=', eventId)
      .executeTakeFirst();
    let order = Number(last?.n ?? 0);
    if (new Set(input.items.map((i) => i.appealId)).size !== input.items.length) {
      throw new AppError('event.appeal_not_eligible');
    }
    for (const item of input.items) {
      const appeal = await appealsRepo.findAppeal(tx.trx, item.appealId);
      if (!appeal) throw new AppError('appeal.not_found', { appealId: item.appealId });
      const appealFacts = factsOf(appeal);
      const next = nextStatus('putOnCatalogue', appealFacts.status);
      // The office sees the appeal, the event's level handles it now (a county's appeal reaches the city's
      // catalogue once escalated; one handed down goes on the county's), and it is undecided.
      if (next === null) throw new AppError('event.appeal_not_eligible', { appealId: item.appealId });
      if (!can(actor, 'putOnCatalogue', appealFacts))
        throw new AppError('appeal.not_found', { appealId: item.appealId });
      if (appeal.handlingRegionId !== event.regionId) {
        throw new AppError('event.appeal_not_eligible', { appealId: item.appealId });
      }
      await assertUnits(tx.trx, item.unitIds);
      order += 1;
      const row = {
        id: uuidv7(),
        eventId,
        appealId: item.appealId,
        sortOrder: order,
        proposedHandling: item.proposedHandling,
        unitIdsJson: JSON.stringify(item.unitIds),
        proposal: null,
        version: 1,
      };
      try {
        await tx.trx.insertInto('catalogueItems').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError('event.appeal_not_eligible', { appealId: item.appealId });
        throw error;
      }
      const result = await tx.trx
        .updateTable('appeals')
        .set({ status: next, version: appeal.version + 1, updatedAt: tx.now })
        .where('id', '=', appeal.id)
        .where('version', '=', appeal.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
      await appealsRepo.appendTimelineBy(tx, actor, appeal.id, 'catalogued', {
        eventId,
        eventTitle: event.title,
      });
      await tx.audit({ action: 'event.item.add', entityType: 'catalogueItem', entityId: row.id, after: row });
    }
    await saveEvent(tx, event, {}, input.version);
    await history(tx, actor, eventId, 'itemsAdded', { count: input.items.length });
  });
  return getEvent(ctx, meta, eventId);
}

async function loadItem(tx: Tx, eventId: string, itemId: string) {
  const item = await tx.trx
    .selectFrom('catalogueItems')
    .selectAll()
    .where('id', '=', itemId)
    .where('eventId', '=', eventId)
    .executeTakeFirst();
  if (!item) throw new AppError('event.item_not_found');
  return item;
}

export async function updateItem(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  itemId: string,
  input: z.infer<typeof UpdateCatalogueItemInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'editCatalogue');
    const item = await loadItem(tx, eventId, itemId);
    if (item.version !== input.version) throw new AppError('request.conflict');
    if (input.unitIds) await assertUnits(tx.trx, input.unitIds);
    const patch = {
      ...(input.proposedHandling !== undefined && { proposedHandling: input.proposedHandling }),
      ...(input.unitIds !== undefined && { unitIdsJson: JSON.stringify(input.unitIds) }),
      ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
    };
    const result = await tx.trx
      .updateTable('catalogueItems')
      .set({ ...patch, version: item.version + 1 })
      .where('id', '=', itemId)
      .where('version', '=', item.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    await saveEvent(tx, event, {}, undefined);
    await history(tx, actor, eventId, 'itemEdited', { itemId, ...patch });
    await tx.audit({
      action: 'event.item.update',
      entityType: 'catalogueItem',
      entityId: itemId,
      before: item,
      after: patch,
    });
  });
  return getEvent(ctx, meta, eventId);
}

export async function removeItem(ctx: AppContext, meta: RequestMeta, eventId: string, itemId: string) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'editCatalogue');
    const item = await loadItem(tx, eventId, itemId);
    const appeal = await appealsRepo.findAppeal(tx.trx, item.appealId);
    if (!appeal) throw new AppError('appeal.not_found');
    const next = nextStatus('takeOffCatalogue', factsOf(appeal).status);
    if (next === null) throw new AppError('appeal.action_not_allowed', { status: appeal.status });
    await tx.trx.deleteFrom('catalogueItems').where('id', '=', itemId).execute();
    await tx.trx
      .updateTable('appeals')
      .set({ status: next, version: appeal.version + 1, updatedAt: tx.now })
      .where('id', '=', appeal.id)
      .execute();
    await appealsRepo.appendTimelineBy(tx, actor, appeal.id, 'uncatalogued', {
      eventId,
      eventTitle: event.title,
    });
    await saveEvent(tx, event, {}, undefined);
    await history(tx, actor, eventId, 'itemRemoved', { appealNumber: appeal.number });
    await tx.audit({
      action: 'event.item.remove',
      entityType: 'catalogueItem',
      entityId: itemId,
      before: item,
    });
  });
  return getEvent(ctx, meta, eventId);
}

/** The office submits the catalogue to the government office; after its due date it is accepted and flagged late. */
export async function submitCatalogue(ctx: AppContext, meta: RequestMeta, eventId: string, version: number) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'submitCatalogue');
    const count = await tx.trx
      .selectFrom('catalogueItems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('eventId', '=', eventId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) === 0) throw new AppError('event.catalogue_empty');
    const late = localDate(ctx, tx.now) > event.catalogueDueDate;
    await saveEvent(
      tx,
      event,
      { status: 'submitted', catalogueSubmittedAt: tx.now, catalogueLate: late ? 1 : 0 },
      version,
    );
    await history(tx, actor, eventId, 'catalogueSubmitted', { items: Number(count.n), late });
    await sendNotices(tx, await regionPeople(tx.trx, event.regionId, ['governmentOffice', 'leader']), {
      kind: 'catalogueSubmitted',
      title: `待审定：${event.title}企业问题目录`,
      body: `${event.title}的企业问题目录（${Number(count.n)} 项）已报送${late ? '（逾期报送）' : ''}，请协调审定。`,
      link: `/events/${eventId}`,
    });
    await tx.audit({
      action: 'event.catalogue.submit',
      entityType: 'event',
      entityId: eventId,
      before: { status: event.status },
      after: { status: 'submitted', late },
    });
  });
  return getEvent(ctx, meta, eventId);
}

export async function recordProposal(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  itemId: string,
  input: z.infer<typeof RecordProposalInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'recordProposal');
    const item = await loadItem(tx, eventId, itemId);
    if (item.version !== input.version) throw new AppError('request.conflict');
    const result = await tx.trx
      .updateTable('catalogueItems')
      .set({ proposal: input.proposal, version: item.version + 1 })
      .where('id', '=', itemId)
      .where('version', '=', item.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    await saveEvent(tx, event, {}, undefined);
    await history(tx, actor, eventId, 'proposalRecorded', { itemId, proposal: input.proposal });
    await tx.audit({
      action: 'event.item.proposal',
      entityType: 'catalogueItem',
      entityId: itemId,
      before: { proposal: item.proposal },
      after: { proposal: input.proposal },
    });
  });
  return getEvent(ctx, meta, eventId);
}

/** A leader approves the list (清单); it is frozen until the office reopens it for a new approval. */
export async function approveCatalogue(ctx: AppContext, meta: RequestMeta, eventId: string, version: number) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'approveCatalogue');
    const status = event.noticeIssuedAt ? 'noticeIssued' : 'approved';
    const revision = event.catalogueRevision + 1;
    await saveEvent(
      tx,
      event,
      {
        status,
        catalogueApprovedAt: tx.now,
        catalogueApprovedBy: actor.personId,
        catalogueRevision: revision,
      },
      version,
    );
    await history(tx, actor, eventId, 'catalogueApproved', { revision });
    await sendNotices(
      tx,
      await regionPeople(tx.trx, event.regionId, ['taskForceOffice', 'governmentOffice']),
      {
        kind: 'catalogueApproved',
        title: `已审定：${event.title}问题清单`,
        body: `${event.title}的问题清单已审定（第 ${revision} 版），请做好活动通知和现场准备。`,
        link: `/events/${eventId}`,
      },
    );
    await tx.audit({
      action: 'event.catalogue.approve',
      entityType: 'event',
      entityId: eventId,
      before: { status: event.status },
      after: { status, revision },
    });
  });
  return getEvent(ctx, meta, eventId);
}

export async function reopenCatalogue(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  input: z.infer<typeof ReopenCatalogueInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'reopenCatalogue');
    await saveEvent(tx, event, { status: 'submitted' }, input.version);
    await history(tx, actor, eventId, 'catalogueReopened', {
      reason: input.reason,
      approvedRevision: event.catalogueRevision,
    });
    await tx.audit({
      action: 'event.catalogue.reopen',
      entityType: 'event',
      entityId: eventId,
      before: { status: event.status },
      after: { status: 'submitted', reason: input.reason },
    });
  });
  return getEvent(ctx, meta, eventId);
}

/** People who receive the event notice: heads of the N units, the listed enterprises' accounts, the standing members. */
async function noticeRecipients(db: Executor, eventId: string, regionId: string) {
  const items = await catalogueOf(db, eventId);
  const unitIds = nUnitsOf(items).map((u) => u.id);
  const enterpriseIds = [...new Set(items.map((i) => i.enterpriseId))];
  const [unitHeads, enterprisePeople, members] = await Promise.all([
    unitIds.length === 0
      ? []
      : db
          .selectFrom('people as p')
          .innerJoin('personRoles as pr', 'pr.personId', 'p.id')
          .select('p.id')
          .where('p.unitId', 'in', unitIds)
          .where('pr.role', '=', 'unitLeader')
          .where('p.active', '=', 1)
          .execute(),
    enterpriseIds.length === 0
      ? []
      : db
          .selectFrom('people')
          .select(['id', 'enterpriseId'])
          .where('enterpriseId', 'in', enterpriseIds)
          .where('active', '=', 1)
          .execute(),
    db
      .selectFrom('taskForceMembers')
      .select('personId as id')
      .where('regionId', '=', regionId)
      .where('personId', 'is not', null)
      .execute(),
  ]);
  // Each enterprise contact is pointed at its first appeal on the list; unit heads get no link (no event page).
  const appealOf = new Map<string, string>();
  for (const item of items)
    if (!appealOf.has(item.enterpriseId)) appealOf.set(item.enterpriseId, item.appealId);
  return {
    members: members.map((m) => m.id).filter((id): id is string => id !== null),
    unitHeads: unitHeads.map((u) => u.id),
    enterprisePeople: enterprisePeople.map((p) => ({
      id: p.id,
      appealId: (p.enterpriseId && appealOf.get(p.enterpriseId)) || null,
    })),
  };
}

/** The government office records the attending leaders and issues the notice; the people concerned are told. */
export async function issueNotice(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  input: z.infer<typeof IssueNoticeInput>,
) {
  const actor = requireActor(meta);
  if (!isValidDocumentNumber(input.noticeNumber)) {
    throw new AppError('event.document_number_invalid', { documentNumber: input.noticeNumber });
  }
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'issueNotice');
    await saveEvent(
      tx,
      event,
      {
        status: 'noticeIssued',
        leadersJson: JSON.stringify(input.leaders),
        noticeNumber: input.noticeNumber,
        noticeIssuedAt: tx.now,
      },
      input.version,
    );
    const recipients = await noticeRecipients(tx.trx, eventId, event.regionId);
    const notice = {
      kind: 'eventNotice',
      title: `活动通知：${event.title}`,
      body: `${event.title}定于${event.date}在${event.venue}举行，出席领导：${input.leaders
        .map((l) => `${l.title}${l.name}`)
        .join('、')}。请做好准备。（${input.noticeNumber}）`,
    };
    let sent = await sendNotices(tx, recipients.members, { ...notice, link: `/events/${eventId}` });
    sent += await sendNotices(tx, recipients.unitHeads, { ...notice, link: null });
    for (const person of recipients.enterprisePeople) {
      sent += await sendNotices(tx, [person.id], {
        ...notice,
        link: person.appealId ? `/appeals/${person.appealId}` : null,
      });
    }
    await history(tx, actor, eventId, 'noticeIssued', { noticeNumber: input.noticeNumber, recipients: sent });
    await tx.audit({
      action: 'event.notice.issue',
      entityType: 'event',
      entityId: eventId,
      before: { status: event.status },
      after: {
        status: 'noticeIssued',
        noticeNumber: input.noticeNumber,
        leaders: input.leaders,
        recipients: sent,
      },
    });
  });
  return getEvent(ctx, meta, eventId);
}

/**
 * Records (or changes) the leader's ruling on one item of the approved list. Two clerks saving the
 * same ruling: the second gets 409 request.conflict, never an overwrite.
 */
export async function recordRuling(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  itemId: string,
  input: z.infer<typeof RulingInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'recordRuling');
    await loadItem(tx, eventId, itemId);
    if (input.coUnitIds.includes(input.leadUnitId)) throw new AppError('assignment.lead_is_co_unit');
    await assertUnits(tx.trx, [input.leadUnitId, ...input.coUnitIds]);
    if (input.dueDate <= localDate(ctx, tx.now) || !ctx.calendar.isWorkday(input.dueDate)) {
      throw new AppError('assignment.due_date_not_workday', { dueDate: input.dueDate });
    }
    const existing = await tx.trx
      .selectFrom('rulings')
      .selectAll()
      .where('itemId', '=', itemId)
      .executeTakeFirst();
    const values = {
      leadUnitId: input.leadUnitId,
      coUnitIdsJson: JSON.stringify(input.coUnitIds),
      dueDate: input.dueDate,
      measures: input.measures,
      updatedBy: actor.personId,
      updatedAt: tx.now,
    };
    if (!existing) {
      if (input.version !== 0) throw new AppError('request.conflict');
      try {
        await tx.trx
          .insertInto('rulings')
          .values({ itemId, eventId, ...values, version: 1 })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('request.conflict');
        throw error;
      }
    } else {
      if (existing.version !== input.version) throw new AppError('request.conflict');
      const result = await tx.trx
        .updateTable('rulings')
        .set({ ...values, version: existing.version + 1 })
        .where('itemId', '=', itemId)
        .where('version', '=', existing.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    }
    // Once the opinions are compiled, every edit of a ruling is kept in the event's history.
    if (event.status === 'opinionsDrafted') {
      await history(tx, actor, eventId, 'opinionsEdited', {
        itemId,
        before: existing ?? null,
        after: values,
      });
    }
    await tx.audit({
      action: existing ? 'event.ruling.update' : 'event.ruling.create',
      entityType: 'ruling',
      entityId: itemId,
      before: existing ?? null,
      after: values,
    });
  });
  return getEvent(ctx, meta, eventId);
}

export async function compileOpinions(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  input: z.infer<typeof CompileOpinionsInput>,
) {
  const actor = requireActor(meta);
  if (!isValidDocumentNumber(input.opinionsNumber)) {
    throw new AppError('event.document_number_invalid', { documentNumber: input.opinionsNumber });
  }
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'compileOpinions');
    const unruled = await tx.trx
      .selectFrom('catalogueItems as ci')
      .leftJoin('rulings as ru', 'ru.itemId', 'ci.id')
      .select('ci.id')
      .where('ci.eventId', '=', eventId)
      .where('ru.itemId', 'is', null)
      .execute();
    if (unruled.length > 0) throw new AppError('event.items_not_ruled', { items: unruled.length });
    await saveEvent(
      tx,
      event,
      { status: 'opinionsDrafted', opinionsPreface: input.preface, opinionsNumber: input.opinionsNumber },
      input.version,
    );
    await history(tx, actor, eventId, 'opinionsCompiled', { opinionsNumber: input.opinionsNumber });
    await tx.audit({
      action: 'event.opinions.compile',
      entityType: 'event',
      entityId: eventId,
      before: { status: event.status },
      after: { status: 'opinionsDrafted', preface: input.preface, opinionsNumber: input.opinionsNumber },
    });
  });
  return getEvent(ctx, meta, eventId);
}

export async function editOpinions(
  ctx: AppContext,
  meta: RequestMeta,
  eventId: string,
  input: z.infer<typeof EditOpinionsInput>,
) {
  const actor = requireActor(meta);
  if (input.opinionsNumber !== undefined && !isValidDocumentNumber(input.opinionsNumber)) {
    throw new AppError('event.document_number_invalid', { documentNumber: input.opinionsNumber });
  }
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'editOpinions');
    const before = { preface: event.opinionsPreface, opinionsNumber: event.opinionsNumber };
    const after = {
      preface: input.preface ?? event.opinionsPreface,
      opinionsNumber: input.opinionsNumber ?? event.opinionsNumber,
    };
    await saveEvent(
      tx,
      event,
      { opinionsPreface: after.preface, opinionsNumber: after.opinionsNumber },
      input.version,
    );
    await history(tx, actor, eventId, 'opinionsEdited', { before, after });
    await tx.audit({ action: 'event.opinions.edit', entityType: 'event', entityId: eventId, before, after });
  });
  return getEvent(ctx, meta, eventId);
}

/**
 * A leader approves the opinions document: each ruling becomes an assignment (lead unit, co-units,
 * deadline, measures), the appeals move to assigned, the units and the supervision office are told.
 */
export async function approveOpinions(ctx: AppContext, meta: RequestMeta, eventId: string, version: number) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const event = await loadFor(tx, actor, eventId, 'approveOpinions');
    await saveEvent(
      tx,
      event,
      { status: 'opinionsApproved', opinionsApprovedAt: tx.now, opinionsApprovedBy: actor.personId },
      version,
    );
    const items = await catalogueOf(tx.trx, eventId);
    const unitIds = new Set<string>();
    for (const item of items) {
      if (!item.ruling) throw new AppError('event.items_not_ruled', { items: 1 });
      const appeal = await appealsRepo.findAppeal(tx.trx, item.appealId);
      if (!appeal) throw new AppError('appeal.not_found');
      const next = nextStatus('assignByRuling', factsOf(appeal).status);
      if (next === null) throw new AppError('appeal.action_not_allowed', { status: appeal.status });
      await tx.trx
        .updateTable('appeals')
        .set({ status: next, version: appeal.version + 1, updatedAt: tx.now })
        .where('id', '=', appeal.id)
        .execute();
      await createAssignmentInTx(ctx, tx, actor, item.appealId, 'ruling', {
        leadUnitId: item.ruling.leadUnitId,
        coUnitIds: item.ruling.coUnitIds,
        measures: item.ruling.measures,
        dueDate: item.ruling.dueDate,
      });
      unitIds.add(item.ruling.leadUnitId);
      for (const id of item.ruling.coUnitIds) unitIds.add(id);
    }
    // The units' heads and handlers, and the supervision office (抄送) of the region.
    const unitStaff =
      unitIds.size === 0
        ? []
        : await tx.trx
            .selectFrom('people as p')
            .innerJoin('personRoles as pr', 'pr.personId', 'p.id')
            .select('p.id')
            .where('p.active', '=', 1)
            .where('p.unitId', 'in', [...unitIds])
            .where('pr.role', 'in', ['unitLeader', 'handler'])
            .execute();
    const notice = {
      kind: 'opinionsApproved',
      title: `交办：${event.title}企业诉求事项处理意见`,
      body: `《企业诉求事项处理意见》（${event.opinionsNumber ?? ''}）已审定，共 ${items.length} 项，请按要求限期办理。`,
    };
    // The units go to their work list; the supervision office (抄送) to the region's overview.
    let sent = await sendNotices(
      tx,
      unitStaff.map((p) => p.id),
      { ...notice, link: '/assignments' },
    );
    sent += await sendNotices(tx, await regionPeople(tx.trx, event.regionId, ['supervisionOffice']), {
      ...notice,
      link: '/assignments/overview',
    });
    await history(tx, actor, eventId, 'opinionsApproved', { assignments: items.length, recipients: sent });
    await tx.audit({
      action: 'event.opinions.approve',
      entityType: 'event',
      entityId: eventId,
      before: { status: event.status },
      after: { status: 'opinionsApproved', assignments: items.length },
    });
  });
  return getEvent(ctx, meta, eventId);
}
