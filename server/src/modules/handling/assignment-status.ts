import type { assignmentStatusLabels } from '@f2f/contract';

/**
 * An assignment's states, named once. The appeal's own states move through appeal-workflow.ts; an
 * assignment's are simpler (pending → accepted → reported → closed, or returned), and these groups are
 * what the lists, the dashboard, the supervision workspace and the reports count. Migration 0016 keeps
 * its own copy of OPEN (migrations are frozen and import nothing from the app).
 */
export type AssignmentStatus = keyof typeof assignmentStatusLabels;

/** Being worked on by the unit: awaiting acceptance or accepted. Overdue is counted over these. */
export const OPEN_ASSIGNMENT_STATUSES = [
  'pending',
  'accepted',
] as const satisfies readonly AssignmentStatus[];

/** Not finished: being worked on, or reported and awaiting the office's closure. */
export const UNFINISHED_ASSIGNMENT_STATUSES = [
  'pending',
  'accepted',
  'reported',
] as const satisfies readonly AssignmentStatus[];
