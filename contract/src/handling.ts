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
  status: z.enum(['pending', 'accepted', 'returned', 'reported', 'closed']),
  dueDate: IsoDate,
  acceptDueDate: IsoDate,
  workingDaysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  assignedAt: Instant,
});
