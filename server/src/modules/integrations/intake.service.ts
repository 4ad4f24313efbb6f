import type { AppealStatus, IntakeAppealInput, IntakeAppealResult } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { AppContext, RequestMeta, Tx } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { initialAppealStatus } from '../appeals/appeal-workflow.ts';
import { createAppealInTx } from '../appeals/appeals.service.ts';
import * as repo from './integrations.repository.ts';
import { SIGNATURE_RETENTION_MS, sha256Hex } from './signature.ts';

/** One verified intake request: the key and signature have been checked by the route's hooks. */
export interface IntakeRequest {
  key: repo.IntakeKey;
  rawBody: string;
  signature: string;
  idempotencyKey: string;
  input: IntakeAppealInput;
}

/** Every audit row of an intake names the key (there is no signed-in person). */
function actingAsKey(tx: Tx, key: repo.IntakeKey): Tx {
  const actor = { id: key.id, name: `${key.name}（API ${key.keyId}）` };
  return { ...tx, audit: (entry) => tx.audit({ actor, ...entry }) };
}

async function originalResult(tx: Tx, appealId: string): Promise<IntakeAppealResult> {
  const appeal = await tx.trx
    .selectFrom('appeals')
    .select(['id', 'number', 'status', 'enterpriseId'])
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  return { ...appeal, status: appeal.status as AppealStatus, replayedFromIdempotencyKey: true };
}

/** The enterprise by credit code, or a new one registered with the given name and region. */
async function enterpriseFor(tx: Tx, key: repo.IntakeKey, input: IntakeAppealInput['enterprise']) {
  const existing = await repo.findEnterpriseByCreditCode(tx.trx, input.creditCode);
  if (existing) return existing.id;
  let regionId = key.unitRegionId;
  if (input.regionCode) {
    const region = await repo.findRegionByCode(tx.trx, input.regionCode);
    if (!region) {
      throw new AppError('request.invalid', [
        { field: 'body.enterprise.regionCode', message: `unknown region code ${input.regionCode}` },
      ]);
    }
    regionId = region.id;
  }
  const row = {
    id: uuidv7(),
    name: input.name,
    creditCode: input.creditCode,
    regionId,
    version: 1,
    createdAt: tx.now,
    updatedAt: tx.now,
  };
  await tx.trx.insertInto('enterprises').values(row).execute();
  await tx.audit({
    action: 'enterprise.create',
    entityType: 'enterprise',
    entityId: row.id,
    after: { ...row, source: 'intake', apiKeyId: key.id },
  });
  return row.id;
}

async function intakeOnce(ctx: AppContext, meta: RequestMeta, request: IntakeRequest) {
  const { key, signature, idempotencyKey, input } = request;
  const bodySha256 = sha256Hex(request.rawBody);
  return transact(ctx, meta, async (plainTx): Promise<IntakeAppealResult> => {
    const tx = actingAsKey(plainTx, key);
    // Revoked since the hooks looked it up: refused like any revoked key.
    if (!(await repo.keyIsActive(tx.trx, key.id))) throw new AppError('integration.key_invalid');
    if (await repo.signatureSeen(tx.trx, signature)) throw new AppError('integration.replayed');
    const previous = await repo.findIdempotency(tx.trx, key.id, idempotencyKey);
    if (previous) {
      if (previous.bodySha256 !== bodySha256) throw new AppError('integration.idempotency_mismatch');
      // A retry of a request that already succeeded: the original appeal, nothing new.
      await repo.recordSignature(tx.trx, { signature, apiKeyId: key.id, seenAt: tx.now });
      await repo.touchKey(tx.trx, key.id, tx.now);
      return originalResult(tx, previous.appealId);
    }
    await repo.pruneSignatures(tx.trx, new Date(Date.parse(tx.now) - SIGNATURE_RETENTION_MS).toISOString());
    await repo.recordSignature(tx.trx, { signature, apiKeyId: key.id, seenAt: tx.now });
    const enterpriseId = await enterpriseFor(tx, key, input.enterprise);
    const created = await createAppealInTx(ctx, tx, null, {
      enterpriseId,
      title: input.title,
      content: input.content,
      category: input.category,
      channel: key.channel,
      collectingUnitId: key.unitId,
      apiKeyId: key.id,
      externalId: input.externalId ?? null,
    });
    await repo.recordIdempotency(tx.trx, {
      apiKeyId: key.id,
      idempotencyKey,
      bodySha256,
      appealId: created.id,
      createdAt: tx.now,
    });
    await repo.touchKey(tx.trx, key.id, tx.now);
    return {
      id: created.id,
      number: created.number,
      status: initialAppealStatus,
      enterpriseId,
      replayedFromIdempotencyKey: false,
    };
  });
}

/**
 * Records an appeal sent by a platform: its signature, its idempotency key and the appeal (with a
 * new enterprise when the credit code is unknown) in one transaction. Two concurrent requests that
 * collide on the signature, the idempotency key or a new enterprise lose the race with a unique
 * violation; running once more then answers as if they had come one after the other.
 */
export async function intakeAppeal(
  ctx: AppContext,
  meta: RequestMeta,
  request: IntakeRequest,
): Promise<IntakeAppealResult> {
  try {
    return await intakeOnce(ctx, meta, request);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return intakeOnce(ctx, meta, request);
  }
}
