import { randomBytes } from 'node:crypto';
import type { ChangePasswordInput, SessionInfo } from '@f2f/contract';
import type { AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { hashToken } from '../../plugins/auth.ts';
import { findPersonByUsername, findPersonRow } from '../org/org.repository.ts';
import { assertStrongPassword, hashPassword, timingDummyHash, verifyPassword } from './password.ts';
import { deleteSession, deleteSessionsOf, findSession, insertSession } from './session.repository.ts';

export interface LoginResult {
  token: string;
  session: SessionInfo;
}

export async function sessionInfo(ctx: AppContext, sessionId: string): Promise<SessionInfo> {
  const session = await findSession(ctx.db, sessionId);
  if (!session) throw new AppError('auth.unauthenticated');
  const row = await ctx.db
    .selectFrom('people as p')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .select(['p.title', 'p.phone', 'p.email', 'u.name as unitName', 'e.name as enterpriseName'])
    .where('p.id', '=', session.actor.personId)
    .executeTakeFirstOrThrow();
  const region = await ctx.db
    .selectFrom('regions')
    .select('name')
    .where('id', '=', session.actor.regionId)
    .executeTakeFirstOrThrow();
  return {
    person: {
      id: session.actor.personId,
      username: session.actor.username,
      name: session.actor.name,
      title: row.title,
      unitId: session.actor.unitId,
      enterpriseId: session.actor.enterpriseId,
      orgName: row.unitName ?? row.enterpriseName ?? '',
      regionId: session.actor.regionId,
      regionName: region.name,
      phone: row.phone,
      email: row.email,
    },
    roles: [...session.actor.roles],
    mustChangePassword: session.mustChangePassword,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

async function recordFailure(
  ctx: AppContext,
  meta: RequestMeta,
  username: string,
  reason: string,
  personId?: string,
) {
  await transact(ctx, meta, (tx) =>
    tx.audit({
      action: 'auth.login_failed',
      entityType: personId ? 'person' : null,
      entityId: personId ?? null,
      after: { username, reason },
    }),
  );
}

export async function login(
  ctx: AppContext,
  meta: RequestMeta,
  input: { username: string; password: string },
  userAgent: string | null,
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const person = await findPersonByUsername(ctx.db, input.username);
  if (!person) {
    await verifyPassword(await timingDummyHash(), input.password);
    await recordFailure(ctx, meta, input.username, 'unknown_user');
    throw new AppError('auth.invalid_credentials');
  }
  if (person.lockedUntil && person.lockedUntil > now.toISOString()) {
    await recordFailure(ctx, meta, input.username, 'locked', person.id);
    throw new AppError('auth.account_locked', { lockedUntil: person.lockedUntil });
  }
  const passwordOk = await verifyPassword(person.passwordHash, input.password);
  if (!passwordOk) {
    const failures = person.failedLogins + 1;
    const locks = failures >= ctx.config.loginMaxFailures;
    const lockedUntil = locks
      ? new Date(now.getTime() + ctx.config.loginLockMinutes * 60_000).toISOString()
      : null;
    await transact(ctx, meta, async (tx) => {
      await tx.trx
        .updateTable('people')
        .set({ failedLogins: locks ? 0 : failures, lockedUntil })
        .where('id', '=', person.id)
        .execute();
      await tx.audit({
        action: 'auth.login_failed',
        entityType: 'person',
        entityId: person.id,
        after: { username: input.username, reason: 'wrong_password', failures, lockedUntil },
      });
    });
    if (locks) throw new AppError('auth.account_locked', { lockedUntil });
    // No details such as the attempts left: the answer must be the same as for an unknown username.
    throw new AppError('auth.invalid_credentials');
  }
  if (person.active !== 1) {
    await recordFailure(ctx, meta, input.username, 'disabled', person.id);
    throw new AppError('auth.account_disabled');
  }

  const token = randomBytes(32).toString('base64url');
  const sessionId = hashToken(token);
  const maxAge = ctx.config.sessionMaxHours * 3_600_000;
  await transact(ctx, meta, async (tx) => {
    await tx.trx
      .updateTable('people')
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: tx.now })
      .where('id', '=', person.id)
      .execute();
    await insertSession(tx.trx, {
      id: sessionId,
      personId: person.id,
      csrfToken: randomBytes(24).toString('base64url'),
      now: tx.now,
      expiresAt: new Date(Date.parse(tx.now) + maxAge).toISOString(),
      ip: meta.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await tx.audit({
      action: 'auth.login',
      entityType: 'person',
      entityId: person.id,
      actor: { id: person.id, name: person.name },
      after: { username: person.username },
    });
  });
  return { token, session: await sessionInfo(ctx, sessionId) };
}

export async function logout(ctx: AppContext, meta: RequestMeta, sessionId: string): Promise<void> {
  await transact(ctx, meta, async (tx) => {
    await deleteSession(tx.trx, sessionId);
    await tx.audit({ action: 'auth.logout', entityType: 'person', entityId: meta.actor?.personId ?? null });
  });
}

export async function changePassword(
  ctx: AppContext,
  meta: RequestMeta,
  sessionId: string,
  input: ChangePasswordInput,
): Promise<void> {
  const actor = meta.actor;
  if (!actor) throw new AppError('auth.unauthenticated');
  const person = await findPersonRow(ctx.db, actor.personId);
  if (!person) throw new AppError('auth.unauthenticated');
  if (!(await verifyPassword(person.passwordHash, input.currentPassword)))
    throw new AppError('auth.wrong_password');
  assertStrongPassword(input.newPassword);
  if (input.newPassword === input.currentPassword) throw new AppError('auth.password_reused');
  const passwordHash = await hashPassword(input.newPassword);
  await transact(ctx, meta, async (tx) => {
    await tx.trx
      .updateTable('people')
      .set({ passwordHash, mustChangePassword: 0, updatedAt: tx.now })
      .where('id', '=', actor.personId)
      .execute();
    // Every other session of this person ends: whoever knew the old password is signed out.
    await deleteSessionsOf(tx.trx, actor.personId, sessionId);
    await tx.audit({ action: 'auth.password_change', entityType: 'person', entityId: actor.personId });
  });
}

export async function updateProfile(
  ctx: AppContext,
  meta: RequestMeta,
  input: { phone?: string | null | undefined; email?: string | null | undefined },
): Promise<void> {
  const actor = meta.actor;
  if (!actor) throw new AppError('auth.unauthenticated');
  await transact(ctx, meta, async (tx) => {
    const before = await tx.trx
      .selectFrom('people')
      .select(['phone', 'email'])
      .where('id', '=', actor.personId)
      .executeTakeFirstOrThrow();
    const after = {
      phone: input.phone === undefined ? before.phone : input.phone,
      email: input.email === undefined ? before.email : input.email,
    };
    await tx.trx
      .updateTable('people')
      .set({ ...after, updatedAt: tx.now })
      .where('id', '=', actor.personId)
      .execute();
    await tx.audit({
      action: 'auth.profile_update',
      entityType: 'person',
      entityId: actor.personId,
      before,
      after,
    });
  });
}
