import type { ErrorCode } from '@f2f/contract';
import { errorCatalog } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import type { AppContext } from '../src/context.ts';
import type { Database } from '../src/db/schema.ts';
import { login, type Session, type TestApp } from './test-app.ts';

/** Asserts the one error shape: the status and code of the catalog, a message, nothing else unexpected. */
export function expectError(response: LightMyRequestResponse, code: ErrorCode): Record<string, unknown> {
  const body = response.json() as Record<string, unknown>;
  expect({ status: response.statusCode, code: body.code }).toEqual({
    status: errorCatalog[code].status,
    code,
  });
  expect(body.message).toBe(errorCatalog[code].zh);
  for (const key of Object.keys(body)) expect(['code', 'message', 'details', 'requestId']).toContain(key);
  return body;
}

export async function countRows(ctx: AppContext, table: keyof Database): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The highest audit sequence number so far (0 when empty). */
export async function lastAuditSeq(ctx: AppContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export interface AuditRecord {
  seq: number;
  action: string;
  actorId: string | null;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

/** The audit rows written after `seq`, oldest first, with their JSON parsed. */
export async function auditAfter(ctx: AppContext, seq: number): Promise<AuditRecord[]> {
  const rows = await ctx.db
    .selectFrom('auditLog')
    .selectAll()
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    action: r.action,
    actorId: r.actorId,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.beforeJson === null ? null : JSON.parse(r.beforeJson),
    after: r.afterJson === null ? null : JSON.parse(r.afterJson),
    ip: r.ip,
    requestId: r.requestId,
  }));
}

export async function regionId(ctx: AppContext, name: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('regions')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function unitId(ctx: AppContext, name: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function personId(ctx: AppContext, username: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('people')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A handler account in another unit, made from the seeded handler (same password, no forced change),
 * signed in through the real API.
 */
export async function handlerIn(t: TestApp, username: string, unit: string): Promise<Session> {
  const source = await t.ctx.db
    .selectFrom('people')
    .selectAll()
    .where('username', '=', 'handler')
    .executeTakeFirstOrThrow();
  const id = uuidv7();
  await t.ctx.db
    .insertInto('people')
    .values({ ...source, id, username, name: `${username}经办人`, unitId: unit, phone: null, email: null })
    .execute();
  await t.ctx.db.insertInto('personRoles').values({ personId: id, role: 'handler' }).execute();
  return login(t.app, username);
}
