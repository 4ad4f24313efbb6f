import {
  type AppealChannel,
  type AppealStatus,
  type Enterprise,
  type EnterpriseAccount,
  type EnterpriseContact,
  type EnterpriseFilter,
  type EnterpriseScale,
  type EnterpriseSummary,
  type EnterpriseTag,
  type ProjectStage,
  type ProjectStageRecord,
  projectStages,
} from '@f2f/contract';
import { sql } from 'kysely';
import type { Actor } from '../../context.ts';
import type { DialectName, Executor } from '../../db/database.ts';
import { intToBool, likeContains } from '../../db/dialect.ts';
import type { EnterpriseTable } from '../../db/schema.ts';
import { filteredAppeals, visibleTo } from '../appeals/appeals.repository.ts';
import type { ListScope } from './enterprises.policy.ts';

/** Rows per multi-row insert: well under both databases' bound-parameter limits. */
const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type EnterpriseRow = Omit<EnterpriseTable, 'isProject'> & { isProject: number };

export function findEnterpriseRow(db: Executor, id: string): Promise<EnterpriseRow | undefined> {
  return db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
}

const stageOrder = (stage: string) => projectStages.indexOf(stage as ProjectStage);

async function tagsOf(db: Executor, ids: readonly string[]): Promise<Map<string, EnterpriseTag[]>> {
  const map = new Map<string, EnterpriseTag[]>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('enterpriseTags')
      .select(['enterpriseId', 'tag'])
      .where('enterpriseId', 'in', part)
      .execute();
    for (const row of rows) {
      const list = map.get(row.enterpriseId) ?? [];
      list.push(row.tag as EnterpriseTag);
      map.set(row.enterpriseId, list);
    }
  }
  return map;
}

async function contactsOf(db: Executor, ids: readonly string[]): Promise<Map<string, EnterpriseContact[]>> {
  const map = new Map<string, EnterpriseContact[]>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('enterpriseContacts')
      .select(['enterpriseId', 'name', 'title', 'phone', 'email'])
      .where('enterpriseId', 'in', part)
      .orderBy('enterpriseId')
      .orderBy('sortOrder')
      .execute();
    for (const { enterpriseId, ...contact } of rows) {
      const list = map.get(enterpriseId) ?? [];
      list.push(contact);
      map.set(enterpriseId, list);
    }
  }
  return map;
}

