import type { AppealAction, AppealStatus } from '@f2f/contract';

/**
 * The only definition of what may happen to an appeal in which status, and where it goes.
 * `to: null` keeps the status. Nothing else compares statuses to decide what may happen;
 * the policy decides who, this table decides when.
 */
interface Transition {
  from: readonly AppealStatus[];
  to: AppealStatus | null;
}

/** Moves made by the event cycle on the appeals of its catalogue, never offered as buttons. */
export type EventAppealMove = 'takeOffCatalogue' | 'assignByRuling';

export const appealWorkflow: Record<AppealAction | EventAppealMove, Transition> = {
  edit: { from: ['pooled'], to: null },
  addAttachment: { from: ['pooled', 'verifying'], to: null },
  groupIntoCommonIssue: { from: ['pooled', 'verifying'], to: null },
  removeFromCommonIssue: { from: ['pooled', 'verifying'], to: null },
  // Verification (核实): the office asks units for their opinion, assesses, may convene a consultation.
  requestVerification: { from: ['pooled', 'verifying'], to: 'verifying' },
  assess: { from: ['pooled', 'verifying'], to: null },
  recordConsultation: { from: ['pooled', 'verifying', 'toAssign', 'catalogued'], to: null },
  // The decision: not accepted, or handled directly (normalised channel) and then assigned.
  reject: { from: ['pooled', 'verifying'], to: 'notAccepted' },
  handleDirectly: { from: ['pooled', 'verifying'], to: 'toAssign' },
  assign: { from: ['toAssign'], to: 'assigned' },
  // Or it goes on an event's catalogue for the leaders; the approved opinions document assigns it.
  putOnCatalogue: { from: ['pooled', 'verifying'], to: 'catalogued' },
  takeOffCatalogue: { from: ['catalogued'], to: 'pooled' },
  assignByRuling: { from: ['catalogued'], to: 'assigned' },
  // County ↔ city: a county office escalates its appeal to the city (上报市级), the city office hands one
  // down to a county (交县区办理). Only before it is assigned: until then the receiving office decides
  // everything afresh, with the history, verification requests and their deadlines kept as they are.
  // On a catalogue the event's level owns it; once assigned, the level that assigned it sees it to closure.
  escalate: { from: ['pooled', 'verifying', 'toAssign'], to: null },
  handDown: { from: ['pooled', 'verifying', 'toAssign'], to: null },
  // Handling (办理): the lead unit accepts or returns; progress, co-unit input and extensions while in
  // progress; the reply and the completion report; the office closes or sends it back.
  accept: { from: ['assigned'], to: 'inProgress' },
  returnAssignment: { from: ['assigned'], to: 'toAssign' },
  addProgress: { from: ['inProgress'], to: null },
  addCoInput: { from: ['inProgress'], to: null },
  requestExtension: { from: ['inProgress'], to: null },
  decideExtension: { from: ['inProgress', 'completionReported'], to: null },
  reportCompletion: { from: ['inProgress'], to: 'completionReported' },
  close: { from: ['completionReported'], to: 'closed' },
  sendBack: { from: ['completionReported'], to: 'inProgress' },
  // After closure: the enterprise rates each unit; a dissatisfied rating is reopened (重办, back to
  // the unit for acceptance) or explained to a leader; the office records its follow-up visit (回访).
  rate: { from: ['closed'], to: null },
  reopen: { from: ['closed'], to: 'assigned' },
  explainDissatisfaction: { from: ['closed'], to: null },
  approveExplanation: { from: ['closed'], to: null },
  recordFollowUp: { from: ['closed'], to: null },
};

/** The status every new appeal starts in: it has reached the task-force office's pool. */
export const initialAppealStatus: AppealStatus = 'pooled';

export function workflowAllows(action: AppealAction | EventAppealMove, status: AppealStatus): boolean {
  return appealWorkflow[action].from.includes(status);
}

/** The status after `action`, or null when the workflow does not allow it from `status`. */
export function nextStatus(
  action: AppealAction | EventAppealMove,
  status: AppealStatus,
): AppealStatus | null {
  if (!workflowAllows(action, status)) return null;
  return appealWorkflow[action].to ?? status;
}
