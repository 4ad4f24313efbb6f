import type { HandlingTier, TierRoute } from '@f2f/contract';

export interface TierProposal {
  tierCode: string | null;
  reason: { zh: string; en: string };
}

/**
 * Proposes a handling tier from what is known about an appeal: a category the administrator tied
 * to a tier (clear policy → immediate answer); otherwise the number of units involved — one unit,
 * several units, or many (three or more, or a common issue) for the leaders. The office decides.
 */
export function proposeTier(
  tiers: readonly HandlingTier[],
  appeal: {
    category: string;
    categoryName: { nameZh: string; nameEn: string };
    commonIssueId: string | null;
  },
  unitCount: number,
): TierProposal {
  const active = tiers.filter((t) => t.active);
  const byCategory = active.find((t) => t.categories.includes(appeal.category));
  if (byCategory) {
    return {
      tierCode: byCategory.code,
      reason: {
        zh: `“${appeal.categoryName.nameZh}”类诉求按分级标准适用“${byCategory.nameZh}”`,
        en: `${appeal.categoryName.nameEn} appeals are tied to “${byCategory.nameEn}”`,
      },
    };
  }
  let route: TierRoute;
  let reason: { zh: string; en: string };
  if (appeal.commonIssueId !== null || unitCount >= 3) {
    route = 'leadersMeeting';
    reason =
      appeal.commonIssueId !== null
        ? { zh: '属于共性问题，需市领导协调', en: 'Part of a common issue: needs the leaders' }
        : {
            zh: `涉及 ${unitCount} 个单位，需市领导协调`,
            en: `Involves ${unitCount} units: needs the leaders`,
          };
  } else if (unitCount === 2) {
    route = 'multiUnit';
    reason = { zh: '涉及 2 个单位，需会商办理', en: 'Involves 2 units: consultation' };
  } else {
    route = 'singleUnit';
    reason =
      unitCount === 1
        ? { zh: '涉及 1 个单位', en: 'Involves one unit' }
        : { zh: '尚未征求单位意见，暂按单一部门办理', en: 'No unit asked yet: one unit for now' };
  }
  const tier = active.find((t) => t.route === route);
  return tier
    ? { tierCode: tier.code, reason }
    : { tierCode: null, reason: { zh: `${reason.zh}（未配置对应层级）`, en: `${reason.en} (no such tier)` } };
}