async function stagesOf(db: Executor, ids: readonly string[]): Promise<Map<string, ProjectStageRecord[]>> {
  const map = new Map<string, ProjectStageRecord[]>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('enterpriseStages')
      .select(['enterpriseId', 'stage', 'plannedDate', 'actualDate', 'note'])
      .where('enterpriseId', 'in', part)
      .execute();
    for (const { enterpriseId, ...stage } of rows) {
      const list = map.get(enterpriseId) ?? [];
      list.push({ ...stage, stage: stage.stage as ProjectStage });
      map.set(enterpriseId, list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => stageOrder(a.stage) - stageOrder(b.stage));
  return map;
}

const sortTags = (tags: EnterpriseTag[]) => [...tags].sort();

function baseRows(db: Executor) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.id', 'e.regionId')
    .select([
      'e.id',
      'e.name',
      'e.creditCode',
      'e.regionId',
      'r.name as regionName',
      'e.industry',
      'e.address',
      'e.legalRepresentative',
      'e.scale',
      'e.isProject',
      'e.version',
      'e.createdAt',
      'e.updatedAt',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseRows>['execute']>>[number];

async function assemble(db: Executor, rows: BaseRow[]): Promise<Enterprise[]> {
  const ids = rows.map((r) => r.id);
  const [tags, contacts, stages] = await Promise.all([
    tagsOf(db, ids),
    contactsOf(db, ids),
    stagesOf(db, ids),
  ]);
  return rows.map((r) => ({
    ...r,
    scale: r.scale as EnterpriseScale | null,
    isProject: intToBool(r.isProject),
    tags: sortTags(tags.get(r.id) ?? []),
    contacts: contacts.get(r.id) ?? [],
    stages: stages.get(r.id) ?? [],
  }));
}

/** One enterprise with its region name, tags, contacts and stages. */
export async function loadEnterprise(db: Executor, id: string): Promise<Enterprise | null> {
  const row = await baseRows(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [enterprise] = await assemble(db, [row]);
  return enterprise ?? null;
}

export interface ScopedFilter extends EnterpriseFilter {
  scope: ListScope;
}

/** The register rows the scope and filters select, as a query on `enterprises as e` joined with regions. */
function filtered(db: Executor, filter: ScopedFilter) {
  let query = baseRows(db);
  const { scope } = filter;
  if (scope.kind === 'none') query = query.where(sql<boolean>`1 = 0`);
  if (scope.kind === 'region') query = query.where('e.regionId', '=', scope.regionId);
  if (scope.kind === 'enterprise') query = query.where('e.id', '=', scope.enterpriseId);
  if (filter.regionId) query = query.where('e.regionId', '=', filter.regionId);
  if (filter.isProject) query = query.where('e.isProject', '=', filter.isProject === 'true' ? 1 : 0);
  const { flag, q } = filter;
  if (flag) {
    query = query.where((eb) =>
      eb.or([
        eb('e.scale', '=', flag),
        eb.exists(
          eb
            .selectFrom('enterpriseTags as t')
            .select('t.enterpriseId')
            .whereRef('t.enterpriseId', '=', 'e.id')
            .where('t.tag', '=', flag),
        ),
      ]),
    );
  }
  if (q) {
    const name = likeContains(q.toLowerCase());
    const code = likeContains(q.toUpperCase());
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${sql.ref('e.name')}) like ${name} escape '\\'`,
        sql<boolean>`${sql.ref('e.creditCode')} like ${code} escape '\\'`,
      ]),
    );
  }
  return query;
}

/** How many appeals of each enterprise the actor may see. */
async function appealCounts(
  db: Executor,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('appeals as a')
      .select(['a.enterpriseId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.enterpriseId', 'in', part)
      .where(visibleTo(actor))
      .groupBy('a.enterpriseId')
      .execute();
    for (const row of rows) map.set(row.enterpriseId, Number(row.n));
  }
  return map;
}

function toSummary(enterprise: Enterprise, counts: Map<string, number>): EnterpriseSummary {
  return {
    id: enterprise.id,
    name: enterprise.name,
    creditCode: enterprise.creditCode,
    regionId: enterprise.regionId,
    regionName: enterprise.regionName,
    industry: enterprise.industry,
    scale: enterprise.scale,
    tags: enterprise.tags,
    isProject: enterprise.isProject,
    appealCount: counts.get(enterprise.id) ?? 0,
  };
}

export async function listEnterprises(
  db: Executor,
  actor: Actor,
  filter: ScopedFilter,
  page: number,
  pageSize: number,
): Promise<{ items: EnterpriseSummary[]; total: number }> {
  const base = filtered(db, filter);
  const [rows, count] = await Promise.all([
    base
      .orderBy('e.name')
      .orderBy('e.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const [enterprises, counts] = await Promise.all([
    assemble(db, rows),
    appealCounts(
      db,
      actor,
      rows.map((r) => r.id),
    ),
  ]);
  return { items: enterprises.map((e) => toSummary(e, counts)), total: Number(count.n) };
}

/**
 * Every enterprise the filter selects, in batches (keyset on name and id), for the export: memory
 * stays bounded however large the register is.
 */
export async function* enterpriseBatches(
  db: Executor,
  actor: Actor,
  filter: ScopedFilter,
  batchSize = 500,
): AsyncGenerator<{ enterprise: Enterprise; appealCount: number }[]> {
  let after: { name: string; id: string } | null = null;
  for (;;) {
    let query = filtered(db, filter);
    if (after) {
      const last = after;
      query = query.where((eb) =>
        eb.or([
          eb('e.name', '>', last.name),
          eb.and([eb('e.name', '=', last.name), eb('e.id', '>', last.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('e.name').orderBy('e.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    const [enterprises, counts] = await Promise.all([
      assemble(db, rows),
      appealCounts(
        db,
        actor,
        rows.map((r) => r.id),
      ),
    ]);
    yield enterprises.map((enterprise) => ({ enterprise, appealCount: counts.get(enterprise.id) ?? 0 }));
    const tail = rows[rows.length - 1] as BaseRow;
    after = { name: tail.name, id: tail.id };
    if (rows.length < batchSize) return;
  }
}

/** The credit codes among `codes` that are already registered. */
export async function registeredCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(codes)], 500)) {
    const rows = await db
      .selectFrom('enterprises')
      .select('creditCode')
      .where('creditCode', 'in', part)
      .execute();
    for (const row of rows) found.add(row.creditCode);
  }
  return found;
}

/** A complete enterprise to write: the row and its lists. */
export interface EnterpriseRecord {
  id: string;
  name: string;
  creditCode: string;
  regionId: string;
  industry: string | null;
  address: string | null;
  legalRepresentative: string | null;
  scale: EnterpriseScale | null;
  isProject: boolean;
  tags: readonly EnterpriseTag[];
  contacts: readonly EnterpriseContact[];
  stages: readonly ProjectStageRecord[];
}

function contactRows(enterpriseId: string, contacts: readonly EnterpriseContact[], newId: () => string) {
  return contacts.map((c, index) => ({
    id: newId(),
    enterpriseId,
    name: c.name,
    title: c.title ?? null,
    phone: c.phone ?? null,
    email: c.email ?? null,
    sortOrder: index,
  }));
}

function stageRows(enterpriseId: string, stages: readonly ProjectStageRecord[]) {
  return stages.map((s) => ({
    enterpriseId,
    stage: s.stage,
    plannedDate: s.plannedDate ?? null,
    actualDate: s.actualDate ?? null,
    note: s.note ?? null,
  }));
}

/** Inserts enterprises with their tags, contacts and stages (several at once for the import). */
export async function insertEnterprises(
  db: Executor,
  records: readonly EnterpriseRecord[],
  now: string,
  newId: () => string,
): Promise<void> {
  for (const part of chunks(records)) {
    await db
      .insertInto('enterprises')
      .values(
        part.map((r) => ({
          id: r.id,
          name: r.name,
          creditCode: r.creditCode,
          regionId: r.regionId,
          industry: r.industry,
          address: r.address,
          legalRepresentative: r.legalRepresentative,
          scale: r.scale,
          isProject: r.isProject ? 1 : 0,
          version: 1,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
  }
  const tags = records.flatMap((r) => [...new Set(r.tags)].map((tag) => ({ enterpriseId: r.id, tag })));
  for (const part of chunks(tags)) await db.insertInto('enterpriseTags').values(part).execute();
  const contacts = records.flatMap((r) => contactRows(r.id, r.contacts, newId));
  for (const part of chunks(contacts)) await db.insertInto('enterpriseContacts').values(part).execute();
  const stages = records.flatMap((r) => stageRows(r.id, r.stages));
  for (const part of chunks(stages)) await db.insertInto('enterpriseStages').values(part).execute();
}

export async function replaceTags(db: Executor, enterpriseId: string, tags: readonly EnterpriseTag[]) {
  await db.deleteFrom('enterpriseTags').where('enterpriseId', '=', enterpriseId).execute();
  const rows = [...new Set(tags)].map((tag) => ({ enterpriseId, tag }));
  if (rows.length > 0) await db.insertInto('enterpriseTags').values(rows).execute();
}

export async function replaceContacts(
  db: Executor,
  enterpriseId: string,
  contacts: readonly EnterpriseContact[],
  newId: () => string,
) {
  await db.deleteFrom('enterpriseContacts').where('enterpriseId', '=', enterpriseId).execute();
  const rows = contactRows(enterpriseId, contacts, newId);
  if (rows.length > 0) await db.insertInto('enterpriseContacts').values(rows).execute();
}

export async function replaceStages(
  db: Executor,
  enterpriseId: string,
  stages: readonly ProjectStageRecord[],
) {
  await db.deleteFrom('enterpriseStages').where('enterpriseId', '=', enterpriseId).execute();
  const rows = stageRows(enterpriseId, stages);
  if (rows.length > 0) await db.insertInto('enterpriseStages').values(rows).execute();
}

/** The appeals of one enterprise, for re-indexing after a rename (the index holds the enterprise name). */
export function appealTextsOf(db: Executor, enterpriseId: string) {
  return db
    .selectFrom('appeals')
    .select(['id', 'title', 'content'])
    .where('enterpriseId', '=', enterpriseId)
    .execute();
}

export async function accountsOf(db: Executor, enterpriseId: string): Promise<EnterpriseAccount[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'username', 'name', 'title', 'phone', 'email', 'active', 'lastLoginAt'])
    .where('enterpriseId', '=', enterpriseId)
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ ...r, active: intToBool(r.active) }));
}

/** The exchanges (meetings, contacts) at which the enterprise raised appeals the actor may see. */
export async function exchangesOf(db: Executor, actor: Actor, enterpriseId: string) {
  const rows = await db
    .selectFrom('appeals as a')
    .innerJoin('exchanges as x', 'x.id', 'a.exchangeId')
    .where('a.enterpriseId', '=', enterpriseId)
    .where(visibleTo(actor))
    .select([
      'x.id',
      'x.channel',
      'x.date',
      'x.title',
      'x.venue',
      'x.notes',
      'x.regionId',
      'x.hostUnitId',
      'x.createdAt',
      (eb) => eb.fn.count<number>('a.id').as('appealCount'),
    ])
    .groupBy([
      'x.id',
      'x.channel',
      'x.date',
      'x.title',
      'x.venue',
      'x.notes',
      'x.regionId',
      'x.hostUnitId',
      'x.createdAt',
    ])
    .orderBy('x.date', 'desc')
    .orderBy('x.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, appealCount: Number(r.appealCount) }));
}

/** The actor's visible appeals of one enterprise, counted by status, category and channel. */
export async function appealCountsOf(
  db: Executor,
  dialect: DialectName,
  actor: Actor,
  enterpriseId: string,
  timeZone: string,
) {
  const base = () => filteredAppeals(db, dialect, actor, { enterpriseId }, timeZone);
  const [byStatus, byCategory, byChannel] = await Promise.all([
    base()
      .select(['a.status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('a.status')
      .orderBy('a.status')
      .execute(),
    base()
      .select(['a.category', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('a.category')
      .orderBy('a.category')
      .execute(),
    base()
      .select(['a.channel', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('a.channel')
      .orderBy('a.channel')
      .execute(),
  ]);
  return {
    byStatus: byStatus.map((r) => ({ status: r.status as AppealStatus, count: Number(r.n) })),
    byCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.n) })),
    byChannel: byChannel.map((r) => ({ channel: r.channel as AppealChannel, count: Number(r.n) })),
  };
}

/** The regions by exact name, for the import (names are what people type). */
export async function regionsByName(db: Executor): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db.selectFrom('regions').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name, r]));
}

/** The regions a person may register enterprises in, for the template's drop-down. */
export async function regionsIn(db: Executor, scope: string | null) {
  let query = db.selectFrom('regions').select(['id', 'name']).orderBy('sortOrder').orderBy('code');
  if (scope !== null) query = query.where('id', '=', scope);
  return query.execute();
}
