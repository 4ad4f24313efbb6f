import { z } from 'zod';
import { Id, Instant, IsoDate } from './common.ts';
import type { Label } from './labels.ts';

/**
 * How an appeal of a tier is handled (分级办理). Administrators name the tiers and their deadlines;
 * the route is one of these four, because the system acts on it.
 */
export const tierRoutes = ['immediate', 'singleUnit', 'multiUnit', 'leadersMeeting'] as const;
export type TierRoute = (typeof tierRoutes)[number];
export const tierRouteLabels: Record<TierRoute, Label> = {
  immediate: { zh: '即时答复（政策明确）', en: 'Immediate answer (clear policy)' },
  singleUnit: { zh: '单一部门办理', en: 'One unit handles it' },
  multiUnit: { zh: '多部门会商办理', en: 'Several units, with consultation' },
  leadersMeeting: { zh: '提交市领导“面对面”活动研究', en: 'For the leaders at a Face-to-Face event' },
};

export const HandlingTier = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  route: z.enum(tierRoutes),
  deadlineWorkingDays: z.number().int().describe('Working days the handling unit has'),
  categories: z
    .array(z.string())
    .describe('Appeal categories this tier is proposed for (used with the immediate route)'),
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type HandlingTier = z.infer<typeof HandlingTier>;

const TierFields = {
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(60),
  route: z.enum(tierRoutes),
  deadlineWorkingDays: z.number().int().min(1).max(250),
  categories: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  description: z.string().trim().max(500).nullable().optional(),
  sortOrder: z.number().int().min(0).max(10000).default(100),
  active: z.boolean().default(true),
};

export const HandlingTierInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9]{1,29}$/, 'letters and digits, starting with a letter'),
  ...TierFields,
});

/** Only the fields sent change. */
export const UpdateHandlingTierInput = z.object({
  nameZh: TierFields.nameZh.optional(),
  nameEn: TierFields.nameEn.optional(),
  route: TierFields.route.optional(),
  deadlineWorkingDays: TierFields.deadlineWorkingDays.optional(),
  categories: z.array(z.string().trim().min(1).max(30)).max(30).optional(),
  description: TierFields.description,
  sortOrder: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
});

export const TierProposal = z.object({
  tierCode: z.string().nullable(),
  reason: z.object({ zh: z.string(), en: z.string() }).describe('Why this tier is proposed'),
});

export const verificationRequestStatuses = ['open', 'answered', 'withdrawn'] as const;
export const verificationRequestStatusLabels: Record<(typeof verificationRequestStatuses)[number], Label> = {
  open: { zh: '待答复', en: 'Awaiting answer' },
  answered: { zh: '已答复', en: 'Answered' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const VerificationRequest = z.object({
  id: Id,
  appealId: Id,
  appealNumber: z.string(),
  appealTitle: z.string(),
  enterpriseName: z.string(),
  unitId: Id,
  unitName: z.string(),
  question: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: Instant,
  dueDate: IsoDate,
  status: z.enum(verificationRequestStatuses),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: Instant.nullable(),
  overdue: z.boolean().describe('Still open after its due date'),
  workingDaysLeft: z
    .number()
    .int()
    .nullable()
    .describe('Working days until due (negative when late); null when closed'),
});
export type VerificationRequest = z.infer<typeof VerificationRequest>;

export const RequestVerificationInput = z.object({
  unitIds: z.array(Id).min(1).max(20).describe('Units asked for their opinion'),
  question: z.string().trim().min(4).max(2000).describe('What the office wants each unit to verify'),
  workingDays: z.number().int().min(1).max(30).default(3).describe('Deadline in working days'),
});

export const AnswerVerificationInput = z.object({
  answer: z.string().trim().min(4).max(5000),
});

export const VerificationRequestQuery = z.object({
  status: z.enum(verificationRequestStatuses).optional(),
  appealId: Id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const AssessAppealInput = z.object({
  assessment: z.string().trim().min(4).max(5000).describe('The office’s preliminary assessment (初步研判)'),
  tierCode: z.string().trim().min(1).max(30),
  version: z.number().int(),
});

export const RejectAppealInput = z.object({
  reason: z.string().trim().min(4).max(2000).describe('Shown to the enterprise'),
  version: z.number().int(),
});

export const HandleDirectlyInput = z.object({
  tierCode: z.string().trim().min(1).max(30).optional().describe('Defaults to the tier already set'),
  version: z.number().int(),
});

export const Statement = z.object({ unitId: Id, statement: z.string().trim().min(1).max(2000) });

export const RecordConsultationInput = z.object({
  date: IsoDate,
  unitIds: z.array(Id).min(2).max(30).describe('Units that took part'),
  statements: z.array(Statement).max(30).default([]).describe('What each unit said'),
  conclusion: z.string().trim().min(4).max(5000),
});

export const Consultation = z.object({
  id: Id,
  appealId: Id,
  date: IsoDate,
  units: z.array(z.object({ id: Id, name: z.string() })),
  statements: z.array(Statement.extend({ unitName: z.string() })),
  conclusion: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: Instant,
});

export const assignmentSources = ['direct', 'ruling', 'reopen'] as const;

export const AssignInput = z.object({
  leadUnitId: Id,
  coUnitIds: z.array(Id).max(20).default([]),
  measures: z.string().trim().min(4).max(5000).describe('What is to be done (办理措施)'),
  dueDate: IsoDate.optional().describe('Defaults to the tier’s working days from today'),
  version: z.number().int(),
});

export const Assignment = z.object({
  id: Id,
  appealId: Id,
  source: z.enum(assignmentSources),
  leadUnitId: Id,
  leadUnitName: z.string(),
  coUnits: z.array(
    z.object({
      id: Id,
      name: z.string(),
      dueDate: IsoDate.nullable().describe('The co-unit’s sub-deadline for its input (协办意见)'),
      inputAt: Instant.nullable().describe('When it first gave its input; null while it has not'),
    }),
  ),
  measures: z.string(),
  dueDate: IsoDate.describe('The deadline now (after any approved extension)'),
  originalDueDate: IsoDate,
  assignedByName: z.string().nullable(),
  assignedAt: Instant,
  status: z.enum(['pending', 'accepted', 'returned', 'reported', 'closed']),
  acceptDueDate: IsoDate.describe('The lead unit accepts (签收) or returns it by this day'),
  acceptedAt: Instant.nullable(),
  returnReason: z.string().nullable(),
});

/** Everything about an appeal's verification, for its page. */
export const AppealVerification = z.object({
  assessment: z.string().nullable(),
  tierCode: z.string().nullable(),
  decisionReason: z.string().nullable(),
  proposal: TierProposal,
  requests: z.array(VerificationRequest),
  consultations: z.array(Consultation),
  assignments: z.array(Assignment),
  event: z
    .object({ id: Id, title: z.string(), date: IsoDate, status: z.string() })
    .nullable()
    .describe('The event whose catalogue holds the appeal (for the office and oversight)'),
});
