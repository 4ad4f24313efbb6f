import { z } from 'zod';
import { Id, Instant, IsoDate } from './common.ts';
import type { Label } from './labels.ts';

export const assignmentStatusLabels: Record<
  'pending' | 'accepted' | 'returned' | 'reported' | 'closed',
  Label
> = {
  pending: { zh: '待签收', en: 'Awaiting acceptance' },
  accepted: { zh: '办理中', en: 'Accepted, in progress' },
  returned: { zh: '已退回', en: 'Returned' },
  reported: { zh: '已报办结', en: 'Completion reported' },
  closed: { zh: '已办结', en: 'Closed' },
};

export const handlingNoteKinds = ['progress', 'contact', 'coInput'] as const;
export const handlingNoteKindLabels: Record<(typeof handlingNoteKinds)[number], Label> = {
  progress: { zh: '办理进展', en: 'Progress' },
  contact: { zh: '联系企业', en: 'Contact with the enterprise' },
  coInput: { zh: '协办意见', en: 'Co-unit input' },
};
export const contactWays = ['phone', 'visit', 'meeting', 'online', 'letter'] as const;
export const contactWayLabels: Record<(typeof contactWays)[number], Label> = {
  phone: { zh: '电话', en: 'Phone' },
  visit: { zh: '上门走访', en: 'Visit' },
  meeting: { zh: '座谈', en: 'Meeting' },
  online: { zh: '线上', en: 'Online' },
  letter: { zh: '书面', en: 'In writing' },
};

export const ReturnAssignmentInput = z.object({
  reason: z.string().trim().min(4).max(2000).describe('Why this unit is not the one to handle it'),
  version: z.number().int(),
});

export const AcceptAssignmentInput = z.object({ version: z.number().int() });

export const ProgressInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), content: z.string().trim().min(2).max(5000) }),
  z.object({
    kind: z.literal('contact'),
    content: z.string().trim().min(2).max(5000),
    contactDate: IsoDate,
    contactWay: z.enum(contactWays),
    contactPerson: z.string().trim().min(1).max(40).describe('Whom at the enterprise'),
  }),
]);

export const CoInputInput = z.object({
  content: z.string().trim().min(2).max(5000).describe('The co-unit’s input for the lead unit’s reply'),
});

export const ExtensionRequestInput = z.object({
  newDueDate: IsoDate,
  reason: z.string().trim().min(4).max(2000),
});

export const ExtensionDecisionInput = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});

export const ReportCompletionInput = z.object({
  reply: z.string().trim().min(10).max(10000).describe('The reply to the enterprise'),
  policyBasis: z.string().trim().max(2000).optional().describe('The policy it rests on'),
  version: z.number().int(),
});

export const ReviewInput = z.object({ version: z.number().int() });

export const SendBackInput = z.object({
  reason: z.string().trim().min(4).max(2000),
  version: z.number().int(),
});

export const HandlingNote = z.object({
  id: Id,
  kind: z.enum(handlingNoteKinds),
  unitName: z.string(),
  authorName: z.string().nullable(),
  at: Instant,
  content: z.string(),
  contactDate: IsoDate.nullable(),
  contactWay: z.enum(contactWays).nullable(),
  contactPerson: z.string().nullable(),
});

export const ExtensionRequest = z.object({
  id: Id,
  assignmentId: Id,
  requestedDueDate: IsoDate,
  previousDueDate: IsoDate,
  reason: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: Instant,
  status: z.enum(['pending', 'approved', 'refused']),
  decidedByName: z.string().nullable(),
  decidedAt: Instant.nullable(),
  note: z.string().nullable(),
});

export const Reply = z.object({
  id: Id,
  assignmentId: Id,
  unitName: z.string(),
  content: z.string(),
  policyBasis: z.string().nullable(),
  authorName: z.string().nullable(),
  at: Instant,
  outcome: z.enum(['pending', 'accepted', 'sentBack']).describe('The office’s review'),
  reviewNote: z.string().nullable(),
});

export const AppealHandling = z.object({
  notes: z.array(HandlingNote),
  extensions: z.array(ExtensionRequest),
  replies: z.array(Reply),
  returnCount: z.number().int().describe('Times a lead unit returned the appeal'),
  workingDaysLeft: z
    .number()
    .int()
    .nullable()
    .describe('Until the active assignment’s deadline; negative when late'),
});

