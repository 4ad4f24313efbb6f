import {
  type CreateEnterpriseInput,
  type Enterprise,
  type EnterpriseContact,
  type EnterpriseField,
  type EnterpriseFilter,
  type EnterpriseOverview,
  type EnterpriseQuery,
  type EnterpriseTag,
  enterpriseFields,
  enterpriseTags,
  OVERVIEW_APPEAL_LIMIT,
  type ProjectStage,
  type ProjectStageRecord,
  projectStages,
  type UpdateEnterpriseInput,
} from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { listAppeals as listVisibleAppeals } from '../appeals/appeals.repository.ts';
import { findRegion } from '../org/org.repository.ts';
import { appealSearchText, indexAppeal } from '../search/search.repository.ts';
import {
  canReadEnterprise,
  canRegisterIn,
  canViewAccounts,
  editableFields,
  inRegionScope,
  listScope,
} from './enterprises.policy.ts';
import * as repo from './enterprises.repository.ts';

export function actorOf(meta: RequestMeta): Actor {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  return meta.actor;
}

/** Where the stage order is broken: a stage with an actual date whose earlier stage has none or a later one. */
export function stageOrderProblem(
  stages: readonly ProjectStageRecord[],
): { stage: ProjectStage; earlierStage: ProjectStage; reason: 'missing' | 'later' } | null {
  const actual = new Map(stages.map((s) => [s.stage, s.actualDate ?? null]));
  for (const [index, stage] of projectStages.entries()) {
    const date = actual.get(stage);
    if (!date) continue;
    for (const earlierStage of projectStages.slice(0, index)) {
      const earlier = actual.get(earlierStage);
      if (!earlier) return { stage, earlierStage, reason: 'missing' };
      if (earlier > date) return { stage, earlierStage, reason: 'later' };
    }
  }
  return null;
}

function checkStages(isProject: boolean, stages: readonly ProjectStageRecord[]): void {
  if (!isProject && stages.length > 0) {
    throw new AppError('request.invalid', [
      { field: 'body.stages', message: '仅项目企业可填写项目阶段 (only project enterprises carry stages)' },
    ]);
  }
  const problem = stageOrderProblem(stages);
  if (problem) throw new AppError('enterprise.stage_out_of_order', problem);
}

async function requireRegion(db: Executor, regionId: string): Promise<void> {
  if (!(await findRegion(db, regionId))) throw new AppError('org.region_not_found', { regionId });
}

/** Blank text is no value. */
const text = (value: string | null | undefined): string | null => (value ? value : null);

export function normaliseContacts(contacts: readonly EnterpriseContact[]): EnterpriseContact[] {
  return contacts.map((c) => ({
    name: c.name,
    title: text(c.title),
    phone: text(c.phone),
    email: text(c.email),
  }));
}

function normaliseStages(stages: readonly ProjectStageRecord[]): ProjectStageRecord[] {
  return stages
    .map((s) => ({
      stage: s.stage,
      plannedDate: s.plannedDate ?? null,
      actualDate: s.actualDate ?? null,
      note: text(s.note),
    }))
    .sort((a, b) => projectStages.indexOf(a.stage) - projectStages.indexOf(b.stage));
}

const normaliseTags = (tags: readonly EnterpriseTag[]): EnterpriseTag[] =>
  enterpriseTags.filter((t) => tags.includes(t));

/** The actor's enterprise or 404: out of reach answers the same as absent, so ids reveal nothing. */
async function loadReadable(db: Executor, actor: Actor, id: string): Promise<Enterprise> {
  const enterprise = await repo.loadEnterprise(db, id);
  if (!enterprise || !canReadEnterprise(actor, enterprise)) throw new AppError('enterprise.not_found');
  return enterprise;
}

export async function getEnterprise(ctx: AppContext, meta: RequestMeta, id: string): Promise<Enterprise> {
  return loadReadable(ctx.db, actorOf(meta), id);
}

/** The filters with the actor's scope applied; a region outside the scope answers 403 org.out_of_scope. */
export function scopedFilter(actor: Actor, filter: EnterpriseFilter): repo.ScopedFilter {
  const scope = listScope(actor);
  if (scope.kind === 'none') throw new AppError('auth.forbidden');
  if (filter.regionId && scope.kind === 'region' && filter.regionId !== scope.regionId) {
    throw new AppError('org.out_of_scope', { regionId: filter.regionId });
  }
  return { ...filter, scope };
}

export async function listEnterprises(ctx: AppContext, meta: RequestMeta, query: EnterpriseQuery) {
  const actor = actorOf(meta);
  const { page, pageSize, ...filter } = query;
  const { items, total } = await repo.listEnterprises(
    ctx.db,
    actor,
    scopedFilter(actor, filter),
    page,
    pageSize,
  );
  return { items, total, page, pageSize };
}

