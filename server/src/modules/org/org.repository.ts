import type { Person, Region, Role, TaskForceMember, Unit, UnitType } from '@f2f/contract';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { intToBool, likeContains } from '../../db/dialect.ts';
import { reusable } from '../../db/reusable.ts';
import type { UnitRow } from '../../db/schema.ts';

export async function listRegions(db: Executor): Promise<Region[]> {
  const rows = await db.selectFrom('regions').selectAll().orderBy('sortOrder').orderBy('code').execute();
  return rows.map((r) => ({ ...r, kind: r.kind as Region['kind'] }));
}

export function findRegion(db: Executor, id: string) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    type: row.type as UnitType,
    regionId: row.regionId,
    parentId: row.parentId,
    isCollector: intToBool(row.isCollector),
    active: intToBool(row.active),
    sortOrder: row.sortOrder,
    version: row.version,
  };
}

export async function listUnits(
  db: Executor,
  filter: { regionId?: string | undefined; type?: string | undefined; includeInactive: boolean },
): Promise<Unit[]> {
  let query = db.selectFrom('units').selectAll();
  if (filter.regionId) query = query.where('regionId', '=', filter.regionId);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (!filter.includeInactive) query = query.where('active', '=', 1);
  const rows = await query.orderBy('sortOrder').orderBy('name').execute();
  return rows.map(toUnit);
}

export function findUnit(db: Executor, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

// Read by every appeal recorded: built once (reusable.ts).
const enterpriseById = reusable((db, id: string) =>
  db.selectFrom('enterprises').selectAll().where('id', '=', id),
);

export async function findEnterprise(db: Executor, id: string) {
  const [row] = await enterpriseById(db, id);
  return row;
}

export async function countActivePeopleOfUnit(db: Executor, unitId: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unitId', '=', unitId)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function joinedPeople(db: Executor) {
  return db
    .selectFrom('people as p')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId');
}

function selectPerson(query: ReturnType<typeof joinedPeople>) {
  return query.select([
    'p.id',
    'p.username',
    'p.name',
    'p.title',
    'p.unitId',
    'p.enterpriseId',
    'p.phone',
    'p.email',
    'p.active',
    'p.lockedUntil',
    'p.lastLoginAt',
    'p.version',
    (eb) => eb.fn.coalesce('u.name', 'e.name').as('orgName'),
    (eb) => eb.fn.coalesce('u.regionId', 'e.regionId').as('regionId'),
  ]);
}

type PersonSelection = Awaited<ReturnType<ReturnType<typeof selectPerson>['execute']>>;

export interface PersonFilter {
  unitId?: string | undefined;
  regionId?: string | undefined;
  role?: Role | undefined;
  q?: string | undefined;
}

function filteredPeople(db: Executor, filter: PersonFilter) {
  let query = joinedPeople(db);
  if (filter.unitId) query = query.where('p.unitId', '=', filter.unitId);
  const { regionId, role, q } = filter;
  if (regionId)
    query = query.where((eb) => eb.or([eb('u.regionId', '=', regionId), eb('e.regionId', '=', regionId)]));
  if (role) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('personRoles as pr')
          .select('pr.personId')
          .whereRef('pr.personId', '=', 'p.id')
          .where('pr.role', '=', role),
      ),
    );
  }
  if (q) {
    const pattern = likeContains(q.toLowerCase());
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(p.name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(p.username) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return query;
}

async function withRoles(db: Executor, rows: PersonSelection, now: string): Promise<Person[]> {
  if (rows.length === 0) return [];
  const roleRows = await db
    .selectFrom('personRoles')
    .select(['personId', 'role'])
    .where(
      'personId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    title: r.title,
    unitId: r.unitId,
    enterpriseId: r.enterpriseId,
    orgName: r.orgName ?? '',
    regionId: r.regionId ?? '',
    phone: r.phone,
    email: r.email,
    roles: roleRows
      .filter((x) => x.personId === r.id)
      .map((x) => x.role as Role)
      .sort(),
    active: intToBool(r.active),
    locked: r.lockedUntil !== null && r.lockedUntil > now,
    lastLoginAt: r.lastLoginAt,
    version: r.version,
  }));
}

export async function listPeople(
  db: Executor,
  filter: PersonFilter,
  page: number,
  pageSize: number,
  now: string,
): Promise<{ items: Person[]; total: number }> {
  const filtered = filteredPeople(db, filter);
  const [rows, count] = await Promise.all([
    selectPerson(filtered)
      .orderBy('p.username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withRoles(db, rows, now), total: Number(count.n) };
}

export async function getPerson(db: Executor, id: string, now: string): Promise<Person | null> {
  const row = await selectPerson(joinedPeople(db)).where('p.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [person] = await withRoles(db, [row], now);
  return person ?? null;
}

export function findPersonRow(db: Executor, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPersonByUsername(db: Executor, username: string) {
  return db.selectFrom('people').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function setRoles(db: Executor, personId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('personRoles').where('personId', '=', personId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('personRoles')
      .values([...new Set(roles)].map((role) => ({ personId, role })))
      .execute();
  }
}

export async function listTaskForce(db: Executor, regionId: string): Promise<TaskForceMember[]> {
  const rows = await db
    .selectFrom('taskForceMembers as t')
    .leftJoin('units as u', 'u.id', 't.unitId')
    .select([
      't.id',
      't.regionId',
      't.position',
      't.personName',
      't.title',
      't.unitId',
      't.personId',
      't.sortOrder',
      'u.name as unitName',
    ])
    .where('t.regionId', '=', regionId)
    .orderBy('t.sortOrder')
    .orderBy('t.personName')
    .execute();
  return rows.map((r) => ({ ...r, position: r.position as TaskForceMember['position'] }));
}

export function findTaskForceMember(db: Executor, id: string) {
  return db.selectFrom('taskForceMembers').selectAll().where('id', '=', id).executeTakeFirst();
}
