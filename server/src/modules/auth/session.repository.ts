import type { Role, UnitType } from '@f2f/contract';
import type { Actor } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { reusable } from '../../db/reusable.ts';

export interface SessionRecord {
  id: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  mustChangePassword: boolean;
  actor: Actor;
}

const rolesQuery = reusable((db, personId: string) =>
  db.selectFrom('personRoles').select('role').where('personId', '=', personId),
);

export async function rolesOf(db: Executor, personId: string): Promise<Role[]> {
  const rows = await rolesQuery(db, personId);
  return rows.map((r) => r.role as Role).sort();
}

// Read on every request: built once (reusable.ts).
const sessionQuery = reusable((db, sessionId: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('people as p', 'p.id', 's.personId')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .innerJoin('regions as r', (join) =>
      join.on((eb) => eb.or([eb('r.id', '=', eb.ref('u.regionId')), eb('r.id', '=', eb.ref('e.regionId'))])),
    )
    .select([
      's.id',
      's.csrfToken',
      's.createdAt',
      's.lastSeenAt',
      's.expiresAt',
      'p.id as personId',
      'p.username',
      'p.name',
      'p.active',
      'p.mustChangePassword',
      'p.unitId',
      'p.enterpriseId',
      'u.type as unitType',
      'r.id as regionId',
      'r.parentId as regionParentId',
    ])
    .where('s.id', '=', sessionId),
);

/** The session with its person, or null when unknown or when the person was disabled. */
export async function findSession(db: Executor, sessionId: string): Promise<SessionRecord | null> {
  const [row] = await sessionQuery(db, sessionId);
  if (row?.active !== 1) return null;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    mustChangePassword: row.mustChangePassword === 1,
    actor: {
      personId: row.personId,
      username: row.username,
      name: row.name,
      roles: await rolesOf(db, row.personId),
      unitId: row.unitId,
      unitType: (row.unitType as UnitType | null) ?? null,
      enterpriseId: row.enterpriseId,
      regionId: row.regionId,
      regionParentId: row.regionParentId,
    },
  };
}

export async function insertSession(
  db: Executor,
  session: {
    id: string;
    personId: string;
    csrfToken: string;
    now: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      personId: session.personId,
      csrfToken: session.csrfToken,
      createdAt: session.now,
      lastSeenAt: session.now,
      expiresAt: session.expiresAt,
      ip: session.ip,
      userAgent: session.userAgent,
    })
    .execute();
}

export async function touchSession(db: Executor, sessionId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOf(db: Executor, personId: string, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('personId', '=', personId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<', now).execute();
}