export async function createEnterprise(
  ctx: AppContext,
  meta: RequestMeta,
  input: CreateEnterpriseInput,
): Promise<Enterprise> {
  const actor = actorOf(meta);
  try {
    return await transact(ctx, meta, async (tx) => {
      await requireRegion(tx.trx, input.regionId);
      if (!canRegisterIn(actor, input.regionId))
        throw new AppError('org.out_of_scope', { regionId: input.regionId });
      const stages = normaliseStages(input.stages);
      checkStages(input.isProject, stages);
      const id = uuidv7();
      await repo.insertEnterprises(
        tx.trx,
        [
          {
            id,
            name: input.name,
            creditCode: input.creditCode,
            regionId: input.regionId,
            industry: text(input.industry),
            address: text(input.address),
            legalRepresentative: text(input.legalRepresentative),
            scale: input.scale ?? null,
            isProject: input.isProject,
            tags: normaliseTags(input.tags),
            contacts: normaliseContacts(input.contacts),
            stages,
          },
        ],
        tx.now,
        uuidv7,
      );
      const enterprise = (await repo.loadEnterprise(tx.trx, id)) as Enterprise;
      await tx.audit({
        action: 'enterprise.create',
        entityType: 'enterprise',
        entityId: id,
        after: enterprise,
      });
      return enterprise;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('enterprise.credit_code_taken', { creditCode: input.creditCode });
    throw error;
  }
}

/** The record the update would produce: the current one with the sent fields applied. */
function applyChanges(current: Enterprise, input: UpdateEnterpriseInput) {
  const isProject = input.isProject ?? current.isProject;
  return {
    name: input.name ?? current.name,
    creditCode: input.creditCode ?? current.creditCode,
    regionId: input.regionId ?? current.regionId,
    industry: input.industry !== undefined ? text(input.industry) : current.industry,
    address: input.address !== undefined ? text(input.address) : current.address,
    legalRepresentative:
      input.legalRepresentative !== undefined ? text(input.legalRepresentative) : current.legalRepresentative,
    scale: input.scale !== undefined ? input.scale : current.scale,
    tags: input.tags ? normaliseTags(input.tags) : current.tags,
    isProject,
    contacts: input.contacts ? normaliseContacts(input.contacts) : current.contacts,
    // A project turned into an ordinary enterprise loses its stages (the audit row keeps them).
    stages: input.stages ? normaliseStages(input.stages) : isProject ? current.stages : [],
  };
}

export async function updateEnterprise(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
  input: UpdateEnterpriseInput,
): Promise<Enterprise> {
  const actor = actorOf(meta);
  try {
    return await transact(ctx, meta, async (tx) => {
      const current = await loadReadable(tx.trx, actor, id);
      const editable = editableFields(actor, current);
      if (editable.length === 0) throw new AppError('auth.forbidden');
      const next = applyChanges(current, input);
      const changed = enterpriseFields.filter(
        (field) => JSON.stringify(next[field]) !== JSON.stringify(current[field]),
      );
      const refused = changed.filter((field) => !editable.includes(field));
      if (refused.length > 0) throw new AppError('enterprise.field_not_editable', { fields: refused });
      if (current.version !== input.version) throw new AppError('request.conflict');
      if (changed.length === 0) return current;
      if (changed.includes('regionId')) {
        await requireRegion(tx.trx, next.regionId);
        if (!inRegionScope(actor, next.regionId))
          throw new AppError('org.out_of_scope', { regionId: next.regionId });
      }
      checkStages(next.isProject, next.stages);
      const has = (field: EnterpriseField) => changed.includes(field);
      const result = await tx.trx
        .updateTable('enterprises')
        .set({
          name: next.name,
          creditCode: next.creditCode,
          regionId: next.regionId,
          industry: next.industry,
          address: next.address,
          legalRepresentative: next.legalRepresentative,
          scale: next.scale,
          isProject: next.isProject ? 1 : 0,
          version: current.version + 1,
          updatedAt: tx.now,
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
      if (has('tags')) await repo.replaceTags(tx.trx, id, next.tags);
      if (has('contacts')) await repo.replaceContacts(tx.trx, id, next.contacts, uuidv7);
      if (has('stages')) await repo.replaceStages(tx.trx, id, next.stages);
      if (has('name')) {
        // The search index holds the enterprise name with each appeal's text.
        for (const appeal of await repo.appealTextsOf(tx.trx, id))
          await indexAppeal(tx.trx, ctx.dialect, appeal.id, appealSearchText(appeal, next.name));
      }
      const after = (await repo.loadEnterprise(tx.trx, id)) as Enterprise;
      await tx.audit({
        action: 'enterprise.update',
        entityType: 'enterprise',
        entityId: id,
        before: current,
        after,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('enterprise.credit_code_taken', { creditCode: input.creditCode });
    throw error;
  }
}

/** Enterprise 360°: the enterprise and everything about it the actor may see. */
export async function getOverview(
  ctx: AppContext,
  meta: RequestMeta,
  id: string,
): Promise<EnterpriseOverview> {
  const actor = actorOf(meta);
  const enterprise = await loadReadable(ctx.db, actor, id);
  const [appeals, counts, exchanges, accounts] = await Promise.all([
    listVisibleAppeals(
      ctx.db,
      ctx.dialect,
      actor,
      {
        enterpriseId: id,
        sort: 'submittedAt',
        order: 'desc',
        page: 1,
        pageSize: OVERVIEW_APPEAL_LIMIT,
      },
      ctx.config.timeZone,
    ),
    repo.appealCountsOf(ctx.db, ctx.dialect, actor, id, ctx.config.timeZone),
    repo.exchangesOf(ctx.db, actor, id),
    canViewAccounts(actor, enterprise) ? repo.accountsOf(ctx.db, id) : Promise.resolve(null),
  ]);
  return {
    enterprise,
    appeals: appeals.items,
    appealTotal: appeals.total,
    counts,
    exchanges: exchanges.map((x) => ({
      ...x,
      channel: x.channel as EnterpriseOverview['exchanges'][number]['channel'],
    })),
    stages: enterprise.stages,
    contacts: enterprise.contacts,
    accounts,
  };
}
