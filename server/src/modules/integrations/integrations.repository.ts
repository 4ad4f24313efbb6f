import type { ApiKey, AppealChannel } from '@f2f/contract';
import type { Executor } from '../../db/database.ts';
import { intToBool } from '../../db/dialect.ts';
import { reusable } from '../../db/reusable.ts';

function keysWithUnit(db: Executor) {
  return db
    .selectFrom('apiKeys as k')
    .innerJoin('units as u', 'u.id', 'k.unitId')
    .select([
      'k.id',
      'k.name',
      'k.keyId',
      'k.channel',
      'k.unitId',
      'u.name as unitName',
      'u.regionId as unitRegionId',
      'k.active',
      'k.createdAt',
      'k.lastUsedAt',
      'k.webhookUrl',
    ]);
}

export type ApiKeyRow = NonNullable<Awaited<ReturnType<ReturnType<typeof keysWithUnit>['executeTakeFirst']>>>;

/** The public view of a key: never its secret. */
export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    keyId: row.keyId,
    channel: row.channel as AppealChannel,
    unitId: row.unitId,
    unitName: row.unitName,
    active: intToBool(row.active),
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    webhookUrl: row.webhookUrl,
  };
}

/** Keys whose unit lies in `regionId` (every key when null), newest first. */
export function listApiKeys(db: Executor, regionId: string | null): Promise<ApiKeyRow[]> {
  let query = keysWithUnit(db);
  if (regionId) query = query.where('u.regionId', '=', regionId);
  return query.orderBy('k.createdAt', 'desc').orderBy('k.id', 'desc').execute();
}

export function findApiKey(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
  return keysWithUnit(db).where('k.id', '=', id).executeTakeFirst();
}

/** What the intake needs to know about the key a request names, secret included. */
export interface IntakeKey {
  id: string;
  name: string;
  keyId: string;
  secret: string;
  channel: AppealChannel;
  unitId: string;
  unitRegionId: string;
  active: boolean;
}

// The queries of every intake request are built once (reusable.ts): building them cost more than running them.
const keyForIntake = reusable((db, keyId: string) =>
  db
    .selectFrom('apiKeys as k')
    .innerJoin('units as u', 'u.id', 'k.unitId')
    .select([
      'k.id',
      'k.name',
      'k.keyId',
      'k.secret',
      'k.channel',
      'k.unitId',
      'u.regionId as unitRegionId',
      'k.active',
    ])
    .where('k.keyId', '=', keyId),
);

export async function findKeyForIntake(db: Executor, keyId: string): Promise<IntakeKey | undefined> {
  const [row] = await keyForIntake(db, keyId);
  return row && { ...row, channel: row.channel as AppealChannel, active: intToBool(row.active) };
}

const keyActive = reusable((db, id: string) =>
  db.selectFrom('apiKeys').select('active').where('id', '=', id),
);

export async function keyIsActive(db: Executor, id: string): Promise<boolean> {
  const [row] = await keyActive(db, id);
  return row?.active === 1;
}

const seenSignature = reusable((db, signature: string) =>
  db.selectFrom('apiSignatures').select('signature').where('signature', '=', signature),
);

export async function signatureSeen(db: Executor, signature: string): Promise<boolean> {
  const [row] = await seenSignature(db, signature);
  return row !== undefined;
}

const insertSignature = reusable((db, row: { signature: string; apiKeyId: string; seenAt: string }) =>
  db.insertInto('apiSignatures').values(row),
);

export async function recordSignature(
  db: Executor,
  row: { signature: string; apiKeyId: string; seenAt: string },
): Promise<void> {
  await insertSignature(db, row);
}

const deleteSignaturesBefore = reusable((db, cutoff: string) =>
  db.deleteFrom('apiSignatures').where('seenAt', '<', cutoff),
);

/** Forgets signatures seen before `cutoff`: their timestamps can no longer pass the window. */
export async function pruneSignatures(db: Executor, cutoff: string): Promise<void> {
  await deleteSignaturesBefore(db, cutoff);
}

const idempotencyOf = reusable((db, apiKeyId: string, idempotencyKey: string) =>
  db
    .selectFrom('apiIdempotency')
    .selectAll()
    .where('apiKeyId', '=', apiKeyId)
    .where('idempotencyKey', '=', idempotencyKey),
);

export async function findIdempotency(db: Executor, apiKeyId: string, idempotencyKey: string) {
  const [row] = await idempotencyOf(db, apiKeyId, idempotencyKey);
  return row;
}

export const recordIdempotency = reusable(
  (
    db,
    row: {
      apiKeyId: string;
      idempotencyKey: string;
      bodySha256: string;
      appealId: string;
      createdAt: string;
    },
  ) => db.insertInto('apiIdempotency').values(row),
);

const keyUsedAt = reusable((db, id: string, now: string) =>
  db.updateTable('apiKeys').set({ lastUsedAt: now }).where('id', '=', id),
);

export async function touchKey(db: Executor, id: string, now: string): Promise<void> {
  await keyUsedAt(db, id, now);
}

const enterpriseByCreditCode = reusable((db, creditCode: string) =>
  db.selectFrom('enterprises').select(['id', 'name', 'regionId']).where('creditCode', '=', creditCode),
);

export async function findEnterpriseByCreditCode(db: Executor, creditCode: string) {
  const [row] = await enterpriseByCreditCode(db, creditCode);
  return row;
}

export function findRegionByCode(db: Executor, code: string) {
  return db.selectFrom('regions').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}
