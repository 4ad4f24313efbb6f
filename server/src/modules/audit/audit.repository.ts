import { createHash } from 'node:crypto';
import type { DialectName, Executor, Trx } from '../../db/database.ts';
import { lockChain } from '../../db/dialect.ts';
import { reusable } from '../../db/reusable.ts';
import type { AuditLogRow } from '../../db/schema.ts';

const AUDIT_CHAIN_LOCK = 7_346_001;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  requestId?: string | null;
}

type ChainFields = Omit<AuditLogRow, 'seq' | 'hash'>;

/** The hash of a row covers every field but its own sequence number, plus the previous row's hash. */
export function hashAuditRow(row: ChainFields): string {
  const canonical = JSON.stringify([
    row.prevHash,
    row.at,
    row.actorId,
    row.actorName,
    row.action,
    row.entityType,
    row.entityId,
    row.beforeJson,
    row.afterJson,
    row.ip,
    row.requestId,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

// Every state change appends at least one row: both queries are built once (reusable.ts).
const lastHash = reusable((db) => db.selectFrom('auditLog').select('hash').orderBy('seq', 'desc').limit(1));
const insertAuditRow = reusable((db, row: ChainFields & { hash: string }) =>
  db.insertInto('auditLog').values(row),
);

/** Appends one row to the hash-chained audit log, inside the caller's transaction. */
export async function appendAudit(trx: Trx, dialect: DialectName, input: AuditInput): Promise<void> {
  await lockChain(trx, dialect, AUDIT_CHAIN_LOCK);
  const [last] = await lastHash(trx);
  const fields: ChainFields = {
    prevHash: last?.hash ?? GENESIS_HASH,
    at: input.at,
    actorId: input.actorId,
    actorName: input.actorName,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    beforeJson: toJson(input.before),
    afterJson: toJson(input.after),
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
  };
  await insertAuditRow(trx, { ...fields, hash: hashAuditRow(fields) });
}

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The audit rows matching a filter (GET /api/audit and its export). */
export function filteredAudit(db: Executor, filter: AuditFilter) {
  let query = db.selectFrom('auditLog');
  if (filter.actorId) query = query.where('actorId', '=', filter.actorId);
  if (filter.action) {
    query = filter.action.endsWith('.')
      ? query.where('action', '>=', filter.action).where('action', '<', `${filter.action}\uffff`)
      : query.where('action', '=', filter.action);
  }
  if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  return query;
}

export async function listAudit(db: Executor, filter: AuditFilter, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    filteredAudit(db, filter)
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filteredAudit(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
}

/** Walks the chain in order; an edited, inserted or removed row breaks it. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBadSeq: null, reason: null };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBadSeq: row.seq,
          reason: 'previous-hash mismatch (a row before it was removed or altered)',
        };
      }
      if (hashAuditRow(row) !== row.hash) {
        return {
          ok: false,
          checked,
          firstBadSeq: row.seq,
          reason: 'content does not match its hash (the row was altered)',
        };
      }
      prevHash = row.hash;
      afterSeq = row.seq;
      checked += 1;
    }
  }
}
