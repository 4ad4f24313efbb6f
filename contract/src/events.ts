import { z } from 'zod';
import { Id, Instant, IsoDate } from './common.ts';
import type { Label } from './labels.ts';

/** A Face-to-Face event: the quarterly city event or a county's own (normalised exchanges are `exchanges`). */
export const eventKinds = ['city', 'county'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventKindLabels: Record<EventKind, Label> = {
  city: { zh: '全市季度“面对面”活动', en: 'Quarterly city event' },
  county: { zh: '县（区）“面对面”活动', en: 'County event' },
};

/**
 * The meeting cycle (plan steps 3–6): the office drafts the catalogue, submits it to the government
 * office (due 4 working days before the event), a leader approves the list, the government office
 * issues the notice, the event is held and rulings are recorded, the opinions document is compiled,
 * edited and approved, which creates the assignments.
 */
export const eventStatuses = [
  'drafting',
  'submitted',
  'approved',
  'noticeIssued',
  'opinionsDrafted',
  'opinionsApproved',
] as const;
export type EventStatus = (typeof eventStatuses)[number];
export const eventStatusLabels: Record<EventStatus, Label> = {
  drafting: { zh: '目录起草中', en: 'Drafting the catalogue' },
  submitted: { zh: '目录已报送待审定', en: 'Catalogue submitted for approval' },
  approved: { zh: '清单已审定', en: 'List approved' },
  noticeIssued: { zh: '已印发活动通知', en: 'Notice issued' },
  opinionsDrafted: { zh: '处理意见起草中', en: 'Opinions being drafted' },
  opinionsApproved: { zh: '处理意见已审定并交办', en: 'Opinions approved and assigned' },
};

/** What a person may do to an event now; computed by the server. */
export const eventActions = [
  'editEvent',
  'editCatalogue',
  'submitCatalogue',
  'recordProposal',
  'approveCatalogue',
  'reopenCatalogue',
  'issueNotice',
  'recordRuling',
  'compileOpinions',
  'editOpinions',
  'approveOpinions',
] as const;
export type EventAction = (typeof eventActions)[number];

export const LeaderInput = z.object({
  name: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(40).describe('e.g. 副市长'),
});

export const CreateEventInput = z.object({
  kind: z.enum(eventKinds),
  title: z.string().trim().min(4).max(100).describe('e.g. 2025年第三季度“面对面”政企交流活动'),
  date: IsoDate.describe('The event day; must be a working day'),
  venue: z.string().trim().min(2).max(100),
  regionId: Id.optional().describe('Host region; defaults to the office’s own'),
});

export const UpdateEventInput = z.object({
  title: z.string().trim().min(4).max(100).optional(),
  date: IsoDate.optional(),
  venue: z.string().trim().min(2).max(100).optional(),
  version: z.number().int(),
});

export const CatalogueItem = z.object({
  id: Id,
  sortOrder: z.number().int(),
  appealId: Id,
  appealNumber: z.string(),
  appealTitle: z.string(),
  appealContent: z.string(),
  category: z.string(),
  enterpriseId: Id,
  enterpriseName: z.string(),
  tierCode: z.string().nullable(),
  assessment: z.string().nullable().describe('The office’s verification assessment (dossier)'),
  verificationOpinions: z
    .array(z.object({ unitName: z.string(), answer: z.string() }))
    .describe('Units’ answered verification opinions (dossier)'),
  proposedHandling: z.string().describe('The office’s proposed handling'),
  unitIds: z.array(Id).describe('Units the appeal mainly concerns (for the N of 7+N)'),
  unitNames: z.array(z.string()),
  proposal: z.string().nullable().describe('The deputy leader’s coordination proposal'),
  ruling: z
    .object({
      leadUnitId: Id,
      leadUnitName: z.string(),
      coUnitIds: z.array(Id),
      coUnitNames: z.array(z.string()),
      dueDate: IsoDate,
      measures: z.string(),
      version: z.number().int(),
      updatedByName: z.string().nullable(),
      updatedAt: Instant,
    })
    .nullable(),
  version: z.number().int(),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;

export const EventSummary = z.object({
  id: Id,
  kind: z.enum(eventKinds),
  title: z.string(),
  date: IsoDate,
  venue: z.string(),
  regionId: Id,
  regionName: z.string(),
  status: z.enum(eventStatuses),
  catalogueDueDate: IsoDate.describe('4 working days before the event day'),
  workingDaysToDue: z
    .number()
    .int()
    .nullable()
    .describe('Working days left until the catalogue is due (while drafting)'),
  catalogueLate: z.boolean().describe('Submitted after its due date'),
  itemCount: z.number().int(),
  version: z.number().int(),
});

export const EventDetail = EventSummary.extend({
  catalogueSubmittedAt: Instant.nullable(),
  catalogueRevision: z.number().int().describe('1 for the first approval; +1 for each change after approval'),
  catalogueApprovedAt: Instant.nullable(),
  catalogueApprovedByName: z.string().nullable(),
  leaders: z.array(LeaderInput),
  noticeNumber: z.string().nullable(),
  noticeIssuedAt: Instant.nullable(),
  opinionsPreface: z.string().nullable(),
  opinionsNumber: z.string().nullable(),
  opinionsApprovedAt: Instant.nullable(),
  opinionsApprovedByName: z.string().nullable(),
  standingMembers: z
    .array(z.object({ position: z.string(), personName: z.string(), title: z.string() }))
    .describe('The standing 7 of the task force'),
  nUnits: z
    .array(z.object({ id: Id, name: z.string(), items: z.number().int() }))
    .describe('The N: units the catalogue’s appeals mainly concern, most items first'),
  items: z.array(CatalogueItem),
  history: z.array(
    z.object({
      at: Instant,
      actorName: z.string().nullable(),
      kind: z.string(),
      data: z.unknown().nullable(),
    }),
  ),
  allowedActions: z.array(z.enum(eventActions)),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EventQuery = z.object({
  status: z.enum(eventStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const AddCatalogueItemsInput = z.object({
  items: z
    .array(
      z.object({
        appealId: Id,
        proposedHandling: z.string().trim().min(2).max(2000),
        unitIds: z.array(Id).min(1).max(10).describe('Units the appeal mainly concerns'),
      }),
    )
    .min(1)
    .max(100),
  version: z.number().int(),
});

export const UpdateCatalogueItemInput = z.object({
  proposedHandling: z.string().trim().min(2).max(2000).optional(),
  unitIds: z.array(Id).min(1).max(10).optional(),
  sortOrder: z.number().int().min(1).max(1000).optional(),
  version: z.number().int(),
});

export const VersionInput = z.object({ version: z.number().int() });

export const ReopenCatalogueInput = z.object({
  reason: z.string().trim().min(4).max(500).describe('Why the approved list changes; kept in the history'),
  version: z.number().int(),
});

export const RecordProposalInput = z.object({
  proposal: z.string().trim().min(2).max(2000),
  version: z.number().int().describe('The item’s version'),
});

export const IssueNoticeInput = z.object({
  leaders: z.array(LeaderInput).min(1).max(20).describe('Attending leaders'),
  noticeNumber: z.string().trim().min(5).max(40).describe('Document number, e.g. 河府办〔2025〕12号'),
  version: z.number().int(),
});

export const RulingInput = z.object({
  leadUnitId: Id,
  coUnitIds: z.array(Id).max(20).default([]),
  dueDate: IsoDate,
  measures: z.string().trim().min(2).max(5000),
  version: z
    .number()
    .int()
    .describe('The ruling’s version as last read; 0 when recording the first ruling on the item'),
});

export const CompileOpinionsInput = z.object({
  preface: z.string().trim().min(4).max(5000),
  opinionsNumber: z.string().trim().min(5).max(40).describe('e.g. 河府办〔2025〕15号'),
  version: z.number().int(),
});

export const EditOpinionsInput = z.object({
  preface: z.string().trim().min(4).max(5000).optional(),
  opinionsNumber: z.string().trim().min(5).max(40).optional(),
  version: z.number().int(),
});

export const Notice = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: Instant,
  readAt: Instant.nullable(),
});

export const NoticeQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
