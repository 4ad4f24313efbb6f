import type { ApiKey, CreateApiKeyInput } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { adminRegionScope, canAdministerRegion } from '../org/org.policy.ts';
import { findUnit } from '../org/org.repository.ts';
import * as repo from './integrations.repository.ts';
import { newKeyPair } from './signature.ts';

function actorOf(meta: RequestMeta): Actor {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  return meta.actor;
}

/** Issues a key for a platform, bound to a channel and a collecting unit; the secret is returned once. */
export async function createApiKey(
  ctx: AppContext,
  meta: RequestMeta,
  input: CreateApiKeyInput,
): Promise<ApiKey & { secret: string }> {
  const actor = actorOf(meta);
  const created = await transact(ctx, meta, async (tx) => {
    const unit = await findUnit(tx.trx, input.unitId);
    if (unit?.active !== 1) throw new AppError('org.unit_not_found', { unitId: input.unitId });
    if (!canAdministerRegion(actor, unit.regionId)) throw new AppError('org.out_of_scope');
    const { keyId, secret } = newKeyPair();
    const row = {
      id: uuidv7(),
      name: input.name,
      keyId,
      // The server needs the secret itself to verify each HMAC, so it cannot keep only a hash.
      // A production deployment should encrypt this column at rest (e.g. with a key from a KMS
      // or an environment secret) and decrypt it when a request names the key.
      secret,
      channel: input.channel,
      unitId: unit.id,
      webhookUrl: input.webhookUrl ?? null,
      active: 1 as const,
      createdBy: actor.personId,
      createdAt: tx.now,
      lastUsedAt: null,
    };
    await tx.trx.insertInto('apiKeys').values(row).execute();
    const { secret: _never, ...audited } = row;
    await tx.audit({
      action: 'integration.apiKey.create',
      entityType: 'apiKey',
      entityId: row.id,
      after: audited,
    });
    return { id: row.id, secret };
  });
  const row = await repo.findApiKey(ctx.db, created.id);
  if (!row) throw new AppError('integration.api_key_not_found');
  return { ...repo.toApiKey(row), secret: created.secret };
}

export async function listApiKeys(ctx: AppContext, meta: RequestMeta): Promise<ApiKey[]> {
  const actor = actorOf(meta);
  const rows = await repo.listApiKeys(ctx.db, adminRegionScope(actor));
  return rows.map(repo.toApiKey);
}

/** Stops a key at once; its requests answer 401 integration.key_invalid from then on. */
export async function revokeApiKey(ctx: AppContext, meta: RequestMeta, id: string): Promise<ApiKey> {
  const actor = actorOf(meta);
  await transact(ctx, meta, async (tx) => {
    const row = await repo.findApiKey(tx.trx, id);
    // Out of the administrator's scope answers like absent.
    if (!row || !canAdministerRegion(actor, row.unitRegionId))
      throw new AppError('integration.api_key_not_found');
    if (row.active !== 1) return; // already revoked: nothing changes, nothing to record
    await tx.trx.updateTable('apiKeys').set({ active: 0 }).where('id', '=', id).execute();
    await tx.audit({
      action: 'integration.apiKey.revoke',
      entityType: 'apiKey',
      entityId: id,
      before: { active: true },
      after: { active: false },
    });
  });
  const row = await repo.findApiKey(ctx.db, id);
  if (!row) throw new AppError('integration.api_key_not_found');
  return repo.toApiKey(row);
}
