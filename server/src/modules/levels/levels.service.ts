import type { AppealStatus, EscalateInput, HandDownInput, LevelMoveDirection } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Actor, AppContext, RequestMeta, Tx } from '../../context.ts';
import { requireActor, transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { can, canViewAppeal, isOversightOf } from '../appeals/appeals.policy.ts';
import * as appealsRepo from '../appeals/appeals.repository.ts';
import { assertCan, factsOf, getAppeal } from '../appeals/appeals.service.ts';
import { regionPeople, sendNotices } from '../notices/notices.service.ts';

/**
 * County ↔ city (分级办理的上下级流转): a county office escalates its appeal to the city (上报市级), the city
 * office hands a city-level appeal down to a county (交县区办理). Only `handlingRegionId` changes: the
 * status, the history, verification requests and their deadlines stay as they are.
 */

/** Counties of the city with an active task-force office of their own: the only places to hand down to. */
async function countiesWithOffice(db: Executor, cityRegionId: string) {
  return db
    .selectFrom('regions as r')
    .select(['r.id', 'r.name'])
    .where('r.parentId', '=', cityRegionId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('units as u')
          .select('u.id')
          .whereRef('u.regionId', '=', 'r.id')
          .where('u.type', '=', 'taskForceOffice')
          .where('u.active', '=', 1),
      ),
    )
    .orderBy('r.sortOrder')
    .orderBy('r.name')
    .execute();
}

async function regionName(db: Executor, id: string): Promise<string> {
  const row = await db.selectFrom('regions').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? '';
}

/** One move: the appeal's level, the move's row, a timeline entry, the audit row and the receiving office's notices. */
async function move(
  tx: Tx,
  actor: Actor,
  row: appealsRepo.AppealRow,
  direction: LevelMoveDirection,
  toRegionId: string,
  reason: string,
  version: number,
): Promise<void> {
  if (version !== row.version) throw new AppError('request.conflict');
  const result = await tx.trx
    .updateTable('appeals')
    .set({ handlingRegionId: toRegionId, version: row.version + 1, updatedAt: tx.now })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
  const [fromName, toName] = await Promise.all([
    regionName(tx.trx, row.handlingRegionId),
    regionName(tx.trx, toRegionId),
  ]);
  const moveRow = {
    id: uuidv7(),
    appealId: row.id,
    direction,
    fromRegionId: row.handlingRegionId,
    toRegionId,
    status: row.status,
    reason,
    movedBy: actor.personId,
    movedAt: tx.now,
  };
  await tx.trx.insertInto('appealLevelMoves').values(moveRow).execute();
  await appealsRepo.appendTimelineBy(
    tx,
    actor,
    row.id,
    direction === 'escalate' ? 'escalated' : 'handedDown',
    {
      fromRegionId: row.handlingRegionId,
      fromRegionName: fromName,
      toRegionId,
      toRegionName: toName,
      reason,
    },
  );
  await tx.audit({
    action: direction === 'escalate' ? 'appeal.escalate' : 'appeal.hand_down',
    entityType: 'appeal',
    entityId: row.id,
    before: { handlingRegionId: row.handlingRegionId },
    after: { handlingRegionId: toRegionId, move: moveRow },
  });
  await sendNotices(tx, await regionPeople(tx.trx, toRegionId, ['taskForceOffice']), {
    kind: direction === 'escalate' ? 'appealEscalated' : 'appealHandedDown',
    title:
      direction === 'escalate'
        ? `${fromName}上报市级诉求：${row.title}`
        : `市级交由${toName}办理的诉求：${row.title}`,
    body: `诉求（${row.number}，${row.enterpriseName}）已${direction === 'escalate' ? '上报市级' : `交${toName}办理`}。理由：${reason}`,
    link: `/appeals/${row.id}`,
  });
}

async function load(tx: Tx, actor: Actor, id: string, action: 'escalate' | 'handDown') {
  const row = await appealsRepo.findAppeal(tx.trx, id);
  if (!row) throw new AppError('appeal.not_found');
  assertCan(actor, action, row);
  return row;
}

/** The county office escalates an appeal its county handles to the city (上报市级). */
export async function escalate(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof EscalateInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const row = await load(tx, actor, appealId, 'escalate');
    const county = await tx.trx
      .selectFrom('regions')
      .select('parentId')
      .where('id', '=', row.handlingRegionId)
      .executeTakeFirstOrThrow();
    // The policy lets only a county's office escalate, so the handling region has a parent: the city.
    if (county.parentId === null) throw new AppError('auth.forbidden');
    await move(tx, actor, row, 'escalate', county.parentId, input.reason, input.version);
  });
  return getAppeal(ctx, meta, appealId);
}

/** The city office hands a city-level appeal down to a county with its own office (交县区办理). */
export async function handDown(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  input: z.infer<typeof HandDownInput>,
) {
  const actor = requireActor(meta);
  await transact(ctx, meta, async (tx) => {
    const row = await load(tx, actor, appealId, 'handDown');
    const targets = await countiesWithOffice(tx.trx, row.handlingRegionId);
    if (!targets.some((t) => t.id === input.regionId)) {
      throw new AppError('appeal.level_target_invalid', { regionId: input.regionId });
    }
    await move(tx, actor, row, 'handDown', input.regionId, input.reason, input.version);
  });
  return getAppeal(ctx, meta, appealId);
}

/** The appeal's level now, its moves, and where the city office could hand it down to. */
export async function getLevels(ctx: AppContext, meta: RequestMeta, appealId: string) {
  const actor = requireActor(meta);
  const row = await appealsRepo.findAppeal(ctx.db, appealId);
  // The office and oversight of the appeal's levels read its moves; anyone else: as if absent.
  if (!row || !canViewAppeal(actor, factsOf(row)) || !isOversightOf(actor, row)) {
    throw new AppError('appeal.not_found');
  }
  const [moves, targets] = await Promise.all([
    ctx.db
      .selectFrom('appealLevelMoves as m')
      .innerJoin('regions as fr', 'fr.id', 'm.fromRegionId')
      .innerJoin('regions as tr', 'tr.id', 'm.toRegionId')
      .leftJoin('people as p', 'p.id', 'm.movedBy')
      .select([
        'm.id',
        'm.direction',
        'm.fromRegionId',
        'fr.name as fromRegionName',
        'm.toRegionId',
        'tr.name as toRegionName',
        'm.status',
        'm.reason',
        'p.name as movedByName',
        'm.movedAt',
      ])
      .where('m.appealId', '=', appealId)
      .orderBy('m.movedAt')
      .orderBy('m.id')
      .execute(),
    can(actor, 'handDown', factsOf(row)) ? countiesWithOffice(ctx.db, row.handlingRegionId) : [],
  ]);
  return {
    handlingRegionId: row.handlingRegionId,
    handlingRegionName: row.handlingRegionName,
    moves: moves.map((m) => ({
      ...m,
      direction: m.direction as LevelMoveDirection,
      status: m.status as AppealStatus,
    })),
    handDownTargets: targets,
  };
}
