import { z } from 'zod';
import { Id, Instant, IsoDate, paged } from './common.ts';
import { enterpriseFlags } from './enterprises.ts';
import type { Label } from './labels.ts';

/** How an appeal reached the system. The collecting unit tells NPC office from CPPCC office, and so on. */
export const appealChannels = [
  'online',
  'collector',
  'yueshangtong',
  'phone',
  'breakfast',
  'dinner',
  'visit',
  'event',
] as const;
export type AppealChannel = (typeof appealChannels)[number];
export const appealChannelLabels: Record<AppealChannel, Label> = {
  online: { zh: '企业在线提交', en: 'Submitted online by the enterprise' },
  collector: { zh: '单位收集', en: 'Gathered by a collecting unit' },
  yueshangtong: { zh: '粤商通', en: 'Yueshangtong platform' },
  phone: { zh: '电话', en: 'Phone call' },
  breakfast: { zh: '早餐会', en: 'Breakfast meeting' },
  dinner: { zh: '晚餐会', en: 'Dinner meeting' },
  visit: { zh: '走访调研', en: 'Visit and survey' },
  event: { zh: '“面对面”活动现场', en: 'At a Face-to-Face event' },
};
/** Channels that are a meeting or contact, recorded as a lightweight exchange event. */
export const exchangeChannels = ['phone', 'breakfast', 'dinner', 'visit'] as const;

/** Statuses an appeal can have; the workflow table in the server decides the moves between them. */
export const appealStatuses = [
  'pooled',
  'verifying',
  'notAccepted',
  'toAssign',
  'catalogued',
  'assigned',
  'inProgress',
  'completionReported',
  'closed',
] as const;
export type AppealStatus = (typeof appealStatuses)[number];
export const appealStatusLabels: Record<AppealStatus, Label> = {
  pooled: { zh: '已汇总待核实', en: 'Pooled, awaiting verification' },
  verifying: { zh: '核实中', en: 'Being verified' },
  notAccepted: { zh: '不予受理', en: 'Not accepted' },
  toAssign: { zh: '待交办', en: 'To be assigned' },
  catalogued: { zh: '已列入活动问题目录', en: 'On an event’s catalogue' },
  assigned: { zh: '已交办待签收', en: 'Assigned, awaiting acceptance' },
  inProgress: { zh: '办理中', en: 'In progress' },
  completionReported: { zh: '已报办结待审核', en: 'Completion reported, under review' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** The pool's level filter: what my level handles now, or everything I may see (the city's roll-up). */
export const appealLevels = ['mine', 'all'] as const;
export type AppealLevel = (typeof appealLevels)[number];

/** The two moves between levels: a county escalates to the city (上报市级), the city hands down (交县区办理). */
export const levelMoveDirections = ['escalate', 'handDown'] as const;
export type LevelMoveDirection = (typeof levelMoveDirections)[number];
export const levelMoveDirectionLabels: Record<LevelMoveDirection, Label> = {
  escalate: { zh: '上报市级', en: 'Escalated to the city' },
  handDown: { zh: '交县区办理', en: 'Handed down to a county' },
};

export const LevelReason = z.string().trim().min(4).max(1000).describe('Why it moves, 4–1,000 characters');

export const EscalateInput = z
  .object({ reason: LevelReason, version: z.number().int() })
  .describe('The county office moves its own appeal to the city');

export const HandDownInput = z
  .object({
    regionId: Id.describe('The county that will handle it (one with its own task-force office)'),
    reason: LevelReason,
    version: z.number().int(),
  })
  .describe('The city office moves a city-level appeal to a county');

export const LevelMove = z.object({
  id: Id,
  direction: z.enum(levelMoveDirections),
  fromRegionId: Id,
  fromRegionName: z.string(),
  toRegionId: Id,
  toRegionName: z.string(),
  status: z.enum(appealStatuses).describe('The appeal’s status when it moved'),
  reason: z.string(),
  movedByName: z.string().nullable(),
  movedAt: Instant,
});

export const AppealLevels = z.object({
  handlingRegionId: Id,
  handlingRegionName: z.string(),
  moves: z.array(LevelMove).describe('Oldest first'),
  handDownTargets: z
    .array(z.object({ id: Id, name: z.string() }))
    .describe('Counties with their own task-force office it could be handed down to (empty unless you may)'),
});

/** What a person may do to an appeal now; the server computes it, the interface shows exactly these. */
export const appealActions = [
  'edit',
  'addAttachment',
  'groupIntoCommonIssue',
  'removeFromCommonIssue',
  'requestVerification',
  'assess',
  'recordConsultation',
  'reject',
  'handleDirectly',
  'assign',
  'putOnCatalogue',
  'escalate',
  'handDown',
  'accept',
  'returnAssignment',
  'addProgress',
  'addCoInput',
  'requestExtension',
  'decideExtension',
  'reportCompletion',
  'close',
  'sendBack',
  'rate',
  'reopen',
  'explainDissatisfaction',
  'approveExplanation',
  'recordFollowUp',
] as const;
export type AppealAction = (typeof appealActions)[number];

export const AppealCategory = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type AppealCategory = z.infer<typeof AppealCategory>;

export const AppealCategoryInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9]{1,29}$/, 'letters and digits, starting with a letter'),
  nameZh: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(40),
  sortOrder: z.number().int().min(0).max(10000).default(100),
  active: z.boolean().default(true),
});