export const AssignmentQuery = z.object({
  status: z.enum(['pending', 'accepted', 'returned', 'reported', 'closed']).optional(),
  role: z.enum(['lead', 'co']).optional().describe('My unit as lead or co-unit'),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const AssignmentListItem = z.object({
  id: Id,
  appealId: Id,
  appealNumber: z.string(),
  appealTitle: z.string(),
  enterpriseName: z.string(),
  leadUnitId: Id,
  leadUnitName: z.string(),
  myRole: z.enum(['lead', 'co']).nullable(),
  myDueDate: IsoDate.nullable().describe('For a co-unit: its own sub-deadline for its input (协办意见)'),
  status: z.enum(['pending', 'accepted', 'returned', 'reported', 'closed']),
  dueDate: IsoDate,
  acceptDueDate: IsoDate,
  workingDaysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  acceptOverdue: z.boolean().describe('Still not accepted after its acceptance day'),
  assignedAt: Instant,
});

/** The enterprise rates each handling unit after closure (满意 / 基本满意 / 不满意). */
export const ratingValues = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export const ratingValueLabels: Record<(typeof ratingValues)[number], Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basicallySatisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};
export const dissatisfactionReasons = ['notSolved', 'slow', 'attitude', 'notContacted', 'other'] as const;
export const dissatisfactionReasonLabels: Record<(typeof dissatisfactionReasons)[number], Label> = {
  notSolved: { zh: '问题未解决', en: 'Not solved' },
  slow: { zh: '办理不及时', en: 'Too slow' },
  attitude: { zh: '服务态度差', en: 'Poor attitude' },
  notContacted: { zh: '未与企业沟通', en: 'Never contacted us' },
  other: { zh: '其他', en: 'Other' },
};
export const ratingStatuses = ['requested', 'given', 'notGiven'] as const;
export const ratingStatusLabels: Record<(typeof ratingStatuses)[number], Label> = {
  requested: { zh: '待评价', en: 'Awaiting rating' },
  given: { zh: '已评价', en: 'Rated' },
  notGiven: { zh: '逾期未评价', en: 'Not given in time' },
};

export const Rating = z.object({
  id: Id,
  assignmentId: Id,
  unitId: Id,
  unitName: z.string(),
  role: z.enum(['lead', 'co']),
  round: z.number().int().describe('0 for the first handling, 1 after the first reopening, …'),
  status: z.enum(ratingStatuses),
  dueDate: IsoDate.describe('After this day the rating is recorded as not given (never invented)'),
  value: z.enum(ratingValues).nullable(),
  reason: z.enum(dissatisfactionReasons).nullable(),
  comment: z.string().nullable(),
  ratedAt: Instant.nullable(),
  remindedAt: Instant.nullable(),
  decision: z
    .enum(['reopen', 'explanation'])
    .nullable()
    .describe('The office’s decision on a dissatisfied rating'),
  explanation: z.string().nullable(),
  explanationStatus: z.enum(['pending', 'approved', 'refused']).nullable(),
  excludedFromScore: z.boolean().describe('Only with a leader’s approval of the explanation'),
});

export const RateInput = z
  .object({
    value: z.enum(ratingValues),
    reason: z.enum(dissatisfactionReasons).optional().describe('Required when dissatisfied'),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.value !== 'dissatisfied' || v.reason !== undefined, {
    message: 'a reason is required when dissatisfied',
    path: ['reason'],
  });

export const ReopenInput = z.object({
  ratingId: Id,
  dueDate: IsoDate.optional().describe('Defaults to the tier’s working days from today'),
  measures: z.string().trim().min(4).max(5000).describe('What the unit must do this time'),
  version: z.number().int(),
});

export const ExplainInput = z.object({
  explanation: z.string().trim().min(10).max(5000),
});

export const ApproveExplanationInput = z.object({ approve: z.boolean() });

export const FollowUpInput = z.object({
  date: IsoDate,
  way: z.enum(contactWays),
  outcome: z.string().trim().min(4).max(5000).describe('What the enterprise said (回访结果)'),
});

export const FollowUp = FollowUpInput.extend({
  id: Id,
  recordedByName: z.string().nullable(),
  recordedAt: Instant,
});

export const AppealRatings = z.object({
  ratings: z.array(Rating),
  reopenRound: z.number().int(),
  reopenCap: z.number().int(),
  followUps: z.array(FollowUp),
});
