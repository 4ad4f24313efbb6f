import type { AppealChannel, AppealStatus } from '@f2f/contract';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { queryTerms, recentMatchesPerTerm } from '../search/search.repository.ts';
import { canViewAppeal } from './appeals.policy.ts';
import * as repo from './appeals.repository.ts';
import { factsOf } from './appeals.service.ts';
import { keywords, similarity, words } from './similarity.ts';

// Candidates: the most recent appeals holding each of the source's strongest keywords (those the caller
// may not see are dropped after scoring).
const CANDIDATE_TERMS = 8;
const CANDIDATES_PER_TERM = 40;
const RESULTS = 10;
const MIN_SCORE = 0.12;

interface Source {
  id: string | null;
  enterpriseId: string | null;
  title: string;
  content: string;
}

/**
 * The appeals most alike a source text: full-text candidates from its keywords (the most recent holding
 * each) plus the same enterprise's recent appeals, scored by keyword overlap, filtered to what the actor
 * may see.
 */
async function findSimilar(ctx: AppContext, actor: Actor, source: Source) {
  const terms = keywords(`${source.title}\n${source.title}\n${source.content}`);
  const candidateIds = new Set(
    await recentMatchesPerTerm(
      ctx.db,
      ctx.dialect,
      queryTerms(
        terms
          .slice(0, CANDIDATE_TERMS)
          .map((t) => t.term)
          .join(' '),
      ),
      CANDIDATES_PER_TERM,
    ),
  );
  if (source.enterpriseId) {
    const sameEnterprise = await ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('enterpriseId', '=', source.enterpriseId)
      .orderBy('submittedAt', 'desc')
      .limit(20)
      .execute();
    for (const row of sameEnterprise) candidateIds.add(row.id);
  }
  if (source.id) candidateIds.delete(source.id);
  const sourceFacts = { keywords: terms, titleWords: words(source.title) };
  const results = [];
  for (const row of await repo.findAppeals(ctx.db, [...candidateIds])) {
    if (!canViewAppeal(actor, factsOf(row))) continue;
    const { score, sharedTerms } = similarity(sourceFacts, {
      text: `${row.title}\n${row.content}`,
      title: row.title,
    });
    const sameEnterprise = row.enterpriseId === source.enterpriseId;
    if (score < MIN_SCORE && !sameEnterprise) continue;
    results.push({
      appeal: {
        id: row.id,
        number: row.number,
        enterpriseId: row.enterpriseId,
        enterpriseName: row.enterpriseName,
        regionId: row.regionId,
        regionName: row.regionName,
        handlingRegionId: row.handlingRegionId,
        handlingRegionName: row.handlingRegionName,
        title: row.title,
        category: row.category,
        channel: row.channel as AppealChannel,
        collectingUnitId: row.collectingUnitId,
        collectingUnitName: row.collectingUnitName,
        commonIssueId: row.commonIssueId,
        tierCode: row.tierCode,
        status: row.status as AppealStatus,
        submittedAt: row.submittedAt,
      },
      score: Math.min(1, score + (sameEnterprise ? 0.1 : 0)),
      sameEnterprise,
      sharedTerms,
    });
  }
  return results.sort((a, b) => b.score - a.score).slice(0, RESULTS);
}

export async function similarToAppeal(ctx: AppContext, meta: RequestMeta, id: string) {
  const actor = meta.actor;
  if (!actor) throw new AppError('auth.unauthenticated');
  const row = await repo.findAppeal(ctx.db, id);
  if (!row || !canViewAppeal(actor, factsOf(row))) throw new AppError('appeal.not_found');
  return findSimilar(ctx, actor, {
    id,
    enterpriseId: row.enterpriseId,
    title: row.title,
    content: row.content,
  });
}

/** While an appeal is being recorded: what already exists that looks the same. */
export async function similarToDraft(
  ctx: AppContext,
  meta: RequestMeta,
  draft: { enterpriseId?: string | undefined; title: string; content: string },
) {
  const actor = meta.actor;
  if (!actor) throw new AppError('auth.unauthenticated');
  if (draft.title.length + draft.content.length < 2 && !draft.enterpriseId) return [];
  return findSimilar(ctx, actor, {
    id: null,
    enterpriseId: draft.enterpriseId ?? actor.enterpriseId,
    title: draft.title,
    content: draft.content,
  });
}