/** Only the fields sent change: renaming never reactivates a retired category by accident. */
export const UpdateAppealCategoryInput = z.object({
  nameZh: z.string().trim().min(1).max(20).optional(),
  nameEn: z.string().trim().min(1).max(40).optional(),
  sortOrder: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
});

export const AppealTitle = z.string().trim().min(4).max(100).describe('4–100 characters');
export const AppealContent = z.string().trim().min(10).max(5000).describe('10–5,000 characters');

export const AppealAttachment = z.object({
  id: Id,
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  uploadedAt: Instant,
  uploadedByName: z.string().nullable(),
});

export const Appeal = z.object({
  id: Id,
  number: z.string().describe('Human number, e.g. HY-2025-00042'),
  enterpriseId: Id,
  enterpriseName: z.string(),
  creditCode: z.string(),
  regionId: Id,
  regionName: z.string(),
  handlingRegionId: Id.describe('The level whose task-force office runs it now: the county or the city'),
  handlingRegionName: z.string(),
  title: z.string(),
  content: z.string(),
  category: z.string(),
  channel: z.enum(appealChannels),
  collectingUnitId: Id.nullable(),
  collectingUnitName: z.string().nullable(),
  recordedById: Id.nullable(),
  recordedByName: z.string().nullable(),
  exchangeId: Id.nullable().describe('The meeting or contact (exchange) it was raised at'),
  commonIssueId: Id.nullable(),
  commonIssueTitle: z.string().nullable(),
  status: z.enum(appealStatuses),
  tierCode: z.string().nullable().describe('Handling tier (分级办理), set by the office'),
  decisionReason: z.string().nullable().describe('Why it was not accepted; the enterprise sees it'),
  submittedAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
  attachments: z.array(AppealAttachment),
  allowedActions: z.array(z.enum(appealActions)),
});
export type Appeal = z.infer<typeof Appeal>;

export const AppealListItem = Appeal.pick({
  id: true,
  number: true,
  enterpriseId: true,
  enterpriseName: true,
  regionId: true,
  regionName: true,
  handlingRegionId: true,
  handlingRegionName: true,
  title: true,
  category: true,
  channel: true,
  collectingUnitId: true,
  collectingUnitName: true,
  commonIssueId: true,
  status: true,
  tierCode: true,
  submittedAt: true,
});
export type AppealListItem = z.infer<typeof AppealListItem>;

/** A page of the pool. Past a thousand matches a count is "more than" unless the aggregates know it exactly. */
export const AppealPage = paged(AppealListItem).extend({
  totalIsLowerBound: z
    .boolean()
    .describe('true: at least `total` appeals match (the count stopped there); false: exactly `total`'),
});
export type AppealPage = z.infer<typeof AppealPage>;

export const TimelineEntry = z.object({
  id: Id,
  at: Instant,
  actorName: z.string().nullable(),
  kind: z
    .string()
    .describe(
      'created, edited, attachmentAdded, grouped, ungrouped, verificationRequested, verificationAnswered, assessed, ' +
        'consulted, rejected, handledDirectly, catalogued, uncatalogued, assigned, accepted, returned, progress, contacted, ' +
        'coInput, extensionRequested, extensionApproved, extensionRefused, completionReported, sentBack, closed, rated, ' +
        'reopened, explained, explanationApproved, explanationRefused, followedUp, escalated, handedDown, supervised, supervisionAnswered',
    ),
  data: z.unknown().nullable().describe('For edits: {field: {from, to}}'),
});

export const AppealDetail = Appeal.extend({ timeline: z.array(TimelineEntry) });

const AppealFields = {
  title: AppealTitle,
  content: AppealContent,
  category: z.string().trim().min(1).max(30).describe('A category code from GET /api/appeal-categories'),
};

export const SubmitAppealInput = z.object(AppealFields).describe('An enterprise submits its own appeal');

export const RecordAppealInput = z.object({
  ...AppealFields,
  enterpriseId: Id,
  channel: z.enum(appealChannels).describe('How it was gathered'),
  collectingUnitId: Id.optional().describe('Defaults to the recorder’s unit'),
});
export type RecordAppealInput = z.infer<typeof RecordAppealInput>;

