import { z } from 'zod';
import { AppealListItem, appealChannels, appealStatuses, Exchange } from './appeals.ts';
import { Enterprise, EnterpriseAccount, EnterpriseContact, ProjectStageRecord } from './enterprises.ts';

// Kept apart from enterprises.ts: appeals.ts imports enterprises.ts, so the view that joins both lives here.

export const OVERVIEW_APPEAL_LIMIT = 200;

const Count = z.number().int();

export const EnterpriseOverview = z
  .object({
    enterprise: Enterprise,
    appeals: z
      .array(AppealListItem)
      .describe(
        `Newest first, at most ${OVERVIEW_APPEAL_LIMIT}; GET /api/appeals?enterpriseId= pages through all`,
      ),
    appealTotal: Count.describe('All appeals of the enterprise that you may see'),
    counts: z.object({
      byStatus: z.array(z.object({ status: z.enum(appealStatuses), count: Count })),
      byCategory: z.array(z.object({ category: z.string(), count: Count })),
      byChannel: z.array(z.object({ channel: z.enum(appealChannels), count: Count })),
    }),
    exchanges: z
      .array(Exchange.extend({ appealCount: Count }))
      .describe('The meetings and contacts at which it raised appeals you may see, newest first'),
    stages: z.array(ProjectStageRecord),
    contacts: z.array(EnterpriseContact),
    accounts: z
      .array(EnterpriseAccount)
      .nullable()
      .describe('Its sign-in accounts; null unless you are the task-force office or an administrator'),
  })
  .describe('Enterprise 360°: the enterprise with everything you may see about it');
export type EnterpriseOverview = z.infer<typeof EnterpriseOverview>;
