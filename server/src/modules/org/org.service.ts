import type {
  CreatePersonInput,
  CreateUnitInput,
  Person,
  TaskForceMemberInput,
  Unit,
  UpdatePersonInput,
  UpdateUnitInput,
} from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { boolToInt } from '../../db/dialect.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { assertStrongPassword, hashPassword } from '../auth/password.ts';
import { deleteSessionsOf } from '../auth/session.repository.ts';
import { adminRegionScope, canAdministerRegion, canViewPeopleOf } from './org.policy.ts';
import * as repo from './org.repository.ts';

function actorOf(meta: RequestMeta): Actor {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  return meta.actor;
}

async function requireRegion(db: Executor, regionId: string): Promise<void> {
  if (!(await repo.findRegion(db, regionId))) throw new AppError('org.region_not_found', { regionId });
}

async function requireUnit(db: Executor, unitId: string) {
  const unit = await repo.findUnit(db, unitId);
  if (!unit) throw new AppError('org.unit_not_found', { unitId });
  return unit;
}

function assertAdminOf(actor: Actor, regionId: string): void {
  if (!canAdministerRegion(actor, regionId)) throw new AppError('org.out_of_scope');
}

export async function createUnit(ctx: AppContext, meta: RequestMeta, input: CreateUnitInput): Promise<Unit> {
  const actor = actorOf(meta);
  assertAdminOf(actor, input.regionId);
  try {
    return await transact(ctx, meta, async (tx) => {
      await requireRegion(tx.trx, input.regionId);
      if (input.parentId) await requireUnit(tx.trx, input.parentId);
      const row = {
        id: uuidv7(),
        name: input.name,
        shortName: input.shortName ?? null,
        type: input.type,
        regionId: input.regionId,
        parentId: input.parentId ?? null,
        isCollector: boolToInt(input.isCollector),
        active: 1 as const,
        sortOrder: input.sortOrder,
        version: 1,
        createdAt: tx.now,
        updatedAt: tx.now,
      };
      await tx.trx.insertInto('units').values(row).execute();
      const unit = repo.toUnit(row);
      await tx.audit({ action: 'org.unit.create', entityType: 'unit', entityId: unit.id, after: unit });
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('org.unit_name_taken', { name: input.name });
    throw error;
  }
}

export async function updateUnit(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  input: UpdateUnitInput,
): Promise<Unit> {
  const actor = actorOf(meta);
  try {
    return await transact(ctx, meta, async (tx) => {
      const current = await requireUnit(tx.trx, id);
      assertAdminOf(actor, current.regionId);
      if (input.regionId && input.regionId !== current.regionId) {
        await requireRegion(tx.trx, input.regionId);
        assertAdminOf(actor, input.regionId);
      }
      if (input.parentId) await requireUnit(tx.trx, input.parentId);
      if (input.active === false && current.active === 1) {
        if ((await repo.countActivePeopleOfUnit(tx.trx, id)) > 0) throw new AppError('org.unit_in_use');
      }
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.shortName !== undefined && { shortName: input.shortName }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.regionId !== undefined && { regionId: input.regionId }),
        ...(input.parentId !== undefined && { parentId: input.parentId }),
        ...(input.isCollector !== undefined && { isCollector: boolToInt(input.isCollector) }),
        ...(input.active !== undefined && { active: boolToInt(input.active) }),
        ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
      };
      const result = await tx.trx
        .updateTable('units')
        .set({ ...changes, version: current.version + 1, updatedAt: tx.now })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
      const updated = repo.toUnit(await requireUnit(tx.trx, id));
      await tx.audit({
        action: 'org.unit.update',
        entityType: 'unit',
        entityId: id,
        before: repo.toUnit(current),
        after: updated,
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('org.unit_name_taken', { name: input.name });
    throw error;
  }
}

/** The region a new or moved person would belong to, checked against the admin's scope. */
async function regionOfOrg(
  db: Executor,
  org: { unitId?: string | null | undefined; enterpriseId?: string | null | undefined },
): Promise<string> {
  if (Boolean(org.unitId) === Boolean(org.enterpriseId)) throw new AppError('org.person_org_required');
  if (org.unitId) return (await requireUnit(db, org.unitId)).regionId;
  const enterprise = await repo.findEnterprise(db, org.enterpriseId as string);
  if (!enterprise) throw new AppError('org.enterprise_not_found', { enterpriseId: org.enterpriseId });
  return enterprise.regionId;
}

/** The people list's filter narrowed to what the caller may see (GET /api/org/people and its export). */
export function peopleFilter(
  actor: Actor,
  query: { unitId?: string; regionId?: string; role?: Person['roles'][number]; q?: string },
): repo.PersonFilter {
  const scope = adminRegionScope(actor);
  const filter: repo.PersonFilter = {
    unitId: query.unitId,
    regionId: query.regionId,
    role: query.role,
    q: query.q,
  };
  if (!actor.roles.includes('admin')) {
    // A unit leader lists the people of their own unit only.
    if (!actor.unitId) throw new AppError('auth.forbidden');
    filter.unitId = actor.unitId;
  } else if (scope !== null) {
    if (filter.regionId && filter.regionId !== scope) throw new AppError('org.out_of_scope');
    filter.regionId = scope;
  }
  return filter;
}

export async function listPeople(
  ctx: AppContext,
  meta: RequestMeta,
  query: {
    unitId?: string;
    regionId?: string;
    role?: Person['roles'][number];
    q?: string;
    page: number;
    pageSize: number;
  },
) {
  const { items, total } = await repo.listPeople(
    ctx.db,
    peopleFilter(actorOf(meta), query),
    query.page,
    query.pageSize,
    ctx.clock.now().toISOString(),
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getPerson(ctx: AppContext, meta: RequestMeta, id: string): Promise<Person> {
  const actor = actorOf(meta);
  const person = await repo.getPerson(ctx.db, id, ctx.clock.now().toISOString());
  // Out of scope answers the same as absent: nobody learns which ids exist elsewhere.
  if (!person || !canViewPeopleOf(actor, person)) throw new AppError('org.person_not_found');
  return person;
}

export async function createPerson(
  ctx: AppContext,
  meta: RequestMeta,
  input: CreatePersonInput,
): Promise<Person> {
  const actor = actorOf(meta);
  assertStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await transact(ctx, meta, async (tx) => {
      const regionId = await regionOfOrg(tx.trx, input);
      assertAdminOf(actor, regionId);
      const id = uuidv7();
      await tx.trx
        .insertInto('people')
        .values({
          id,
          username: input.username,
          passwordHash,
          name: input.name,
          title: input.title ?? null,
          unitId: input.unitId ?? null,
          enterpriseId: input.enterpriseId ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          active: 1,
          failedLogins: 0,
          lockedUntil: null,
          mustChangePassword: 1,
          lastLoginAt: null,
          version: 1,
          createdAt: tx.now,
          updatedAt: tx.now,
        })
        .execute();
      await repo.setRoles(tx.trx, id, input.roles);
      const person = (await repo.getPerson(tx.trx, id, tx.now)) as Person;
      await tx.audit({ action: 'org.person.create', entityType: 'person', entityId: id, after: person });
      return person;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('org.username_taken', { username: input.username });
    throw error;
  }
}

export async function updatePerson(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  input: UpdatePersonInput,
): Promise<Person> {
  const actor = actorOf(meta);
  return transact(ctx, meta, async (tx) => {
    const before = await repo.getPerson(tx.trx, id, tx.now);
    if (!before || !canAdministerRegion(actor, before.regionId)) throw new AppError('org.person_not_found');
    if (
      id === actor.personId &&
      (input.active === false || (input.roles && !input.roles.includes('admin')))
    ) {
      throw new AppError('org.cannot_change_self');
    }
    const movesOrg = input.unitId !== undefined;
    if (movesOrg) assertAdminOf(actor, await regionOfOrg(tx.trx, { unitId: input.unitId }));
    const result = await tx.trx
      .updateTable('people')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.title !== undefined && { title: input.title }),
        ...(movesOrg && { unitId: input.unitId, enterpriseId: null }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.email !== undefined && { email: input.email }),
        ...(input.active !== undefined && { active: boolToInt(input.active) }),
        version: before.version + 1,
        updatedAt: tx.now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    if (input.roles) await repo.setRoles(tx.trx, id, input.roles);
    // A disabled person, or one whose roles changed, signs in again.
    if (input.active === false || input.roles) await deleteSessionsOf(tx.trx, id);
    const after = (await repo.getPerson(tx.trx, id, tx.now)) as Person;
    await tx.audit({ action: 'org.person.update', entityType: 'person', entityId: id, before, after });
    return after;
  });
}

export async function resetPassword(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  password: string,
): Promise<void> {
  const actor = actorOf(meta);
  assertStrongPassword(password);
  const passwordHash = await hashPassword(password);
  await transact(ctx, meta, async (tx) => {
    const person = await repo.getPerson(tx.trx, id, tx.now);
    if (!person || !canAdministerRegion(actor, person.regionId)) throw new AppError('org.person_not_found');
    await tx.trx
      .updateTable('people')
      .set({ passwordHash, mustChangePassword: 1, failedLogins: 0, lockedUntil: null, updatedAt: tx.now })
      .where('id', '=', id)
      .execute();
    await deleteSessionsOf(tx.trx, id);
    await tx.audit({ action: 'org.person.reset_password', entityType: 'person', entityId: id });
  });
}

export async function unlockPerson(ctx: AppContext, meta: RequestMeta, id: string): Promise<Person> {
  const actor = actorOf(meta);
  return transact(ctx, meta, async (tx) => {
    const before = await repo.getPerson(tx.trx, id, tx.now);
    if (!before || !canAdministerRegion(actor, before.regionId)) throw new AppError('org.person_not_found');
    await tx.trx
      .updateTable('people')
      .set({ failedLogins: 0, lockedUntil: null, updatedAt: tx.now })
      .where('id', '=', id)
      .execute();
    const after = (await repo.getPerson(tx.trx, id, tx.now)) as Person;
    await tx.audit({ action: 'org.person.unlock', entityType: 'person', entityId: id, before, after });
    return after;
  });
}

export async function getTaskForce(ctx: AppContext, regionId: string) {
  await requireRegion(ctx.db, regionId);
  const members = await repo.listTaskForce(ctx.db, regionId);
  // The "7" of "7+N": the distinct units the standing members represent (leaders carry no unit).
  const standingUnits = new Set(members.flatMap((m) => (m.unitId ? [m.unitId] : [])));
  return { regionId, members, standingUnitCount: standingUnits.size };
}

async function checkMemberRefs(db: Executor, input: TaskForceMemberInput): Promise<void> {
  await requireRegion(db, input.regionId);
  if (input.unitId) await requireUnit(db, input.unitId);
  if (input.personId && !(await repo.findPersonRow(db, input.personId))) {
    throw new AppError('org.person_not_found', { personId: input.personId });
  }
}

export async function addTaskForceMember(ctx: AppContext, meta: RequestMeta, input: TaskForceMemberInput) {
  assertAdminOf(actorOf(meta), input.regionId);
  return transact(ctx, meta, async (tx) => {
    await checkMemberRefs(tx.trx, input);
    const row = {
      id: uuidv7(),
      regionId: input.regionId,
      position: input.position,
      personName: input.personName,
      title: input.title,
      unitId: input.unitId ?? null,
      personId: input.personId ?? null,
      sortOrder: input.sortOrder,
    };
    await tx.trx.insertInto('taskForceMembers').values(row).execute();
    await tx.audit({
      action: 'org.task_force.add',
      entityType: 'taskForceMember',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

export async function updateTaskForceMember(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  input: TaskForceMemberInput,
) {
  const actor = actorOf(meta);
  return transact(ctx, meta, async (tx) => {
    const before = await repo.findTaskForceMember(tx.trx, id);
    if (!before || !canAdministerRegion(actor, before.regionId))
      throw new AppError('org.task_force_member_not_found');
    assertAdminOf(actor, input.regionId);
    await checkMemberRefs(tx.trx, input);
    const after = {
      id,
      regionId: input.regionId,
      position: input.position,
      personName: input.personName,
      title: input.title,
      unitId: input.unitId ?? null,
      personId: input.personId ?? null,
      sortOrder: input.sortOrder,
    };
    await tx.trx.updateTable('taskForceMembers').set(after).where('id', '=', id).execute();
    await tx.audit({
      action: 'org.task_force.update',
      entityType: 'taskForceMember',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function removeTaskForceMember(ctx: AppContext, meta: RequestMeta, id: string): Promise<void> {
  const actor = actorOf(meta);
  await transact(ctx, meta, async (tx) => {
    const before = await repo.findTaskForceMember(tx.trx, id);
    if (!before || !canAdministerRegion(actor, before.regionId))
      throw new AppError('org.task_force_member_not_found');
    await tx.trx.deleteFrom('taskForceMembers').where('id', '=', id).execute();
    await tx.audit({ action: 'org.task_force.remove', entityType: 'taskForceMember', entityId: id, before });
  });
}