export const ExchangeInput = z.object({
  channel: z.enum(exchangeChannels),
  date: IsoDate,
  title: z.string().trim().min(2).max(100).describe('e.g. 东源县企业早餐会'),
  venue: z.string().trim().max(100).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});

export const RecordExchangeInput = z
  .object({
    exchange: ExchangeInput,
    appeals: z
      .array(z.object({ ...AppealFields, enterpriseId: Id }))
      .min(1)
      .max(30),
  })
  .describe('One meeting or contact and the appeals raised there, recorded at once');

export const Exchange = ExchangeInput.extend({
  id: Id,
  regionId: Id,
  hostUnitId: Id.nullable(),
  createdAt: Instant,
});

export const UpdateAppealInput = z.object({
  title: AppealTitle.optional(),
  content: AppealContent.optional(),
  category: z.string().trim().min(1).max(30).optional(),
  version: z.number().int(),
});

export const appealSorts = ['submittedAt', 'number', 'enterpriseName', 'category'] as const;

export const assignmentStatusFilters = ['any', 'open', 'closed', 'returned'] as const;
export const ratingFilters = ['satisfied', 'dissatisfied'] as const;

/**
 * The pool's filters behind the dashboard's and the rankings' figures (click-through). The assignment
 * conditions (leadUnitId, leadRegionId, assignmentStatus, overdue, onTime) hold for one and the same
 * assignment of the appeal; with rating or supervised, leadUnitId and leadRegionId name the rated or
 * supervised unit instead, unless an assignment condition is given too.
 */
export const AppealFigureFilters = {
  leadUnitId: Id.optional().describe(
    'Appeals with an assignment (not returned, unless assignmentStatus says so) led by this unit',
  ),
  leadRegionId: Id.optional().describe('Like leadUnitId, for any unit of this county'),
  assignmentStatus: z
    .enum(assignmentStatusFilters)
    .optional()
    .describe(
      'With an assignment that is: any (returned too), open (pending, accepted, reported), closed, returned',
    ),
  overdue: z
    .enum(['true'])
    .optional()
    .describe('With an open assignment (pending or accepted) past its due date today (city date)'),
  onTime: z
    .enum(['true', 'false'])
    .optional()
    .describe('With a closed assignment closed by its due date (true) or after it (false)'),
  reopened: z
    .enum(['true', 'false'])
    .optional()
    .describe('Reopened (重办) at least once (true) or never (false)'),
  rating: z
    .enum(ratingFilters)
    .optional()
    .describe(
      'With a rating given and counted in the score: satisfied (satisfied or basically satisfied) or dissatisfied',
    ),
  supervised: z.enum(['true']).optional().describe('With a supervision step taken (催办, 督办单, …)'),
};

export const AppealQuery = z.object({
  q: z.string().trim().min(1).max(50).optional().describe('Full-text search (any length from 2 characters)'),
  channel: z.enum(appealChannels).optional(),
  collectingUnitId: Id.optional(),
  regionId: Id.optional().describe('County (the enterprise’s region)'),
  level: z
    .enum(appealLevels)
    .optional()
    .describe('mine: handled at my level now (本级); all (the default): everything I may see (全市汇总)'),
  category: z.string().max(30).optional(),
  flag: z.enum(enterpriseFlags).optional().describe('Enterprise scale or tag'),
  status: z.enum(appealStatuses).optional(),
  tierCode: z.string().max(30).optional(),
  enterpriseId: Id.optional(),
  commonIssueId: Id.optional(),
  exchangeId: Id.optional(),
  from: IsoDate.optional().describe('Submitted on or after'),
  to: IsoDate.optional().describe('Submitted on or before'),
  ...AppealFigureFilters,
  sort: z.enum(appealSorts).default('submittedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type AppealQuery = z.infer<typeof AppealQuery>;

export const SimilarPreviewInput = z.object({
  enterpriseId: Id.optional(),
  title: z.string().trim().max(100).default(''),
  content: z.string().trim().max(5000).default(''),
});

export const SimilarAppeal = z.object({
  appeal: AppealListItem,
  score: z.number().describe('0–1, higher is more alike'),
  sameEnterprise: z.boolean(),
  sharedTerms: z.array(z.string()),
});

export const CommonIssue = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  regionId: Id,
  createdAt: Instant,
  createdByName: z.string().nullable(),
  appealCount: z.number().int(),
  version: z.number().int(),
});

export const CommonIssueDetail = CommonIssue.extend({ appeals: z.array(AppealListItem) });

export const CreateCommonIssueInput = z.object({
  title: z.string().trim().min(4).max(100),
  description: z.string().trim().max(2000).nullable().optional(),
  appealIds: z
    .array(Id)
    .min(2)
    .max(200)
    .describe('At least two appeals: a common issue groups several sources'),
});

export const AddToCommonIssueInput = z.object({ appealIds: z.array(Id).min(1).max(200) });
