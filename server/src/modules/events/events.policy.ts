import type { EventAction, EventStatus } from '@f2f/contract';
import { eventActions } from '@f2f/contract';
import type { Actor } from '../../context.ts';
import { inRegionScope } from '../appeals/appeals.policy.ts';

/** Who reads the events, their catalogues and accountability views (the office and oversight). */
export const EVENT_READER_ROLES = [
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
] as const;

export interface EventFacts {
  regionId: string;
  status: EventStatus;
}

/**
 * The event cycle's only table of what may happen in which status and who does it, as the plan
 * names them: the office drafts and records, the government office issues and edits, a leader approves.
 */
const rules: Record<EventAction, { from: readonly EventStatus[]; roles: readonly string[] }> = {
  editEvent: { from: ['drafting', 'submitted'], roles: ['taskForceOffice'] },
  editCatalogue: { from: ['drafting', 'submitted'], roles: ['taskForceOffice'] },
  submitCatalogue: { from: ['drafting'], roles: ['taskForceOffice'] },
  // The deputy leader coordinates with the units; the office may write down what was agreed.
  recordProposal: { from: ['submitted'], roles: ['leader', 'taskForceOffice'] },
  approveCatalogue: { from: ['submitted'], roles: ['leader'] },
  // A change after approval goes back for a new approval and leaves a trace.
  reopenCatalogue: { from: ['approved', 'noticeIssued'], roles: ['taskForceOffice'] },
  issueNotice: { from: ['approved'], roles: ['governmentOffice'] },
  // The office's clerk records the rulings live; the government office edits them in the opinions.
  recordRuling: { from: ['noticeIssued', 'opinionsDrafted'], roles: ['taskForceOffice', 'governmentOffice'] },
  compileOpinions: { from: ['noticeIssued'], roles: ['taskForceOffice'] },
  editOpinions: { from: ['opinionsDrafted'], roles: ['governmentOffice'] },
  approveOpinions: { from: ['opinionsDrafted'], roles: ['leader'] },
};

/** Who sees an event: the office, leaders, the government office and the supervision office of its region. */
export function canViewEvent(actor: Actor, event: EventFacts): boolean {
  return (
    actor.roles.some((r) =>
      ['taskForceOffice', 'leader', 'governmentOffice', 'supervisionOffice'].includes(r),
    ) && inRegionScope(actor, event.regionId)
  );
}

export function statusAllows(action: EventAction, status: EventStatus): boolean {
  return rules[action].from.includes(status);
}

export function canDo(actor: Actor, action: EventAction, event: EventFacts): boolean {
  if (!canViewEvent(actor, event) || !statusAllows(action, event.status)) return false;
  // Rulings: the office's clerk at the event; once the opinions are compiled, only the government office edits.
  if (action === 'recordRuling') {
    const role = event.status === 'noticeIssued' ? 'taskForceOffice' : 'governmentOffice';
    return actor.roles.includes(role);
  }
  return rules[action].roles.some((r) => actor.roles.includes(r as Actor['roles'][number]));
}

export function allowedEventActions(actor: Actor, event: EventFacts): EventAction[] {
  return eventActions.filter((a) => canDo(actor, a, event));
}
