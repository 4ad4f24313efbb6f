import { z } from 'zod';
import { Id, Instant, IsoDate } from './common.ts';
import type { Label } from './labels.ts';

/** The escalation ladder the supervision office drives, lowest first. */
export const supervisionLevels = [
  'reminder',
  'urge',
  'supervisionNotice',
  'listedSupervision',
  'circular',
] as const;
export type SupervisionLevel = (typeof supervisionLevels)[number];
export const supervisionLevelLabels: Record<SupervisionLevel, Label> = {
  reminder: { zh: '提醒', en: 'Reminder' },
  urge: { zh: '催办', en: 'Urging' },
  supervisionNotice: { zh: '督办单', en: 'Supervision notice' },
  listedSupervision: { zh: '挂牌督办', en: 'Listed supervision' },
  circular: { zh: '通报', en: 'Circular' },
};

/** Warnings computed from the working-day calendar; red ones are overdue. */
export const supervisionWarningKinds = ['dueSoon', 'overdue', 'acceptOverdue', 'stale', 'returned'] as const;
export type SupervisionWarningKind = (typeof supervisionWarningKinds)[number];
export const supervisionWarningLabels: Record<SupervisionWarningKind, Label> = {
  dueSoon: { zh: '临期', en: 'Due soon' },
  overdue: { zh: '逾期', en: 'Overdue' },
  acceptOverdue: { zh: '逾期未签收', en: 'Not accepted in time' },
  stale: { zh: '长期无进展', en: 'No progress' },
  returned: { zh: '多次退回', en: 'Returned repeatedly' },
};

export const SupervisionWarning = z.object({
  kind: z.enum(supervisionWarningKinds),
  level: z.enum(['yellow', 'red']),
  /** The date the warning is raised against: the deadline, the last progress, or the last return. */
  against: IsoDate,
  detail: z.string().describe('A short explanation in Chinese'),
});

export const SupervisionSettings = z.object({
  dueSoonWorkingDays: z.number().int().min(0).max(30).describe('Yellow within this many working days'),
  staleWorkingDays: z.number().int().min(1).max(60).describe('No progress note for this many working days'),
  returnedMoreThan: z.number().int().min(0).max(20).describe('Warn when returned more often than this'),
  answerWorkingDays: z
    .object(
      Object.fromEntries(supervisionLevels.map((l) => [l, z.number().int().min(1).max(60)])) as Record<
        SupervisionLevel,
        z.ZodNumber
      >,
    )
    .describe('Working days the unit has to answer each ladder step'),
  noticeNumberPrefix: z
    .string()
    .trim()
    .min(1)
    .max(12)
    .describe('Issuer code of the supervision notice number, e.g. 河督办 in 河督办〔2026〕3号'),
});
export type SupervisionSettings = z.infer<typeof SupervisionSettings>;

export const SupervisionActionInput = z.object({
  assignmentId: Id,
  level: z.enum(supervisionLevels),
  note: z.string().trim().min(2).max(5000).describe('What the unit is asked to do and answer'),
  answerWorkingDays: z
    .number()
    .int()
    .min(1)
    .max(60)
    .optional()
    .describe('Working days to answer; the configured default of the level when omitted'),
});

export const SupervisionAnswerInput = z.object({
  answer: z.string().trim().min(2).max(5000),
});

export const SupervisionAction = z.object({
  id: Id,
  appealId: Id,
  assignmentId: Id,
  unitId: Id,
  unitName: z.string(),
  level: z.enum(supervisionLevels),
  note: z.string(),
  answerDueDate: IsoDate,
  status: z.enum(['open', 'answered']),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: Instant.nullable(),
  answeredLate: z.boolean().describe('Answered after its day, or still open past it'),
  documentNumber: z.string().nullable().describe('The supervision notice’s number (督办单 only)'),
  createdByName: z.string().nullable(),
  createdAt: Instant,
  canAnswer: z.boolean().describe('Whether the caller may answer it now'),
});

export const AppealSupervision = z.object({
  actions: z.array(SupervisionAction),
  /** Whether the caller may issue a step on this appeal. */
  canIssue: z.boolean(),
});

export const SupervisionWorkspaceItem = z.object({
  assignmentId: Id,
  appealId: Id,
  appealNumber: z.string(),
  appealTitle: z.string(),
  leadUnitId: Id,
  leadUnitName: z.string(),
  regionId: Id,
  regionName: z.string(),
  status: z.enum(['pending', 'accepted']),
  dueDate: IsoDate,
  workingDaysLeft: z.number().int().nullable(),
  warnings: z.array(SupervisionWarning),
  highestLevel: z.enum(supervisionLevels).nullable(),
  nextLevel: z.enum(supervisionLevels).nullable().describe('The step a one-click action proposes'),
  openAction: z
    .object({ id: Id, level: z.enum(supervisionLevels), answerDueDate: IsoDate, late: z.boolean() })
    .nullable(),
  latestNotice: z
    .object({ id: Id, documentNumber: z.string() })
    .nullable()
    .describe('The latest 督办单 on the assignment, to download'),
});

export const SupervisionGroupCount = z.object({
  id: Id,
  name: z.string(),
  red: z.number().int(),
  yellow: z.number().int(),
});

export const SupervisionWorkspace = z.object({
  items: z.array(SupervisionWorkspaceItem),
  byUnit: z.array(SupervisionGroupCount),
  byRegion: z.array(SupervisionGroupCount),
  canIssue: z.boolean(),
  today: IsoDate,
});

export const SupervisionSweepResult = z.object({ raised: z.number().int(), notices: z.number().int() });
